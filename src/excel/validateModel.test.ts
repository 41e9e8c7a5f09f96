import { RecordingExcel } from '../../test/addin/recordingExcel';
import { seedTable } from '../../test/addin/seedTable';
import { MODEL_TABLES } from '../engine/workbookLayout';
import { defaultSettingsRows, defaultSupportPlanRows, priceBookTemplateRows } from '../engine/modelTemplates';
import { setUpModel } from './modelSetup';
import { validateModel } from './validateModel';
import { selectProblem } from './selectProblem';

const PRICE_BOOK = [...MODEL_TABLES.priceBook.columns];

/** A price-book row from the columns it sets. */
const rule = (cells: Record<string, unknown>): unknown[] => PRICE_BOOK.map((column) => cells[column] ?? '');

/** A whole model as a user might have typed it, each table at its place in MODEL_TABLES. */
function workbook(rules: unknown[][] = priceBookTemplateRows('markup')): RecordingExcel {
  const excel = new RecordingExcel(['Sheet1']);
  seedTable(excel, 'PriceBook', 'PriceBook', [PRICE_BOOK, ...rules]);
  seedTable(excel, 'Customers', 'Customers', [['Customer', 'Account', 'SupportPlan', 'Currency'], ['Acme', '000000000001', 'business', 'GBP']], { format: '@' });
  seedTable(excel, 'Settings', 'Settings', [['Setting', 'Value'], ...defaultSettingsRows()], { format: '@' });
  seedTable(excel, 'Settings', 'FxRates', [['Period', 'From', 'To', 'Rate'], ['2023-11', 'USD', 'GBP', 0.79]], { column: 3 });
  seedTable(excel, 'Settings', 'SupportPlans', [['Plan', 'Minimum', 'Tiers', 'Scope'], ...defaultSupportPlanRows()], { column: 8 });
  return excel;
}

/** Replaces one cell of a seeded table (row 0 is the header). */
function setCell(excel: RecordingExcel, table: string, row: number, column: string, value: unknown): void {
  const t = excel.table(table)!;
  const header = excel.tableValues(table)[0];
  t.sheet.cell(t.row + row, t.column + header.indexOf(column)).value = value;
}

