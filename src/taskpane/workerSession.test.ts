/** @jest-environment jsdom */
import type { AnalyzedFile } from './importCore';
import { workerSession, type ImportWorkerMessage, type ImportWorkerRequest } from './importSession';

/** A stand-in Worker: records what it is sent and lets the test answer as importWorker.ts would. */
class FakeWorker {
  static all: FakeWorker[] = [];
  onmessage: ((event: { data: ImportWorkerMessage }) => void) | null = null;
  onerror: ((event: { message: string }) => void) | null = null;
  sent: ImportWorkerRequest[] = [];
  terminated = false;
  constructor(readonly url: string) { FakeWorker.all.push(this); }
  static get last(): FakeWorker { return FakeWorker.all[FakeWorker.all.length - 1]; }
  postMessage(message: ImportWorkerRequest) { this.sent.push(message); }
  terminate() { this.terminated = true; }
  answer(message: ImportWorkerMessage) { this.onmessage?.({ data: message }); }
}
(globalThis as unknown as { Worker: unknown }).Worker = FakeWorker;

const analyzed = { file: 'a.csv', rowsRead: 2, sha256: 'ab', rowsAtGrain: { line: 2, month: 1 } } as AnalyzedFile;
const options = () => ({ signal: new AbortController().signal, onProgress: () => undefined });

async function collect(rows: AsyncIterable<unknown[]>): Promise<unknown[][]> {
  const out: unknown[][] = [];
  for await (const row of rows) out.push(row);
  return out;
}

describe('workerSession', () => {
  test('workerSession().analyze(files) posts the files to importWorker.js, relays progress and resolves with what the worker analysed', async () => {
    const progress: number[] = [];
    const file = new File(['x'], 'a.csv');
    const result = workerSession().analyze([file], { signal: new AbortController().signal, onProgress: (p) => progress.push(p.bytesRead) });
    const worker = FakeWorker.last;
    expect(worker.url).toBe('importWorker.js');
    expect(worker.sent).toEqual([{ type: 'analyze', files: [file] }]);
    worker.answer({ type: 'progress', progress: { file: 'a.csv', fileIndex: 0, fileCount: 1, bytesRead: 1, bytesTotal: 1 } });
    worker.answer({ type: 'analyzed', files: [analyzed] });
    await expect(result).resolves.toEqual([analyzed]);
    expect(progress).toEqual([1]);
    // The worker stays: it holds the files and their month rows for the import.
    expect(worker.terminated).toBe(false);
  });

  test('workerSession().analyze(files) cancelled terminates the worker and rejects with an AbortError; rows then asks for the files again', async () => {
    const session = workerSession();
    const abort = new AbortController();
    const result = session.analyze([new File(['x'], 'a.csv')], { signal: abort.signal, onProgress: () => undefined });
    abort.abort();
    await expect(result).rejects.toMatchObject({ name: 'AbortError' });
    expect(FakeWorker.last.terminated).toBe(true);
    await expect(collect(session.rows('line', [0], new AbortController().signal).rows)).rejects.toThrow('Pick the files again');
  });

  test('workerSession().analyze(files) rejects with the worker\'s message when reading fails', async () => {
    const result = workerSession().analyze([new File(['x'], 'a.csv')], options());
    FakeWorker.last.answer({ type: 'failed', message: 'a.csv: BAD_VALUE boom' });
    await expect(result).rejects.toThrow('a.csv: BAD_VALUE boom');
  });

  test('workerSession().rows(grain, include) asks the worker for the rows, yields its blocks, tells it each block is taken and gives the stats of the last', async () => {
    const session = workerSession();
    const analysis = session.analyze([new File(['x'], 'a.csv')], options());
    const worker = FakeWorker.last;
    worker.answer({ type: 'analyzed', files: [analyzed] });
    await analysis;
    const run = session.rows('month', [0], new AbortController().signal);
    expect(worker.sent.at(-1)).toEqual({ type: 'rows', run: 1, grain: 'month', include: [0] });
    // A late block of an earlier, cancelled run is dropped.
    worker.answer({ type: 'block', run: 0, block: { rows: [['stale']], done: false } });
    worker.answer({ type: 'block', run: 1, block: { rows: [['r1'], ['r2']], done: false } });
    worker.answer({ type: 'block', run: 1, block: { rows: [['r3']], done: true, stats: { shadowCells: 4, cutCells: 1 } } });
    await expect(collect(run.rows)).resolves.toEqual([['r1'], ['r2'], ['r3']]);
    expect(worker.sent.filter((m) => m.type === 'taken')).toHaveLength(2);
    expect(run.stats()).toEqual({ shadowCells: 4, cutCells: 1 });
  });

  test('workerSession().rows cancelled tells the worker to stop and fails the rows with an AbortError', async () => {
    const session = workerSession();
    const analysis = session.analyze([new File(['x'], 'a.csv')], options());
    const worker = FakeWorker.last;
    worker.answer({ type: 'analyzed', files: [analyzed] });
    await analysis;
    const abort = new AbortController();
    const run = session.rows('line', [0], abort.signal);
    const rows = collect(run.rows);
    abort.abort();
    await expect(rows).rejects.toMatchObject({ name: 'AbortError' });
    expect(worker.sent.at(-1)).toEqual({ type: 'cancel', run: 1 });
  });
});
