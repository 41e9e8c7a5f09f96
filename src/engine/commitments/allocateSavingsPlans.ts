import { Decimal, ONE, ZERO } from '../money';
import { IssueLog, type WithIssues } from '../issues';
import { canonicalAccount, canonicalName, compareAccounts } from './canonical';
import type { SavingsPlan, SavingsPlanType, SpAllocation, SpOptions, SpUsageAllocation, SpUsageRow } from './spAllocation';

/**
 * Applies Savings Plans to usage the way AWS does (ENGINE.md §12), bucket by bucket.
 *
 * Worked example (AWS's), one hour, one account, rates per unit (on demand / Savings Plan):
 *   c5.9xlarge Linux   1 h      4.00 / 2.00   saves 50 %   costs 4.00 on demand
 *   c5.24xlarge Win.   1 h     10.00 / 8.00   saves 20 %            10.00
 *   Fargate vCPU      10 vCPU-h 1.50 / 1.00   saves 33 %            15.00
 *   Fargate memory     5 GB-h   2.00 / 1.00   saves 50 %            10.00   → 39.00 on demand
 * A $10/h Compute plan takes the highest savings first, ties to the lowest plan rate: the GB-h
 * (5 × 1.00 = 5.00; 5.00 left), the c5.9xlarge (2.00; 3.00 left), then 3.00 ÷ 1.00 = 3 of the 10
 * vCPU-h. The hour costs the 10.00 commitment + 7 vCPU-h × 1.50 + 10.00 for the c5.24xlarge =
 * 30.50. A $25/h plan covers everything at 5 + 2 + 10 + 8 = 25.00, exactly its commitment.
 *
 * Order: EC2 Instance plans before Compute plans; within a type, first every plan covers its
 * owner's usage, then other sharing accounts' usage (like RI steps 1–4); within those, plans in
 * input order, each taking usage by highest savings percentage, then lowest plan rate, then
 * ascending account id, then input row. An EC2 Instance plan covers only its family and region.
 * Covered quantity of a partly covered row is dollars left ÷ rate: exact when finite, else to 40
 * significant digits; dollars are always exact, and quantity and commitment are conserved exactly.
 */
