/** @jest-environment jsdom */
import { inThreadAnalyzer, workerAnalyzer, type ImportWorkerMessage } from './analyzeFiles';
import type { ImportSummary, ReadBilling } from './importSummary';
import type { BillingRead } from '../formats/readBilling';
import type { FileControl } from '../formats/fileControl';

/** A stand-in Worker: records what it is sent and lets the test answer as the worker would. */
class FakeWorker {
  static last: FakeWorker;
  onmessage: ((event: { data: ImportWorkerMessage }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  sent: unknown[] = [];
  terminated = false;
  constructor(readonly url: string) { FakeWorker.last = this; }
  postMessage(message: unknown) { this.sent.push(message); }
  terminate() { this.terminated = true; }
  answer(message: ImportWorkerMessage) { this.onmessage?.({ data: message }); }
}
(globalThis as unknown as { Worker: unknown }).Worker = FakeWorker;

const summary = { file: 'a.csv', rowsRead: 2 } as ImportSummary;

function control(file: string, rowsRead: number, unblendedRead: string): FileControl {
  return {
    file, format: 'cur1', rowsRead, linesEmitted: rowsRead, rowsSkipped: 0, skippedByReason: {}, periods: ['2023-11'],
    payerAccounts: ['000000000001'], accounts: ['000000000001', '000000000002'], unblendedRead, unblendedAccounted: unblendedRead,
    unblendedByKind: {} as FileControl['unblendedByKind'], linesByKind: {} as FileControl['linesByKind'], byProvider: { AWS: { lines: rowsRead, unblended: unblendedRead } }, checks: [],
  };
}

describe('workerAnalyzer', () => {
  test('workerAnalyzer()(files) posts the files to importWorker.js, relays progress and resolves with the summaries', async () => {
    const progress: number[] = [];
    const file = new File(['x'], 'a.csv');
    const result = workerAnalyzer()([file], { signal: new AbortController().signal, onProgress: (p) => progress.push(p.bytesRead) });
    const worker = FakeWorker.last;
    expect(worker.url).toBe('importWorker.js');
    expect(worker.sent).toEqual([{ files: [file] }]);
    worker.answer({ type: 'progress', progress: { file: 'a.csv', fileIndex: 0, fileCount: 1, bytesRead: 1, bytesTotal: 1 } });
    worker.answer({ type: 'done', summaries: [summary] });
    await expect(result).resolves.toEqual([summary]);
    expect(progress).toEqual([1]);
    expect(worker.terminated).toBe(true);
  });

  test('workerAnalyzer()(files) cancelled terminates the worker and rejects with an AbortError', async () => {
    const abort = new AbortController();
    const result = workerAnalyzer()([new File(['x'], 'a.csv')], { signal: abort.signal, onProgress: () => undefined });
    abort.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.last.terminated).toBe(true);
  });

  test('workerAnalyzer()(files) rejects with the worker’s message when reading fails', async () => {
    const result = workerAnalyzer()([new File(['x'], 'a.csv')], { signal: new AbortController().signal, onProgress: () => undefined });
    FakeWorker.last.answer({ type: 'failed', message: 'boom' });
    await expect(result).rejects.toThrow('boom');
  });
});

describe('inThreadAnalyzer', () => {
  test('inThreadAnalyzer(read)(files) summarises each file from its control totals and issues', async () => {
    const read: ReadBilling = async (source, _onLine, options) => {
      options?.onProgress?.({ file: source.name, bytesRead: 3, bytesTotal: 3 });
      const whole = control(source.name, 1281, '1.6823086974');
      return { format: 'cur1', issues: [], control: whole, controls: [whole], containerIssues: 0, issueEntries: [] } satisfies BillingRead;
    };
    const seen: string[] = [];
    const summaries = await inThreadAnalyzer(read)([new File(['abc'], 'one.csv'), new File(['def'], 'two.csv')], {
      signal: new AbortController().signal, onProgress: (p) => seen.push(`${p.file} ${p.fileIndex + 1}/${p.fileCount} ${p.bytesRead}/${p.bytesTotal}`),
    });
    expect(summaries.map((s) => [s.file, s.format, s.tables, s.rowsRead, s.unblendedRead, s.accounts.length, s.periods])).toEqual([
      ['one.csv', 'cur1', 1, 1281, '1.6823086974', 2, ['2023-11']],
      ['two.csv', 'cur1', 1, 1281, '1.6823086974', 2, ['2023-11']],
    ]);
    expect(seen).toEqual(['one.csv 1/2 0/3', 'one.csv 1/2 3/3', 'two.csv 2/2 0/3', 'two.csv 2/2 3/3']);
  });

  test('inThreadAnalyzer(read)(files) with an aborted signal reads nothing', async () => {
    const read = jest.fn();
    const abort = new AbortController();
    abort.abort();
    await expect(inThreadAnalyzer(read)([new File(['x'], 'a.csv')], { signal: abort.signal, onProgress: () => undefined }))
      .rejects.toMatchObject({ name: 'AbortError' });
    expect(read).not.toHaveBeenCalled();
  });
});
