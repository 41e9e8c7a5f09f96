import { instanceTypeFromUsageType } from './instanceTypeFromUsageType';

describe('instanceTypeFromUsageType', () => {
  it('instanceTypeFromUsageType(usageType) reads BoxUsage and HeavyUsage types with any region prefix', () => {
    expect(['USW2-BoxUsage:m4.large', 'BoxUsage:t2.micro', 'APS3-HeavyUsage:c5.xlarge', 'SpotUsage:m4.large', 'BoxUsage:', null]
      .map(instanceTypeFromUsageType)).toEqual(['m4.large', 't2.micro', 'c5.xlarge', null, null, null]);
  });
});
