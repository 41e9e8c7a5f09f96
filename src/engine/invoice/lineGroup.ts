import { DecimalTotal } from '../money';
import type { BillingLine, SourceRef } from '../line';
import type { LinePlan } from './planLine';
import type { LineGroupPart } from './invoiceTypes';
import { ALWAYS_KEY_FIELDS, OWNER_ONLY_KEY_FIELD } from '../groups/groupKey';
import type { PricingGroup } from '../groups/pricingGroup';

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
    // GROUP_KEY_FIELDS, the one definition the groups table and its SQL share.
    for (let i = 0; i < ALWAYS_KEY_FIELDS.length; i += 1) {
      const field = ALWAYS_KEY_FIELDS[i];
      if (line[field] !== s[field]) return false;
    }
    return !ownerOnly || line[OWNER_ONLY_KEY_FIELD] === s[OWNER_ONLY_KEY_FIELD];
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
    this.mergeFirstLines(part.firstLines);
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

  /**
   * Adds a pricing group of the same key (`InvoiceRun.addGroup`): the sums this group's plan uses
   * — the basis its field asks for, with its missing count, and the usage for `rate`.
   */
  absorbGroup(group: PricingGroup): void {
    this.lines += group.lines;
    this.mergeFirstLines(group.firstLines);
    this.unblended.add(group.unblended);
    if (group.blended !== group.unblended) {
      // The walk adds Σ blended − Σ unblended of these (awsBlended): the same value as line by line.
      this.blendedWhereDifferent.add(group.blended);
      this.unblendedWhereDifferent.add(group.unblended);
    }
    if (this.basis !== null) {
      const field = this.plan.basisField;
      const [sum, missing] = field === 'amortizedCost' ? [group.amortized, group.amortizedMissing]
        : field === 'listCost' ? [group.list, group.listMissing] : [group.blended, group.blendedMissing];
      this.basis.add(sum);
      this.unavailable += missing;
    }
    if (this.usage !== null) this.usage.add(group.usage);
  }

  /** Keeps the FIRST_LINES_KEPT smallest of this group's and `lines` (both ascending). */
  private mergeFirstLines(lines: readonly number[]): void {
    if (lines.length === 0) return;
    const kept = this.firstLines;
    if (kept.length === 0 || lines[0] > kept[kept.length - 1]) {
      for (const line of lines) if (kept.length < FIRST_LINES_KEPT) kept.push(line);
      return;
    }
    const merged = [...kept, ...lines].sort((a, b) => a - b).slice(0, FIRST_LINES_KEPT);
    kept.length = 0;
    kept.push(...merged);
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
