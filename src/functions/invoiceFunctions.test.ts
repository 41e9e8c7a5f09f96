/**
 * DBR.RERATE and DBR.INVOICE called as Excel calls them (2-D arrays with a header row, blanks,
 * numbers and numbers stored as text), and DBR.INVOICE against `rerate invoice --format json` on
 * every golden scenario (test/golden): the same lines, totals and residuals, figure for figure, and
 * the same issue codes and severities — from the lines as readBilling gives them and from
 * `rerate lines --format json`.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';
import { FakeExcelError } from '../../test/addin/fakeCustomFunctions';
import { BILLING_LINES_HEADER } from '../engine';
import { BILLING_LINES_SHADOW_HEADER } from '../engine/lines';
import { GOLDEN, expectedInvoiceRows, jsonIssueKinds, scenarioCells, spilledIssueKinds, type InvoicesJson } from '../../test/helpers/goldenCells';
import { main } from '../cli/main';
import { invoiceOf, rerateLines } from './functions';

async function cells(run: () => Promise<unknown[][]>): Promise<unknown[][]> {
  try {
    return await run();
  } catch (error) {
    return [[error]];
  }
}

/** One BillingLines row from the fields a test cares about (the rest blank). */
function lineRow(fields: Record<string, unknown>): unknown[] {
  return BILLING_LINES_HEADER.map((name) => fields[name] ?? '');
}

const LINES_HEADER = [...BILLING_LINES_HEADER];
const PRICE_BOOK = [
  ['Rule', 'ProductCode', 'Method', 'Value'],
  ['ec2', 'AmazonEC2', 'markup', '25%'],
  ['drop', 'AmazonS3', 'exclude', ''],
];

