import { Decimal, ONE, ZERO } from '../money';
import { IssueLog, type WithIssues } from '../issues';
import { canonicalAccount, canonicalName, compareAccounts } from './canonical';
import { PairIds, sortByKey, TextIds } from './compactIds';
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
 *
 * Speed: as in allocateReservations, match keys are small integers, each phase's rows are sorted
 * once by (bucket, key, candidate order), and per bucket each key's plans walk their rows once.
 * Savings percentages are computed and compared once per distinct (on-demand rate, plan rate) pair.
 */
export function allocateSavingsPlans(
  usage: readonly SpUsageRow[],
  plans: readonly SavingsPlan[],
  options: SpOptions = {},
): WithIssues<SpAllocation> {
  const log = new IssueLog();
  const sharingOff = new Set((options.noSharingAccounts ?? []).map(canonicalAccount));
  const accounts = new TextIds(canonicalAccount);
  const families = new TextIds(canonicalName);
  const places = new TextIds(canonicalName);
  const buckets = new TextIds((label) => label.trim());
  const instanceKeys = new PairIds(); // (family, region) of EC2 Instance plans
  const TYPES: readonly SavingsPlanType[] = ['ec2-instance', 'compute'];
  const ownKeys = TYPES.map(() => new PairIds()); // (key, owner); the Compute key is 0

  // Plans: per type, the plans of each own key and of each key, in input order.
  const planOwner = new Int32Array(plans.length);
  const planLists = TYPES.map(() => ({ own: [] as number[][], others: [] as number[][] }));
  const perBucket = plans.map((p, k) => {
    const dollars = p.commitment.times(p.hours);
    if (dollars.isNegative()) {
      log.add({
        code: 'BAD_PLAN', severity: 'error', source: p.source,
        message: `Savings Plan "${p.plan}" has a negative commitment × hours (${p.commitment.toFixed()} × ${p.hours.toFixed()}), so it covers nothing.`,
      });
    }
    const owner = accounts.id(p.owner);
    planOwner[k] = owner;
    const t = TYPES.indexOf(p.type);
    const key = p.type === 'compute' ? 0 : instanceKeys.id(families.id(p.instanceFamily), places.id(p.region));
    const lists = planLists[t];
    (lists.own[ownKeys[t].id(key, owner)] ??= []).push(k);
    if (!sharingOff.has(accounts.texts[owner])) (lists.others[key] ??= []).push(k);
    return dollars.isNegative() ? ZERO : dollars;
  });

  // Usage rows: account, bucket, rate per type, and per phase the key of the plans that may cover it.
  const n = usage.length;
  const rowAccount = new Int32Array(n);
  const bucket = new Int32Array(n);
  const remaining: Decimal[] = new Array(n);
  const coveredCost: Decimal[] = new Array(n).fill(ZERO);
  const applied: string[][] = usage.map(() => []);
  const rates = TYPES.map(() => new Array<Decimal | null>(n).fill(null));
  const phaseKeys = [0, 1, 2, 3].map(() => new Int32Array(n).fill(-1)); // [type × 2 + (others ? 1 : 0)]
  usage.forEach((u, i) => {
    const account = accounts.id(u.account);
    rowAccount[i] = account;
    bucket[i] = buckets.id(u.hour);
    const bad = u.quantity.isNegative() || u.onDemandRate.isNegative() || Boolean(u.spRate?.isNegative()) || Boolean(u.instanceSpRate?.isNegative());
    remaining[i] = bad ? ZERO : u.quantity;
    if (bad) {
      log.add({
        code: 'BAD_USAGE', severity: 'error', source: u.source,
        message: `Usage row ${rowNumber(u, i)} ("${u.usage}") has a negative quantity or rate, so no plan covers it.`,
      });
      return;
    }
    const sharing = !sharingOff.has(accounts.texts[account]);
    const hasFamily = u.instanceFamily.trim() !== '';
    rates[0][i] = hasFamily ? u.instanceSpRate ?? u.spRate : null;
    rates[1][i] = u.spRate;
    const keys = [hasFamily ? instanceKeys.find(families.id(u.instanceFamily), places.id(u.region)) : -1, 0];
    TYPES.forEach((_, t) => {
      const key = keys[t];
      if (rates[t][i] === null || key < 0) return;
      phaseKeys[2 * t][i] = ownKeys[t].find(key, account);
      phaseKeys[2 * t + 1][i] = sharing && planLists[t].others[key] ? key : -1;
    });
  });

  // Candidate order per type: savings % (highest first), plan rate (lowest first), account, row.
  // Savings are compared once per distinct (on-demand rate, plan rate) pair.
  const accountRank = new Int32Array(accounts.texts.length);
  accounts.texts.map((text, id) => ({ text, id }))
    .sort((a, b) => compareAccounts(a.text, b.text))
    .forEach(({ id }, rank) => { accountRank[id] = rank; });
  const candidateOrders = TYPES.map((_, t) => {
    const pairIds = new Map<string, number>();
    const pairs: { savings: Decimal; rate: Decimal }[] = [];
    const pairOf = new Int32Array(n).fill(-1);
    for (let i = 0; i < n; i += 1) {
      const rate = rates[t][i];
      if (rate === null) continue;
      const onDemand = usage[i].onDemandRate;
      const text = `${onDemand.toFixed()}|${rate.toFixed()}`;
      let id = pairIds.get(text);
      if (id === undefined) {
        pairIds.set(text, (id = pairs.length));
        pairs.push({ savings: onDemand.isZero() ? ZERO : ONE.minus(rate.dividedBy(onDemand)), rate });
      }
      pairOf[i] = id;
    }
    // Dense ranks: pairs that tie on savings and rate (4.00/4.00 and 0/4.00 both save 0 %) share a
    // rank, so account and row decide between their rows.
    const pairRank = new Int32Array(pairs.length);
    const byPreference = (a: { savings: Decimal; rate: Decimal }, b: { savings: Decimal; rate: Decimal }) =>
      b.savings.comparedTo(a.savings) || a.rate.comparedTo(b.rate);
    const ranked = pairs.map((pair, id) => ({ ...pair, id })).sort(byPreference);
    ranked.forEach((pair, position) => {
      pairRank[pair.id] = position > 0 && byPreference(ranked[position - 1], pair) === 0 ? pairRank[ranked[position - 1].id] : position;
    });
    return Int32Array.from({ length: n }, (_, i) => i)
      .filter((i) => pairOf[i] >= 0)
      .sort((a, b) => pairRank[pairOf[a]] - pairRank[pairOf[b]] || accountRank[rowAccount[a]] - accountRank[rowAccount[b]] || a - b);
  });
  const phaseRows = phaseKeys.map((keys, phase) => {
    const lists = planLists[phase >> 1];
    const rows = candidateOrders[phase >> 1].filter((i) => keys[i] >= 0);
    return sortByKey(sortByKey(rows, keys, (phase % 2 === 0 ? lists.own : lists.others).length), bucket, buckets.texts.length);
  });

  const planUsed: Decimal[] = plans.map(() => ZERO);
  const leftOf: Decimal[] = new Array(plans.length);
  const leftBucket = new Int32Array(plans.length).fill(-1);

  /** Lets `planIds` (input order) spend on `rows[start..end)` (candidate order) in bucket `b`. */
  const cover = (planIds: readonly number[], rows: Int32Array, start: number, end: number, rate: (Decimal | null)[], othersOnly: boolean, b: number): void => {
    let cursor = start;
    for (const k of planIds) {
      if (leftBucket[k] !== b) {
        leftBucket[k] = b;
        leftOf[k] = perBucket[k];
      }
      let left = leftOf[k];
      if (left.isZero()) continue;
      while (cursor < end && remaining[rows[cursor]].isZero()) cursor += 1;
      for (let j = cursor; j < end && !left.isZero(); j += 1) {
        const i = rows[j];
        const rest = remaining[i];
        if (rest.isZero() || (othersOnly && rowAccount[i] === planOwner[k])) continue;
        const r = rate[i] as Decimal;
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

  // Bucket by bucket: EC2 Instance on owners, on others, then Compute on owners, on others.
  const position = [0, 0, 0, 0];
  for (let b = 0; b < buckets.texts.length; b += 1) {
    for (let phase = 0; phase < 4; phase += 1) {
      const rows = phaseRows[phase];
      const keys = phaseKeys[phase];
      const lists = phase % 2 === 0 ? planLists[phase >> 1].own : planLists[phase >> 1].others;
      let p = position[phase];
      while (p < rows.length && bucket[rows[p]] === b) {
        const key = keys[rows[p]];
        let end = p + 1;
        while (end < rows.length && bucket[rows[end]] === b && keys[rows[end]] === key) end += 1;
        cover(lists[key], rows, p, end, rates[phase >> 1], phase % 2 === 1, b);
        p = end;
      }
      position[phase] = p;
    }
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
  const bucketCount = new Decimal(buckets.texts.length);
  let commitment = ZERO;
  const planResult = plans.map((p, k) => {
    const capacity = perBucket[k].times(bucketCount);
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
