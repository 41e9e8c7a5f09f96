import fc from 'fast-check';
import { Decimal } from '../../src/engine/money';
import { allocateSavingsPlans, type SavingsPlan, type SpUsageRow } from '../../src/engine/commitments';
import { referenceSavingsPlans } from './spReference';

const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const RATES = ['0', '0.25', '0.5', '1', '2', '4'];
const optionalRate = fc.option(fc.constantFrom(...RATES), { freq: 4 }).map((r) => (r === null ? null : new Decimal(r)));

// Rates are powers of two (or 0) and quantities short decimals, so dollars ÷ rate is always exact.
const spRow: fc.Arbitrary<SpUsageRow> = fc.record({
  hour: fc.constantFrom('', 'h1', 'h2'),
  account: fc.constantFrom(...ACCOUNTS),
  usage: fc.constant('u'),
  instanceFamily: fc.constantFrom('', 'c5', 'm5'),
  region: fc.constantFrom('us-east-1', 'eu-west-1'),
  quantity: fc.constantFrom('0', '0.5', '1', '2', '3', '1.25').map((q) => new Decimal(q)),
  onDemandRate: fc.constantFrom(...RATES).map((r) => new Decimal(r)),
  spRate: optionalRate,
  instanceSpRate: optionalRate,
});

const spPlan: fc.Arbitrary<Omit<SavingsPlan, 'plan'>> = fc.record({
  owner: fc.constantFrom(...ACCOUNTS),
  type: fc.constantFrom('compute' as const, 'ec2-instance' as const),
  commitment: fc.constantFrom('0', '0.5', '1', '2.5', '4').map((c) => new Decimal(c)),
  hours: fc.constantFrom('1', '2').map((h) => new Decimal(h)),
  instanceFamily: fc.constantFrom('c5', 'm5'),
  region: fc.constantFrom('us-east-1', 'eu-west-1'),
}).map((p) => (p.type === 'compute' ? { ...p, instanceFamily: '', region: '' } : p));

const spCase = fc.record({
  usage: fc.array(spRow, { maxLength: 10 }),
  plans: fc.array(spPlan, { maxLength: 5 }).map((list) => list.map((p, i) => ({ ...p, plan: `sp-${i + 1}` }))),
  noSharing: fc.subarray(ACCOUNTS, { maxLength: 2 }),
});

describe('allocateSavingsPlans (properties)', () => {
  test('allocateSavingsPlans agrees to the last digit with the brute-force reference on random tiny inputs', () => {
    fc.assert(fc.property(spCase, ({ usage, plans, noSharing }) => {
      const { result, issues } = allocateSavingsPlans(usage, plans, { noSharingAccounts: noSharing });
      expect(issues).toEqual([]);
      const reference = referenceSavingsPlans(usage, plans, noSharing);
      expect(result.usage.map((u) => [u.coveredQuantity.toFixed(), u.coveredCost.toFixed(), u.plans]))
        .toEqual(reference.usage.map((u) => [u.coveredQuantity.toFixed(), u.coveredCost.toFixed(), u.plans]));
      expect(result.plans.map((p) => [p.plan, p.used.toFixed(), p.unused.toFixed()]))
        .toEqual(reference.plans.map((p) => [p.plan, p.used.toFixed(), p.unused.toFixed()]));
    }), { numRuns: 1500 });
  });

  test('allocateSavingsPlans conserves quantity, dollars and commitment, and the cost adds up', () => {
    fc.assert(fc.property(spCase, ({ usage, plans, noSharing }) => {
      const { result } = allocateSavingsPlans(usage, plans, { noSharingAccounts: noSharing });
      const buckets = new Set(usage.map((u) => u.hour)).size;
      let covered = new Decimal(0);
      result.usage.forEach((u, i) => {
        expect(u.coveredQuantity.plus(u.onDemandQuantity).equals(usage[i].quantity)).toBe(true);
        expect(u.onDemandCost.equals(u.onDemandQuantity.times(usage[i].onDemandRate))).toBe(true);
        expect(u.coveredQuantity.isNegative() || u.onDemandQuantity.isNegative()).toBe(false);
        covered = covered.plus(u.coveredCost);
      });
      let used = new Decimal(0);
      result.plans.forEach((p, k) => {
        expect(p.used.plus(p.unused).equals(plans[k].commitment.times(plans[k].hours).times(buckets))).toBe(true);
        expect(p.unused.isNegative()).toBe(false);
        used = used.plus(p.used);
      });
      expect(covered.equals(used)).toBe(true);
      expect(result.totals.cost.equals(result.totals.commitment.plus(result.totals.uncoveredCost))).toBe(true);
    }), { numRuns: 1000 });
  });
});
