/** @jest-environment jsdom */
import '../../test/helpers/paneGlobals';
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { RecordingExcel } from '../../test/addin/recordingExcel';
import { App } from './App';
import { ModelPanel } from './ModelPanel';
import { ResultsPanel } from './ResultsPanel';
import type { AnalyzedFile } from './importCore';
import type { ImportSession } from './importSession';

type Analyze = ImportSession['analyze'];

/** A session that only analyses (these tests never import). */
function session(analyze: Analyze): ImportSession {
  return { analyze, rows: () => { throw new Error('not imported in these tests'); } };
}


const curSummary: AnalyzedFile = {
  file: 'cur1-sample-2023-11.csv', format: 'cur1', tables: 1, periods: ['2023-11'], payerAccounts: ['123456789012'],
  accounts: ['123456789012'], rowsRead: 1281, linesEmitted: 1281, rowsSkipped: 0, unblendedRead: '1.6823086974', unblendedSkipped: '0',
  sha256: 'a'.repeat(64), bytes: 1, rowsAtGrain: { line: 1281, month: 57 },
  issues: [{ code: 'BAD_NUMBER', severity: 'error', message: 'UnblendedCost "12 USD" is not a number.', source: { file: 'cur1-sample-2023-11.csv', line: 17 }, count: 3 }],
};

function pickFiles(files: File[]) {
  fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
}

/** Disabled by its own attribute or by a disabled fieldset around it (how the Import panel waits). */
function disabled(name: string): boolean {
  return screen.getByRole('button', { name }).matches(':disabled');
}

function fact(label: string): string | null {
  return document.querySelector(`[data-fact="${label}"]`)?.textContent ?? null;
}

