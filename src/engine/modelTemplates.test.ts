import { loadPriceBook } from './pricebook/loadPriceBook';
import { loadSettings, mergeSettings, DEFAULT_SETTINGS } from './settings';
import { loadSupportPlans } from './support/loadSupportPlans';
import { loadCustomers } from './customers/loadCustomers';
import { CUSTOMERS_COLUMNS, MODEL_TABLES, PRICE_BOOK_COLUMNS, SETTINGS_COLUMNS, SUPPORT_PLANS_COLUMNS } from './workbookLayout';
import {
  customerRowsForAccounts, defaultSettingsRows, defaultSupportPlanRows, modelColumnFormats, priceBookTemplateRows, PRICE_BOOK_TEMPLATES,
} from './modelTemplates';
import { linesOf, makeLine, makeTable, runLines } from '../../test/engine/fixtures';

describe('modelTemplates', () => {
  test.each(PRICE_BOOK_TEMPLATES)('priceBookTemplateRows(%s) loads through loadPriceBook with no issue at all', (template) => {
    const rows = priceBookTemplateRows(template);
    expect(rows.every((row) => row.length === PRICE_BOOK_COLUMNS.length)).toBe(true);
    const { result, issues } = loadPriceBook(makeTable('PriceBook', [...PRICE_BOOK_COLUMNS], rows));
    expect(issues).toEqual([]);
    expect(result.rules).toHaveLength(rows.length);
  });

  test('the templates price as they say: markup 10%, margin 10% with support at cost, 5% off list', () => {
    const book = (template: (typeof PRICE_BOOK_TEMPLATES)[number]) =>
      loadPriceBook(makeTable('PriceBook', [...PRICE_BOOK_COLUMNS], priceBookTemplateRows(template))).result;
    const ec2 = () => makeLine({ unblendedCost: '90', listCost: '200' });
    const support = () => makeLine({ kind: 'support', productCode: 'AWSSupportBusiness', service: 'AWS Support (Business)', unblendedCost: '30', listCost: '30' });
    expect(linesOf(runLines([ec2(), support()], { priceBook: book('markup') }), '111111111111')).toEqual([
      ['AWS Support (Business)', null, '33', '33.00'],
      ['Amazon Elastic Compute Cloud', null, '99', '99.00'],
    ]);
    expect(linesOf(runLines([ec2(), support()], { priceBook: book('margin-except-support') }), '111111111111')).toEqual([
      ['AWS Support (Business)', null, '30', '30.00'],
      ['Amazon Elastic Compute Cloud', null, '100', '100.00'],
    ]);
    expect(linesOf(runLines([ec2()], { priceBook: book('discount') }), '111111111111')).toEqual([
      ['Amazon Elastic Compute Cloud', null, '190', '190.00'],
    ]);
  });

  test('defaultSettingsRows() are the defaults of DEFAULT_SETTINGS, read back without an issue', () => {
    const { result, issues } = loadSettings(makeTable('Settings', [...SETTINGS_COLUMNS], defaultSettingsRows()));
    expect(issues).toEqual([]);
    expect(mergeSettings(result)).toEqual(DEFAULT_SETTINGS);
  });

  test('defaultSupportPlanRows() are the four built-in plans, with tiers as loadSupportPlans reads them', () => {
    const rows = defaultSupportPlanRows();
    expect(rows.map((r) => r[0])).toEqual(['developer', 'business', 'enterprise-on-ramp', 'enterprise']);
    expect(rows[3]).toEqual(['enterprise', '15000', '0:0.1, 150000:0.07, 500000:0.05, 1000000:0.03', 'customer']);
    expect(loadSupportPlans(makeTable('SupportPlans', [...SUPPORT_PLANS_COLUMNS], rows)).issues).toEqual([]);
  });

  test('customerRowsForAccounts(accounts) names each customer after its account, leading zeros kept', () => {
    const rows = customerRowsForAccounts(['000123456789', '111111111111']);
    expect(rows).toEqual([['000123456789', '000123456789', '', ''], ['111111111111', '111111111111', '', '']]);
    const { result, issues } = loadCustomers(makeTable('Customers', [...CUSTOMERS_COLUMNS], rows));
    expect(issues).toEqual([]);
    expect(result.accounts.get('000123456789')?.customer).toBe('000123456789');
  });

  test('modelColumnFormats(name) makes every column text but the number columns', () => {
    expect(modelColumnFormats('priceBook')).toEqual(MODEL_TABLES.priceBook.columns.map((c) => (c === 'Value' ? null : '@')));
    expect(modelColumnFormats('fxRates')).toEqual(['@', '@', '@', null]);
    expect(modelColumnFormats('supportPlans')).toEqual(['@', null, '@', '@']);
    expect(modelColumnFormats('customers')).toEqual(['@', '@', '@', '@']);
    expect(modelColumnFormats('settings')).toEqual(['@', '@']);
  });
});
