import { blendedRate } from './blended';
import { Decimal } from './money';
import { RerateError } from './issues';

const d = (text: string) => new Decimal(text);

describe('blendedRate', () => {
  test("blendedRate(lines) of 2,160 RI hours at 0 and 720 on-demand hours at 0.023 is 0.00575 (AWS's example)", () => {
    const rate = blendedRate([
      { unblendedCost: d('0'), usageAmount: d('2160') },
      { unblendedCost: d('16.56'), usageAmount: d('720') },
    ]);
    expect(rate.toFixed()).toBe('0.00575');
    expect(rate.times(2160).toFixed()).toBe('12.42');
    expect(rate.times(720).toFixed()).toBe('4.14');
  });

  test('blendedRate(lines) with no usage throws BAD_VALUE', () => {
    expect(() => blendedRate([{ unblendedCost: d('1'), usageAmount: d('0') }])).toThrow(RerateError);
  });
});