describe('DBR.RERATE and DBR.INVOICE as Excel calls them', () => {
  const usage = { Period: '2024-03', Account: '111111111111', ChargeKind: 'usage', ProductCode: 'AmazonEC2', Currency: 'USD' };

  test('rerateLines(lines, priceBook) spills Price and Rule per row: numbers and numbers stored as text alike, blanks blank, a bad row in its own row', async () => {
    const result = await rerateLines([
      LINES_HEADER,
      lineRow({ ...usage, UnblendedCost: 10.005 }),
      lineRow({ ...usage, UnblendedCost: '0.10000000000000000001' }),
      BILLING_LINES_HEADER.map(() => ''),
      lineRow({ ...usage, ProductCode: 'AmazonS3', UnblendedCost: '3' }),
      lineRow({ ...usage, UnblendedCost: 'ten' }),
    ], PRICE_BOOK);
    expect(result.slice(0, 5)).toEqual([
      ['Price', 'Rule'],
      [12.50625, 'ec2'],
      [0.125, 'ec2'],
      ['', ''],
      ['', 'excluded by rule drop'],
    ]);
    const [price, rule] = result[5] as FakeExcelError[];
    expect([price.code, rule.code]).toEqual(['#VALUE!', '#VALUE!']);
    expect(price.message).toContain('lines line 6');
    expect(price.message).toContain('"ten"');
  });

  test('rerateLines(lines, priceBook, customers, period) rates as of the period; a missing FX rate is #N/A in its row', async () => {
    const book = [['Rule', 'Method', 'Value', 'ValidFrom'], ['april', 'markup', '50%', '2024-04']];
    const customers = [['Customer', 'Account', 'SupportPlan', 'Currency'], ['Acme', '111111111111', '', 'USD'], ['Bee', '222222222222', '', 'EUR']];
    const lines = [LINES_HEADER, lineRow({ ...usage, UnblendedCost: '2' }), lineRow({ ...usage, Account: '222222222222', UnblendedCost: '2' })];
    expect((await rerateLines(lines, book, customers))[1]).toEqual([2, '(none)']);
    const april = await rerateLines(lines, book, customers, '2024-04');
    expect(april[1]).toEqual([3, 'april']);
    expect((april[2][0] as FakeExcelError).code).toBe('#N/A');
    expect(await cells(() => rerateLines(lines, book, customers, 'April'))).toEqual([[expect.objectContaining({ code: '#VALUE!' })]]);
  });

  test('rerateLines without the required columns, or with an error cell, fails the whole call with #VALUE! naming the argument', async () => {
    const [[missing]] = await cells(() => rerateLines([['Cost'], [1]], PRICE_BOOK)) as FakeExcelError[][];
    expect([missing.code, missing.message]).toEqual(['#VALUE!', expect.stringContaining('Period')]);
    const [[bad]] = await cells(() => rerateLines([LINES_HEADER, lineRow({ ...usage, UnblendedCost: new FakeExcelError('#REF!', '') })], PRICE_BOOK)) as FakeExcelError[][];
    expect([bad.code, bad.message]).toEqual(['#VALUE!', expect.stringContaining('lines row 2')]);
  });

  test('rerateLines and invoiceOf over 25,000 lines yield to Excel between chunks of 10,000 rows, and their figures add up', async () => {
    const lines: unknown[][] = [LINES_HEADER];
    for (let i = 0; i < 25_000; i += 1) lines.push(lineRow({ ...usage, UnblendedCost: String(1 + (i % 4)) }));
    const countTicks = async (run: () => Promise<unknown[][]>): Promise<{ ticks: number; result: unknown[][] }> => {
      let ticks = 0;
      let running = true;
      const tick = () => { ticks += 1; if (running) setTimeout(tick, 0); };
      setTimeout(tick, 0);
      const result = await run();
      running = false;
      return { ticks, result };
    };
    const rated = await countTicks(() => rerateLines(lines, PRICE_BOOK));
    // 2 yields between the 3 chunks of lines.
    expect(rated.ticks).toBeGreaterThanOrEqual(2);
    expect(rated.result).toHaveLength(25_001);
    // Σ cost = 6,250 × (1 + 2 + 3 + 4) = 62,500, marked up 25%.
    expect(rated.result.slice(1).reduce((sum, row) => sum + (row[0] as number), 0)).toBe(78_125);
    const invoiced = await countTicks(() => invoiceOf(lines, PRICE_BOOK));
    // 2 between the chunks, 1 before the invoice run.
    expect(invoiced.ticks).toBeGreaterThanOrEqual(3);
    expect(invoiced.result.find((row) => row[3] === 'Total')?.[7]).toBe(78_125);
  });

  test('invoiceOf(lines, priceBook, customers, settings) spills the PRODUCT.md layout: lines, Total, Residual, then issues', async () => {
    const customers = [['Customer', 'Account'], ['Acme', '111111111111']];
    const settings = [['Setting', 'Value'], ['rounding', 'half-even']];
    const result = await invoiceOf([
      LINES_HEADER,
      lineRow({ ...usage, UnblendedCost: '1.002' }),
      lineRow({ ...usage, UnblendedCost: 1.002 }),
      lineRow({ ...usage, Account: '333333333333', UnblendedCost: '4' }),
    ], PRICE_BOOK, customers, settings);
    expect(result).toEqual([
      ['Customer', 'Period', 'Currency', 'Category', 'Account', 'Cost', 'Price', 'Amount'],
      ['333333333333', '2024-03', 'USD', 'AmazonEC2', '', 4, 5, 5],
      ['333333333333', '2024-03', 'USD', 'Total', '', '', 5, 5],
      ['333333333333', '2024-03', 'USD', 'Residual', '', '', '', 0],
      ['Acme', '2024-03', 'USD', 'AmazonEC2', '', 2.004, 2.505, 2.5],
      ['Acme', '2024-03', 'USD', 'Total', '', '', 2.505, 2.5],
      ['Acme', '2024-03', 'USD', 'Residual', '', '', '', 0],
      ['Issue', 'info', '', expect.stringMatching(/^UNMAPPED_ACCOUNT: Account 333333333333/), '', '', '', ''],
    ]);
    const precise = await invoiceOf([LINES_HEADER, lineRow({ ...usage, UnblendedCost: '0.1000000000000000000001' })], PRICE_BOOK, undefined, undefined, undefined, undefined, true);
    expect(precise[1].slice(5)).toEqual(['0.1000000000000000000001', '0.125000000000000000000125', 0.13]);
  });

  test('invoiceOf with a bad row in lines or the price book leaves it out and shows an error row, as the CLI does; a table without its columns is #VALUE!', async () => {
    const result = await invoiceOf([LINES_HEADER, lineRow({ ...usage, Period: 'March', UnblendedCost: '5' }), lineRow({ ...usage, UnblendedCost: '1' })],
      [['Rule', 'Method', 'Value'], ['r', 'markup', 'lots']]);
    expect(result.slice(1)).toEqual([
      ['111111111111', '2024-03', 'USD', 'AmazonEC2', '', 1, 1, 1],
      ['111111111111', '2024-03', 'USD', 'Total', '', '', 1, 1],
      ['111111111111', '2024-03', 'USD', 'Residual', '', '', '', 0],
      ['Issue', 'error', '', expect.stringMatching(/^BAD_RULE: .*priceBook/), '', '', '', ''],
      ['Issue', 'error', '', expect.stringMatching(/^BAD_DATE: Period "March" in lines line 2/), '', '', '', ''],
      ['Issue', 'warning', '', expect.stringMatching(/^NO_RULE: /), '', '', '', ''],
    ]);
    const [[missing]] = await cells(() => invoiceOf([['Account', 'Cost'], ['1', 1]], PRICE_BOOK)) as FakeExcelError[][];
    expect([missing.code, missing.message]).toEqual(['#VALUE!', expect.stringContaining('lines')]);
  });
});

