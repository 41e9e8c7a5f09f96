import { accountFromArn, instanceTypeFromUsageType, kindFromDescription } from './mapper';

describe('mapper helpers', () => {
  it('accountFromArn(arn) takes the account out of reservation and Savings Plan ARNs', () => {
    expect(accountFromArn('arn:aws:ec2:us-east-1:123456789012:reserved-instances/abc')).toBe('123456789012');
    expect(accountFromArn('arn:aws:savingsplans::000000000042:savingsplan/sp-1')).toBe('000000000042');
    expect(accountFromArn('arn:aws:rds:eu-west-1:210987654321:ri:my-ri')).toBe('210987654321');
    expect(accountFromArn('sp-1')).toBeNull();
    expect(accountFromArn('arn:aws:ec2')).toBeNull();
    expect(accountFromArn(null)).toBeNull();
  });

  it('kindFromDescription(text) finds tax, credit and refund as whole words in that order', () => {
    expect(['Sales TAX for May', 'Promotional credit', 'Refund of tax', 'Credit refund', 'Taxes', 'Credits', 'Syntax error']
      .map(kindFromDescription)).toEqual(['tax', 'credit', 'tax', 'credit', null, null, null]);
  });

  it('instanceTypeFromUsageType(usageType) reads BoxUsage and HeavyUsage types with any region prefix', () => {
    expect(['USW2-BoxUsage:m4.large', 'BoxUsage:t2.micro', 'APS3-HeavyUsage:c5.xlarge', 'SpotUsage:m4.large', 'BoxUsage:', null]
      .map(instanceTypeFromUsageType)).toEqual(['m4.large', 't2.micro', 'c5.xlarge', null, null, null]);
  });
});
