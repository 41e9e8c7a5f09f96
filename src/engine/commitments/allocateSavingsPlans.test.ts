import { Decimal } from '../money';
import { allocateSavingsPlans } from './allocateSavingsPlans';
import type { SavingsPlan, SpAllocation, SpUsageRow } from './spAllocation';

const OWNER = '111111111111';
const OTHER = '222222222222';
const d = (text: string) => new Decimal(text);

function row(usage: string, quantity: string, onDemandRate: string, spRate: string | null, more: Partial<SpUsageRow> = {}): SpUsageRow {
  return {
    hour: '', account: OWNER, usage, instanceFamily: '', region: 'us-east-1', quantity: d(quantity),
    onDemandRate: d(onDemandRate), spRate: spRate === null ? null : d(spRate), instanceSpRate: null, ...more,
  };
}

function plan(id: string, commitment: string, more: Partial<SavingsPlan> = {}): SavingsPlan {
  return { plan: id, owner: OWNER, type: 'compute', commitment: d(commitment), hours: d('1'), instanceFamily: '', region: '', ...more };
}

function plain(allocation: SpAllocation) {
  return {
    usage: allocation.usage.map((u) => [u.row, u.coveredQuantity.toFixed(), u.coveredFraction.toFixed(), u.coveredCost.toFixed(),
      u.onDemandQuantity.toFixed(), u.onDemandCost.toFixed(), u.plans.join(' ')]),
    plans: allocation.plans.map((p) => [p.plan, p.used.toFixed(), p.unused.toFixed()]),
    totals: Object.fromEntries(Object.entries(allocation.totals).map(([k, v]) => [k, (v as Decimal).toFixed()])),
  };
}

// AWS's example (ENGINE.md §12). Rates are dollars per unit of quantity: the c5 rows are one
// instance-hour each, Fargate is 10 vCPU-hours at 1.50 / 1.00 and 5 GB-hours at 2.00 / 1.00, so
// the hour costs 4 + 10 + 15 + 10 = 39.00 on demand.
const awsExample = [
  row('c5.9xlarge Linux', '1', '4.00', '2.00', { instanceFamily: 'c5' }),
  row('c5.24xlarge Windows dedicated', '1', '10.00', '8.00', { instanceFamily: 'c5' }),
  row('Fargate vCPU-hours', '10', '1.50', '1.00'),
  row('Fargate GB-hours', '5', '2.00', '1.00'),
];

