import { matchRule, type RuleQuery } from './matchRule';
import { makePriceBook } from '../../../test/engine/fixtures';

const query = (q: Partial<RuleQuery> = {}): RuleQuery => ({
  customer: 'Other', account: '111111111111', productCode: 'AmazonEC2', usageType: 'BoxUsage:t3.micro', operation: 'RunInstances',
  region: 'us-east-1', kind: 'usage', billingEntity: 'AWS', period: '2023-11', ...q,
});

describe('matchRule precedence (ENGINE.md §5)', () => {
  const book = makePriceBook([
    { Rule: 'R1', Customer: 'Acme', Method: 'markup', Value: '8%' },
    { Rule: 'R2', ProductCode: 'AmazonEC2', UsageType: '*t3.*', Basis: 'list', Method: 'discount', Value: '5%' },
  ]);

  test("matchRule(book, query) gives Acme's t3 line to R1: who outranks what", () => {
    expect(matchRule(book, query({ customer: 'acme' }))?.name).toBe('R1');
  });

  test("matchRule(book, query) gives another customer's t3 line to R2", () => {
    expect(matchRule(book, query())?.name).toBe('R2');
    expect(matchRule(book, query({ usageType: 'BoxUsage:m5.large' }))).toBeNull();
  });

  test('matchRule(book, query) prefers Account over Customer, usage type over product code, more fields, then the earlier row', () => {
    const b = makePriceBook([
      { Rule: 'customer', Customer: 'Acme', Method: 'markup', Value: '1%' },
      { Rule: 'account', Account: '111111111111', Method: 'markup', Value: '2%' },
      { Rule: 'product', ProductCode: 'AmazonEC2', Method: 'markup', Value: '3%' },
      { Rule: 'usage', UsageType: 'BoxUsage:*', Method: 'markup', Value: '4%' },
      { Rule: 'usage+region', UsageType: 'BoxUsage:*', Region: 'us-east-1', Method: 'markup', Value: '5%' },
      { Rule: 'first', Region: 'eu-west-1', Method: 'markup', Value: '6%' },
      { Rule: 'second', Region: 'eu-west-1', Method: 'markup', Value: '7%' },
    ]);
    expect(matchRule(b, query({ customer: 'Acme' }))?.name).toBe('account');
    expect(matchRule(b, query({ customer: 'Acme', account: '222222222222' }))?.name).toBe('customer');
    const other = { account: '222222222222' };
    expect(matchRule(b, query(other))?.name).toBe('usage+region');
    expect(matchRule(b, query({ ...other, region: 'us-west-2' }))?.name).toBe('usage');
    expect(matchRule(b, query({ ...other, usageType: 'DataTransfer-Out-Bytes', region: 'us-west-2' }))?.name).toBe('product');
    expect(matchRule(b, query({ ...other, productCode: 'AmazonS3', usageType: 'Requests', region: 'eu-west-1' }))?.name).toBe('first');
  });

  test('matchRule(book, query) matches adjustment kinds only by a rule that names them', () => {
    const b = makePriceBook([
      { Rule: 'all', Method: 'markup', Value: '10%' },
      { Rule: 'star', ChargeKind: '*', Method: 'markup', Value: '10%' },
      { Rule: 'credits', ChargeKind: 'credit', Method: 'discount', Value: '50%' },
    ]);
    expect(matchRule(b, query({ kind: 'tax' }))).toBeNull();
    expect(matchRule(b, query({ kind: 'credit' }))?.name).toBe('credits');
    expect(matchRule(b, query({ kind: 'support' }))?.name).toBe('all');
  });

  test('matchRule(book, query) honours ValidFrom and ValidTo inclusively', () => {
    const b = makePriceBook([
      { Rule: '2023', ValidFrom: '2023-01', ValidTo: '2023-12', Method: 'markup', Value: '10%' },
      { Rule: 'later', ValidFrom: '2024-01', Method: 'markup', Value: '12%' },
    ]);
    expect(matchRule(b, query({ period: '2023-01' }))?.name).toBe('2023');
    expect(matchRule(b, query({ period: '2023-12' }))?.name).toBe('2023');
    expect(matchRule(b, query({ period: '2024-01' }))?.name).toBe('later');
    expect(matchRule(b, query({ period: '2022-12' }))).toBeNull();
  });
});
