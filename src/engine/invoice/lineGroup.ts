import { DecimalTotal } from '../money';
import type { BillingLine, SourceRef } from '../line';
import type { LinePlan } from './planLine';
import type { LineGroupPart } from './invoiceTypes';

/** How many line numbers a group keeps for issues that list "first rows". */
export const FIRST_LINES_KEPT = 5;

/**
 * The lines of one file that share every field pricing looks at (ENGINE.md §14): they share a
 * plan, so the engine keeps only exact sums per group and applies the rule once per group.
 */
export class LineGroup {
  readonly unblended = new DecimalTotal();
  /** Blended and unblended cost of the lines whose blended cost differs (absent = unblended). */
  readonly blendedWhereDifferent = new DecimalTotal();
  readonly unblendedWhereDifferent = new DecimalTotal();
  /** Σ basis amount, when the basis field is not the unblended cost. */
  readonly basis: DecimalTotal | null;
  /** Σ usage amount, for `rate` rules. */
  readonly usage: DecimalTotal | null;
  lines = 0;
  /** Lines whose basis figure was missing, so their unblended cost stood in. */
  unavailable = 0;
  readonly firstLines: number[] = [];

  constructor(
    readonly plan: LinePlan,
    readonly first: SourceRef,
    readonly sample: BillingLine,
  ) {
    const field = plan.basisField;
    this.basis = field === 'unblendedCost' || field === 'zero' ? null : new DecimalTotal();
    this.usage = plan.rule?.method === 'rate' ? new DecimalTotal() : null;
  }

  /**
   * True when `line` belongs here: every field the plan depends on agrees (the caller's hash only
   * narrows the search). The commitment owner matters only under owner-only.
   */
  fits(line: BillingLine, ownerOnly: boolean): boolean {
    const s = this.sample;
    // Cheap, discriminating fields first (kind is one of the readers' constant strings).
    return line.kind === s.kind && line.period === s.period && line.productCode === s.productCode && line.region === s.region
      && line.usageType === s.usageType && line.account === s.account && line.operation === s.operation
      && line.billingEntity === s.billingEntity && line.currency === s.currency && line.service === s.service
      && line.provider === s.provider && (!ownerOnly || line.commitmentOwner === s.commitmentOwner);
  }

  add(line: BillingLine): void {
    this.lines += 1;
    const unblended = line.unblendedCost ?? '0';
    this.unblended.add(unblended);
    const blended = line.blendedCost;
    if (blended !== null && blended !== unblended) {
      this.blendedWhereDifferent.add(blended);
      this.unblendedWhereDifferent.add(unblended);
    }
    if (this.basis !== null) {
      const value = line[this.plan.basisField as 'amortizedCost' | 'listCost' | 'blendedCost'];
      if (value === null) {
        this.unavailable += 1;
        this.basis.add(unblended);
      } else {
        this.basis.add(value);
      }
    }
    if (this.usage !== null) this.usage.add(line.usageAmount ?? '0');
    if (this.firstLines.length < FIRST_LINES_KEPT) this.firstLines.push(line.source.line);
  }

  /** The group as plain data (`InvoiceRun.part`). */
  part(): LineGroupPart {
    const text = (total: DecimalTotal | null): string | null => (total === null || total.size === 0 ? null : total.toText());
    return {
      sample: this.sample,
      lines: this.lines,
      unavailable: this.unavailable,
      firstLines: this.firstLines.slice(),
      unblended: text(this.unblended),
      blendedWhereDifferent: text(this.blendedWhereDifferent),
      unblendedWhereDifferent: text(this.unblendedWhereDifferent),
      basis: text(this.basis),
      usage: text(this.usage),
    };
  }

  /** Adds the lines of a part of the same group that came later in the file (`InvoiceRun.absorb`). */
  absorb(part: LineGroupPart): void {
    this.lines += part.lines;
    this.unavailable += part.unavailable;
    for (const line of part.firstLines) if (this.firstLines.length < FIRST_LINES_KEPT) this.firstLines.push(line);
    const add = (total: DecimalTotal | null, text: string | null, what: string): void => {
      if (text === null) return;
      // Same config, same plan: a sum the part has, this group keeps too.
      if (total === null) throw new Error(`LineGroup.absorb: the part has a ${what} sum this group does not keep`);
      total.add(text);
    };
    add(this.unblended, part.unblended, 'unblended');
    add(this.blendedWhereDifferent, part.blendedWhereDifferent, 'blended');
    add(this.unblendedWhereDifferent, part.unblendedWhereDifferent, 'unblended');
    add(this.basis, part.basis, 'basis');
    add(this.usage, part.usage, 'usage');
  }
}

/**
 * The groups of one source file, found by a small-integer hash of the line's main fields, then a
 * short scan comparing every field the plan depends on (`LineGroup.fits`),
 * the last group found first. Profiling a 1M-line CUR showed Map lookups keyed by the readers'
 * fresh strings (hashed anew for every line) costing as much as reading the file; a JavaScript
 * hash over ~45 characters and a Map keyed by a small integer cost a fraction of that.
 */
export interface FileGroups {
  file: string;
  byHash: Map<number, LineGroup[]>;
  /** Every group of the file in creation order. */
  list: LineGroup[];
}
