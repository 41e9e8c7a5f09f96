import type { Issue } from '../engine/issues';
import { formatDecimal, ZERO } from '../engine/money';
import { skippedCost } from '../engine/reconcile/controlTotals';
import type { BillingFormat, BillingLine } from '../engine/line';
import type { BillingRead } from '../formats/readBilling';
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

/** A reader's result as the panel shows it: the control totals of the file, and its issues. */
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
