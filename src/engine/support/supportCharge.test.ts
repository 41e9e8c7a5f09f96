import { Decimal } from '../money';
import { supportCharge } from './supportCharge';
import { BUILT_IN_SUPPORT_PLANS, findSupportPlan } from './supportPlans';

const charge = (plan: string, base: string) => supportCharge(findSupportPlan(BUILT_IN_SUPPORT_PLANS, plan)!, new Decimal(base)).toFixed();

describe('supportCharge', () => {
  test("supportCharge(plan, base) gives AWS's own examples exactly", () => {
    expect(charge('developer', '2000')).toBe('60');
    expect(charge('business', '85000')).toBe('6150');
    expect(charge('business', '640')).toBe('100');
    expect(charge('business', '12340.55')).toBe('1163.8385');
    expect(charge('enterprise', '1200000')).toBe('70500');
    expect(charge('enterprise', '100000')).toBe('15000');
  });

  test('supportCharge(plan, base) charges the minimum on a zero or negative base', () => {
    expect(charge('developer', '0')).toBe('29');
    expect(charge('enterprise-on-ramp', '-10')).toBe('5500');
    // 1,000 + 4,900 + 8,500 + 1 × 3%: the name matches case-insensitively.
    expect(charge('Business', '250001')).toBe('14400.03');
  });
});
