import type { ImportGrain } from '../engine/grain/aggregateLines';
import type { CellInput } from '../excel/estimateRowBytes';
import type { LinesCellsStats } from '../excel/linesCells';
import type { BlockRows } from '../excel/writeTableChunked';
import { BlockQueue, ImportCore, type AnalyzedFile, type RowsBlock } from './importCore';
import type { ImportProgress, ReadBilling } from './importSummary';

/** The rows of one import run, and what converting them changed once they have all come. */
export interface RowsRun {
  /**
   * The rows; the sessions here also offer them as the worker's blocks with their byte estimates
   * (`blocks()`), which is how the writer takes them (src/excel/writeTableChunked.ts).
   */
  rows: AsyncIterable<CellInput[]> & Partial<BlockRows>;
  stats(): LinesCellsStats | null;
}

/**
 * The import's file side as the pane sees it: read the picked files (off the UI thread in the
 * worker session), then stream their Lines rows at a grain. The Import panel is written against this.
 */
export interface ImportSession {
  analyze(files: readonly File[], options: { signal: AbortSignal; onProgress: (progress: ImportProgress) => void }): Promise<AnalyzedFile[]>;
  rows(grain: ImportGrain, include: readonly number[], signal: AbortSignal): RowsRun;
}

/** Messages to importWorker.ts. */
export type ImportWorkerRequest =
  | { type: 'analyze'; files: File[] }
  | { type: 'rows'; run: number; grain: ImportGrain; include: number[] }
  | { type: 'taken'; run: number }
  | { type: 'cancel'; run: number };

/** Messages from importWorker.ts. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'analyzed'; files: AnalyzedFile[] }
  | { type: 'block'; run: number; block: RowsBlock }
  | { type: 'failed'; message: string };

export function abortError(): DOMException {
  return new DOMException('The import was cancelled.', 'AbortError');
}

/**
 * Parses off the UI thread: one worker holds the picked files and what analysing them found (the
 * month rows). Cancel during analysis terminates the worker at once (the next analysis starts a
 * new one); cancel while rows stream tells it to stop reading.
 */
export function workerSession(workerUrl = 'importWorker.js'): ImportSession {
  let worker: Worker | null = null;
  // Each rows run has its number: a block of a cancelled run that arrives late is dropped.
  let runs = 0;
  const start = (): Worker => {
    worker?.terminate();
    worker = new Worker(workerUrl);
    return worker;
  };
  return {
    analyze(files, { signal, onProgress }) {
      return new Promise<AnalyzedFile[]>((resolve, reject) => {
        if (signal.aborted) {
          reject(abortError());
          return;
        }
        const current = start();
        const stop = () => {
          current.terminate();
          worker = null;
          reject(abortError());
        };
        signal.addEventListener('abort', stop, { once: true });
        current.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
          const message = event.data;
          if (message.type === 'progress') {
            onProgress(message.progress);
          } else if (message.type === 'analyzed') {
            signal.removeEventListener('abort', stop);
            resolve(message.files);
          } else if (message.type === 'failed') {
            signal.removeEventListener('abort', stop);
            reject(new Error(message.message));
          }
        };
        current.onerror = (event) => {
          signal.removeEventListener('abort', stop);
          reject(new Error(`The import worker failed: ${event.message || 'it could not start'}.`));
        };
        current.postMessage({ type: 'analyze', files: [...files] } satisfies ImportWorkerRequest);
      });
    },
    rows(grain, include, signal) {
      const current = worker;
      const run = ++runs;
      const queue = new BlockQueue(() => current?.postMessage({ type: 'taken', run } satisfies ImportWorkerRequest));
      if (current === null) {
        queue.fail(new Error('Pick the files again: their analysis was cancelled.'));
      } else {
        current.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
          const message = event.data;
          if (message.type === 'block') {
            if (message.run === run) queue.push(message.block);
          } else if (message.type === 'failed') {
            queue.fail(new Error(message.message));
          }
        };
        signal.addEventListener('abort', () => {
          current.postMessage({ type: 'cancel', run } satisfies ImportWorkerRequest);
          queue.fail(abortError());
        }, { once: true });
        current.postMessage({ type: 'rows', run, grain, include: [...include] } satisfies ImportWorkerRequest);
      }
      return {
        rows: queue.rows(),
        stats: () => queue.stats,
      };
    },
  };
}

/** The same on the page (jsdom tests, or where workers are missing): readBilling awaits each chunk. */
export function inThreadSession(read: ReadBilling): ImportSession {
  const core = new ImportCore(read);
  return {
    analyze: (files, { signal, onProgress }) => core.analyze(files, { signal, onProgress }),
    rows(grain, include, signal) {
      const queue = new BlockQueue();
      core.rows(grain, include, queue.push, { pending: queue.pending, drained: queue.drained, signal }).catch((error: unknown) => queue.fail(error));
      signal.addEventListener('abort', () => queue.fail(abortError()), { once: true });
      return { rows: queue.rows(), stats: () => queue.stats };
    },
  };
}