describe('DBR.RERATE and DBR.INVOICE over a Lines table with shadow columns (decimals beyond 15 digits)', () => {
  // As the task pane writes Lines: the 32 columns (decimals as numbers Excel rounded to 15–17
  // digits), LineCount, then the shadow columns holding the exact text where there were more.
  const header = [...BILLING_LINES_HEADER, 'LineCount', ...BILLING_LINES_SHADOW_HEADER];
  const usage = { Period: '2024-03', Account: '111111111111', ChargeKind: 'usage', ProductCode: 'AmazonEC2' };
  const row = (fields: Record<string, unknown>, shadows: Record<string, string> = {}): unknown[] => [
    ...lineRow(fields), 1, ...BILLING_LINES_SHADOW_HEADER.map((name) => shadows[name] ?? ''),
  ];
  const exactCost = '0.12345678901234567890';
  const rounded = Number(exactCost);

  test('invoiceOf(lines…) prices the exact shadow text, not the rounded double of its number cell', async () => {
    expect(rounded).toBe(0.12345678901234568);
    const lines = [header, row({ ...usage, UnblendedCost: rounded }, { UnblendedCostExact: exactCost }), row({ ...usage, UnblendedCost: rounded }, { UnblendedCostExact: exactCost })];
    const result = await invoiceOf(lines, PRICE_BOOK, undefined, undefined, undefined, undefined, true);
    expect(result[1]).toEqual(['111111111111', '2024-03', 'USD', 'AmazonEC2', '', '0.2469135780246913578', '0.30864197253086419725', 0.31]);
    // Without the shadow cells, the doubles' text: 2 × 0.12345678901234568.
    const plain = await invoiceOf([header, row({ ...usage, UnblendedCost: rounded }), row({ ...usage, UnblendedCost: rounded })], PRICE_BOOK, undefined, undefined, undefined, undefined, true);
    expect(plain[1][5]).toBe('0.24691357802469136');
  });

  test('rerateLines(lines…) reads the shadow where it is not blank and the number cell where it is; a bad shadow is #VALUE! in its row', async () => {
    const result = await rerateLines([
      header,
      row({ ...usage, UnblendedCost: rounded }, { UnblendedCostExact: exactCost }),
      row({ ...usage, UnblendedCost: 2 }, { UnblendedCostExact: '' }),
      row({ ...usage, UnblendedCost: 2 }, { UnblendedCostExact: '0.1x' }),
    ], PRICE_BOOK);
    expect(result.slice(0, 3)).toEqual([['Price', 'Rule'], [Number('0.154320986265432098625'), 'ec2'], [2.5, 'ec2']]);
    const [price] = result[3] as FakeExcelError[];
    expect([price.code, price.message]).toEqual(['#VALUE!', 'UnblendedCostExact "0.1x" in lines line 4 is not a number; the row is left out.']);
  });

  test('invoiceOf(lines…) with a bad shadow cell leaves its row out with a BAD_NUMBER issue row naming the shadow column', async () => {
    const result = await invoiceOf([header, row({ ...usage, UnblendedCost: 1 }, { UnblendedCostExact: 'n/a' }), row({ ...usage, UnblendedCost: 1 })], PRICE_BOOK);
    expect(result[1]).toEqual(['111111111111', '2024-03', 'USD', 'AmazonEC2', '', 1, 1.25, 1.25]);
    expect(result.filter((r) => r[0] === 'Issue').map((r) => r[3])).toContain('BAD_NUMBER: UnblendedCostExact "n/a" in lines line 2 is not a number; the row is left out.');
  });
});

