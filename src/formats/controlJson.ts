import type { Issue } from '../engine/issues';
import { ratedLineCount, type ControlCheck, type FileControl, type ProviderTotal } from './fileControl';
import type { ChargeKind } from '../engine/kinds';

/** A FileControl as the JSON contract writes it (PRODUCT.md `controls`, `rerate inspect`): money as exact strings. */
export interface ControlJson {
  file: string;
  format: string | null;
  periods: string[];
  payerAccounts: string[];
  accounts: string[];
  rowsRead: number;
  rowsRated: number;
  rowsSkipped: number;
  linesEmitted: number;
  skippedByReason: Record<string, number>;
  unblendedRead: string;
  unblendedAccounted: string;
  unblendedByKind: Record<ChargeKind, string>;
  byProvider: Record<string, ProviderTotal>;
  checks: ControlCheck[];
}

/** `rowsRated` = lines emitted that are not `total` or `rounding` lines. */
export function controlToJson(control: FileControl): ControlJson {
  return {
    file: control.file,
    format: control.format,
    periods: control.periods,
    payerAccounts: control.payerAccounts,
    accounts: control.accounts,
    rowsRead: control.rowsRead,
    rowsRated: ratedLineCount(control),
    rowsSkipped: control.rowsSkipped,
    linesEmitted: control.linesEmitted,
    skippedByReason: control.skippedByReason,
    unblendedRead: control.unblendedRead,
    unblendedAccounted: control.unblendedAccounted,
    unblendedByKind: control.unblendedByKind,
    byProvider: control.byProvider,
    checks: control.checks,
  };
}

/** An issue as JSON: code, severity, message, and source and count when known. */
export function issueToJson(issue: Issue): Issue {
  const json: Issue = { code: issue.code, severity: issue.severity, message: issue.message };
  if (issue.source) json.source = issue.source;
  if (issue.count !== undefined) json.count = issue.count;
  return json;
}
