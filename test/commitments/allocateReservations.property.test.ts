import fc from 'fast-check';
import { Decimal } from '../../src/engine/money';
import { allocateReservations, type RiAllocation, type Reservation, type RiUsageRow } from '../../src/engine/commitments';
import { splitInstanceType } from '../../src/engine/commitments/normalizationFactor';
import { referenceAllocation } from './riReference';
import { riCase } from './riArbitraries';

const RUNS = { numRuns: 1500 };

function plain(allocation: RiAllocation) {
  return {
    usage: allocation.usage.map((u) => ({ row: u.row, covered: u.covered.toFixed(), onDemand: u.onDemand.toFixed(), reservations: u.reservations })),
    reservations: allocation.reservations.map((r) => ({ reservation: r.reservation, used: r.used.toFixed(), unused: r.unused.toFixed() })),
  };
}

/** Whether `ri` may ever cover `row`, by the rules of ENGINE.md §11. */
function mayCover(ri: Reservation, row: RiUsageRow, noSharing: string[]): boolean {
  if (ri.owner !== row.account && (noSharing.includes(ri.owner) || noSharing.includes(row.account))) return false;
  if (ri.platform !== row.platform || ri.tenancy !== row.tenancy) return false;
  if (ri.scope === 'zonal') return ri.location === row.availabilityZone && ri.instanceType === row.instanceType;
  if (ri.location !== row.region) return false;
  const flexible = ri.platform === 'linux/unix' && ri.tenancy === 'default';
  return flexible ? splitInstanceType(ri.instanceType).family === splitInstanceType(row.instanceType).family : ri.instanceType === row.instanceType;
}

describe('allocateReservations (properties)', () => {
  test('allocateReservations agrees to the last digit with the brute-force reference on random tiny inputs', () => {
    fc.assert(fc.property(riCase, ({ usage, reservations, noSharing }) => {
      const { result, issues } = allocateReservations(usage, reservations, { noSharingAccounts: noSharing });
      expect(issues).toEqual([]);
      expect(plain(result)).toEqual(plain(referenceAllocation(usage, reservations, noSharing)));
    }), RUNS);
  });

  test('allocateReservations agrees with the reference when its integer units pass 2^53 (the BigInt path)', () => {
    // One more quantity with 18 decimals makes the scale 18: units of 10^-18 × 4 × factor.
    const tiny = new Decimal('0.000000000000000001');
    fc.assert(fc.property(riCase, ({ usage, reservations, noSharing }) => {
      const rows = [...usage, { ...usage[0] ?? { hour: '', account: '111111111111', instanceType: 'm5.large', platform: 'linux/unix', tenancy: 'default', availabilityZone: 'us-east-1a', region: 'us-east-1' }, quantity: new Decimal(3).plus(tiny) }];
      const { result } = allocateReservations(rows, reservations, { noSharingAccounts: noSharing });
      expect(plain(result)).toEqual(plain(referenceAllocation(rows, reservations, noSharing)));
    }), { numRuns: 500 });
  });

  test('allocateReservations conserves quantity per row and capacity per reservation, and covers only what matches', () => {
    fc.assert(fc.property(riCase, ({ usage, reservations, noSharing }) => {
      const { result } = allocateReservations(usage, reservations, { noSharingAccounts: noSharing });
      const buckets = new Set(usage.map((u) => u.hour)).size;
      result.usage.forEach((u, i) => {
        expect(u.covered.plus(u.onDemand).equals(usage[i].quantity)).toBe(true);
        expect(u.covered.isNegative() || u.onDemand.isNegative()).toBe(false);
        expect(u.reservations.length > 0).toBe(u.covered.greaterThan(0));
        for (const id of u.reservations) {
          expect(mayCover(reservations.find((ri) => ri.reservation === id) as Reservation, usage[i], noSharing)).toBe(true);
        }
      });
      result.reservations.forEach((r, k) => {
        expect(r.used.plus(r.unused).equals(reservations[k].count.times(reservations[k].hours).times(buckets))).toBe(true);
        expect(r.used.isNegative() || r.unused.isNegative()).toBe(false);
      });
    }), RUNS);
  });

  test('allocateReservations with an account\'s sharing off gives its rows and RIs what they get alone', () => {
    fc.assert(fc.property(riCase, ({ usage, reservations, noSharing }) => {
      fc.pre(noSharing.length > 0);
      const account = noSharing[0];
      const all = allocateReservations(usage, reservations, { noSharingAccounts: noSharing }).result;
      const ownRows = usage.map((u, i) => ({ ...u, row: i + 1 })).filter((u) => u.account === account);
      const ownRis = reservations.filter((ri) => ri.owner === account);
      const alone = allocateReservations(ownRows, ownRis, { noSharingAccounts: noSharing }).result;
      expect(plain(alone).usage).toEqual(plain(all).usage.filter((u) => usage[u.row - 1].account === account));
      const usedAll = all.reservations.filter((r) => ownRis.some((ri) => ri.reservation === r.reservation)).map((r) => r.used.toFixed());
      expect(alone.reservations.map((r) => r.used.toFixed())).toEqual(usedAll);
    }), RUNS);
  });
});
