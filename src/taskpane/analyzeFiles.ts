import type { ImportProgress, ImportSummary, ReadBilling } from './importSummary';
import { summarizeFiles } from './importSummary';

/** Reads picked files and answers with their summaries; the Import panel is written against this. */
export type AnalyzeFiles = (
  files: readonly File[],
  options: { signal: AbortSignal; onProgress: (progress: ImportProgress) => void },
) => Promise<ImportSummary[]>;

/** Messages from importWorker.ts. */
export type ImportWorkerMessage =
  | { type: 'progress'; progress: ImportProgress }
  | { type: 'done'; summaries: ImportSummary[] }
  | { type: 'failed'; message: string };

function abortError(): DOMException {
  return new DOMException('The import was cancelled.', 'AbortError');
}

/**
 * Parses off the UI thread: one worker per analysis (importWorker.js, its own bundle beside the
 * page). Cancel terminates the worker, which stops it at once wherever it is.
 */
export function workerAnalyzer(workerUrl = 'importWorker.js'): AnalyzeFiles {
  return (files, { signal, onProgress }) => new Promise<ImportSummary[]>((resolve, reject) => {
    if (signal.aborted) {
      reject(abortError());
      return;
    }
    const worker = new Worker(workerUrl);
    const stop = () => {
      worker.terminate();
      reject(abortError());
    };
    signal.addEventListener('abort', stop, { once: true });
    const finish = () => {
      signal.removeEventListener('abort', stop);
      worker.terminate();
    };
    worker.onmessage = (event: MessageEvent<ImportWorkerMessage>) => {
      const message = event.data;
      if (message.type === 'progress') {
        onProgress(message.progress);
      } else if (message.type === 'done') {
        finish();
        resolve(message.summaries);
      } else {
        finish();
        reject(new Error(message.message));
      }
    };
    worker.onerror = (event) => {
      finish();
      reject(new Error(`The import worker failed: ${event.message || 'it could not start'}.`));
    };
    worker.postMessage({ files: [...files] });
  });
}

/** Parses on the page itself (tests, or where workers are missing): readBilling awaits each chunk, so the pane stays responsive. */
export function inThreadAnalyzer(read: ReadBilling): AnalyzeFiles {
  return (files, { signal, onProgress }) => summarizeFiles(files, read, { signal, onProgress });
}
