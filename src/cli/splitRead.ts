import { existsSync } from 'node:fs';
import { open } from 'node:fs/promises';
import * as path from 'node:path';
import { Worker } from 'node:worker_threads';
import { createInvoiceRun, type ConfigTables, type InvoiceRunConfig, type InvoiceRunPart, type Settings } from '../engine';
import { IssueLog, type Issue } from '../engine/issues';
import { mergeControls, type FileControl } from '../formats/fileControl';
import { readBilling } from '../formats/readBilling';
import type { ByteSource } from '../formats/source';
import type { SplitPlan } from '../formats/splitPlan';
import { fileRange } from './fileSource';
import { NODE_READ_OPTIONS } from './nodeReadOptions';

/**
 * `rerate invoice` reads a big plain CSV in two halves at once: this thread reads the first, a
 * worker thread the second, each into its own invoice run, and the parts are folded together in
 * file order (`InvoiceRun.absorb`, `IssueLog.absorb`, `mergeControls`). The output is the
 * single-threaded run's to the byte (test/cli/splitRead.test.ts compares them); only the time
 * differs: ≈1.8× faster on two cores (bench/README.md).
 *
 * Why it is safe: pricing is linear (ENGINE.md §14), so a group's exact sums over two halves
 * add up to its sums over the file; line numbers stay the file's own, because the second half
 * counts the newlines before it; issues are folded under the keys one read would have used.
 *
 * Where to split, and whether to, is planned beside the readers with their own detection
 * (`planSplit`, src/formats/splitPlan.ts): not below SPLIT_MIN_BYTES or on one core, not gzip,
 * zip, Parquet or UTF-16 input, not a header record longer than its first line, not a format whose
 * reader checks span the whole file (DBR's invoice totals). This module only runs the plan. When a half's read ends with a problem of the CSV
 * itself — a quote left open (the split may lie inside a quoted field), an overlong record, stray
 * quotes — its figures cannot be trusted to match, so both halves are dropped and the file is
 * read again in one piece.
 */
export const SPLIT_MIN_BYTES = 64 * 1024 * 1024;

/** What a part reader needs: plain data, so it can be posted to a worker thread. */
export interface PartJob {
  path: string;
  /** The file's name as issues show it (the path as given). */
  name: string;
  plan: SplitPlan;
  /** Which half to read. */
  half: 'first' | 'second';
  /** The tables and settings the config is built from (`configFromTables`). */
  config: PartConfig;
}

/** The invoice config as plain data: the tables' rows as read, and the settings. */
export interface PartConfig {
  tables: ConfigTables;
  settings: Settings;
}

/** One half's read: its run's groups and its reader's controls and issues (plain data). */
export interface PartResult {
  part: InvoiceRunPart;
  format: string | null;
  control: FileControl;
  containerIssues: number;
  issueEntries: [string, Issue][];
}

/** Reads one half of a file somewhere (a worker thread; in tests, this thread) and reports bytes read. */
export type PartRunner = (job: PartJob, onProgress: (bytesRead: number) => void) => Promise<PartResult>;

/** The merged read of a split file, as `readBilling` would have given it. */
export interface SplitReadResult {
  parts: [InvoiceRunPart, InvoiceRunPart];
  control: FileControl;
  issues: Issue[];
}

/**
 * Young-generation cap of the worker's heap. The default (V8 sizes it like the main thread's)
 * put the two heaps at ≈300 MB on the bench file; 8 MB keeps the run near 230 MB at no
 * measurable cost in time (bench/README.md).
 */
const WORKER_YOUNG_MB = 8;

/**
 * The runner of the compiled CLI: the second half in a worker thread running invoiceWorker.js.
 * Null when that file is not there — code run from the TypeScript sources (Jest) reads in one
 * piece unless a test passes its own runner.
 */
export function workerRunner(): PartRunner | null {
  const script = path.join(__dirname, 'invoiceWorker.js');
  if (!existsSync(script)) return null;
  return (job, onProgress) =>
    new Promise<PartResult>((resolve, reject) => {
      const worker = new Worker(script, { workerData: job, resourceLimits: { maxYoungGenerationSizeMb: WORKER_YOUNG_MB } });
      let settled = false;
      worker.on('message', (message: { progress?: number; result?: PartResult; error?: string }) => {
        if (message.progress !== undefined) {
          onProgress(message.progress);
        } else if (message.result !== undefined) {
          settled = true;
          resolve(message.result);
        } else {
          settled = true;
          reject(new Error(`the invoice worker thread failed: ${message.error ?? 'no reason given'}`));
        }
      });
      worker.on('error', (error) => {
        settled = true;
        reject(error);
      });
      worker.on('exit', (code) => {
        if (!settled) reject(new Error(`the invoice worker thread stopped (exit code ${code}) before its result`));
      });
    });
}

