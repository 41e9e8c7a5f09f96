import { CHARGE_KINDS, type ChargeKind } from '../engine/kinds';
import type { BillingFormat, BillingLine } from '../engine/line';
import { parseDecimal } from '../engine/money';
import { DecimalTotal } from '../engine/money';
import { isNullText } from './numbers';

/**
 * The control totals of one billing table (a file, or one CSV inside a zip), ENGINE.md §10.
 *
 * What each figure counts:
 * - `rowsRead`: every data record after the header, bad ones included.
 * - `linesEmitted`: every BillingLine handed to `onLine` (a dbr-monthly row may give three:
 *   its cost, its credits and its tax), `total` and `rounding` lines included.
 * - `rowsSkipped`: data records that gave no line, by reason in `skippedByReason`
 *   (`BAD_ROW`, `BAD_NUMBER`, `BAD_DATE`, `UNKNOWN_FORMAT`, `UNKNOWN_RECORD_TYPE`,
 *   `EstimatedDisclaimer`). rowsRead = rows that gave at least one line + rowsSkipped.
 * - `unblendedRead`: Σ of the format's unblended cost column (dbr UnBlendedCost or Cost,
 *   dbr-monthly TotalCost, CUR UnblendedCost, FOCUS BilledCost) over every data record that is not
 *   a total row and whose cost is a number (blank counts as nothing).
 * - `unblendedAccounted`: Σ unblendedCost of the emitted lines that are not `total`, plus the cost
 *   of skipped records whose cost was a number. It must equal `unblendedRead`, exactly; otherwise
 *   the reader reports `CONTROL_TOTAL_MISMATCH`.
 * - `unblendedByKind`: Σ unblendedCost of the emitted lines per kind; `total` adds up every
 *   total row (statement, invoices and accounts together), so it is not a figure to use.
 * - `checks`: the DBR control totals (Σ rows = StatementTotal, each InvoiceTotal, each
 *   AccountTotal; unblended and blended).
 * Money is plain decimal text, exact (no trailing zeros).
 */
export interface FileControl {
  file: string;
  format: BillingFormat | null;
  rowsRead: number;
  linesEmitted: number;
  rowsSkipped: number;
  skippedByReason: Record<string, number>;
  /** Per reason of `skippedByReason`: Σ of the skipped records' costs that were numbers (`rerate groups` writes them). */
  skippedCostByReason?: Record<string, string>;
  periods: string[];
  payerAccounts: string[];
  accounts: string[];
  unblendedRead: string;
  unblendedAccounted: string;
  unblendedByKind: Record<ChargeKind, string>;
  linesByKind: Record<ChargeKind, number>;
  /** Per provider (FOCUS ProviderName; `AWS` for the AWS formats): lines and Σ unblended cost of non-total lines. */
  byProvider: Record<string, ProviderTotal>;
  checks: ControlCheck[];
}

export interface ProviderTotal {
  lines: number;
  unblended: string;
}

/** One DBR control total: the figure on a total row against the sum of the rows it covers. */
export interface ControlCheck {
  /** Which total row: the statement, an invoice (`key` = InvoiceID) or an account (`key` = id). */
  scope: 'statement' | 'invoice' | 'account';
  key: string;
  basis: 'unblended' | 'blended';
  /** The 1-based line of the total row. */
  line: number;
  /** The figure the total row states. */
  stated: string;
  /** Σ of the LineItem, Rounding (and any other non-total) rows it covers. */
  summed: string;
  /** summed − stated. */
  difference: string;
  ok: boolean;
}

/** Lines that are rated: every emitted line except `total` and `rounding` ones. */
export function ratedLineCount(control: FileControl): number {
  return control.linesEmitted - control.linesByKind.total - control.linesByKind.rounding;
}

function zeroByKind<T>(value: () => T): Record<ChargeKind, T> {
  const result = {} as Record<ChargeKind, T>;
  for (const kind of CHARGE_KINDS) result[kind] = value();
  return result;
}