describe('validateModel', () => {
  test('validateModel(context) on a good model finds no problem, reading each table in two syncs', async () => {
    const excel = workbook();
    await expect(excel.run((context) => validateModel(context))).resolves.toEqual([]);
    expect(excel.syncs.filter((sync) => sync.ops.length > 0)).toHaveLength(2);
    expect(excel.syncs.flatMap((sync) => sync.ops).every((op) => op.kind === 'load')).toBe(true);
  });

  test('validateModel lists a bad rule, a bad FX rate and a bad setting, each with its sheet, cell and value', async () => {
    const excel = workbook([rule({ Rule: 'ok', Method: 'markup', Value: 0.1 }), rule({ Rule: 'greedy', Method: 'margin', Value: '100%' })]);
    setCell(excel, 'FxRates', 1, 'Rate', -1);
    setCell(excel, 'Settings', 2, 'Value', 'nearest');

    const problems = await excel.run((context) => validateModel(context));
    expect(problems).toEqual([
      {
        code: 'BAD_RULE', severity: 'error', table: 'PriceBook', sheet: 'PriceBook', cell: 'L3', value: '100%',
        message: 'Rule "greedy" (PriceBook line 3): a margin of "100%" must be less than 100%, since price = basis ÷ (1 − margin).',
      },
      {
        code: 'BAD_VALUE', severity: 'error', table: 'Settings', sheet: 'Settings', cell: 'B3', value: 'nearest',
        message: 'Setting rounding "nearest" is not one of half-up, half-even (Settings line 3).',
      },
      {
        code: 'BAD_VALUE', severity: 'error', table: 'FxRates', sheet: 'Settings', cell: 'G2', value: '-1',
        message: 'FX Rate "-1" in FxRates line 2 is not a positive number.',
      },
    ]);
  });

  test('validateModel names sheet rows and cells where the table sits, not rows of the table', async () => {
    const excel = workbook();
    excel.tables.splice(excel.tables.findIndex((t) => t.name === 'Customers'), 1);
    seedTable(excel, 'Clients', 'Customers', [
      ['Notes', 'Customer', 'Account', 'SupportPlan'],
      ['', 'Acme', '000000000001', 'platinum'],
      ['', 'Beta', '42', ''],
    ], { row: 4, column: 1, format: '@' });
    const problems = await excel.run((context) => validateModel(context));
    expect(problems.map(({ code, severity, sheet, cell, value }) => ({ code, severity, sheet, cell, value }))).toEqual([
      { code: 'BAD_VALUE', severity: 'warning', sheet: 'Clients', cell: 'D7', value: '42' },
      { code: 'UNKNOWN_PLAN', severity: 'error', sheet: 'Clients', cell: 'E6', value: 'platinum' },
    ]);
    expect(problems[1].message).toBe('Support plan "platinum" of account 000000000001 (Customers line 6) is not in SupportPlans (developer, business, enterprise-on-ramp, enterprise); the account is treated as having no plan.');
  });

  test('validateModel points a missing column at the header and a missing table at no cell', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    seedTable(excel, 'PriceBook', 'PriceBook', [['Rule', 'Value'], ['r', '10%']], { row: 2 });
    const problems = await excel.run((context) => validateModel(context));
    expect(problems.map(({ code, severity, table, sheet, cell }) => ({ code, severity, table, sheet, cell }))).toEqual([
      { code: 'MISSING_COLUMN', severity: 'error', table: 'PriceBook', sheet: 'PriceBook', cell: 'A3' },
      { code: 'BAD_TABLE', severity: 'warning', table: 'Customers', sheet: null, cell: null },
      { code: 'BAD_TABLE', severity: 'warning', table: 'Settings', sheet: null, cell: null },
      { code: 'BAD_TABLE', severity: 'info', table: 'FxRates', sheet: null, cell: null },
      { code: 'BAD_TABLE', severity: 'info', table: 'SupportPlans', sheet: null, cell: null },
    ]);
    expect(problems[0].message).toBe('PriceBook has no Method column; a price book has the columns Rule, Customer, Account, ProductCode, UsageType, Operation, Region, ChargeKind, BillingEntity, Basis, Method, Value, ValidFrom, ValidTo, Note.');
    expect(problems[1].message).toBe('There is no Excel table named Customers (expected on sheet Customers), so every account is invoiced as its own customer. Set up the model to create it.');
  });

  test('validateModel reads cells as the custom functions do: numbers by their shortest text, ids typed as text exactly', async () => {
    const excel = workbook();
    setCell(excel, 'FxRates', 1, 'Rate', 0.1 + 0.2);
    setCell(excel, 'Customers', 1, 'Account', 12345);
    const problems = await excel.run((context) => validateModel(context));
    expect(problems.map((p) => [p.code, p.cell, p.value])).toEqual([['BAD_VALUE', 'B2', '12345']]);
    expect(problems[0].message).toMatch(/^Account "12345" in Customers line 2 has fewer than 12 digits/);
  });

  test('selectProblem(context, problem) activates the problem’s sheet and selects its cell', async () => {
    const excel = workbook();
    setCell(excel, 'FxRates', 1, 'From', 'usd$');
    const [problem] = await excel.run((context) => validateModel(context));
    expect([problem.sheet, problem.cell, problem.value]).toEqual(['Settings', 'E2', 'usd$']);
    await expect(excel.run((context) => selectProblem(context, problem))).resolves.toBe(true);
    expect(excel.selected).toBe('Settings!E2');
    expect(excel.activeSheet).toBe('Settings');
  });

  test('selectProblem(context, problem) does nothing for a table that does not exist', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    const problems = await excel.run((context) => validateModel(context));
    const syncs = excel.syncs.length;
    await expect(excel.run((context) => selectProblem(context, problems[0]))).resolves.toBe(false);
    expect(excel.syncs.slice(syncs).flatMap((sync) => sync.ops)).toEqual([]);
    expect(excel.selected).toBeNull();
  });

  test('a model that setUpModel made and the user then broke lists the break at its cell', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    await excel.run((context) => setUpModel(context, { template: 'margin-except-support', accounts: ['000000000007'] }));
    setCell(excel, 'SupportPlans', 2, 'Tiers', '0:10%, 5000');
    const problems = await excel.run((context) => validateModel(context));
    expect(problems).toEqual([{
      code: 'BAD_VALUE', severity: 'error', table: 'SupportPlans', sheet: 'Settings', cell: 'K3', value: '0:10%, 5000',
      message: 'Support plan "business" (SupportPlans line 3): tier "5000" is not a from:rate pair such as "10000:7%".',
    }]);
  });
});