describe('App', () => {
  test('App outside Excel (host null) shows where to open Rerate, and no import controls', () => {
    render(<App host={null} dark={false} session={session(jest.fn())} />);
    expect(screen.getByRole('heading', { level: 1 }).textContent).toBe('Open Rerate in Excel: Home → Rerate');
    expect(screen.queryByRole('button', { name: 'Choose files…' })).toBeNull();
  });

  test('App in Excel reads picked files and shows format, periods, accounts, rows and Σ unblended before writing', async () => {
    const analyze = jest.fn<ReturnType<Analyze>, Parameters<Analyze>>().mockResolvedValue([curSummary]);
    render(<App host="Excel" dark={false} session={session(analyze)} />);
    const file = new File(['x'], 'cur1-sample-2023-11.csv');
    pickFiles([file]);
    await screen.findByTestId('file-summary');
    expect(analyze.mock.calls[0][0]).toEqual([file]);
    expect([fact('Format'), fact('Periods'), fact('Accounts'), fact('Rows'), fact('Rows skipped'), fact('Σ unblended')])
      .toEqual(['cur1', '2023-11', '1 (123456789012)', '1,281', '0', '1.6823086974']);
  });

  test('App shows each problem as the CLI prints it: file:line: CODE message (N times), control characters escaped', async () => {
    render(<App host="Excel" dark={false} session={session(async () => [curSummary])} />);
    pickFiles([new File(['x'], 'cur1-sample-2023-11.csv')]);
    expect(await screen.findByText('cur1-sample-2023-11.csv:17: BAD_NUMBER UnblendedCost "12 USD" is not a number. (3 times)')).toBeTruthy();
    expect(screen.getByText('1 problem found')).toBeTruthy();
  });

  test('App shows a problem whose text holds control characters escaped, on one line', async () => {
    const hostile: AnalyzedFile = { ...curSummary, issues: [{ code: 'NO_RULE', severity: 'warning', message: 'No rule prices \x1b[2JEC2\r\na.csv:1: INTERNAL forged\u202e.', source: { file: 'b.csv', line: 2 } }] };
    render(<App host="Excel" dark={false} session={session(async () => [hostile])} />);
    pickFiles([new File(['x'], 'b.csv')]);
    expect(await screen.findByText('b.csv:2: NO_RULE No rule prices \\x1b[2JEC2\\r\\na.csv:1: INTERNAL forged\\u202e.')).toBeTruthy();
  });

  test('App shows progress while reading, and Cancel aborts the read and leaves the workbook unchanged', async () => {
    let signal: AbortSignal | null = null;
    const analyze: Analyze = (_files, options) => new Promise((_resolve, reject) => {
      signal = options.signal;
      options.onProgress({ file: 'big.csv', fileIndex: 0, fileCount: 2, bytesRead: 50, bytesTotal: 200 });
      options.signal.addEventListener('abort', () => reject(new DOMException('cancelled', 'AbortError')));
    });
    render(<App host="Excel" dark={false} session={session(analyze)} />);
    pickFiles([new File(['x'], 'big.csv'), new File(['y'], 'next.csv')]);
    expect(await screen.findByText('Reading big.csv (1 of 2)')).toBeTruthy();
    expect(screen.getByRole('progressbar').getAttribute('aria-valuenow')).toBe('0.25');
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    expect(await screen.findByText('Import cancelled: the workbook is unchanged.')).toBeTruthy();
    expect((signal as AbortSignal | null)?.aborted).toBe(true);
  });

  test('App shows why files could not be read when the reader fails', async () => {
    render(<App host="Excel" dark={false} session={session(async () => { throw new Error('The import worker failed: it could not start.'); })} />);
    pickFiles([new File(['x'], 'a.csv')]);
    expect(await screen.findByText('The import worker failed: it could not start.')).toBeTruthy();
  });

  test('the drop zone is keyboard reachable: Enter opens the file picker', () => {
    render(<App host="Excel" dark={false} session={session(jest.fn())} />);
    const input = screen.getByTestId('file-input') as HTMLInputElement;
    const click = jest.spyOn(input, 'click').mockImplementation(() => undefined);
    const zone = screen.getByRole('button', { name: 'Drop billing files here, or press Enter to choose files' });
    expect(zone.tabIndex).toBe(0);
    fireEvent.keyDown(zone, { key: 'Enter' });
    expect(click).toHaveBeenCalledTimes(1);
  });

  test('dropping files on the drop zone reads them', async () => {
    const analyze = jest.fn<ReturnType<Analyze>, Parameters<Analyze>>().mockResolvedValue([curSummary]);
    render(<App host="Excel" dark={false} session={session(analyze)} />);
    const file = new File(['x'], 'dropped.csv');
    const zone = screen.getByRole('button', { name: 'Drop billing files here, or press Enter to choose files' });
    await act(async () => { fireEvent.drop(zone, { dataTransfer: { files: [file] } }); });
    await waitFor(() => expect(analyze).toHaveBeenCalledTimes(1));
    expect(analyze.mock.calls[0][0]).toEqual([file]);
  });

  test('App renders the panels given as children after the Import panel, in order (index.tsx: the Model then the Results panel)', () => {
    render(<App host="Excel" dark={false} session={session(jest.fn())}><ModelPanel /><ResultsPanel /></App>);
    const order = ['Import billing files', 'Price book & settings', 'Invoices & reconciliation'].map((name) => screen.getByRole('region', { name }));
    for (let i = 1; i < order.length; i += 1) {
      expect(order[i - 1].compareDocumentPosition(order[i]) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
    }
  });

  test('one workbook action at a time: while Share with accountant runs, every other action, the import\'s included, is disabled', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const runExcel = <T,>(batch: (context: Excel.RequestContext) => Promise<T>) => gate.then(() => excel.run(batch));
    render(<App host="Excel" dark={false} session={session(jest.fn())} runExcel={runExcel}><ModelPanel /><ResultsPanel /></App>);
    const others = ['Choose files…', 'Set up the model', 'Check the model', 'Rate', 'Reconcile', 'Share with accountant', 'Re-enter DBR formulas'];
    expect(others.map(disabled)).toEqual(others.map(() => false));

    fireEvent.click(screen.getByRole('button', { name: 'Share with accountant' }));
    expect(others.map(disabled)).toEqual(others.map(() => true));
    expect(screen.getAllByRole('radio').every((radio) => radio.matches(':disabled'))).toBe(true);
    expect(disabled('Cancel')).toBe(false);

    await act(async () => { open(); });
    // Share on a workbook with no tables refuses (BAD_TABLE); then everything is enabled again.
    expect((await screen.findByTestId('results-error')).textContent).toContain('import billing files and set up the model first');
    expect(others.map(disabled)).toEqual(others.map(() => false));
  });

  test('while the model is being set up, the results actions and the import wait', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const runExcel = <T,>(batch: (context: Excel.RequestContext) => Promise<T>) => gate.then(() => excel.run(batch));
    render(<App host="Excel" dark={false} session={session(jest.fn())} runExcel={runExcel}><ModelPanel /><ResultsPanel /></App>);
    fireEvent.click(screen.getByRole('button', { name: 'Set up the model' }));
    expect(['Choose files…', 'Rate', 'Reconcile', 'Share with accountant', 'Re-enter DBR formulas', 'Check the model'].map(disabled)).toEqual([true, true, true, true, true, true]);
    await act(async () => { open(); });
    await screen.findByTestId('model-result');
    expect(['Choose files…', 'Rate', 'Set up the model'].map(disabled)).toEqual([false, false, false]);
    expect(excel.table('PriceBook')).toBeDefined();
  });

  test('while an import writes into Lines, the Model and Results panels wait', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    let open: () => void = () => undefined;
    const gate = new Promise<void>((resolve) => { open = resolve; });
    const runExcel = <T,>(batch: (context: Excel.RequestContext) => Promise<T>) => gate.then(() => excel.run(batch));
    const importing: ImportSession = {
      analyze: async () => [curSummary],
      rows: () => ({ rows: (async function* () { /* no rows: the import is cancelled before any */ })(), stats: () => null }),
    };
    render(<App host="Excel" dark={false} session={importing} runExcel={runExcel}><ModelPanel /><ResultsPanel /></App>);
    pickFiles([new File(['x'], 'cur1-sample-2023-11.csv')]);
    fireEvent.click(await screen.findByRole('button', { name: 'Import into Lines' }));
    const mine = ['Set up the model', 'Check the model', 'Rate', 'Reconcile', 'Share with accountant', 'Re-enter DBR formulas'];
    expect(mine.map(disabled)).toEqual(mine.map(() => true));
    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    await act(async () => { open(); });
    await screen.findByText('Import cancelled: the workbook is unchanged.');
    expect(mine.map(disabled)).toEqual(mine.map(() => false));
  });
});
