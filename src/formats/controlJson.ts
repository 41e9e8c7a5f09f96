import { formatPrecise } from '../engine/json/formatPrecise';
import { parseDecimal } from '../engine/money';
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

/** A control figure as JSON prints it: plain notation, at least 10 decimals, exact (as `invoice --format json`). */
export function preciseFigure(text: string): string {
  return formatPrecise(parseDecimal(text));
}

/**
 * `rowsRated` = lines emitted that are not `total` or `rounding` lines. Every money figure
 * (unblended read and accounted, by kind, by provider, the check figures) goes through `figure`:
 * by default `preciseFigure`, the JSON form; `rerate inspect`'s table passes the text as read.
 */
export function controlToJson(control: FileControl, figure: (text: string) => string = preciseFigure): ControlJson {
  const byKind = Object.fromEntries(Object.entries(control.unblendedByKind).map(([kind, amount]) => [kind, figure(amount)])) as Record<ChargeKind, string>;
  const byProvider = Object.fromEntries(Object.entries(control.byProvider).map(([name, total]) => [name, { ...total, unblended: figure(total.unblended) }]));
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
    unblendedRead: figure(control.unblendedRead),
    unblendedAccounted: figure(control.unblendedAccounted),
    unblendedByKind: byKind,
    byProvider,
    checks: control.checks.map((check) => ({ ...check, stated: figure(check.stated), summed: figure(check.summed), difference: figure(check.difference) })),
  };
}
