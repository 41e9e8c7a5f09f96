/** @jest-environment jsdom */
import { act, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { App } from './App';
import type { AnalyzedFile } from './importCore';
import type { ImportSession } from './importSession';

type Analyze = ImportSession['analyze'];

/** A session that only analyses (these tests never import). */
function session(analyze: Analyze): ImportSession {
  return { analyze, rows: () => { throw new Error('not imported in these tests'); } };
}

class NoResizeObserver {
  observe() {}
  unobserve() {}
  disconnect() {}
}
(globalThis as unknown as { ResizeObserver: unknown }).ResizeObserver = NoResizeObserver;

const curSummary: AnalyzedFile = {
  file: 'cur1-sample-2023-11.csv', format: 'cur1', tables: 1, periods: ['2023-11'], payerAccounts: ['123456789012'],
  accounts: ['123456789012'], rowsRead: 1281, linesEmitted: 1281, rowsSkipped: 0, unblendedRead: '1.6823086974', unblendedSkipped: '0',
  sha256: 'a'.repeat(64), bytes: 1, rowsAtGrain: { line: 1281, month: 57 },
  issues: [{ code: 'BAD_NUMBER', severity: 'error', message: 'UnblendedCost "12 USD" is not a number.', source: { file: 'cur1-sample-2023-11.csv', line: 17 }, count: 3 }],
};

function pickFiles(files: File[]) {
  fireEvent.change(screen.getByTestId('file-input'), { target: { files } });
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

  test('App renders the panels given as children after the Import panel (the Model panel\'s place)', () => {
    render(<App host="Excel" dark={false} session={session(jest.fn())}><section aria-label="Model">model</section></App>);
    const importPanel = screen.getByRole('region', { name: 'Import billing files' });
    const model = screen.getByRole('region', { name: 'Model' });
    expect(importPanel.compareDocumentPosition(model) & Node.DOCUMENT_POSITION_FOLLOWING).toBeTruthy();
  });
});
