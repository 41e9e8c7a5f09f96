import { IssueLog, type Issue } from '../engine/issues';
import type { BillingFormat, BillingLine } from '../engine/line';
import { BillingSink } from './billingSink';
import { emptyControl, mergeControls, type FileControl } from './fileControl';
import { HeaderMemo } from './headerMemo';
import { readTables } from './readTables';
import type { ByteSource, ReadOptions } from './source';

export interface BillingRead {
  /** The detected format (the first table's when a zip mixes formats); null when none was. */
  format: BillingFormat | null;
  issues: Issue[];
  /** The whole file's control totals (a zip's tables added up), named after the source. */
  control: FileControl;
  /** One FileControl per table read: one for a plain file, one per CSV inside a zip. */
  controls: FileControl[];
  /** How many of `issues` (the first ones) are the container's: empty, truncated, quotes, size limit. */
  containerIssues: number;
  /**
   * `issues` with the keys they were folded under (`IssueLog.entries`), so that the reads of two
   * parts of one file can be folded together as one read would have (`IssueLog.absorb`).
   */
  issueEntries: [string, Issue][];
}

/**
 * Reads one billing file — CSV, gzip, zip of CSVs or Parquet, in any format FORMATS.md lists —
 * and hands every BillingLine to `onLine` as it is read, streaming. It never stops at a bad row:
 * problems come back as issues, and the control totals say what was read, emitted and skipped.
 * With `onLine` null only the control totals are wanted (`rerate inspect`): the same rows are
 * validated and counted, but line objects are not built where a mapper can avoid it.
 */
export async function readBilling(source: ByteSource, onLine: ((line: BillingLine) => void) | null, options?: ReadOptions): Promise<BillingRead> {
  const issues = new IssueLog();
  // Tables are read one after another: a table's sink is finished when the next one opens, and
  // only its FileControl is kept, so a zip of 80,000 entries does not keep 80,000 sinks (their
  // tallies, mappers and exact sums) alive.
  const controls: FileControl[] = [];
  let format: BillingFormat | null = null;
  let open: BillingSink | null = null;
  // A zip's CSVs mostly share one header: its format and column plan are worked out once.
  const memo = new HeaderMemo();
  const finishOpen = (): void => {
    if (open === null) return;
    format ??= open.format;
    controls.push(...open.finishAll());
    open = null;
  };
  const read = await readTables(
    source,
    (tableName) => {
      finishOpen();
      open = new BillingSink(tableName, onLine, issues, options?.pricingFieldsOnly ?? false, options?.resumeAtLine !== undefined, memo, options?.onGroup ?? null);
      return open;
    },
    options,
  );
  finishOpen();
  // Container problems (empty, truncated, size limit) first: they explain what follows.
  const all = new IssueLog();
  all.addAll(read.issues);
  const containerIssues = all.issues.length;
  all.absorb(issues.entries());
  const control = controls.length === 0 ? emptyControl(source.name) : mergeControls(source.name, controls);
  return { format, issues: all.issues, control, controls, containerIssues, issueEntries: all.entries() };
}