describe('allocateSavingsPlans', () => {
  test('allocateSavingsPlans(AWS example, $10/h Compute SP) covers the GB-h, the c5.9xlarge and 3 vCPU-h: the hour costs 30.50', () => {
    const { result, issues } = allocateSavingsPlans(awsExample, [plan('sp-10', '10')]);
    expect(issues).toEqual([]);
    // GB-h and c5.9xlarge both save 50 %; the GB-h's lower rate (1.00) goes first: 5.00, then
    // 2.00, then 3.00 ÷ 1.00 = 3 vCPU-h (33 %); the c5.24xlarge (20 %) stays on demand.
    expect(plain(result)).toEqual({
      usage: [
        [1, '1', '1', '2', '0', '0', 'sp-10'],
        [2, '0', '0', '0', '1', '10', ''],
        [3, '3', '0.3', '3', '7', '10.5', 'sp-10'],
        [4, '5', '1', '5', '0', '0', 'sp-10'],
      ],
      plans: [['sp-10', '10', '0']],
      totals: { onDemandCost: '39', commitment: '10', uncoveredCost: '20.5', cost: '30.5' },
    });
  });

  test('allocateSavingsPlans(AWS example, $25/h Compute SP) covers everything: the hour costs 25.00', () => {
    const { result } = allocateSavingsPlans(awsExample, [plan('sp-25', '25')]);
    expect(plain(result).plans).toEqual([['sp-25', '25', '0']]);
    expect(plain(result).totals).toEqual({ onDemandCost: '39', commitment: '25', uncoveredCost: '0', cost: '25' });
    expect(result.usage.every((u) => u.coveredFraction.equals(1))).toBe(true);
  });

  test('allocateSavingsPlans runs EC2 Instance plans first, only over their family and region, at their own rate', () => {
    const rows = [
      row('c5 east', '2', '4', '2', { instanceFamily: 'c5', instanceSpRate: d('1.5') }),
      row('c5 west', '1', '4', '2', { instanceFamily: 'c5', region: 'us-west-2', instanceSpRate: d('1.5') }),
      row('m5 east', '1', '4', '2', { instanceFamily: 'm5', instanceSpRate: d('1.5') }),
    ];
    const plans = [plan('compute', '3'), plan('ec2-c5', '3', { type: 'ec2-instance', instanceFamily: 'c5', region: 'us-east-1' })];
    const { result } = allocateSavingsPlans(rows, plans);
    // ec2-c5 takes both c5-east hours at 1.50 = 3.00. compute then takes c5 west and m5 east at 2.00
    // each (equal savings, equal rates → input row): 2.00 + 1.00 = half of m5's hour.
    expect(plain(result).usage).toEqual([
      [1, '2', '1', '3', '0', '0', 'ec2-c5'],
      [2, '1', '1', '2', '0', '0', 'compute'],
      [3, '0.5', '0.5', '1', '0.5', '2', 'compute'],
    ]);
    expect(plain(result).plans).toEqual([['compute', '3', '0'], ['ec2-c5', '3', '0']]);
  });

  test('allocateSavingsPlans covers the owner\'s usage before other accounts\' even when theirs saves more', () => {
    const rows = [
      row('other, 75 %', '1', '4', '1', { account: OTHER }),
      row('owner, 25 %', '1', '4', '3'),
    ];
    const { result } = allocateSavingsPlans(rows, [plan('sp', '3')]);
    expect(plain(result).usage.map((u) => [u[0], u[1], u[6]])).toEqual([[1, '0', ''], [2, '1', 'sp']]);
    const bigger = allocateSavingsPlans(rows, [plan('sp', '4')]);
    expect(plain(bigger.result).usage.map((u) => [u[0], u[1], u[6]])).toEqual([[1, '1', 'sp'], [2, '1', 'sp']]);
  });

  test('allocateSavingsPlans with sharing off: the account neither gives nor receives', () => {
    const rows = [row('other', '1', '4', '1', { account: OTHER })];
    expect(plain(allocateSavingsPlans(rows, [plan('sp', '3')], { noSharingAccounts: [OTHER] }).result).plans).toEqual([['sp', '0', '3']]);
    expect(plain(allocateSavingsPlans(rows, [plan('sp', '3')], { noSharingAccounts: [OWNER] }).result).plans).toEqual([['sp', '0', '3']]);
  });

  test('allocateSavingsPlans gives each bucket its own commitment × hours and counts unused over every bucket', () => {
    const rows = [row('a', '4', '2', '1', { hour: 'h1' }), row('a', '1', '2', '1', { hour: 'h2' })];
    const { result } = allocateSavingsPlans(rows, [plan('sp', '3')]);
    expect(plain(result).usage.map((u) => [u[1], u[4]])).toEqual([['3', '1'], ['1', '0']]);
    expect(plain(result).plans).toEqual([['sp', '4', '2']]);
  });

  test('allocateSavingsPlans breaks a tie in savings and rate by account id, even between different rate pairs', () => {
    // 4.00 / 4.00 and 0 / 4.00 both save 0 % at rate 4: the lower account id (row 2) goes first.
    const rows = [
      row('a', '2', '4', '4', { account: '333333333333' }),
      row('b', '1.25', '0', '4', { account: OTHER }),
    ];
    const { result } = allocateSavingsPlans(rows, [plan('sp', '0.5', { owner: '999999999999' })]);
    expect(plain(result).usage.map((u) => [u[0], u[1], u[6]])).toEqual([[1, '0', ''], [2, '0.125', 'sp']]);
  });

  test('allocateSavingsPlans leaves rows without a Savings Plan rate on demand', () => {
    const { result } = allocateSavingsPlans([row('RDS', '1', '2', null)], [plan('sp', '5')]);
    expect(plain(result).usage).toEqual([[1, '0', '0', '0', '1', '2', '']]);
  });

  test('allocateSavingsPlans keeps a partial quantity exact to 40 digits and the dollars exact', () => {
    const { result } = allocateSavingsPlans([row('a', '1', '9', '3')], [plan('sp', '1')]);
    const [u] = result.usage;
    expect(u.coveredCost.toFixed()).toBe('1');
    expect(u.coveredQuantity.toFixed()).toBe('0.3333333333333333333333333333333333333333');
    expect(u.coveredQuantity.plus(u.onDemandQuantity).toFixed()).toBe('1');
  });
});
