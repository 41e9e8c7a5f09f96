import { productCodeFromName } from './products';

describe('productCodeFromName', () => {
  it('productCodeFromName(name) gives the CUR product code of the services FORMATS.md lists', () => {
    const pairs: [string, string][] = [
      ['Amazon Elastic Compute Cloud', 'AmazonEC2'], ['Amazon Simple Queue Service', 'AWSQueueService'],
      ['AWS Key Management Service', 'awskms'], ['AWS Step Functions', 'AmazonStates'], ['Elastic Load Balancing', 'AWSELB'],
      ['AWS Premium Support', 'OCBPremiumSupport'], ['AWS Support (Business)', 'AWSSupportBusiness'], ['AmazonCloudWatch', 'AmazonCloudWatch'],
    ];
    expect(pairs.map(([name]) => productCodeFromName(name))).toEqual(pairs.map(([, code]) => code));
  });

  it('productCodeFromName(name) keeps an unknown name as its own code and blank as null', () => {
    expect(productCodeFromName('Some New Service')).toBe('Some New Service');
    expect(productCodeFromName('')).toBeNull();
  });
});
