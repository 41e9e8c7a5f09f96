/** @jest-environment jsdom */
import '../../test/helpers/paneGlobals';
import { readFileSync } from 'node:fs';
import { File as NodeFile } from 'node:buffer';
import { resolve } from 'node:path';
import type { ReactElement } from 'react';
import { fireEvent, render, screen, within } from '@testing-library/react';
import { RecordingExcel } from '../../test/addin/recordingExcel';
import type { Issue } from '../engine/issues';
import { MODEL_TABLES, RESULT_SHEETS } from '../engine/workbookLayout';
import { setUpModel } from '../excel/modelSetup';
import { LIVE_INVOICE_FORMULA } from '../workbook/liveInvoice';
import { inThreadSession } from './importSession';
import { importToWorkbook } from './importToWorkbook';
import { IssueLines } from './IssueLines';
import { ResultsPanel } from './ResultsPanel';
import { resultProgressCaption, resultProgressValue } from './ResultsProgressView';
import { WorkbookActivityProvider, type RunExcel, type WorkbookActor } from './workbookActivity';


const CUR = 'cur1-sample-2023-11.csv';
const SAMPLE = readFileSync(resolve(__dirname, '../../samples/public', CUR));

/** A recorded workbook with the public CUR sample imported into Lines and the model set up from the markup template. */
async function preparedWorkbook(): Promise<RecordingExcel> {
  const { readBilling } = await import('../formats/readBilling');
  const excel = new RecordingExcel(['Sheet1']);
  const session = inThreadSession(readBilling);
  const signal = new AbortController().signal;
  // jsdom's File has no stream(): Node's, as a browser's File would be.
  const files = await session.analyze([new NodeFile([SAMPLE], CUR) as unknown as File], { signal, onProgress: () => undefined });
  await importToWorkbook(session, files, 'line', { signal, run: excel.run });
  await excel.run((context) => setUpModel(context, { template: 'markup' }));
  return excel;
}

/** The panel as App renders it, over `run`; `active` says which panel's batch is running. */
function renderPanel(ui: ReactElement, run: RunExcel, active: WorkbookActor | null = null) {
  return render(<WorkbookActivityProvider value={{ active, runFor: { import: run, model: run, results: run } }}>{ui}</WorkbookActivityProvider>);
}

function button(name: string): HTMLButtonElement {
  return screen.getByRole('button', { name }) as HTMLButtonElement;
}

async function outcomeOf(action: string): Promise<HTMLElement> {
  fireEvent.click(button(action));
  return screen.findByTestId('results-outcome', {}, { timeout: 20_000 });
}

