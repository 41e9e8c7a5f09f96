/**
 * Importing billing files into the workbook, end to end on the production bundle: headless
 * Chromium, the real task pane and import worker, office.js replaced by a fake whose `Excel.run` is
 * the recording fake of test/addin/recordingExcel.ts (test/browser/fakeOfficeScript.ts). Each test
 * picks files, chooses a grain, clicks `Import into Lines`, waits for the result, then reads the
 * recorded workbook back and compares it with `rerate inspect` on the same bytes.
 * Skipped only when /usr/bin/chromium is absent (CI installs it).
 */
import { spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { basename, dirname, join, resolve } from 'node:path';
import { zipSync } from 'fflate';
import type { Page } from 'playwright-core';
import { main } from '../../src/cli/main';
import { DecimalTotal } from '../../src/engine/money';
import { IMPORTS_TABLE, MODEL_TABLES } from '../../src/engine/workbookLayout';
import { readBilling } from '../../src/formats/readBilling';
import { bytesSource } from '../../src/formats/source';
import { GRAIN_LABEL, OFFICE_JS, describeInChromium, importFiles, startPaneBrowser, type PaneBrowser } from '../browser/paneBrowser';
import { captureIo } from '../helpers/captureIo';

const ROOT = resolve(__dirname, '../..');
const CUR = join(ROOT, 'samples/public/cur1-sample-2023-11.csv');
/** Where the screenshot after the import goes (git-ignored). */
const OUTPUT_DIR = join(ROOT, 'test-results/import-browser');
const LINES = MODEL_TABLES.lines;
const MAX_SYNC_BYTES = 2_000_000;

/** What `rerate inspect` says of a file: rows it emits and Σ unblended, exact (no trailing zeros, as DecimalTotal prints it). */
interface Inspected { rows: number; unblended: string }

/**
 * `rerate inspect --format json` through the built CLI when there is one (dist/node), else
 * readBilling — the code the CLI runs — directly.
 */
async function inspect(file: string): Promise<Inspected> {
  if (existsSync(join(ROOT, 'dist/node/cli/main.js'))) {
    const run = spawnSync(process.execPath, [join(ROOT, 'bin/rerate.js'), 'inspect', file, '--format', 'json'], { encoding: 'utf8', maxBuffer: 1 << 26 });
    if (run.stdout.trim() === '') throw new Error(`rerate inspect ${file} printed nothing (exit ${run.status}): ${run.stderr}`);
    const report = JSON.parse(run.stdout) as { files: { linesEmitted: number; unblendedRead: string }[] };
    const total = new DecimalTotal();
    for (const f of report.files) total.add(f.unblendedRead);
    return { rows: report.files.reduce((sum, f) => sum + f.linesEmitted, 0), unblended: total.toText() };
  }
  const result = await readBilling(bytesSource(basename(file), readFileSync(file)), null);
  const total = new DecimalTotal();
  total.add(result.control.unblendedRead);
  return { rows: result.control.linesEmitted, unblended: total.toText() };
}

/** The recorded workbook, as read back from the page. */
interface Recorded {
  sheets: [string, string][];
  tables: string[];
  /** BillingLines, header first (null when there is no such table). */
  lines: unknown[][] | null;
  imports: unknown[][] | null;
  /** Cells of every sheet that became formulas. */
  formulas: string[];
  syncBytes: number[];
}

interface PageExcel {
  sheets: { name: string; visibility: string }[];
  tables: { name: string }[];
  syncs: { bytes: number }[];
  table(name: string): unknown;
  tableValues(name: string): unknown[][];
  formulasOf(name: string): string[];
}

function readRecorded(page: Page): Promise<Recorded> {
  return page.evaluate(([lines, imports]) => {
    const excel = (window as unknown as { __rerate: { excel: PageExcel } }).__rerate.excel;
    return {
      sheets: excel.sheets.map((s): [string, string] => [s.name, s.visibility]),
      tables: excel.tables.map((t) => t.name),
      lines: excel.table(lines) ? excel.tableValues(lines) : null,
      imports: excel.table(imports) ? excel.tableValues(imports) : null,
      formulas: excel.sheets.flatMap((s) => excel.formulasOf(s.name)),
      syncBytes: excel.syncs.map((s) => s.bytes),
    };
  }, [LINES.table, IMPORTS_TABLE.table]);
}

/** Σ of a numeric column of Lines: the …Exact shadow's text where there is one and it is not blank, else the number. */
function columnSum(lines: unknown[][], name: string): string {
  const [header, ...rows] = lines;
  const value = header.indexOf(name);
  const exact = header.indexOf(`${name}Exact`);
  const total = new DecimalTotal();
  for (const row of rows) {
    const shadow = exact < 0 ? '' : row[exact];
    if (shadow !== '' && shadow !== null) total.add(String(shadow));
    else if (row[value] !== '' && row[value] !== null) total.add(String(row[value]));
  }
  return total.toText();
}

/** `1,281` in a grain's label → 1281. */
function rowsInLabel(label: string): number {
  const match = /\(([\d,]+) rows?\)/.exec(label);
  if (!match) throw new Error(`no row count in the label ${JSON.stringify(label)}`);
  return Number(match[1].replace(/,/g, ''));
}

describeInChromium('the import browser test')('importing billing files into Lines in headless Chromium', () => {
  let pane: PaneBrowser;
  const work = mkdtempSync(join(tmpdir(), 'rerate-import-'));
  let curInspected: Inspected;

  beforeAll(async () => {
    pane = await startPaneBrowser();
    curInspected = await inspect(CUR);
  }, 240_000);

  afterAll(async () => {
    await pane?.close();
    rmSync(work, { recursive: true, force: true });
  });

  const visit = () => pane.visit('Excel');

  /** What every import leaves: Lines and Imports beside the user's sheet, no staging sheet, syncs ≤ 2 MB. */
  function expectTidyWorkbook(recorded: Recorded): void {
    expect(recorded.sheets).toEqual([['Sheet1', 'Visible'], [LINES.sheet, 'Visible'], [IMPORTS_TABLE.sheet, 'Visible']]);
    expect(recorded.lines?.[0]).toEqual(LINES.columns);
    expect(recorded.formulas).toEqual([]);
    expect(recorded.syncBytes.length).toBeGreaterThan(0);
    expect(Math.max(...recorded.syncBytes)).toBeLessThanOrEqual(MAX_SYNC_BYTES);
  }

  test('the public CUR sample at the line grain: BillingLines rows and Σ UnblendedCost equal rerate inspect; re-importing it replaces its rows', async () => {
    const { page, external, errors } = await visit();
    const first = await importFiles(page, [CUR], 'line');
    expect(rowsInLabel(first.label)).toBe(curInspected.rows);
    expect(first.result).toContain(`Imported ${curInspected.rows.toLocaleString('en-US')} rows into Lines`);
    mkdirSync(OUTPUT_DIR, { recursive: true });
    const shot = join(OUTPUT_DIR, 'taskpane-after-import.png');
    await page.screenshot({ path: shot, fullPage: true });
    console.log(`task pane after the import: ${shot}`);

    const recorded = await readRecorded(page);
    expectTidyWorkbook(recorded);
    expect(recorded.lines!.length - 1).toBe(curInspected.rows);
    expect(columnSum(recorded.lines!, 'UnblendedCost')).toBe(curInspected.unblended);
    expect(recorded.imports!.slice(1).map((row) => [row[0], row[3], row[5]])).toEqual([[basename(CUR), 'line', curInspected.rows]]);

    // The same bytes again: its rows are replaced, never added twice.
    const again = await importFiles(page, [CUR], 'line');
    expect(again.result).toContain(`Imported ${curInspected.rows.toLocaleString('en-US')} rows into Lines`);
    const after = await readRecorded(page);
    expectTidyWorkbook(after);
    expect(after.lines!.length - 1).toBe(curInspected.rows);
    expect(columnSum(after.lines!, 'UnblendedCost')).toBe(curInspected.unblended);
    expect(after.imports!.length - 1).toBe(1);

    expect(errors).toEqual([]);
    // The pane asked no host but the local server (office.js is the fake served in its place).
    expect(external).toEqual([OFFICE_JS]);
    await page.context().close();
  }, 180_000);

  test('a zip of the CUR sample imports the same rows and Σ UnblendedCost as rerate inspect says of the zip', async () => {
    const zip = join(work, 'cur1-sample-2023-11.csv.zip');
    writeFileSync(zip, zipSync({ 'cur1-sample-2023-11.csv': readFileSync(CUR) }));
    const expected = await inspect(zip);
    expect(expected).toEqual(curInspected);
    const { page, external, errors } = await visit();
    const { result } = await importFiles(page, [zip], 'line');
    expect(result).toContain(`Imported ${expected.rows.toLocaleString('en-US')} rows into Lines`);
    const recorded = await readRecorded(page);
    expectTidyWorkbook(recorded);
    expect(recorded.lines!.length - 1).toBe(expected.rows);
    expect(columnSum(recorded.lines!, 'UnblendedCost')).toBe(expected.unblended);
    expect(errors).toEqual([]);
    expect(external).toEqual([OFFICE_JS]);
    await page.context().close();
  }, 180_000);

  test('the month grain writes the rows its label says, Σ UnblendedCost still equal to rerate inspect, LineCount summing to the source lines', async () => {
    const { page, errors } = await visit();
    const { label, result } = await importFiles(page, [CUR], 'month');
    const monthRows = rowsInLabel(label);
    expect(monthRows).toBeGreaterThan(0);
    expect(monthRows).toBeLessThan(curInspected.rows);
    expect(result).toContain(`Imported ${monthRows.toLocaleString('en-US')} rows into Lines`);
    const recorded = await readRecorded(page);
    expectTidyWorkbook(recorded);
    expect(recorded.lines!.length - 1).toBe(monthRows);
    expect(columnSum(recorded.lines!, 'UnblendedCost')).toBe(curInspected.unblended);
    expect(columnSum(recorded.lines!, 'LineCount')).toBe(String(curInspected.rows));
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  test('a groups table (rerate groups of the CUR sample): the preview names it, every line is disabled, its groups import as month rows whose LineCount and Σ UnblendedCost equal rerate inspect of the CUR', async () => {
    const io = captureIo(dirname(CUR));
    expect(await main(['groups', basename(CUR)], io)).toBe(0);
    const groupsFile = join(work, 'cur.groups.csv');
    writeFileSync(groupsFile, io.out);
    const { page, errors } = await visit();
    const { label, result } = await importFiles(page, [groupsFile], 'month');
    const groups = io.out.split('\n').filter((row) => row.startsWith('group,')).length;
    await expect(page.locator('[data-fact="Format"]').textContent()).resolves.toBe(`groups table: ${groups} groups from 1 source file`);
    await expect(page.getByRole('radio', { name: 'Every line' }).isDisabled()).resolves.toBe(true);
    await expect(page.getByText(/^Every line is not available: cur\.groups\.csv is a groups table/).count()).resolves.toBe(1);
    const monthRows = rowsInLabel(label);
    expect(result).toContain(`Imported ${monthRows.toLocaleString('en-US')} rows into Lines`);
    const recorded = await readRecorded(page);
    expectTidyWorkbook(recorded);
    expect(recorded.lines!.length - 1).toBe(monthRows);
    expect(columnSum(recorded.lines!, 'UnblendedCost')).toBe(curInspected.unblended);
    expect(columnSum(recorded.lines!, 'LineCount')).toBe(String(curInspected.rows));
    expect(recorded.imports!.slice(1).map((row) => [row[0], row[2], row[3], row[5], row[6]])).toEqual([['cur.groups.csv', 'rerate-groups', 'month', monthRows, curInspected.rows]]);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  test('after an import, Set up the model creates PriceBook, Customers (the account in Lines), Settings, FxRates and SupportPlans in the recorded workbook', async () => {
    const { page, errors } = await visit();
    await importFiles(page, [CUR], 'month');
    await page.getByRole('button', { name: 'Set up the model' }).click();
    await page.getByTestId('model-result').waitFor({ timeout: 60_000 });
    const model = await page.evaluate((names) => {
      const excel = (window as unknown as { __rerate: { excel: PageExcel } }).__rerate.excel;
      return Object.fromEntries(names.map((name) => [name, excel.table(name) ? excel.tableValues(name) : null]));
    }, ['PriceBook', 'Customers', 'Settings', 'FxRates', 'SupportPlans']);
    const layout = { PriceBook: MODEL_TABLES.priceBook, Customers: MODEL_TABLES.customers, Settings: MODEL_TABLES.settings, FxRates: MODEL_TABLES.fxRates, SupportPlans: MODEL_TABLES.supportPlans };
    for (const [name, table] of Object.entries(layout)) {
      expect([name, model[name]?.[0]]).toEqual([name, table.columns]);
    }
    const customers = model.Customers!;
    const account = customers[0].indexOf('Account');
    expect(customers.slice(1).map((row) => row[account])).toContain('123412340534');
    const recorded = await readRecorded(page);
    expect(recorded.formulas).toEqual([]);
    expect(Math.max(...recorded.syncBytes)).toBeLessThanOrEqual(MAX_SYNC_BYTES);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  test('Cancel while the rows are being written leaves the recorded workbook exactly as it was, an earlier Lines included', async () => {
    const { page, errors } = await visit();
    await importFiles(page, [CUR], 'month');
    const before = await page.evaluate(() => JSON.stringify((window as unknown as { __rerate: { excel: { snapshot(): unknown } } }).__rerate.excel.snapshot()));
    // Press Cancel from inside the first sync that writes data rows to the staging sheet: the
    // import has started writing, and must throw it all away.
    await page.evaluate(() => {
      const excel = (window as unknown as { __rerate: { excel: { onSync: ((n: number) => void) | null; syncs: { ops: { kind: string; sheet: string; block?: number[] }[] }[] } } }).__rerate.excel;
      let pressed = false;
      excel.onSync = (n) => {
        if (pressed) return;
        const writesRows = excel.syncs[n - 1].ops.some((op) => op.kind === 'values' && op.sheet.startsWith('~') && (op.block?.[0] ?? 0) > 0);
        const cancel = [...document.querySelectorAll('button')].find((button) => button.textContent === 'Cancel');
        if (writesRows && cancel) {
          pressed = true;
          cancel.click();
        }
      };
    });
    await page.setInputFiles('input[type=file]', [CUR]);
    const radio = page.getByRole('radio', { name: GRAIN_LABEL.line });
    await radio.waitFor({ timeout: 60_000 });
    await radio.check();
    await page.getByRole('button', { name: 'Import into Lines' }).click();
    await page.getByText('Import cancelled: the workbook is unchanged.').waitFor({ timeout: 60_000 });
    const after = await page.evaluate(() => JSON.stringify((window as unknown as { __rerate: { excel: { snapshot(): unknown } } }).__rerate.excel.snapshot()));
    expect(after).toBe(before);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);

  test('hostile tag and description text from a CSV stays text: no recorded cell is a formula', async () => {
    const hostile = ['=HYPERLINK("http://x","y")', '+cmd', '-1+1', '@SUM(1)'];
    const quote = (text: string) => `"${text.replace(/"/g, '""')}"`;
    const header = 'identity/LineItemId,bill/PayerAccountId,lineItem/UsageAccountId,lineItem/LineItemType,lineItem/ProductCode,lineItem/UsageType,lineItem/UnblendedCost,lineItem/LineItemDescription,bill/BillingPeriodStartDate,resourceTags/user:Team';
    const rows = hostile.map((text, i) => `id${i},000000000001,000000000002,Usage,AmazonEC2,BoxUsage,1.5,${quote(text)},2023-11-01T00:00:00Z,${quote(text)}`);
    const file = join(work, 'hostile.csv');
    writeFileSync(file, `${[header, ...rows].join('\n')}\n`);
    const expected = await inspect(file);
    const { page, errors } = await visit();
    await importFiles(page, [file], 'line');
    const recorded = await readRecorded(page);
    expectTidyWorkbook(recorded);
    const [head, ...body] = recorded.lines!;
    expect(body.length).toBe(expected.rows);
    expect(body.map((row) => row[head.indexOf('Description')])).toEqual(hostile);
    const tags = body.map((row) => String(row[head.indexOf('Tags')]));
    hostile.forEach((text, i) => expect(tags[i]).toContain(JSON.stringify(text).slice(1, -1)));
    expect(body.map((row) => row[head.indexOf('Account')])).toEqual(hostile.map(() => '000000000002'));
    expect(columnSum(recorded.lines!, 'UnblendedCost')).toBe(expected.unblended);
    expect(errors).toEqual([]);
    await page.context().close();
  }, 180_000);
});