export function allocateSavingsPlans(
  usage: readonly SpUsageRow[],
  plans: readonly SavingsPlan[],
  options: SpOptions = {},
): WithIssues<SpAllocation> {
  const log = new IssueLog();
  const sharingOff = new Set((options.noSharingAccounts ?? []).map(canonicalAccount));
  const n = usage.length;
  const account = usage.map((u) => canonicalAccount(u.account));
  const instanceKey = usage.map((u) => (u.instanceFamily.trim() === '' ? null : `${canonicalName(u.instanceFamily)}|${canonicalName(u.region)}`));
  const remaining: Decimal[] = new Array(n);
  const coveredCost: Decimal[] = new Array(n).fill(ZERO);
  const applied: string[][] = usage.map(() => []);
  const rate: Record<SavingsPlanType, (Decimal | null)[]> = {
    compute: usage.map((u) => u.spRate),
    'ec2-instance': usage.map((u, i) => (instanceKey[i] === null ? null : u.instanceSpRate ?? u.spRate)),
  };
  usage.forEach((u, i) => {
    const bad = u.quantity.isNegative() || u.onDemandRate.isNegative() || Boolean(u.spRate?.isNegative()) || Boolean(u.instanceSpRate?.isNegative());
    if (bad) {
      log.add({
        code: 'BAD_USAGE', severity: 'error', source: u.source,
        message: `Usage row ${rowNumber(u, i)} ("${u.usage}") has a negative quantity or rate, so no plan covers it.`,
      });
    }
    remaining[i] = bad ? ZERO : u.quantity;
  });

  // Plans per phase and match key, in input order.
  const planOwner = plans.map((p) => canonicalAccount(p.owner));
  const perBucket = plans.map((p) => {
    const dollars = p.commitment.times(p.hours);
    if (dollars.isNegative()) {
      log.add({
        code: 'BAD_PLAN', severity: 'error', source: p.source,
        message: `Savings Plan "${p.plan}" has a negative commitment × hours (${p.commitment.toFixed()} × ${p.hours.toFixed()}), so it covers nothing.`,
      });
    }
    return dollars.isNegative() ? ZERO : dollars;
  });
  const planKey = plans.map((p) => (p.type === 'compute' ? '' : `${canonicalName(p.instanceFamily)}|${canonicalName(p.region)}`));
  const phases = (['ec2-instance', 'compute'] as const).map((type) => {
    const own = new Map<string, number[]>();
    const others = new Map<string, number[]>();
    plans.forEach((p, k) => {
      if (p.type !== type) return;
      push(own, `${planKey[k]}|${planOwner[k]}`, k);
      if (!sharingOff.has(planOwner[k])) push(others, planKey[k], k);
    });
    // Candidate order for this type: highest savings, lowest rate, account, row.
    const savings = usage.map((u, i) => {
      const r = rate[type][i];
      return r === null || u.onDemandRate.isZero() ? ZERO : ONE.minus(r.dividedBy(u.onDemandRate));
    });
    const order = Array.from({ length: n }, (_, i) => i).filter((i) => rate[type][i] !== null);
    order.sort((a, b) => savings[b].comparedTo(savings[a])
      || (rate[type][a] as Decimal).comparedTo(rate[type][b] as Decimal)
      || compareAccounts(account[a], account[b]) || a - b);
    const rowKey = (i: number): string | null => (type === 'compute' ? '' : instanceKey[i]);
    return { type, own, others, order, rowKey };
  });

  // Buckets in first-seen order, each holding its rows in each phase's candidate order.
  const bucketOf = usage.map((u) => u.hour.trim());
  const bucketIds = new Map<string, number>();
  for (const label of bucketOf) if (!bucketIds.has(label)) bucketIds.set(label, bucketIds.size);
  const bucketCount = bucketIds.size;
  const planUsed: Decimal[] = plans.map(() => ZERO);
  const leftOf: Decimal[] = new Array(plans.length);
  const leftBucket = new Int32Array(plans.length).fill(-1);

  const cover = (planIds: readonly number[], rows: readonly number[], type: SavingsPlanType, othersOnly: boolean, bucket: number): void => {
    let cursor = 0;
    for (const k of planIds) {
      if (leftBucket[k] !== bucket) {
        leftBucket[k] = bucket;
        leftOf[k] = perBucket[k];
      }
      let left = leftOf[k];
      while (cursor < rows.length && remaining[rows[cursor]].isZero()) cursor += 1;
      for (let j = cursor; j < rows.length && !left.isZero(); j += 1) {
        const i = rows[j];
        const rest = remaining[i];
        if (rest.isZero() || (othersOnly && account[i] === planOwner[k])) continue;
        const r = rate[type][i] as Decimal;
        const cost = rest.times(r);
        if (left.greaterThanOrEqualTo(cost)) {
          left = left.minus(cost);
          planUsed[k] = planUsed[k].plus(cost);
          coveredCost[i] = coveredCost[i].plus(cost);
          remaining[i] = ZERO;
        } else {
          // cost > left ≥ 0 here, so the rate is positive.
          const after = rest.minus(left.dividedBy(r));
          remaining[i] = after.isNegative() ? ZERO : after;
          planUsed[k] = planUsed[k].plus(left);
          coveredCost[i] = coveredCost[i].plus(left);
          left = ZERO;
        }
        const names = applied[i];
        if (names[names.length - 1] !== plans[k].plan) names.push(plans[k].plan);
      }
      leftOf[k] = left;
    }
  };

  for (const phase of phases) {
    if (phase.own.size === 0 && phase.others.size === 0) continue;
    const byBucket: number[][] = Array.from({ length: bucketCount }, () => []);
    for (const i of phase.order) byBucket[bucketIds.get(bucketOf[i]) as number].push(i);
    byBucket.forEach((rows, bucket) => {
      const own = new Map<string, number[]>();
      const others = new Map<string, number[]>();
      for (const i of rows) {
        const key = phase.rowKey(i);
        if (key === null) continue;
        const ownKey = `${key}|${account[i]}`;
        if (phase.own.has(ownKey)) push(own, ownKey, i);
        if (!sharingOff.has(account[i]) && phase.others.has(key)) push(others, key, i);
      }
      for (const [key, keyRows] of own) cover(phase.own.get(key) as number[], keyRows, phase.type, false, bucket);
      for (const [key, keyRows] of others) cover(phase.others.get(key) as number[], keyRows, phase.type, true, bucket);
    });
  }

  let onDemandCost = ZERO;
  let uncoveredCost = ZERO;
  const usageResult: SpUsageAllocation[] = usage.map((u, i) => {
    const quantity = u.quantity.isNegative() ? ZERO : u.quantity;
    const coveredQuantity = quantity.minus(remaining[i]);
    const rest = u.quantity.isNegative() ? u.quantity : remaining[i];
    const restCost = rest.times(u.onDemandRate);
    onDemandCost = onDemandCost.plus(u.quantity.times(u.onDemandRate));
    uncoveredCost = uncoveredCost.plus(restCost);
    return {
      row: rowNumber(u, i),
      coveredQuantity,
      coveredFraction: quantity.isZero() ? ZERO : coveredQuantity.dividedBy(quantity),
      coveredCost: coveredCost[i],
      onDemandQuantity: rest,
      onDemandCost: restCost,
      plans: applied[i],
    };
  });
  const buckets = new Decimal(bucketCount);
  let commitment = ZERO;
  const planResult = plans.map((p, k) => {
    const capacity = perBucket[k].times(buckets);
    commitment = commitment.plus(capacity);
    return { plan: p.plan, used: planUsed[k], unused: capacity.minus(planUsed[k]) };
  });
  return {
    result: {
      usage: usageResult,
      plans: planResult,
      totals: { onDemandCost, commitment, uncoveredCost, cost: commitment.plus(uncoveredCost) },
    },
    issues: log.issues,
  };
}

function rowNumber(row: SpUsageRow, index: number): number {
  return row.row ?? index + 1;
}

function push<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}