describe('ResultsPanel', () => {
  test('the panel has Rate, Reconcile, Share with accountant and Re-enter DBR formulas (with its #NAME? hint) under "Invoices & reconciliation"', () => {
    renderPanel(<ResultsPanel />, new RecordingExcel().run);
    expect(screen.getByRole('region', { name: 'Invoices & reconciliation' })).toBeTruthy();
    for (const name of ['Rate', 'Reconcile', 'Share with accountant', 'Re-enter DBR formulas']) expect(button(name).disabled).toBe(false);
    const hint = document.getElementById(button('Re-enter DBR formulas').getAttribute('aria-describedby') ?? '');
    expect(hint?.textContent).toContain('#NAME?');
  });

  test('Rate writes the live Invoice sheet and says it reprices as you edit; the outcome takes the focus', async () => {
    const excel = await preparedWorkbook();
    renderPanel(<ResultsPanel />, excel.run);
    const outcome = await outcomeOf('Rate');
    expect(outcome.textContent).toBe('Invoice written: DBR.INVOICE reprices as you edit PriceBook, Customers, Settings or FxRates.');
    expect(document.activeElement).toBe(outcome);
    expect(excel.formulasOf(RESULT_SHEETS.invoice)).toEqual([`=${LIVE_INVOICE_FORMULA}`]);
    expect(screen.queryByRole('progressbar')).toBeNull();
  });

  test('Reconcile writes the walks with their charts (stacked columns outside Office) and lists the engine\'s issues', async () => {
    const excel = await preparedWorkbook();
    renderPanel(<ResultsPanel />, excel.run);
    const outcome = await outcomeOf('Reconcile');
    expect(outcome.textContent).toContain('Reconcile written: 1 walk with a waterfall chart (stacked columns)');
    expect(outcome.textContent).toContain('This Excel has no native waterfall chart (it needs ExcelApi 1.9)');
    expect(outcome.textContent).toContain('The engine reported no issues.');
    expect(excel.sheet(RESULT_SHEETS.reconcile)).toBeDefined();
    expect(excel.charts.map((c) => [c.sheet.name, c.type])).toEqual([['Reconcile', 'ColumnStacked']]);
  });

  test('Share with accountant writes PriceLines, Invoice, Reconcile and Audit and counts the DBR formulas turned into values', async () => {
    const excel = await preparedWorkbook();
    renderPanel(<ResultsPanel />, excel.run);
    await outcomeOf('Rate');
    const outcome = await outcomeOf('Share with accountant');
    expect(outcome.textContent).toContain('Shared: PriceLines, Invoice, Reconcile, Audit written as values and native formulas; 0 DBR formulas turned into values.');
    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Lines', 'Imports', 'PriceBook', 'Customers', 'Settings', 'Invoice', 'PriceLines', 'Reconcile', 'Audit']);
    expect(excel.formulasOf(RESULT_SHEETS.invoice).some((f) => f.includes('DBR.'))).toBe(false);
    expect(outcome.textContent).toContain('The engine reported no issues.');
  });

  test('Reconcile lists the engine\'s issues as the CLI prints them: a rule with a method that does not exist', async () => {
    const excel = await preparedWorkbook();
    const table = excel.table('PriceBook')!;
    table.sheet.cell(table.row + 1, table.column + MODEL_TABLES.priceBook.columns.indexOf('Method')).value = 'bogus';
    renderPanel(<ResultsPanel />, excel.run);
    const outcome = await outcomeOf('Reconcile');
    expect(outcome.textContent).toContain('14 issues from the engine (1 error):');
    const items = within(outcome).getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toHaveLength(14);
    expect(items[0]).toBe('PriceBook!PriceBook:2: BAD_RULE Rule "markup" (PriceBook!PriceBook line 2): method "bogus" is not one of markup, margin, discount, rate, passthrough, exclude.');
    expect(items[1]).toMatch(/^cur1-sample-2023-11\.csv:14: NO_RULE 16 AWSCloudShell lines /);
  });

  test('Cancel during Share with accountant shows the stage, stops at the next sync and leaves the workbook unchanged', async () => {
    const excel = await preparedWorkbook();
    renderPanel(<ResultsPanel />, excel.run);
    await outcomeOf('Rate');
    const before = excel.snapshot();
    const start = excel.syncs.length;
    const seen: { bar: string | null; caption: string; disabled: boolean[] }[] = [];
    // Mid-write: the staged sheets are added at Share's 17th sync and filled from its 18th.
    excel.onSync = (n) => {
      if (n !== start + 19) return;
      seen.push({
        bar: screen.getByRole('progressbar').getAttribute('aria-label'),
        caption: screen.getByTestId('results-progress-caption').textContent ?? '',
        disabled: ['Rate', 'Reconcile', 'Share with accountant', 'Re-enter DBR formulas'].map((name) => button(name).disabled),
      });
      fireEvent.click(button('Cancel'));
    };
    fireEvent.click(button('Share with accountant'));
    const cancelled = await screen.findByTestId('results-cancelled', {}, { timeout: 20_000 });
    expect(cancelled.textContent).toBe('Cancelled: the workbook is unchanged.');
    expect(document.activeElement).toBe(cancelled);
    expect(seen).toHaveLength(1);
    expect(seen[0].bar).toBe('Working on the workbook');
    expect(seen[0].caption).toMatch(/^(Reading Lines|Turning DBR formulas into values|Writing sheets)/);
    expect(seen[0].disabled).toEqual([true, true, true, true]);
    expect(excel.snapshot()).toEqual(before);
    expect(button('Share with accountant').disabled).toBe(false);
  });

  test('a failure mid-way shows the error with its message and leaves the workbook unchanged', async () => {
    const excel = await preparedWorkbook();
    renderPanel(<ResultsPanel />, excel.run);
    await outcomeOf('Rate');
    const before = excel.snapshot();
    // Share's 20th sync writes the staged sheets' rows (the 17th adds them, the 23rd swaps them in).
    excel.failAtSync = excel.syncs.length + 20;
    fireEvent.click(button('Share with accountant'));
    const error = await screen.findByTestId('results-error', {}, { timeout: 20_000 });
    expect(error.textContent).toBe(`Share with accountant did not finish: the workbook is unchangedsync ${excel.failAtSync} failed (simulated)`);
    expect(document.activeElement).toBe(error);
    expect(excel.snapshot()).toEqual(before);
  });

  test('a RerateError is shown as its message: Rate without the model tables', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    renderPanel(<ResultsPanel />, excel.run);
    fireEvent.click(button('Rate'));
    const error = await screen.findByTestId('results-error');
    expect(error.textContent).toBe('Rate did not finish: the workbook is unchangedDBR.INVOICE reads BillingLines, PriceBook, Customers, Settings, FxRates, SupportPlans, which the workbook does not have: import billing files and set up the model first.');
  });

  test('Re-enter DBR formulas sets again each DBR formula showing #NAME? and says how many', async () => {
    const excel = new RecordingExcel(['Invoice', 'Notes']);
    excel.setFormulaResult('Invoice', 2, 0, '=DBR.INVOICE(BillingLines[#All],PriceBook[#All])', '#NAME?');
    excel.setFormulaResult('Notes', 4, 1, '=DBR.ROUND(1.005)', 1.01);
    renderPanel(<ResultsPanel />, excel.run);
    const outcome = await outcomeOf('Re-enter DBR formulas');
    expect(outcome.textContent).toBe('1 formula entered again.');
    expect(excel.syncs.flatMap((s) => s.ops).filter((op) => op.kind === 'formulas').map((op) => op.sheet)).toEqual(['Invoice']);
  });

  test('blocked (another panel is changing the workbook): every action waits', () => {
    renderPanel(<ResultsPanel />, new RecordingExcel().run, 'import');
    for (const name of ['Rate', 'Reconcile', 'Share with accountant', 'Re-enter DBR formulas']) expect(button(name).disabled).toBe(true);
  });
});

