import { parentPort, workerData } from 'node:worker_threads';
import { configFromTables } from '../engine';
import { readHalf, type PartJob } from './splitRead';

/**
 * The worker thread of a split invoice read (splitRead.ts): reads its half of the file into a run of
 * its own and posts `{ progress }` now and then, then `{ result }` (or `{ error }`).
 */
async function main(job: PartJob): Promise<void> {
  const port = parentPort;
  if (port === null) throw new Error('invoiceWorker runs as a worker thread only');
  try {
    const config = configFromTables(job.config.tables, job.config.settings, []);
    let last = 0;
    const result = await readHalf(job, config, (bytesRead) => {
      if (bytesRead - last < 1 << 24) return;
      last = bytesRead;
      port.postMessage({ progress: bytesRead });
    });
    port.postMessage({ result });
  } catch (error) {
    port.postMessage({ error: error instanceof Error ? (error.stack ?? error.message) : String(error) });
  }
}

void main(workerData as PartJob);
