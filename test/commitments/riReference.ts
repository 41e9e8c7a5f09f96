import { Decimal } from '../../src/engine/money';
import type { Reservation, RiAllocation, RiUsageRow } from '../../src/engine/commitments';

/**
 * A brute-force RI allocation for tiny, already canonical inputs (lower-case names, 12-digit
 * accounts, every row with its region): ENGINE.md §11 read literally, with no indexes, no cursors,
 * no shared sort. Each step of each bucket takes the step's reservations in input order; each one
 * filters all the bucket's rows through `matches`, sorts them with the step's comparator and
 * covers them one after the other. Slow on purpose: the engine is checked against it.
 */
const SIZES: Record<string, number> = { nano: 0.25, micro: 0.5, small: 1, medium: 2, large: 4, xlarge: 8 };

function factorOf(type: string): Decimal {
  const size = type.split('.')[1];
  if (size in SIZES) return new Decimal(SIZES[size]);
  return new Decimal(8).times(size.replace('xlarge', ''));
}

const familyOf = (type: string) => type.split('.')[0];

export function referenceAllocation(usage: RiUsageRow[], reservations: Reservation[], noSharing: string[]): RiAllocation {
  const isFlexible = (ri: Reservation) => ri.scope === 'regional' && ri.platform === 'linux/unix' && ri.tenancy === 'default';
  const left = usage.map((u) => u.quantity); // instance-hours still on demand
  const used = reservations.map(() => new Decimal(0)); // in each reservation's instance-hours
  const names: string[][] = usage.map(() => []);
  const labels = [...new Set(usage.map((u) => u.hour))];

  for (const label of labels) {
    const capacity = reservations.map((ri) => ri.count.times(ri.hours)); // instance-hours this bucket
    const steps: { scope: 'zonal' | 'regional'; own: boolean }[] = [
      { scope: 'zonal', own: true }, { scope: 'zonal', own: false }, { scope: 'regional', own: true }, { scope: 'regional', own: false },
    ];
    for (const step of steps) {
      reservations.forEach((ri, r) => {
        if (ri.scope !== step.scope) return;
        if (!step.own && noSharing.includes(ri.owner)) return;
        const flexible = isFlexible(ri);
        const candidates: number[] = [];
        usage.forEach((u, i) => {
          if (u.hour !== label) return;
          if (step.own ? u.account !== ri.owner : u.account === ri.owner || noSharing.includes(u.account)) return;
          const sameKind = u.platform === ri.platform && u.tenancy === ri.tenancy;
          if (ri.scope === 'zonal') {
            if (u.availabilityZone === ri.location && u.instanceType === ri.instanceType && sameKind) candidates.push(i);
          } else if (flexible) {
            if (u.region === ri.location && familyOf(u.instanceType) === familyOf(ri.instanceType) && sameKind) candidates.push(i);
          } else if (u.region === ri.location && u.instanceType === ri.instanceType && sameKind) {
            candidates.push(i);
          }
        });
        candidates.sort((a, b) => {
          if (!step.own && usage[a].account !== usage[b].account) return usage[a].account < usage[b].account ? -1 : 1;
          if (flexible) {
            const byFactor = factorOf(usage[a].instanceType).comparedTo(factorOf(usage[b].instanceType));
            if (byFactor !== 0) return byFactor;
          }
          return a - b;
        });
        for (const i of candidates) {
          if (capacity[r].isZero()) break;
          if (left[i].isZero()) continue;
          // Everything in the reservation's instance-hours: a row's hours weigh rowFactor ÷ riFactor.
          const weight = flexible ? factorOf(usage[i].instanceType).dividedBy(factorOf(ri.instanceType)) : new Decimal(1);
          const needed = left[i].times(weight);
          const take = Decimal.min(needed, capacity[r]);
          capacity[r] = capacity[r].minus(take);
          used[r] = used[r].plus(take);
          left[i] = take.equals(needed) ? new Decimal(0) : left[i].minus(take.dividedBy(weight));
          if (!names[i].includes(ri.reservation)) names[i].push(ri.reservation);
        }
      });
    }
  }
  return {
    usage: usage.map((u, i) => ({ row: i + 1, covered: u.quantity.minus(left[i]), onDemand: left[i], reservations: names[i] })),
    reservations: reservations.map((ri, r) => ({
      reservation: ri.reservation, used: used[r], unused: ri.count.times(ri.hours).times(labels.length).minus(used[r]),
    })),
  };
}