describe('IssueLines', () => {
  test('IssueLines lists the first 20 issues as the CLI prints them, then how many more', () => {
    const issues: Issue[] = Array.from({ length: 23 }, (_, i) => ({ code: 'NO_RULE', severity: 'warning', message: `m${i}\x1b`, source: { file: 'a.csv', line: i + 2 } }));
    render(<IssueLines issues={issues} />);
    const items = screen.getAllByRole('listitem').map((item) => item.textContent);
    expect(items).toHaveLength(21);
    expect(items[0]).toBe('a.csv:2: NO_RULE m0\\x1b');
    expect(items[20]).toBe('… and 3 more');
  });
});

describe('resultProgressCaption', () => {
  test('resultProgressCaption(action, progress) names the stage, with rows where they are counted', () => {
    expect(resultProgressCaption('share', { stage: 'reading', done: 5000, total: 100000 })).toBe('Reading Lines: 5,000 of 100,000 rows');
    expect(resultProgressCaption('share', { stage: 'reading', done: 0, total: 0 })).toBe('Reading Lines…');
    expect(resultProgressCaption('share', { stage: 'writing', done: 1200, total: 3000 })).toBe('Writing sheets: 1,200 of 3,000 rows');
    expect(resultProgressCaption('rate', { stage: 'writing', done: 0, total: 1 })).toBe('Writing the Invoice sheet…');
    expect(resultProgressCaption('share', { stage: 'values', done: 0, total: 1 })).toBe('Turning DBR formulas into values…');
    expect(resultProgressCaption('reconcile', { stage: 'charting', done: 0, total: 0 })).toBe('Adding the waterfall charts…');
    expect(resultProgressCaption('reenter', null)).toBe('Looking for DBR formulas that show #NAME?…');
    expect(resultProgressCaption('reconcile', null)).toBe('Reading the workbook…');
  });

  test('resultProgressValue(progress) is a fraction when the stage has a total, else undefined (an indeterminate bar)', () => {
    expect(resultProgressValue({ stage: 'reading', done: 5000, total: 100000 })).toBe(0.05);
    expect(resultProgressValue({ stage: 'reading', done: 0, total: 0 })).toBeUndefined();
    expect(resultProgressValue(null)).toBeUndefined();
  });
});
