import { FakeExcelError } from '../../test/addin/fakeCustomFunctions';
import { blendedRateOf, normalizationFactorOf, supportChargeOf } from './functions';

function cells(run: () => unknown[][]): unknown[][] {
  try {
    return run();
  } catch (error) {
    return [[error]];
  }
}

describe('DBR.SUPPORT, DBR.BLENDED, DBR.NORMFACTOR', () => {
  test('supportChargeOf("business", 12,340.55) is ENGINE.md §7’s 1,163.8385 (tiers 10% then 7%), summing a range with a header', () => {
    expect(supportChargeOf('business', [[12340.55]])).toEqual([[1163.8385]]);
    expect(supportChargeOf('Business', [['Charges'], [10000], [''], ['2340.55']])).toEqual([[1163.8385]]);
  });

  test('supportChargeOf takes the minimum below it: developer on 100 is 29', () => {
    expect(supportChargeOf('developer', [[100]])).toEqual([[29]]);
  });

  test('supportChargeOf with a supportPlans table uses that table only', () => {
    const plans = [['Plan', 'Minimum', 'Tiers'], ['gold', 50, '0:10%, 1000:5%']];
    expect(supportChargeOf('gold', [[2000]], plans)).toEqual([[150]]);
    expect(cells(() => supportChargeOf('business', [[2000]], plans))).toEqual([[new FakeExcelError('#N/A', 'plan "business" is not in supportPlans (gold).')]]);
  });

  test('supportChargeOf("platinum") is #N/A naming the plan and the plans there are', () => {
    expect(cells(() => supportChargeOf('platinum', [[1]]))).toEqual([[new FakeExcelError('#N/A',
      'plan "platinum" is not in built-in support plans (developer, business, enterprise-on-ramp, enterprise).')]]);
  });

  test('supportChargeOf with a text charge is #VALUE! naming it; an error cell passes through', () => {
    expect(cells(() => supportChargeOf('business', [[1], ['abc']]))).toEqual([[new FakeExcelError('#VALUE!', 'charges (row 2, column 1 of the range) is "abc", not a number.')]]);
    const input = new FakeExcelError('#N/A', 'no rate');
    expect(cells(() => supportChargeOf('business', [[1], [input]]))).toEqual([[input]]);
  });

  test('blendedRateOf is ENGINE.md §13’s AWS example: 2,160 RI hours at 0 and 720 at 0.023 → 0.00575', () => {
    expect(blendedRateOf([['Cost'], [0], [16.56]], [['Hours'], [2160], [720]])).toEqual([[0.00575]]);
  });

  test('blendedRateOf: different shapes are #VALUE!, zero quantity #NUM!', () => {
    expect(cells(() => blendedRateOf([[1], [2]], [[1]]))).toEqual([[new FakeExcelError('#VALUE!', 'quantities is a 1×1 range but costs is 2×1; give the same shape.')]]);
    expect(cells(() => blendedRateOf([[1]], [[0]]))).toEqual([[new FakeExcelError('#NUM!', 'quantities sum to 0, so the blended rate (Σ cost ÷ Σ quantity) is undefined.')]]);
  });

  test('normalizationFactorOf spills factors in the input’s shape, header and blanks kept, metal from its family in the range', () => {
    expect(normalizationFactorOf([['Type'], ['m5.large'], ['M5.2XLARGE'], [''], ['m5.metal'], ['t3.nano']])).toEqual([
      ['Type'], [4], [16], [''], [16], [0.25],
    ]);
  });

  test('normalizationFactorOf: an unknown size is #N/A in its own cell; a lone metal too', () => {
    expect(normalizationFactorOf([['m5.large'], ['m5.huge'], ['c5.metal']])).toEqual([
      [4],
      [new FakeExcelError('#N/A', 'Instance type "m5.huge" has no known size, so it has no normalization factor.')],
      [new FakeExcelError('#N/A', 'Instance type "c5.metal" is a metal size, and no other size of its family is named in the input to take the normalization factor from.')],
    ]);
  });
});
