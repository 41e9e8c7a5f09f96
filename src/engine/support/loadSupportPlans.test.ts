import { formatTiers, loadSupportPlans, parseTiers, supportPlanRows } from './loadSupportPlans';
import { BUILT_IN_SUPPORT_PLANS } from './supportPlans';
import { supportCharge } from './supportCharge';
import { Decimal } from '../money';
import { makeTable } from '../../../test/engine/fixtures';

describe('loadSupportPlans', () => {
  test('loadSupportPlans(table) reads plans as data; names match case-insensitively and keep their spelling', () => {
    const { result, issues } = loadSupportPlans(makeTable('SupportPlans', ['Plan', 'Minimum', 'Tiers', 'Scope'], [
      ['Gold', '250', '0:12%; 5000:8%', 'customer'],
      ['Bronze', '', '0:0.05', ''],
    ]));
    expect(issues).toEqual([]);
    const gold = result.plans.get('gold')!;
    expect(gold.name).toBe('Gold');
    expect(gold.scope).toBe('customer');
    expect(supportCharge(gold, new Decimal('6000')).toFixed()).toBe('680');
    expect(result.plans.get('bronze')!.scope).toBe('account');
    expect(supportCharge(result.plans.get('bronze')!, new Decimal('100')).toFixed()).toBe('5');
  });

  test('supportPlanRows(table) writes the built-in plans as rows that load back to the same plans', () => {
    const rows = supportPlanRows(BUILT_IN_SUPPORT_PLANS);
    expect(rows[1]).toEqual(['business', '100', '0:0.1, 10000:0.07, 80000:0.05, 250000:0.03', 'account']);
    const { result, issues } = loadSupportPlans(makeTable('SupportPlans', ['Plan', 'Minimum', 'Tiers', 'Scope'], rows));
    expect(issues).toEqual([]);
    expect([...result.plans.keys()]).toEqual([...BUILT_IN_SUPPORT_PLANS.plans.keys()]);
    for (const [key, plan] of BUILT_IN_SUPPORT_PLANS.plans) {
      const loaded = result.plans.get(key)!;
      expect([loaded.name, loaded.scope, loaded.minimum.toFixed(), formatTiers(loaded.tiers)]).toEqual([plan.name, plan.scope, plan.minimum.toFixed(), formatTiers(plan.tiers)]);
    }
  });

  test('loadSupportPlans(table) rejects bad tiers, scopes and duplicates with their row', () => {
    const { result, issues } = loadSupportPlans(makeTable('SupportPlans', ['Plan', 'Minimum', 'Tiers', 'Scope'], [
      ['A', 'ten', '0:10%', 'account'],
      ['B', '0', '100:10%', 'account'],
      ['C', '0', '0:10%, 0:5%', 'account'],
      ['D', '0', '0:10%', 'org'],
      ['E', '0', '0:10%', 'account'],
      ['e', '0', '0:20%', 'account'],
    ]));
    expect(issues.map((i) => [i.code, i.source?.line, i.source?.column])).toEqual([
      ['BAD_VALUE', 2, 'Minimum'], ['BAD_VALUE', 3, 'Tiers'], ['BAD_VALUE', 4, 'Tiers'], ['BAD_VALUE', 5, 'Scope'], ['BAD_VALUE', 7, 'Plan'],
    ]);
    expect([...result.plans.keys()]).toEqual(['e']);
    expect(issues[1].message).toBe('Support plan "B" (SupportPlans line 3): the first tier starts at 100; it must start at 0.');
  });

  test('parseTiers(text) reads the built-in business formula', () => {
    const tiers = parseTiers('0:10%, 10000:7%, 80000:5%, 250000:3%');
    expect(Array.isArray(tiers) && tiers.map((t) => [t.from.toFixed(), t.rate.toFixed()])).toEqual([['0', '0.1'], ['10000', '0.07'], ['80000', '0.05'], ['250000', '0.03']]);
  });
});
