/**
 * The task pane's whole job, end to end on the production bundle in headless Chromium (issue 12):
 * import the public CUR sample → Set up the model (markup template) → Rate → Reconcile → Share
 * with accountant, through the real buttons, against the recording Excel fake behind the fake
 * office.js (test/browser/fakeOfficeScript.ts: ExcelApi up to 1.13, so Reconcile draws the native
 * waterfall). After each step a screenshot of the pane (printed) and checks on the recorded
 * workbook; at the end the shared Invoice's formulas and PriceLines equal, cell by cell, those
 * `rerate invoice --format xlsx` writes for the same billing file and model tables.
 * Skipped only when /usr/bin/chromium is absent (CI installs it).
 */
import { spawnSync } from 'node:child_process';
import { copyFileSync, existsSync, mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { Workbook } from 'exceljs';
import type { Page } from 'playwright-core';
import { main } from '../../src/cli/main';
import { MODEL_TABLES, RESULT_SHEETS } from '../../src/engine/workbookLayout';
import { OFFICE_JS, describeInChromium, importFiles, startPaneBrowser, type PaneBrowser } from '../browser/paneBrowser';
import { captureIo } from '../helpers/captureIo';
import { columnLetters } from './recordingExcel';

const ROOT = resolve(__dirname, '../..');
const SAMPLE_NAME = 'cur1-sample-2023-11.csv';
const CUR = join(ROOT, 'samples/public', SAMPLE_NAME);
/** Where the screenshots go (git-ignored). */
const OUTPUT_DIR = join(ROOT, 'test-results/results-browser');
const MAX_SYNC_BYTES = 2_000_000;
/** What Rate writes at Invoice!A3 (src/workbook/liveInvoice.ts), spelled out: the test is the spec. */
const LIVE_INVOICE = '=DBR.INVOICE(BillingLines[#All],PriceBook[#All],Customers[#All],Settings[#All],FxRates[#All],SupportPlans[#All])';

/** The recorded workbook as the page's RecordingExcel (window.__rerate.excel) holds it. */
interface PageExcel {
  sheets: { name: string; visibility: string }[];
  charts: { sheet: { name: string }; type: string; source: string; title: string; deletedSeries: number[] }[];
  syncs: { bytes: number }[];
  table(name: string): unknown;
  tableValues(name: string): unknown[][];
  valuesOf(name: string): unknown[][];
  formulasOf(name: string): string[];
}

interface Recorded {
  sheets: string[];
  /** Each sheet's cells that are formulas, by sheet. */
  formulas: Record<string, string[]>;
  charts: { sheet: string; type: string; source: string; title: string }[];
  syncBytes: number[];
}

function readRecorded(page: Page): Promise<Recorded> {
  return page.evaluate(() => {
    const excel = (window as unknown as { __rerate: { excel: PageExcel } }).__rerate.excel;
    return {
      sheets: excel.sheets.map((s) => s.name),
      formulas: Object.fromEntries(excel.sheets.map((s) => [s.name, excel.formulasOf(s.name)])),
      charts: excel.charts.map((c) => ({ sheet: c.sheet.name, type: c.type, source: c.source, title: c.title })),
      syncBytes: excel.syncs.map((s) => s.bytes),
    };
  });
}

/** A sheet's used cells as rows (formulas with their `=`, numbers, text; blanks ''), from A1. */
function sheetValues(page: Page, name: string): Promise<unknown[][]> {
  return page.evaluate((sheet) => (window as unknown as { __rerate: { excel: PageExcel } }).__rerate.excel.valuesOf(sheet), name);
}

function tableValues(page: Page, name: string): Promise<unknown[][]> {
  return page.evaluate((table) => (window as unknown as { __rerate: { excel: PageExcel } }).__rerate.excel.tableValues(table), name);
}

/** Clicks a button of the pane and waits for the outcome `testId` holding `text`; returns its whole text. */
async function press(page: Page, button: string, testId: string, text: string): Promise<string> {
  await page.getByRole('button', { name: button, exact: true }).click();
  const outcome = page.getByTestId(testId).filter({ hasText: text });
  await outcome.waitFor({ timeout: 120_000 });
  return (await outcome.textContent()) ?? '';
}

function csvOf(rows: unknown[][]): string {
  return `${rows.map((row) => row.map((cell) => `"${String(cell).replace(/"/g, '""')}"`).join(',')).join('\n')}\n`;
}

/**
 * `rerate invoice SAMPLE --pricebook … --customers … --support-plans … --format xlsx` over the
 * model tables as the pane left them (Settings and FxRates are the defaults, as the CLI's are):
 * the built CLI (bin/rerate.js) when dist/node exists — CI builds before testing — else its
 * `main` in-process. Returns the workbook it wrote.
 */
