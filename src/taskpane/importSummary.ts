import type { Issue } from '../engine/issues';
import { formatDecimal, ZERO } from '../engine/money';
import { skippedCost } from '../engine/reconcile/controlTotals';
import type { BillingFormat, BillingLine } from '../engine/line';
import type { BillingRead } from '../formats/readBilling';
import { blobSource } from '../formats/blobSource';
import type { ByteSource, ReadOptions } from '../formats/source';

/** What the Import panel shows for one picked file before anything is written. */
export interface ImportSummary {
  file: string;
  format: BillingFormat | null;
  /** Tables read: 1 for a plain file, one per CSV inside a zip. */
  tables: number;
  periods: string[];
  payerAccounts: string[];
  accounts: string[];
  rowsRead: number;
  linesEmitted: number;
  rowsSkipped: number;
  /** Σ unblended cost of the data rows, exact decimal text. */
  unblendedRead: string;
  /** Σ unblended cost of rows the reader skipped with a known cost (they are not imported). */
  unblendedSkipped: string;
  issues: Issue[];
}

export interface ImportProgress {
  file: string;
  /** 0-based index of the file being read, of `fileCount`. */
  fileIndex: number;
  fileCount: number;
  bytesRead: number;
  bytesTotal: number | null;
}

export type ReadBilling = (source: ByteSource, onLine: (line: BillingLine) => void, options?: ReadOptions) => Promise<BillingRead>;

export interface SummarizeOptions {
  onProgress?: (progress: ImportProgress) => void;
  signal?: AbortSignal;
}

/**
 * Reads each picked file through `read` (formats' readBilling) and keeps only its control
 * totals: the panel shows what a file holds before the user decides to write it.
 */
export async function summarizeFiles(files: readonly File[], read: ReadBilling, options: SummarizeOptions = {}): Promise<ImportSummary[]> {
  const summaries: ImportSummary[] = [];
  for (const [fileIndex, file] of files.entries()) {
    options.signal?.throwIfAborted();
    const fileCount = files.length;
    options.onProgress?.({ file: file.name, fileIndex, fileCount, bytesRead: 0, bytesTotal: file.size });
    const result = await read(blobSource(file, file.name), () => undefined, {
      signal: options.signal,
      onProgress: (p) => options.onProgress?.({ file: file.name, fileIndex, fileCount, bytesRead: p.bytesRead, bytesTotal: p.bytesTotal }),
    });
    summaries.push(summaryOf(result));
  }
  return summaries;
}

export function summaryOf(result: BillingRead): ImportSummary {
  const { control } = result;
  return {
    file: control.file,
    format: result.format,
    tables: result.controls.length,
    periods: control.periods,
    payerAccounts: control.payerAccounts,
    accounts: control.accounts,
    rowsRead: control.rowsRead,
    linesEmitted: control.linesEmitted,
    rowsSkipped: control.rowsSkipped,
    unblendedRead: control.unblendedRead,
    unblendedSkipped: formatDecimal(result.controls.reduce((sum, c) => sum.plus(skippedCost(c)), ZERO)),
    issues: result.issues,
  };
}
