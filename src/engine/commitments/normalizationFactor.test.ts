import { RerateError } from '../issues';
import { familySizesOf, normalizationFactor, splitInstanceType, tryNormalizationFactor } from './normalizationFactor';

describe('normalizationFactor', () => {
  test.each([
    ['t3.nano', '0.25'], ['t3.micro', '0.5'], ['t3.small', '1'], ['t3.medium', '2'], ['m5.large', '4'],
    ['m5.xlarge', '8'], ['m5.2xlarge', '16'], ['c5.9xlarge', '72'], ['m5.24xlarge', '192'],
    ['u7i.112xlarge', '896'], ['M5.LARGE', '4'], ['m7i.metal-24xl', '192'], ['db.r5.large', '4'],
  ])('normalizationFactor(%s) is %s', (type, factor) => {
    expect(normalizationFactor(type).toFixed()).toBe(factor);
  });

  test('normalizationFactor(metal, familySizes) takes the largest size of its family that the input names', () => {
    const sizes = familySizesOf(['m5.large', 'm5.24xlarge', 'm5.2xlarge', 'c5.metal', 'm5d.metal']);
    expect(normalizationFactor('m5.metal', sizes).toFixed()).toBe('192');
    expect(tryNormalizationFactor('c5.metal', sizes)).toBeNull();
  });

  test('normalizationFactor(metal) without a sized sibling throws UNKNOWN_INSTANCE_SIZE naming the type', () => {
    expect(() => normalizationFactor('m5.metal')).toThrow(RerateError);
    try {
      normalizationFactor('m5.metal');
    } catch (error) {
      expect((error as RerateError).code).toBe('UNKNOWN_INSTANCE_SIZE');
      expect((error as RerateError).message).toContain('"m5.metal"');
    }
  });

  test.each(['m5.huge', 'm5', '', 'm5.0xlarge', 'm5.1xlarge', 'm5.02xlarge', '.large'])('normalizationFactor(%j) throws UNKNOWN_INSTANCE_SIZE', (type) => {
    expect(() => normalizationFactor(type)).toThrow(expect.objectContaining({ code: 'UNKNOWN_INSTANCE_SIZE' }));
  });

  test('splitInstanceType(type) splits at the last dot, so m5 and m5d are different families', () => {
    expect(splitInstanceType('m5d.2xlarge')).toEqual({ family: 'm5d', size: '2xlarge' });
    expect(splitInstanceType('db.r5.large')).toEqual({ family: 'db.r5', size: 'large' });
  });
});
