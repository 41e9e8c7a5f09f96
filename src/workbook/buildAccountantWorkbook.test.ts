import { DEFAULT_SETTINGS } from '../engine/settings';
import { makeLine, runLines } from '../../test/engine/fixtures';
import { buildAccountantWorkbook } from './buildAccountantWorkbook';
import type { WorkbookSheet } from './workbookModel';

const HOSTILE = '=HYPERLINK("http://evil.example","click")';

function workbook(rounding: 'half-up' | 'half-even' = 'half-up') {
  const result = runLines([
    makeLine({ unblendedCost: '1.005' }),
    makeLine({ unblendedCost: '0.12', service: HOSTILE, productCode: 'Evil' }),
    makeLine({ unblendedCost: '2', usageType: 'BoxUsage:m5.large' }),
  ], { settings: { rounding } });
  return buildAccountantWorkbook(result, { ...DEFAULT_SETTINGS, rounding }, [], result.issues);
}

function sheet(name: string, rounding?: 'half-up' | 'half-even'): WorkbookSheet {
  const found = workbook(rounding).sheets.find((s) => s.name === name);
  if (!found) throw new Error(`no sheet ${name}`);
  return found;
}

describe('buildAccountantWorkbook', () => {
  test('buildAccountantWorkbook(result with a category holding U+0001) writes U+FFFD and adds one BAD_VALUE warning to issues and Audit', () => {
    const result = runLines([makeLine({ unblendedCost: '1', service: 'Bad\u0001Name' }), makeLine({ unblendedCost: '2' })]);
    const issues = [...result.issues];
    const model = buildAccountantWorkbook(result, DEFAULT_SETTINGS, [], issues);
    const warning = { code: 'BAD_VALUE', severity: 'warning', message: '2 text values held characters a workbook cannot hold; they were replaced with U+FFFD.' };
    expect(issues.slice(result.issues.length)).toEqual([warning]);
    const of = (name: string) => model.sheets.find((s) => s.name === name) as WorkbookSheet;
    expect(of('PriceLines').rows.map((r) => r[3])).toContain('Bad\ufffdName');
    expect(of('Invoice').rows.map((r) => r[4])).toContain('Bad\ufffdName');
    expect(of('Audit').rows.at(-1)?.slice(0, 3)).toEqual(['BAD_VALUE', 'warning', warning.message]);
    const clean = [...result.issues];
    buildAccountantWorkbook(runLines([makeLine({ unblendedCost: '2' })]), DEFAULT_SETTINGS, [], clean);
    expect(clean).toEqual(result.issues);
  });

  test('buildAccountantWorkbook(result, …) gives Lines, Settings, Invoice, Reconcile and Audit, without PriceBook or Customers when no tables are given', () => {
    expect(workbook().sheets.map((s) => s.name)).toEqual(['PriceLines', 'Settings', 'Invoice', 'Reconcile', 'Audit']);
  });

  test('buildAccountantWorkbook(result, …) writes one Lines row per contribution with exact numbers and the exact price as text', () => {
    const lines = sheet('PriceLines');
    expect(lines.columns.map((c) => c.header)).toEqual(['Customer', 'Period', 'Currency', 'Category', 'Account', 'Source', 'Rule', 'Method',
      'Lines', 'Cost', 'SourceCurrency', 'PriceSource', 'FxRate', 'Price', 'PriceExact', 'InvoiceLine']);
    const ec2 = lines.rows.filter((r) => r[3] === 'Amazon Elastic Compute Cloud');
    expect(ec2).toEqual([
      ['111111111111', '2023-11', 'USD', 'Amazon Elastic Compute Cloud', null, 'group', '(none)', 'passthrough',
        { number: '1' }, { number: '1.005' }, 'USD', { number: '1.005' }, { number: '1' }, { number: '1.005' }, '1.005', { number: '2' }],
      ['111111111111', '2023-11', 'USD', 'Amazon Elastic Compute Cloud', null, 'group', '(none)', 'passthrough',
        { number: '1' }, { number: '2' }, 'USD', { number: '2' }, { number: '1' }, { number: '2' }, '2', { number: '2' }],
    ]);
  });

  test('buildAccountantWorkbook(result, …) keeps a hostile category as a string cell in Lines and Invoice, never a formula', () => {
    expect(sheet('PriceLines').rows.find((r) => r[3] === HOSTILE)?.[3]).toBe(HOSTILE);
    const invoiceRow = sheet('Invoice').rows.find((r) => r[4] === HOSTILE);
    expect(invoiceRow?.[4]).toBe(HOSTILE);
    expect(JSON.stringify(sheet('Invoice').rows)).not.toContain('"formula":"=HYPERLINK');
  });

  test('buildAccountantWorkbook(result, …) re-derives each invoice line with SUMIFS on the InvoiceLine number, then Total, PreciseTotal and Residual', () => {
    const invoice = sheet('Invoice');
    expect(invoice.rows.slice(0, 6)).toEqual([
      [{ number: '1' }, '111111111111', '2023-11', 'USD', HOSTILE, null,
        { formula: 'SUMIFS(PriceLines!$N:$N,PriceLines!$P:$P,A2)' }, { formula: 'ROUND(G2,2)', numFmt: '#,##0.00' }],
      [{ number: '2' }, '111111111111', '2023-11', 'USD', 'Amazon Elastic Compute Cloud', null,
        { formula: 'SUMIFS(PriceLines!$N:$N,PriceLines!$P:$P,A3)' }, { formula: 'ROUND(G3,2)', numFmt: '#,##0.00' }],
      [null, '111111111111', '2023-11', 'USD', 'Total', null, null, { formula: 'ROUND(SUM(H2:H3),2)', numFmt: '#,##0.00' }],
      [null, '111111111111', '2023-11', 'USD', 'PreciseTotal', null, { formula: 'SUM(G2:G3)' }, null],
      [null, '111111111111', '2023-11', 'USD', 'Residual', null, null, { formula: 'ROUND(H4-ROUND(G5,2),2)', numFmt: '#,##0.00' }],
      []    ]);
  });

  test('buildAccountantWorkbook(result, half-even) rounds each amount with the exact-half-to-even formula', () => {
    expect(sheet('Invoice', 'half-even').rows[0][7]).toEqual({
      formula: 'IF(ROUND(ABS(G2)*100-TRUNC(ABS(G2)*100),9)=0.5,SIGN(G2)*(TRUNC(ABS(G2)*100)+MOD(TRUNC(ABS(G2)*100),2))/100,ROUND(G2,2))',
      numFmt: '#,##0.00',
    });
  });

  test('buildAccountantWorkbook(result, …) lists the settings on Settings and the rule hits and section headers on Audit', () => {
    expect(sheet('Settings').rows).toContainEqual(['rounding', 'half-up']);
    const audit = sheet('Audit').rows;
    expect(audit[0]).toEqual(['(none)', 'passthrough', null, { number: '3' }, { number: '3.125' }, { number: '3.125' }]);
    expect(audit.filter((r) => r.length > 0 && typeof r[0] === 'string' && ['File', 'CarriedCustomer', 'Code'].includes(r[0])).map((r) => r[0]))
      .toEqual(['File', 'CarriedCustomer', 'Code']);
  });

  test('buildAccountantWorkbook(result, …, inputs) copies the price book and customers tables as text', () => {
    const result = runLines([makeLine({ unblendedCost: '1' })]);
    const table = (source: string) => ({ source, header: ['A', 'B'], rows: [{ line: 2, values: ['+1', '=2'] }, { line: 3, values: ['x'] }] });
    const model = buildAccountantWorkbook(result, DEFAULT_SETTINGS, [], [], { priceBook: table('p.csv'), customers: table('c.csv') });
    expect(model.sheets.map((s) => s.name)).toEqual(['PriceLines', 'PriceBook', 'Customers', 'Settings', 'Invoice', 'Reconcile', 'Audit']);
    expect(model.sheets[1].rows).toEqual([['+1', '=2'], ['x', '']]);
  });
});
