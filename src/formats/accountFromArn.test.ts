import { accountFromArn } from './accountFromArn';

describe('accountFromArn', () => {
  it('accountFromArn(arn) takes the account out of reservation and Savings Plan ARNs', () => {
    expect(accountFromArn('arn:aws:ec2:us-east-1:123456789012:reserved-instances/abc')).toBe('123456789012');
    expect(accountFromArn('arn:aws:savingsplans::000000000042:savingsplan/sp-1')).toBe('000000000042');
    expect(accountFromArn('arn:aws:rds:eu-west-1:210987654321:ri:my-ri')).toBe('210987654321');
    expect(accountFromArn('sp-1')).toBeNull();
    expect(accountFromArn('arn:aws:ec2')).toBeNull();
    expect(accountFromArn(null)).toBeNull();
  });

});
