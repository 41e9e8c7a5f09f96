import { formatPrecise, parseDecimal, ZERO, type Decimal } from '../money';
import type { Issue, WithIssues } from '../issues';
import type { InvoiceRunResult } from '../invoice/invoiceTypes';

/** One file's control totals: a row of the JSON `controls` array (PRODUCT.md) and of the workbook's audit sheet. */
export interface ControlRow {
  file: string;
  format: string | null;
  rowsRead: number;
  rowsRated: number;
  rowsSkipped: number;
  /** Exact decimal text. */
  unblendedRead: string;
  unblendedAccounted: string;
}

/**
 * What a reader says it read from one file (the fields of the readers' FileControl that the
 * engine checks; a FileControl can be passed as is).
 */
export interface ReadControl {
  file: string;
  format: string | null;
  rowsRead: number;
  rowsSkipped: number;
  /** Σ unblended cost of the file's data rows other than totals, exact decimal text. */
  unblendedRead: string;
  /** Σ unblended cost of rows the reader skipped but whose cost it knows (they never reach the run). */
  unblendedSkipped?: string;
  /**
   * The reader's own accounted figure and per-kind sums of the lines it emitted (FileControl):
   * when `unblendedSkipped` is absent, skipped = unblendedAccounted − Σ unblendedByKind but `total`.
   */
  unblendedAccounted?: string;
  unblendedByKind?: Record<string, string>;
}

/** What the reader skipped with a known cost, from whichever figures it gives; 0 without them. */
export function skippedCost(control: ReadControl): Decimal {
  if (control.unblendedSkipped !== undefined) return parseDecimal(control.unblendedSkipped);
  if (control.unblendedAccounted === undefined || control.unblendedByKind === undefined) return ZERO;
  let emitted = ZERO;
  for (const [kind, text] of Object.entries(control.unblendedByKind)) {
    if (kind !== 'total') emitted = emitted.plus(parseDecimal(text));
  }
  return parseDecimal(control.unblendedAccounted).minus(emitted);
}

/**
 * The control totals per file (ENGINE.md §10): rows read, rated and skipped, and Σ unblended cost
 * read against Σ unblended cost accounted for — by the run (invoiced, excluded, removed by a
 * setting, rounding) plus what the reader skipped with a known cost. A difference is
 * CONTROL_TOTAL_MISMATCH naming both figures.
 */
export function controlTotals(read: readonly ReadControl[], result: Pick<InvoiceRunResult, 'linesRated' | 'unblendedAccounted'>): WithIssues<ControlRow[]> {
  const issues: Issue[] = [];
  const rows = read.map((control) => {
    const accountedByRun: Decimal = result.unblendedAccounted.get(control.file) ?? ZERO;
    const accounted = accountedByRun.plus(skippedCost(control));
    const unblendedRead = parseDecimal(control.unblendedRead);
    if (!accounted.eq(unblendedRead)) {
      issues.push({
        code: 'CONTROL_TOTAL_MISMATCH',
        severity: 'error',
        message: `${control.file}: unblended cost read ${formatPrecise(unblendedRead)} differs from unblended cost accounted for ${formatPrecise(accounted)} by ${formatPrecise(unblendedRead.minus(accounted))}.`,
        source: { file: control.file, line: 1 },
      });
    }
    return {
      file: control.file,
      format: control.format,
      rowsRead: control.rowsRead,
      rowsRated: result.linesRated.get(control.file) ?? 0,
      rowsSkipped: control.rowsSkipped,
      unblendedRead: formatPrecise(unblendedRead),
      unblendedAccounted: formatPrecise(accounted),
    };
  });
  return { result: rows, issues };
}
