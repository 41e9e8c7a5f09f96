import { Decimal } from '../money';

export type SupportScope = 'account' | 'customer';

/** One tier: from this base amount up (to the next tier's `from`), `rate` of the base. */
export interface SupportTier {
  from: Decimal;
  rate: Decimal;
}

/** A support plan as data (ENGINE.md §7): AWS revises the formulas, so they are editable. */
export interface SupportPlan {
  /** The name as the table spells it; the invoice line reads `Support plan: <name>`. */
  name: string;
  minimum: Decimal;
  /** Ascending by `from`, the first from 0. */
  tiers: SupportTier[];
  scope: SupportScope;
}

/** Plans by lower-cased name (plan names match case-insensitively). */
export interface SupportPlanTable {
  source: string;
  plans: Map<string, SupportPlan>;
}

function plan(name: string, minimum: string, tiers: [string, string][], scope: SupportScope): SupportPlan {
  return {
    name,
    minimum: new Decimal(minimum),
    tiers: tiers.map(([from, rate]) => ({ from: new Decimal(from), rate: new Decimal(rate) })),
    scope,
  };
}

/** AWS's published formulas (ENGINE.md §7), the default when no SupportPlans table is given. */
export const BUILT_IN_SUPPORT_PLANS: SupportPlanTable = {
  source: 'built-in support plans',
  plans: new Map(
    [
      plan('developer', '29', [['0', '0.03']], 'account'),
      plan('business', '100', [['0', '0.10'], ['10000', '0.07'], ['80000', '0.05'], ['250000', '0.03']], 'account'),
      plan('enterprise-on-ramp', '5500', [['0', '0.10']], 'customer'),
      plan('enterprise', '15000', [['0', '0.10'], ['150000', '0.07'], ['500000', '0.05'], ['1000000', '0.03']], 'customer'),
    ].map((p): [string, SupportPlan] => [p.name.toLowerCase(), p]),
  ),
};

/** The plan of that name, case-insensitively, or undefined. */
export function findSupportPlan(table: SupportPlanTable, name: string): SupportPlan | undefined {
  return table.plans.get(name.trim().toLowerCase());
}
