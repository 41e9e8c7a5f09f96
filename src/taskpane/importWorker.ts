/**
 * The import worker (its own bundle, importWorker.js): reads the picked files with readBilling off
 * the UI thread and posts progress and the summaries back. One worker per analysis; the page
 * terminates it to cancel.
 */
import { formatIssueLine, issueFromError } from '../engine/issues';
import { readBilling } from '../formats/readBilling';
import type { ImportWorkerMessage } from './analyzeFiles';
import { summarizeFiles } from './importSummary';

interface WorkerScope {
  onmessage: ((event: MessageEvent<{ files: File[] }>) => void) | null;
  postMessage(message: ImportWorkerMessage): void;
}

const scope = self as unknown as WorkerScope;
let lastProgress = 0;

scope.onmessage = (event) => {
  summarizeFiles(event.data.files, readBilling, {
    onProgress: (progress) => {
      // At most ~20 messages a second: the page only redraws a progress bar.
      const now = Date.now();
      if (now - lastProgress < 50 && progress.bytesRead !== progress.bytesTotal) return;
      lastProgress = now;
      scope.postMessage({ type: 'progress', progress });
    },
  }).then(
    (summaries) => scope.postMessage({ type: 'done', summaries }),
    (error: unknown) => scope.postMessage({ type: 'failed', message: formatIssueLine(issueFromError(error, { during: 'Reading the files' })) }),
  );
};