describe('DBR.RERATE reads lines row by row as loadBillingLines reads a table', () => {
  const usage = { Period: '2024-03', Account: '111111111111', ChargeKind: 'usage', ProductCode: 'AmazonEC2' };

  test('rerateLines: a row blank in every column it reads stays blank; a short row reads its missing cells as blank; a row with a bad cell in a column it does not read is priced', async () => {
    const short = lineRow({ ...usage, UnblendedCost: '4' }).slice(0, BILLING_LINES_HEADER.indexOf('UnblendedCost') + 1);
    const result = await rerateLines([
      LINES_HEADER,
      lineRow({ Description: 'only a description', Tags: '{"bad"' }),
      short,
      lineRow({ ...usage, UnblendedCost: '1', Tags: 'not json' }),
      lineRow({ ...usage, UnblendedCost: ' 2 ', Currency: 'usd', SourceLine: 7 }),
    ], PRICE_BOOK);
    expect(result).toEqual([['Price', 'Rule'], ['', ''], [5, 'ec2'], [1.25, 'ec2'], [2.5, 'ec2']]);
  });

  test('rerateLines: an error cell in a column it does not read still fails the whole call, naming row and column', async () => {
    const lines = [LINES_HEADER, lineRow({ ...usage, UnblendedCost: '1' }), lineRow({ ...usage, UnblendedCost: '1', Description: new FakeExcelError('#N/A', '') })];
    const [[error]] = await cells(() => rerateLines(lines, PRICE_BOOK)) as FakeExcelError[][];
    expect([error.code, error.message]).toEqual(['#VALUE!', expect.stringContaining('lines row 3, column 30 (Description)')]);
    const [[nan]] = await cells(() => rerateLines([LINES_HEADER, [...lineRow({ ...usage, UnblendedCost: '1' }), Number.NaN]], PRICE_BOOK)) as FakeExcelError[][];
    expect([nan.code, nan.message]).toEqual(['#VALUE!', expect.stringContaining('lines row 2, column 33 is NaN')]);
  });
});

// ---------------------------------------------------------------------------------------------
// Equality with the CLI on every golden scenario.


const scenarios = fs.readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(GOLDEN, entry.name, 'case.json')))
  .map((entry) => ({ name: entry.name, spec: JSON.parse(fs.readFileSync(path.join(GOLDEN, entry.name, 'case.json'), 'utf8')) as { command: string; args: string[] } }))
  .filter(({ spec }) => spec.command === 'invoice');

describe('DBR.INVOICE equals rerate invoice --format json on every golden scenario', () => {
  test('there are golden invoice scenarios to compare', () => {
    expect(scenarios.length).toBeGreaterThanOrEqual(20);
  });

  test.each(scenarios.map((s) => [s.name, s.spec.args] as const))('%s', async (name, args) => {
    const dir = path.join(GOLDEN, name);
    let stdout = '';
    await main(['invoice', ...args, '--format', 'json'], { stdout: (text: string) => { stdout += text; }, stderr: () => undefined, stderrIsTty: false, cwd: dir });
    const { lines, tables, settings } = await scenarioCells(dir, args);
    const spilled = await cells(() => invoiceOf(lines, tables.priceBook ?? [['']], tables.customers, settings, tables.fxRates, tables.supportPlans, true));
    const json = JSON.parse(stdout) as InvoicesJson;
    const expected = expectedInvoiceRows(json);
    expect(expected.length).toBeGreaterThan(0);
    expect(spilled.slice(1).filter((row) => row[0] !== 'Issue')).toEqual(expected);
    expect(spilledIssueKinds(spilled)).toEqual(jsonIssueKinds(json));

    // The same lines through `rerate lines --format json` (the table the task pane writes to Lines).
    const files = args.filter((arg, i) => !arg.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
    let linesJson = '';
    await main(['lines', ...files, '--format', 'json'], { stdout: (text: string) => { linesJson += text; }, stderr: () => undefined, stderrIsTty: false, cwd: dir });
    const table = JSON.parse(linesJson) as { columns: string[]; rows: string[][] };
    expect(table.rows.length).toBeGreaterThan(0);
    const fromCli = await cells(() => invoiceOf([table.columns, ...table.rows], tables.priceBook ?? [['']], tables.customers, settings, tables.fxRates, tables.supportPlans, true));
    expect(fromCli).toEqual(spilled);
  });
});