/** Counts a table's rows and lines while it is read; `finish` gives the FileControl. */
export class ControlTally {
  format: BillingFormat | null = null;
  rowsRead = 0;
  linesEmitted = 0;
  checks: ControlCheck[] = [];
  private rowsSkipped = 0;
  private readonly skippedByReason: Record<string, number> = {};
  private readonly periods = new Set<string>();
  private readonly payers = new Set<string>();
  private readonly accounts = new Set<string>();
  private readonly read = new DecimalTotal();
  private readonly skippedCost = new DecimalTotal();
  private readonly skippedCostByReason = new Map<string, DecimalTotal>();
  /** Per kind: its lines and their cost. A Map of constant kind names keeps `count` monomorphic. */
  private readonly kinds = new Map<ChargeKind, { lines: number; cost: DecimalTotal }>(
    CHARGE_KINDS.map((kind) => [kind, { lines: 0, cost: new DecimalTotal() }]),
  );
  private readonly providers = new Map<string, { lines: number; cost: DecimalTotal }>();
  private lastProviderName: string | null = null;
  private lastProvider: { lines: number; cost: DecimalTotal } | null = null;
  private lastPayer: string | null = null;
  private lastAccount: string | null = null;
  private lastPeriod = '';

  constructor(readonly file: string) {}

  /** A non-total data record's unblended cost, as read (valid decimal text or blank). */
  addRead(cost: string | null): void {
    if (cost !== null) this.read.add(cost);
  }

  /** A data record that gave no line; `cost` is its unblended cost when that was a number. */
  skip(reason: string, cost: string | null): void {
    this.skipRows(reason, 1, cost);
  }

  /** `rows` data records that gave no line for `reason`; `cost` is Σ of their costs that were numbers (null: none). */
  skipRows(reason: string, rows: number, cost: string | null): void {
    this.rowsSkipped += rows;
    this.skippedByReason[reason] = (this.skippedByReason[reason] ?? 0) + rows;
    if (cost !== null && !isNullText(cost)) {
      this.skippedCost.add(cost);
      let byReason = this.skippedCostByReason.get(reason);
      if (byReason === undefined) {
        byReason = new DecimalTotal();
        this.skippedCostByReason.set(reason, byReason);
      }
      byReason.add(cost);
    }
  }

  /**
   * Counts `lines` lines of one kind, period, accounts and provider whose unblended costs sum to
   * `unblended`: a pricing group of a groups table (`formats/groups`), as `countParts` would count them.
   */
  countLines(lines: number, kindName: ChargeKind, unblended: string, period: string, payerAccount: string | null, account: string | null, providerName: string | null): void {
    this.linesEmitted += lines;
    const kind = this.kinds.get(kindName) as { lines: number; cost: DecimalTotal };
    kind.lines += lines;
    kind.cost.add(unblended);
    if (kindName !== 'total') {
      const name = providerName ?? 'AWS';
      let provider = this.providers.get(name);
      if (provider === undefined) {
        provider = { lines: 0, cost: new DecimalTotal() };
        this.providers.set(name, provider);
      }
      provider.lines += lines;
      provider.cost.add(unblended);
    }
    if (period) this.periods.add(period);
    if (payerAccount !== null) this.payers.add(payerAccount);
    if (account !== null) this.accounts.add(account);
  }

  /** Counts an emitted line. */
  count(line: BillingLine): void {
    this.countParts(line.kind, line.unblendedCost, line.period, line.payerAccount, line.account, line.provider);
  }

  /** Counts a line from the parts the control totals need, for a read that builds no line objects. */
  countParts(kindName: ChargeKind, unblendedCost: string | null, period: string, payerAccount: string | null, account: string | null, providerName: string | null): void {
    this.linesEmitted += 1;
    const kind = this.kinds.get(kindName) as { lines: number; cost: DecimalTotal };
    kind.lines += 1;
    if (unblendedCost !== null) kind.cost.add(unblendedCost);
    if (kindName !== 'total') {
      const name = providerName ?? 'AWS';
      if (name !== this.lastProviderName || this.lastProvider === null) {
        this.lastProviderName = name;
        this.lastProvider = this.providers.get(name) ?? null;
        if (this.lastProvider === null) {
          this.lastProvider = { lines: 0, cost: new DecimalTotal() };
          this.providers.set(name, this.lastProvider);
        }
      }
      this.lastProvider.lines += 1;
      if (unblendedCost !== null) this.lastProvider.cost.add(unblendedCost);
    }
    // Most rows repeat the previous row's period and accounts: skip the Set look-ups then.
    if (period !== this.lastPeriod) {
      this.lastPeriod = period;
      if (period) this.periods.add(period);
    }
    if (payerAccount !== this.lastPayer) {
      this.lastPayer = payerAccount;
      if (payerAccount !== null) this.payers.add(payerAccount);
    }
    if (account !== this.lastAccount) {
      this.lastAccount = account;
      if (account !== null) this.accounts.add(account);
    }
  }

