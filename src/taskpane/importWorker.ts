/**
 * The import worker (its own bundle, importWorker.js): reads the picked files with readBilling off
 * the UI thread — their summaries, hashes and month rows — then streams their Lines rows to the
 * page in blocks, reading on only as the page takes them.
 */
import { formatIssueLine, issueFromError } from '../engine/issues';
import { readBilling } from '../formats/readBilling';
import { ImportCore } from './importCore';
import type { ImportWorkerMessage, ImportWorkerRequest } from './importSession';

interface WorkerScope {
  onmessage: ((event: MessageEvent<ImportWorkerRequest>) => void) | null;
  postMessage(message: ImportWorkerMessage): void;
}

const scope = self as unknown as WorkerScope;
const core = new ImportCore(readBilling);
let lastProgress = 0;
let sent = 0;
let taken = 0;
let onTaken: (() => void)[] = [];
let running: AbortController | null = null;
let runId = 0;

const fail = (during: string) => (error: unknown) => {
  if (running?.signal.aborted) return;
  scope.postMessage({ type: 'failed', message: formatIssueLine(issueFromError(error, { during })) });
};

scope.onmessage = (event) => {
  const request = event.data;
  if (request.type === 'analyze') {
    core.analyze(request.files, {
      onProgress: (progress) => {
        // At most ~20 messages a second: the page only redraws a progress bar.
        const now = Date.now();
        if (now - lastProgress < 50 && progress.bytesRead !== progress.bytesTotal) return;
        lastProgress = now;
        scope.postMessage({ type: 'progress', progress });
      },
    }).then((files) => scope.postMessage({ type: 'analyzed', files }), fail('Reading the files'));
  } else if (request.type === 'rows') {
    running?.abort();
    running = new AbortController();
    const run = request.run;
    runId = run;
    sent = 0;
    taken = 0;
    core.rows(request.grain, request.include, (block) => {
      sent += 1;
      scope.postMessage({ type: 'block', run, block });
    }, {
      pending: () => sent - taken,
      drained: () => new Promise<void>((resolve) => { onTaken.push(resolve); }),
      signal: running.signal,
    }).catch(fail('Reading the rows to import'));
  } else if (request.type === 'taken') {
    if (request.run !== runId) return;
    taken += 1;
    const waiting = onTaken;
    onTaken = [];
    for (const resolve of waiting) resolve();
  } else if (request.type === 'cancel') {
    if (request.run !== runId) return;
    running?.abort();
    const waiting = onTaken;
    onTaken = [];
    for (const resolve of waiting) resolve();
  }
};