async function cliWorkbook(dir: string, tables: Record<'pricebook' | 'customers' | 'plans', unknown[][]>): Promise<Workbook> {
  for (const [name, rows] of Object.entries(tables)) writeFileSync(join(dir, `${name}.csv`), csvOf(rows));
  copyFileSync(CUR, join(dir, SAMPLE_NAME));
  const args = ['invoice', SAMPLE_NAME, '--pricebook', 'pricebook.csv', '--customers', 'customers.csv', '--support-plans', 'plans.csv', '--format', 'xlsx', '--out', 'cli.xlsx'];
  if (existsSync(join(ROOT, 'dist/node/cli/main.js'))) {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/rerate.js'), ...args], { cwd: dir, encoding: 'utf8' });
    expect({ status: run.status, stderr: run.stderr }).toEqual({ status: 0, stderr: '' });
  } else {
    const io = captureIo(dir);
    const code = await main(args, io);
    expect({ status: code, stderr: io.err }).toEqual({ status: 0, stderr: '' });
  }
  const workbook = new Workbook();
  await workbook.xlsx.readFile(join(dir, 'cli.xlsx'));
  return workbook;
}

/** A sheet of the CLI's workbook as the recorded workbook holds cells: formulas with their `=`. */
function cliCells(workbook: Workbook, name: string): unknown[][] {
  const sheet = workbook.getWorksheet(name);
  if (!sheet) throw new Error(`rerate invoice --format xlsx wrote no ${name} sheet`);
  const rows: unknown[][] = [];
  sheet.eachRow({ includeEmpty: true }, (row, r) => {
    const cells: unknown[] = [];
    row.eachCell({ includeEmpty: true }, (cell, c) => {
      const value = cell.value as unknown;
      cells[c - 1] = value !== null && typeof value === 'object' && 'formula' in value ? `=${(value as { formula: string }).formula}` : value ?? '';
    });
    rows[r - 1] = cells;
  });
  return rows;
}

/** Rows without their trailing blanks, and no trailing blank rows: how both workbooks compare. */
function trimmed(rows: unknown[][]): unknown[][] {
  const out = Array.from(rows, (row) => {
    const cells = Array.from(row ?? [], (cell) => cell ?? '');
    while (cells.length > 0 && cells[cells.length - 1] === '') cells.pop();
    return cells;
  });
  while (out.length > 0 && out[out.length - 1].length === 0) out.pop();
  return out;
}

/** The cells that differ, `A1: pane ≠ cli`, the first 20: a readable failure instead of two huge arrays. */
function differences(pane: unknown[][], cli: unknown[][]): string[] {
  const out: string[] = [];
  for (let r = 0; r < Math.max(pane.length, cli.length); r += 1) {
    for (let c = 0; c < Math.max(pane[r]?.length ?? 0, cli[r]?.length ?? 0); c += 1) {
      const a = pane[r]?.[c] ?? '';
      const b = cli[r]?.[c] ?? '';
      if (a !== b) out.push(`${columnLetters(c)}${r + 1}: ${JSON.stringify(a)} ≠ ${JSON.stringify(b)}`);
    }
  }
  return out.slice(0, 20);
}

