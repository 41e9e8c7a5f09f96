import { Decimal } from '../../src/engine/money';
import type { SavingsPlan, SpUsageRow } from '../../src/engine/commitments';

export interface ReferenceSpRow { coveredQuantity: Decimal; coveredCost: Decimal; plans: string[] }
export interface ReferenceSp { usage: ReferenceSpRow[]; plans: { plan: string; used: Decimal; unused: Decimal }[] }

/**
 * A brute-force Savings Plans allocation for tiny canonical inputs (ENGINE.md §12 read
 * literally): per bucket, the phases EC2 Instance/owner, EC2 Instance/others, Compute/owner,
 * Compute/others; in each, every plan of the phase in input order filters all rows, sorts them by
 * savings (compared by cross-multiplication, never by a rounded quotient), rate, account, row,
 * and spends its dollars.
 */
export function referenceSavingsPlans(usage: SpUsageRow[], plans: SavingsPlan[], noSharing: string[]): ReferenceSp {
  const left = usage.map((u) => u.quantity);
  const coveredCost = usage.map(() => new Decimal(0));
  const names: string[][] = usage.map(() => []);
  const used = plans.map(() => new Decimal(0));
  const labels = [...new Set(usage.map((u) => u.hour))];
  const rateFor = (type: SavingsPlan['type'], u: SpUsageRow): Decimal | null =>
    type === 'compute' ? u.spRate : u.instanceFamily === '' ? null : u.instanceSpRate ?? u.spRate;

  for (const label of labels) {
    const dollars = plans.map((p) => p.commitment.times(p.hours));
    for (const [type, own] of [['ec2-instance', true], ['ec2-instance', false], ['compute', true], ['compute', false]] as const) {
      plans.forEach((p, k) => {
        if (p.type !== type || (!own && noSharing.includes(p.owner))) return;
        const candidates = usage.map((_, i) => i).filter((i) => {
          const u = usage[i];
          if (u.hour !== label || rateFor(type, u) === null) return false;
          if (own ? u.account !== p.owner : u.account === p.owner || noSharing.includes(u.account)) return false;
          return type === 'compute' || (u.instanceFamily === p.instanceFamily && u.region === p.region);
        });
        candidates.sort((a, b) => {
          const ua = usage[a];
          const ub = usage[b];
          const ra = rateFor(type, ua) as Decimal;
          const rb = rateFor(type, ub) as Decimal;
          // Savings as an exact fraction (od − rate) / od, 0 when on-demand is 0; compared by
          // cross-multiplication, highest first.
          const [na, da] = savingsFraction(ua.onDemandRate, ra);
          const [nb, db] = savingsFraction(ub.onDemandRate, rb);
          const bySavings = nb.times(da).comparedTo(na.times(db));
          return bySavings || ra.comparedTo(rb) || (ua.account < ub.account ? -1 : ua.account > ub.account ? 1 : 0) || a - b;
        });
        for (const i of candidates) {
          if (dollars[k].isZero()) break;
          if (left[i].isZero()) continue;
          const rate = rateFor(type, usage[i]) as Decimal;
          const cost = left[i].times(rate);
          const spend = Decimal.min(cost, dollars[k]);
          dollars[k] = dollars[k].minus(spend);
          used[k] = used[k].plus(spend);
          coveredCost[i] = coveredCost[i].plus(spend);
          left[i] = spend.equals(cost) ? new Decimal(0) : left[i].minus(spend.dividedBy(rate));
          if (!names[i].includes(p.plan)) names[i].push(p.plan);
        }
      });
    }
  }
  return {
    usage: usage.map((u, i) => ({ coveredQuantity: u.quantity.minus(left[i]), coveredCost: coveredCost[i], plans: names[i] })),
    plans: plans.map((p, k) => ({ plan: p.plan, used: used[k], unused: p.commitment.times(p.hours).times(labels.length).minus(used[k]) })),
  };
}

function savingsFraction(onDemand: Decimal, rate: Decimal): [Decimal, Decimal] {
  return onDemand.isZero() ? [new Decimal(0), new Decimal(1)] : [onDemand.minus(rate), onDemand];
}