/**
 * Reads both halves at once and merges them; null when a half's read met a problem of the CSV
 * itself or its thread failed, so the caller reads the file in one piece instead.
 */
export async function readSplit(job: Omit<PartJob, 'half'>, runner: PartRunner, onProgress: (bytesRead: number) => void): Promise<SplitReadResult | null> {
  const done = [0, 0];
  const report = (index: number) => (bytes: number): void => {
    done[index] = bytes;
    onProgress(done[0] + done[1]);
  };
  // Both halves are waited for, so a failed one leaves no work running beside the one-piece read.
  const [firstRead, restRead] = await Promise.allSettled([
    runner({ ...job, half: 'first' }, report(0)),
    runner({ ...job, half: 'second' }, report(1)),
  ]);
  // A thread that failed (out of memory, a bug): read in one piece, which fails alike if the input is at fault.
  if (firstRead.status === 'rejected' || restRead.status === 'rejected') return null;
  const first = firstRead.value;
  const rest = restRead.value;
  if (first.containerIssues > 0 || rest.containerIssues > 0 || first.format !== rest.format) return null;
  const log = new IssueLog();
  log.absorb(first.issueEntries);
  log.absorb(rest.issueEntries);
  return {
    parts: [first.part, rest.part],
    control: mergeControls(job.name, [first.control, rest.control]),
    issues: log.issues,
  };
}

/** Reads the half `job` names into a run of its own: what a worker thread runs. */
export function readHalf(job: PartJob, config: InvoiceRunConfig, onProgress: (bytesRead: number) => void): Promise<PartResult> {
  if (job.half === 'second') return readSecondHalf(job, config, onProgress);
  return readRange(fileRange(job.path, job.name, 0, job.plan.split, null), config, undefined, onProgress);
}

/**
 * The second half: its header line, then the bytes from the split on, numbered from the file's
 * real line (the newlines before the split are counted first). What a worker thread runs.
 */
async function readSecondHalf(job: PartJob, config: InvoiceRunConfig, onProgress: (bytesRead: number) => void): Promise<PartResult> {
  const { plan } = job;
  const linesBefore = await countNewlines(job.path, plan.split);
  const source = fileRange(job.path, job.name, plan.split, plan.size, plan.header);
  const headerBytes = plan.header.byteLength;
  return readRange(source, config, linesBefore + 1, (bytes) => onProgress(Math.max(0, bytes - headerBytes)));
}

async function readRange(
  source: ByteSource,
  config: InvoiceRunConfig,
  resumeAtLine: number | undefined,
  onProgress: (bytesRead: number) => void,
): Promise<PartResult> {
  const run = createInvoiceRun(config);
  const read = await readBilling(source, (line) => run.add(line), {
    ...NODE_READ_OPTIONS,
    pricingFieldsOnly: true,
    ...(resumeAtLine === undefined ? {} : { resumeAtLine }),
    onProgress: (p) => onProgress(p.bytesRead),
  });
  return {
    part: run.part(),
    format: read.format,
    control: read.control,
    containerIssues: read.containerIssues,
    issueEntries: read.issueEntries,
  };
}

/**
 * How many line ends the first `end` bytes of a file hold, as the CSV scanner counts them: each
 * LF, and each CR not followed by an LF (a classic Mac line end; a CRLF counts once).
 */
export async function countNewlines(path: string, end: number): Promise<number> {
  const handle = await open(path, 'r');
  const buffer = Buffer.alloc(1 << 20);
  let count = 0;
  // The last read ended with a CR: a lone one unless the next read opens with LF.
  let crAtEnd = false;
  try {
    for (let position = 0; position < end; ) {
      const { bytesRead } = await handle.read(buffer, 0, Math.min(buffer.length, end - position), position);
      if (bytesRead === 0) break;
      if (crAtEnd && buffer[0] !== 10) count += 1;
      crAtEnd = false;
      for (let i = buffer.indexOf(10, 0); i !== -1 && i < bytesRead; i = buffer.indexOf(10, i + 1)) count += 1;
      for (let i = buffer.indexOf(13, 0); i !== -1 && i < bytesRead; i = buffer.indexOf(13, i + 1)) {
        if (i + 1 === bytesRead) crAtEnd = true;
        else if (buffer[i + 1] !== 10) count += 1;
      }
      position += bytesRead;
    }
  } finally {
    await handle.close();
  }
  return crAtEnd ? count + 1 : count;
}