describeInChromium('the results browser test')('import → set up the model → Rate → Reconcile → Share with accountant in headless Chromium', () => {
  let pane: PaneBrowser;
  const work = mkdtempSync(join(tmpdir(), 'rerate-results-'));

  beforeAll(async () => {
    mkdirSync(OUTPUT_DIR, { recursive: true });
    pane = await startPaneBrowser();
  }, 240_000);

  afterAll(async () => {
    await pane?.close();
    rmSync(work, { recursive: true, force: true });
  });

  test('each step lands in the recorded workbook, and the shared Invoice formulas and PriceLines equal rerate invoice --format xlsx cell by cell', async () => {
    const { page, external, errors } = await pane.visit('Excel');
    const shots: string[] = [];
    const shoot = async (step: string) => {
      const path = join(OUTPUT_DIR, `taskpane-after-${step}.png`);
      await page.screenshot({ path, fullPage: true });
      shots.push(path);
    };

    // 1. Import the sample at the line grain (the CLI reads the same file line by line).
    const imported = await importFiles(page, [CUR], 'line');
    expect(imported.result).toContain('Imported 1,281 rows into Lines');
    await shoot('import');

    // 2. Set up the model from the markup template.
    await page.getByRole('radio', { name: /^Markup on everything/ }).check();
    const model = await press(page, 'Set up the model', 'model-result', 'The model is set up');
    for (const table of ['PriceBook', 'Customers', 'Settings', 'FxRates', 'SupportPlans']) expect(model).toContain(table);
    await shoot('model');
    const afterModel = await readRecorded(page);
    expect(afterModel.sheets).toEqual(['Sheet1', 'Lines', 'Imports', 'PriceBook', 'Customers', 'Settings']);

    // 3. Rate: the live Invoice, one DBR.INVOICE over the model tables at A3.
    const rated = await press(page, 'Rate', 'results-outcome', 'Invoice written');
    expect(rated).toBe('Invoice written: DBR.INVOICE reprices as you edit PriceBook, Customers, Settings or FxRates.');
    await shoot('rate');
    const afterRate = await readRecorded(page);
    expect(afterRate.formulas[RESULT_SHEETS.invoice]).toEqual([LIVE_INVOICE]);
    expect((await sheetValues(page, RESULT_SHEETS.invoice))[2][0]).toBe(LIVE_INVOICE);

    // 4. Reconcile: the walk, the control totals per imported file, a native waterfall chart.
    const reconciled = await press(page, 'Reconcile', 'results-outcome', 'Reconcile written');
    expect(reconciled).toMatch(/^Reconcile written: 1 walk with a waterfall chart \(native\)/);
    expect(reconciled).not.toContain('no native waterfall');
    expect(reconciled).toContain('The engine reported no issues.');
    await shoot('reconcile');
    const reconcile = await sheetValues(page, RESULT_SHEETS.reconcile);
    expect(reconcile[1].slice(0, 5)).toEqual(['123412340534', '2023-11', 'awsBlended', 1.6823086974, 'USD']);
    const walkSteps = reconcile.slice(1).filter((row) => row[0] === '123412340534' && row[1] === '2023-11').map((row) => row[2]);
    expect(walkSteps.length).toBeGreaterThan(1);
    expect(walkSteps).toContain('invoiced');
    const controls = reconcile.findIndex((row) => row[0] === 'File');
    expect(reconcile[controls + 1].slice(0, 7)).toEqual([SAMPLE_NAME, 'cur1', 1281, 1281, 0, 1.6823086974, 1.6823086974]);
    const afterReconcile = await readRecorded(page);
    expect(afterReconcile.charts).toEqual([
      { sheet: RESULT_SHEETS.reconcile, type: 'Waterfall', source: "'~Reconcile'!G2:H16", title: '123412340534 2023-11: from AWS to the invoice' },
    ]);

    // 5. Share with accountant: PriceLines, the native-formula Invoice, Reconcile and Audit.
    const shared = await press(page, 'Share with accountant', 'results-outcome', 'Shared:');
    expect(shared).toMatch(/^Shared: PriceLines, Invoice, Reconcile, Audit written as values and native formulas; 0 DBR formulas turned into values\./);
    expect(shared).toContain('The engine reported no issues.');
    await shoot('share');
    const afterShare = await readRecorded(page);
    expect(afterShare.sheets).toEqual(['Sheet1', 'Lines', 'Imports', 'PriceBook', 'Customers', 'Settings', 'Invoice', 'Reconcile', 'PriceLines', 'Audit']);
    const everyFormula = Object.values(afterShare.formulas).flat();
    expect(everyFormula.filter((f) => /DBR\./i.test(f))).toEqual([]);
    const invoiceFormulas = afterShare.formulas[RESULT_SHEETS.invoice];
    expect(invoiceFormulas.some((f) => f.includes('SUMIFS('))).toBe(true);
    expect(invoiceFormulas.some((f) => f.includes('ROUND('))).toBe(true);
    expect(afterShare.charts.map((c) => [c.sheet, c.type])).toEqual([[RESULT_SHEETS.reconcile, 'Waterfall']]);
    expect(Math.max(...afterShare.syncBytes)).toBeLessThanOrEqual(MAX_SYNC_BYTES);

    // The same sheets from the CLI, over the model tables the pane set up.
    const cli = await cliWorkbook(work, {
      pricebook: await tableValues(page, MODEL_TABLES.priceBook.table),
      customers: await tableValues(page, MODEL_TABLES.customers.table),
      plans: await tableValues(page, MODEL_TABLES.supportPlans.table),
    });
    for (const name of [RESULT_SHEETS.invoice, RESULT_SHEETS.priceLines, RESULT_SHEETS.reconcile]) {
      const inPane = trimmed(await sheetValues(page, name));
      const fromCli = trimmed(cliCells(cli, name));
      expect([name, inPane.length > 1]).toEqual([name, true]);
      expect({ name, rows: inPane.length, differences: differences(inPane, fromCli) }).toEqual({ name, rows: fromCli.length, differences: [] });
    }
    const cliInvoiceFormulas = trimmed(cliCells(cli, RESULT_SHEETS.invoice)).flat().filter((cell) => typeof cell === 'string' && cell.startsWith('='));
    expect(invoiceFormulas).toEqual(cliInvoiceFormulas);

    for (const shot of shots) console.log(`task pane screenshot: ${shot}`);
    expect(errors).toEqual([]);
    // The pane asked no host but the local server (office.js is the fake served in its place).
    expect(external).toEqual([OFFICE_JS]);
    await page.context().close();
  }, 300_000);
});
