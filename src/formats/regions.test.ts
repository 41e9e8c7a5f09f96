import { knownRegions, regionFromUsageType, regionOfBillingCode } from './regions';

describe('regionFromUsageType', () => {
  it('regionFromUsageType(usageType) maps the billing codes FORMATS.md lists', () => {
    const cases: [string, string][] = [
      ['USE1-BoxUsage:t3.micro', 'us-east-1'], ['USE2-BoxUsage', 'us-east-2'], ['USW1-X', 'us-west-1'], ['USW2-X', 'us-west-2'],
      ['CAN1-X', 'ca-central-1'], ['EUC1-X', 'eu-central-1'], ['EU-X', 'eu-west-1'], ['EUW1-X', 'eu-west-1'], ['EUW2-X', 'eu-west-2'],
      ['EUW3-X', 'eu-west-3'], ['EUN1-X', 'eu-north-1'], ['APN1-X', 'ap-northeast-1'], ['APN2-X', 'ap-northeast-2'],
      ['APS1-X', 'ap-southeast-1'], ['APS2-X', 'ap-southeast-2'], ['APS3-X', 'ap-south-1'], ['SAE1-X', 'sa-east-1'],
    ];
    expect(cases.map(([usageType]) => regionFromUsageType(usageType))).toEqual(cases.map(([, region]) => region));
  });

  it('regionFromUsageType(usageType) is us-east-1 without a region code and null when blank', () => {
    expect(regionFromUsageType('BoxUsage:t2.micro')).toBe('us-east-1');
    expect(regionFromUsageType('TimedStorage-ByteHrs')).toBe('us-east-1');
    expect(regionFromUsageType('DataTransfer-Out-Bytes')).toBe('us-east-1');
    expect(regionFromUsageType('')).toBeNull();
  });

  it('regionOfBillingCode(code) knows the newer regions too', () => {
    expect(['APS4', 'APS5', 'APS6', 'MEC1', 'ILC1', 'CAN2', 'MXC1', 'AFS1', 'UGW1', 'CNN1', 'XXX1'].map(regionOfBillingCode)).toEqual([
      'ap-southeast-3', 'ap-south-2', 'ap-southeast-4', 'me-central-1', 'il-central-1', 'ca-west-1', 'mx-central-1', 'af-south-1',
      'us-gov-west-1', 'cn-north-1', null,
    ]);
    expect(knownRegions()).toHaveLength(38);
  });
});
