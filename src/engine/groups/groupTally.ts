import { basisAmountText, basisField } from '../basis';
import type { BillingLine } from '../line';
import { DecimalTotal } from '../money';
import { FIRST_LINES_KEPT } from '../invoice/lineGroup';
import { GROUP_KEY_FIELDS, type GroupKey } from './groupKey';
import type { PricingGroup } from './pricingGroup';

/** The exact running sums of one group while lines are added. */
interface GroupSums {
  /** The key and first line, with their own copies of the texts (a kept slice keeps a reader's whole chunk alive). */
  sample: GroupKey & { file: string; line: number };
  lines: number;
  unblended: DecimalTotal;
  blended: DecimalTotal;
  blendedMissing: number;
  amortized: DecimalTotal;
  amortizedMissing: number;
  list: DecimalTotal;
  listMissing: number;
  usage: DecimalTotal;
  firstLines: number[];
}

export interface GroupTally {
  add(line: BillingLine): void;
  /** The groups so far, per file in order of first line (the order the run would create them). */
  groups(): PricingGroup[];
}

/**
 * Groups lines by file and GROUP_KEY_FIELDS (the commitment owner included) with every sum the
 * groups table carries: what `rerate groups` writes from the JavaScript readers, the reference
 * every other source of groups must equal.
 *
 * Example: two usage lines of one file, account 111122223333, AmazonS3, `Requests-Tier1`, with
 * unblended 0.004 and 0.001 and blended 0.005 and blank give one group: lines 2, unblended 0.005,
 * blended 0.006 (the blank one's unblended stands in, blendedMissing 1), amortized 0.005 (usage:
 * the unblended cost), list = Σ list cost.
 */
export function createGroupTally(): GroupTally {
  const byKey = new Map<string, GroupSums>();
  const order: GroupSums[] = [];
  return {
    add(line) {
      const key = groupKeyText(line);
      let sums = byKey.get(key);
      if (sums === undefined) {
        sums = {
          sample: ownedKey(line), lines: 0, unblended: new DecimalTotal(), blended: new DecimalTotal(), blendedMissing: 0,
          amortized: new DecimalTotal(), amortizedMissing: 0, list: new DecimalTotal(), listMissing: 0, usage: new DecimalTotal(), firstLines: [],
        };
        byKey.set(key, sums);
        order.push(sums);
      }
      addLine(sums, line);
    },
    groups() {
      return order.map(toGroup);
    },
  };
}

function addLine(sums: GroupSums, line: BillingLine): void {
  sums.lines += 1;
  const unblended = line.unblendedCost ?? '0';
  sums.unblended.add(unblended);
  if (line.blendedCost === null) sums.blendedMissing += 1;
  sums.blended.add(line.blendedCost ?? unblended);
  const amortized = basisAmountText(line, basisField(line.kind, 'amortized'));
  sums.amortized.add(amortized.text);
  if (amortized.unavailable) sums.amortizedMissing += 1;
  const list = basisAmountText(line, basisField(line.kind, 'list'));
  sums.list.add(list.text);
  if (list.unavailable) sums.listMissing += 1;
  sums.usage.add(line.usageAmount ?? '0');
  if (sums.firstLines.length < FIRST_LINES_KEPT) sums.firstLines.push(line.source.line);
}

function toGroup(sums: GroupSums): PricingGroup {
  const s = sums.sample;
  const group = {
    source: { file: s.file, line: s.line },
    lines: sums.lines,
    unblended: sums.unblended.toText(),
    blended: sums.blended.toText(),
    blendedMissing: sums.blendedMissing,
    amortized: sums.amortized.toText(),
    amortizedMissing: sums.amortizedMissing,
    list: sums.list.toText(),
    listMissing: sums.listMissing,
    usage: sums.usage.toText(),
    firstLines: sums.firstLines.slice(),
  } as PricingGroup;
  for (const field of GROUP_KEY_FIELDS) (group as unknown as Record<string, unknown>)[field] = s[field];
  return group;
}

/** The file and key fields of a line as one text (null and blank kept apart). */
function groupKeyText(line: BillingLine): string {
  let key = line.source.file;
  for (const field of GROUP_KEY_FIELDS) {
    const value = line[field];
    key += value === null ? '\u0001' : `\u0000${value}`;
  }
  return key;
}

function ownedKey(line: BillingLine): GroupKey & { file: string; line: number } {
  const key: Record<string, unknown> = { file: line.source.file, line: line.source.line };
  for (const field of GROUP_KEY_FIELDS) {
    const value = line[field];
    key[field] = value === null ? null : (' ' + value).slice(1);
  }
  return key as unknown as GroupKey & { file: string; line: number };
}