  finish(): FileControl {
    const accounted = new DecimalTotal();
    const unblendedByKind = zeroByKind(() => '0');
    const linesByKind = zeroByKind(() => 0);
    for (const [kind, { lines, cost }] of this.kinds) {
      if (kind !== 'total') accounted.addTotal(cost);
      unblendedByKind[kind] = cost.toText();
      linesByKind[kind] = lines;
    }
    accounted.addTotal(this.skippedCost);
    return {
      file: this.file,
      format: this.format,
      rowsRead: this.rowsRead,
      linesEmitted: this.linesEmitted,
      rowsSkipped: this.rowsSkipped,
      skippedByReason: { ...this.skippedByReason },
      skippedCostByReason: Object.fromEntries([...this.skippedCostByReason].map(([reason, cost]) => [reason, cost.toText()])),
      periods: [...this.periods].sort(),
      payerAccounts: [...this.payers].sort(),
      accounts: [...this.accounts].sort(),
      unblendedRead: this.read.toText(),
      unblendedAccounted: accounted.toText(),
      unblendedByKind,
      linesByKind,
      byProvider: Object.fromEntries([...this.providers].sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))
        .map(([name, { lines, cost }]) => [name, { lines, unblended: cost.toText() }])),
      checks: this.checks,
    };
  }
}

/** True when two exact decimal texts are the same number (`1.50` = `1.5`). */
export function sameAmount(a: string, b: string): boolean {
  return parseDecimal(a).eq(parseDecimal(b));
}

/** Adds up several tables' controls (a zip of CSVs) into one for the whole file. */
export function mergeControls(file: string, controls: readonly FileControl[]): FileControl {
  if (controls.length === 1) return { ...controls[0], file };
  const formats = new Set(controls.map((c) => c.format).filter((f) => f !== null));
  const sum = (pick: (c: FileControl) => string): string => {
    const total = new DecimalTotal();
    for (const c of controls) total.add(pick(c));
    return total.toText();
  };
  const skippedByReason: Record<string, number> = {};
  for (const c of controls) {
    for (const [reason, n] of Object.entries(c.skippedByReason)) skippedByReason[reason] = (skippedByReason[reason] ?? 0) + n;
  }
  const skippedCost = new Map<string, DecimalTotal>();
  for (const c of controls) {
    for (const [reason, cost] of Object.entries(c.skippedCostByReason ?? {})) {
      if (!skippedCost.has(reason)) skippedCost.set(reason, new DecimalTotal());
      skippedCost.get(reason)?.add(cost);
    }
  }
  const unblendedByKind = zeroByKind(() => '0');
  const linesByKind = zeroByKind(() => 0);
  for (const kind of CHARGE_KINDS) {
    unblendedByKind[kind] = sum((c) => c.unblendedByKind[kind]);
    linesByKind[kind] = controls.reduce((n, c) => n + c.linesByKind[kind], 0);
  }
  const union = (pick: (c: FileControl) => string[]): string[] => [...new Set(controls.flatMap(pick))].sort();
  const byProvider: Record<string, ProviderTotal> = {};
  for (const name of union((c) => Object.keys(c.byProvider))) {
    const parts = controls.map((c) => c.byProvider[name]).filter((p): p is ProviderTotal => p !== undefined);
    const total = new DecimalTotal();
    for (const p of parts) total.add(p.unblended);
    byProvider[name] = { lines: parts.reduce((n, p) => n + p.lines, 0), unblended: total.toText() };
  }
  return {
    file,
    format: formats.size === 1 ? [...formats][0] : (controls.find((c) => c.format !== null)?.format ?? null),
    rowsRead: controls.reduce((n, c) => n + c.rowsRead, 0),
    linesEmitted: controls.reduce((n, c) => n + c.linesEmitted, 0),
    rowsSkipped: controls.reduce((n, c) => n + c.rowsSkipped, 0),
    skippedByReason,
    skippedCostByReason: Object.fromEntries([...skippedCost].map(([reason, cost]) => [reason, cost.toText()])),
    periods: union((c) => c.periods),
    payerAccounts: union((c) => c.payerAccounts),
    accounts: union((c) => c.accounts),
    unblendedRead: sum((c) => c.unblendedRead),
    unblendedAccounted: sum((c) => c.unblendedAccounted),
    unblendedByKind,
    linesByKind,
    byProvider,
    checks: controls.flatMap((c) => c.checks),
  };
}

/** An empty control for a file that gave no table at all (empty, unreadable). */
export function emptyControl(file: string): FileControl {
  return new ControlTally(file).finish();
}
