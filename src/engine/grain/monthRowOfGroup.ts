import { basisField, type Basis } from '../basis';
import { lineOfGroup } from '../groups/lineOfGroup';
import type { PricingGroup } from '../groups/pricingGroup';
import type { Issue } from '../issues';
import type { BillingLine } from '../line';

/** The basis figures a groups table sums with the unblended cost standing in where they are missing. */
export const GROUP_BASIS_FIELDS = ['blendedCost', 'amortizedCost', 'listCost'] as const;
export type GroupBasisField = (typeof GROUP_BASIS_FIELDS)[number];

const BASIS_OF: Record<GroupBasisField, Basis> = { blendedCost: 'blended', amortizedCost: 'amortized', listCost: 'list' };

/** A month row of a group, and per basis figure the lines whose missing figure the row cannot show. */
export interface GroupMonthRow {
  line: BillingLine;
  /** Lines the figure was missing on, when it was missing on some but not all (else 0) and a basis asks for it. */
  partlyMissing: Record<GroupBasisField, number>;
}

/**
 * The month row that stands for a pricing group of a groups table (`rerate groups`, `rerate sql`),
 * chosen so that DBR.INVOICE over it prices as `InvoiceRun.addGroup` does (ENGINE.md §14): the key
 * fields (`lineOfGroup`), SourceLine the group's first line, UsageAmount and UnblendedCost the
 * sums, and each basis figure (the group's sum already holds ENGINE.md §3's basis for the kind):
 * - missing on every line: blank — the engine stands the unblended cost in, line by line the same
 *   sum, and counts the row under BASIS_UNAVAILABLE;
 * - missing on none: the sum;
 * - missing on some: the sum, the unblended cost already standing in — the price is the same, but
 *   the row cannot say how many lines lacked the figure, so `partlyMissing` counts them for a warning
 *   (only where a basis asks for that column for the kind: the blended figure of a fee is AWS's, and
 *   no basis prices from it).
 * Worked example: a usage group of 5 lines, list 4.2 missing on 2 of them, amortized (= unblended
 * for usage) 3.9 missing on none, blended missing on all 5 → ListCost 4.2, AmortizedCost 3.9,
 * BlendedCost blank, partlyMissing.listCost 2.
 */
export function monthRowOfGroup(group: PricingGroup): GroupMonthRow {
  const line = lineOfGroup(group);
  line.usageAmount = group.usage;
  line.unblendedCost = group.unblended;
  const partlyMissing: Record<GroupBasisField, number> = { blendedCost: 0, amortizedCost: 0, listCost: 0 };
  const figures: Record<GroupBasisField, [string, number]> = {
    blendedCost: [group.blended, group.blendedMissing],
    amortizedCost: [group.amortized, group.amortizedMissing],
    listCost: [group.list, group.listMissing],
  };
  for (const field of GROUP_BASIS_FIELDS) {
    const [sum, missing] = figures[field];
    const missingEverywhere = missing > 0 && missing >= group.lines;
    line[field] = missingEverywhere ? null : sum;
    if (missing > 0 && !missingEverywhere && basisField(group.kind, BASIS_OF[field]) === field) partlyMissing[field] = missing;
  }
  return { line, partlyMissing };
}

/** A month row of groups with a basis figure missing on some of its lines (MonthAggregator.partlyMissing). */
export interface PartlyMissingRow {
  /** The source file and first line of the row. */
  source: { file: string; line: number };
  lines: number;
  field: GroupBasisField;
  missing: number;
}

/**
 * The warning the import shows for such a row: the invoice figures are exact, but DBR.INVOICE's
 * BASIS_UNAVAILABLE count leaves these lines out where `rerate invoice groups.csv` counts them.
 * The issue's source is the row's (`groups.csv!cur.csv`, the first line); the message names both files.
 */
export function partlyMissingIssue(groupsFile: string, row: PartlyMissingRow): Issue {
  const basis = BASIS_OF[row.field];
  const container = `${groupsFile}!`;
  const billingFile = row.source.file.startsWith(container) ? row.source.file.slice(container.length) : row.source.file;
  return {
    code: 'BASIS_UNAVAILABLE',
    severity: 'warning',
    message:
      `In ${groupsFile}, the group of ${billingFile} from line ${row.source.line} lacks the ${basis} cost on ${row.missing} of its ` +
      `${row.lines} lines. Its row holds the ${basis} sum with their unblended cost standing in, so DBR.INVOICE prices it as ` +
      `rerate invoice ${groupsFile} does, but it cannot count those ${row.missing} lines under BASIS_UNAVAILABLE.`,
    source: { file: row.source.file, line: row.source.line },
    count: row.missing,
  };
}
