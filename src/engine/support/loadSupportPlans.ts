import { Decimal, formatDecimal, isDecimalText, parseDecimal, ZERO } from '../money';
import type { Issue, WithIssues } from '../issues';
import { cell, shownCell, type TableRows } from '../table';
import { requireColumns } from '../requireColumns';
import { SUPPORT_PLANS_COLUMNS } from '../workbookLayout';
import { parseRuleValue } from '../pricebook/parseRuleValue';
import type { SupportPlan, SupportPlanTable, SupportTier } from './supportPlans';

const COLUMNS = SUPPORT_PLANS_COLUMNS;

/**
 * Reads a support-plans table `Plan, Minimum, Tiers, Scope` (ENGINE.md §7). Tiers are
 * `from:rate` pairs separated by commas or semicolons (`0:10%, 10000:7%`), strictly ascending and
 * starting at 0; a rate is a fraction or a percentage. Minimum blank = 0; Scope blank = account.
 * A bad row is a BAD_VALUE error naming the row and is left out. The table is complete: a plan
 * not in it is unknown (the workbook's table is pre-filled with the built-in plans).
 */
export function loadSupportPlans(table: TableRows): WithIssues<SupportPlanTable> {
  const { columns, issues } = requireColumns(table, COLUMNS, ['Plan', 'Tiers'], 'a support-plans table');
  const result: SupportPlanTable = { source: table.source, plans: new Map() };
  if (issues.length > 0) return { result, issues };
  for (const row of table.rows) {
    const name = cell(row, columns.Plan);
    const minimumText = cell(row, columns.Minimum);
    const tiersText = cell(row, columns.Tiers);
    const scopeText = cell(row, columns.Scope).toLowerCase();
    if (name === '' && minimumText === '' && tiersText === '' && scopeText === '') continue;
    const before = issues.length;
    const bad = (column: string, message: string) =>
      issues.push({ code: 'BAD_VALUE', severity: 'error', message: `Support plan "${name}" (${table.source} line ${row.line}): ${message}`, source: { file: table.source, line: row.line, column } } satisfies Issue);
    if (name === '') bad('Plan', 'the Plan name is blank.');
    else if (result.plans.has(name.toLowerCase())) bad('Plan', `the plan is defined again; plan names match case-insensitively and the first row is kept.`);
    let minimum = ZERO;
    if (minimumText !== '') {
      if (isDecimalText(minimumText)) minimum = parseDecimal(minimumText);
      else bad('Minimum', `Minimum "${shownCell(minimumText)}" is not a number.`);
    }
    const tiers = parseTiers(tiersText);
    if (typeof tiers === 'string') bad('Tiers', tiers);
    const scope = scopeText === '' ? 'account' : scopeText;
    if (scope !== 'account' && scope !== 'customer') bad('Scope', `Scope "${scopeText}" is not account or customer.`);
    if (issues.length > before) continue;
    const plan: SupportPlan = { name, minimum, tiers: tiers as SupportTier[], scope: scope as SupportPlan['scope'] };
    result.plans.set(name.toLowerCase(), plan);
  }
  return { result, issues };
}

/**
 * A plans table as the rows of a `Plan, Minimum, Tiers, Scope` table that `loadSupportPlans` reads
 * back to the same plans: business → `['business', '100', '0:0.1, 10000:0.07, 80000:0.05, 250000:0.03', 'account']`.
 */
export function supportPlanRows(table: SupportPlanTable): [string, string, string, string][] {
  return [...table.plans.values()].map((plan) => [plan.name, formatDecimal(plan.minimum), formatTiers(plan.tiers), plan.scope]);
}

/** Tiers as `from:rate` pairs, rates as fractions: the inverse of `parseTiers`. */
export function formatTiers(tiers: readonly SupportTier[]): string {
  return tiers.map((t) => `${formatDecimal(t.from)}:${formatDecimal(t.rate)}`).join(', ');
}

/** `0:10%, 10000:7%` → tiers, or a message saying what is wrong. */
export function parseTiers(text: string): SupportTier[] | string {
  if (text.trim() === '') return 'Tiers is blank; write from:rate pairs such as "0:10%, 10000:7%".';
  const tiers: SupportTier[] = [];
  for (const part of text.split(/[,;]/)) {
    const pair = part.trim();
    const colon = pair.indexOf(':');
    const fromText = colon < 0 ? '' : pair.slice(0, colon).trim();
    const rate = colon < 0 ? null : parseRuleValue(pair.slice(colon + 1));
    if (!isDecimalText(fromText) || rate === null) return `tier "${shownCell(pair)}" is not a from:rate pair such as "10000:7%".`;
    const from: Decimal = parseDecimal(fromText);
    const previous = tiers[tiers.length - 1];
    if (previous === undefined && !from.isZero()) return `the first tier starts at ${fromText}; it must start at 0.`;
    if (previous !== undefined && !from.gt(previous.from)) return `tier "${pair}" does not start above the tier before it.`;
    tiers.push({ from, rate });
  }
  return tiers;
}
