import type { DecimalText, SourceRef } from '../line';
import type { GroupKey } from './groupKey';

/**
 * One pricing group as any source can give it — the JavaScript readers (`createGroupTally`), a
 * groups table written by `rerate groups` or by an SQL engine (`groupsTable.ts`): the key, and
 * exact sums that do not depend on the price book or settings, so the engine can price the group
 * under any config (`InvoiceRun.addGroup`). Every sum is exact plain decimal text.
 *
 * - `unblended`: Σ unblended cost (a missing one counts 0);
 * - `blended`: Σ blended cost, the unblended cost standing in where it is missing (`blendedMissing`
 *   lines) — AWS's blended view, for every kind: the walk's first step. Where ENGINE.md §3 gives a
 *   kind's blended basis as its unblended cost (fee, support, credits, tax, …) the engine prices from
 *   `unblended`;
 * - `amortized`, `list`: the basis amounts of ENGINE.md §3 for the group's kind (0 where the table
 *   says 0, the unblended cost where it says unblended), the unblended cost standing in where the
 *   figure the table asks for is missing (`amortizedMissing`, `listMissing` lines);
 * - `usage`: Σ usage amount (a missing one counts 0);
 * - `source`: the file and the group's first line; `firstLines`: its first lines (at most
 *   FIRST_LINES_KEPT, ascending), for issues that list them.
 */
export interface PricingGroup extends GroupKey {
  source: SourceRef;
  lines: number;
  unblended: DecimalText;
  blended: DecimalText;
  blendedMissing: number;
  amortized: DecimalText;
  amortizedMissing: number;
  list: DecimalText;
  listMissing: number;
  usage: DecimalText;
  firstLines: number[];
}
