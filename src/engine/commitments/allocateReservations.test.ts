import { Decimal } from '../money';
import { allocateReservations } from './allocateReservations';
import type { Reservation, RiAllocation, RiUsageRow } from './riAllocation';

const SUSAN = '111111111111';
const BOB = '222222222222';

function usage(account: string, instanceType: string, quantity: string, more: Partial<RiUsageRow> = {}): RiUsageRow {
  return {
    hour: '', account, instanceType, platform: 'Linux/UNIX', tenancy: 'default',
    availabilityZone: 'us-east-1a', region: 'us-east-1', quantity: new Decimal(quantity), ...more,
  };
}

function ri(reservation: string, owner: string, instanceType: string, count: string, more: Partial<Reservation> = {}): Reservation {
  return {
    reservation, owner, instanceType, platform: 'Linux/UNIX', tenancy: 'default', scope: 'zonal',
    location: 'us-east-1a', count: new Decimal(count), hours: new Decimal(1), ...more,
  };
}

/** The allocation as plain text, so expectations read like the spec. */
function plain(allocation: RiAllocation) {
  return {
    usage: allocation.usage.map((u) => [u.row, u.covered.toFixed(), u.onDemand.toFixed(), u.reservations.join(' ')]),
    reservations: allocation.reservations.map((r) => [r.reservation, r.used.toFixed(), r.unused.toFixed()]),
  };
}

describe('allocateReservations', () => {
  const susanAndBob = [usage(SUSAN, 'm5.large', '3'), usage(BOB, 'm5.large', '6')];
  const susansRi = [ri('r-1', SUSAN, 'm5.large', '5')];

  test('allocateReservations(usage, reservations) shares Susan\'s 5 zonal RIs: Susan 3 covered, Bob 2 covered and 4 on demand', () => {
    const { result, issues } = allocateReservations(susanAndBob, susansRi);
    expect(issues).toEqual([]);
    expect(plain(result)).toEqual({
      usage: [[1, '3', '0', 'r-1'], [2, '2', '4', 'r-1']],
      reservations: [['r-1', '5', '0']],
    });
  });

  test('allocateReservations(usage, reservations, { noSharingAccounts: [Bob] }) leaves Bob 6 on demand and 2 RI hours unused', () => {
    const { result } = allocateReservations(susanAndBob, susansRi, { noSharingAccounts: [BOB] });
    expect(plain(result)).toEqual({
      usage: [[1, '3', '0', 'r-1'], [2, '0', '6', '']],
      reservations: [['r-1', '3', '2']],
    });
  });

  test('allocateReservations with the owner\'s sharing off keeps its RIs to itself', () => {
    const { result } = allocateReservations(susanAndBob, susansRi, { noSharingAccounts: ['111111111111'] });
    expect(plain(result).reservations).toEqual([['r-1', '3', '2']]);
    expect(result.usage[1].onDemand.toFixed()).toBe('6');
  });

  test('allocateReservations covers 2 × m3.large and one m3.xlarge with one regional m3.2xlarge RI (16 units), one m3.xlarge on demand', () => {
    const rows = [
      usage(SUSAN, 'm3.xlarge', '1'), usage(SUSAN, 'm3.large', '1'),
      usage(SUSAN, 'm3.xlarge', '1'), usage(SUSAN, 'm3.large', '1'),
    ];
    const reservations = [ri('r-2x', SUSAN, 'm3.2xlarge', '1', { scope: 'regional', location: 'us-east-1' })];
    const { result } = allocateReservations(rows, reservations);
    // Smallest size first, then input row: both larges (rows 2, 4), then the first xlarge (row 1).
    expect(plain(result)).toEqual({
      usage: [[1, '1', '0', 'r-2x'], [2, '1', '0', 'r-2x'], [3, '0', '1', ''], [4, '1', '0', 'r-2x']],
      reservations: [['r-2x', '1', '0']],
    });
  });

  test('allocateReservations covers half of a c4.xlarge hour with one regional c4.large RI', () => {
    const { result } = allocateReservations(
      [usage(SUSAN, 'c4.xlarge', '1')],
      [ri('r-c4', SUSAN, 'c4.large', '1', { scope: 'regional', location: 'us-east-1' })],
    );
    expect(plain(result)).toEqual({ usage: [[1, '0.5', '0.5', 'r-c4']], reservations: [['r-c4', '1', '0']] });
  });

  test('allocateReservations reports a size-flexible RI\'s use in its own instance-hours', () => {
    // One m5.4xlarge RI (32 units) over 2 m5.large hours (8 units): 8 ÷ 32 = 0.25 of its hour used.
    const { result } = allocateReservations(
      [usage(SUSAN, 'm5.large', '2')],
      [ri('r-4x', SUSAN, 'm5.4xlarge', '1', { scope: 'regional', location: 'us-east-1' })],
    );
    expect(plain(result).reservations).toEqual([['r-4x', '0.25', '0.75']]);
  });

  test('allocateReservations needs the exact type for a regional Windows RI and never crosses families (m5 vs m5d)', () => {
    const rows = [
      usage(SUSAN, 'm5.xlarge', '1', { platform: 'Windows' }),
      usage(SUSAN, 'm5.large', '1', { platform: 'Windows' }),
      usage(SUSAN, 'm5d.large', '1'),
    ];
    const reservations = [
      ri('r-win', SUSAN, 'm5.large', '2', { platform: 'Windows', scope: 'regional', location: 'us-east-1' }),
      ri('r-m5', SUSAN, 'm5.xlarge', '1', { scope: 'regional', location: 'us-east-1' }),
    ];
    const { result } = allocateReservations(rows, reservations);
    expect(plain(result)).toEqual({
      usage: [[1, '0', '1', ''], [2, '1', '0', 'r-win'], [3, '0', '1', '']],
      reservations: [['r-win', '1', '1'], ['r-m5', '0', '1']],
    });
  });

  test('allocateReservations runs zonal before regional and the owner before others, in every bucket', () => {
    const rows = [
      usage(BOB, 'm5.large', '1', { hour: 'h1' }),
      usage(SUSAN, 'm5.large', '2', { hour: 'h1' }),
      usage(SUSAN, 'm5.large', '1', { hour: 'h2' }),
    ];
    const reservations = [
      ri('r-regional', SUSAN, 'm5.large', '1', { scope: 'regional', location: 'us-east-1' }),
      ri('r-zonal', BOB, 'm5.large', '1'),
    ];
    const { result } = allocateReservations(rows, reservations);
    // h1: step 1 r-zonal covers Bob; step 3 r-regional covers 1 of Susan's 2. h2: step 2 r-zonal
    // (Bob has no usage there) covers Susan's hour before r-regional gets to step 3.
    expect(plain(result)).toEqual({
      usage: [[1, '1', '0', 'r-zonal'], [2, '1', '1', 'r-regional'], [3, '1', '0', 'r-zonal']],
      reservations: [['r-regional', '1', '1'], ['r-zonal', '2', '0']],
    });
  });

  test('allocateReservations serves other accounts in ascending account id, whatever the input order', () => {
    const rows = [usage('333333333333', 'm5.large', '2'), usage(BOB, 'm5.large', '2')];
    const { result } = allocateReservations(rows, [ri('r-1', SUSAN, 'm5.large', '3')]);
    expect(plain(result).usage).toEqual([[1, '1', '1', 'r-1'], [2, '2', '0', 'r-1']]);
  });

  test('allocateReservations applies reservations of a step in input order and lists them per row in that order', () => {
    const rows = [usage(SUSAN, 'm5.large', '3')];
    const { result } = allocateReservations(rows, [ri('r-b', SUSAN, 'm5.large', '1'), ri('r-a', SUSAN, 'm5.large', '1')]);
    expect(plain(result).usage).toEqual([[1, '2', '1', 'r-b r-a']]);
  });

  test('allocateReservations counts unused capacity over every distinct Hour label, Hours per bucket included', () => {
    const rows = [usage(SUSAN, 'm5.large', '1', { hour: '2023-11-01T00' }), usage(SUSAN, 'm5.large', '0', { hour: '2023-11-01T01' })];
    const { result } = allocateReservations(rows, [ri('r-1', SUSAN, 'm5.large', '2', { hours: new Decimal(3) })]);
    expect(plain(result).reservations).toEqual([['r-1', '1', '11']]);
  });

  test('allocateReservations matches accounts without leading zeros, CUR\'s Linux and Shared, and mixed case', () => {
    const rows = [usage('12345678901', 'M5.Large', '1', { platform: 'Linux', tenancy: 'Shared', availabilityZone: 'US-EAST-1A', region: '' })];
    const { result } = allocateReservations(rows, [ri('r-1', '012345678901', 'm5.large', '1', { scope: 'regional', location: 'us-east-1' })]);
    expect(plain(result).usage).toEqual([[1, '1', '0', 'r-1']]);
  });

  test('allocateReservations gives metal the largest size of its family named in the input, and warns when there is none', () => {
    const rows = [usage(SUSAN, 'm5.metal', '1'), usage(SUSAN, 'c5.metal', '1')];
    const reservations = [
      ri('r-m5', SUSAN, 'm5.24xlarge', '1', { scope: 'regional', location: 'us-east-1' }),
      ri('r-c5', SUSAN, 'c5.18xlarge', '1', { scope: 'regional', location: 'us-east-1' }),
    ];
    const { result, issues } = allocateReservations(rows, reservations);
    expect(plain(result).usage).toEqual([[1, '1', '0', 'r-m5'], [2, '1', '0', 'r-c5']]);
    expect(issues).toEqual([]);
    const alone = allocateReservations([usage(SUSAN, 'x9.metal', '1')], []);
    expect(alone.issues.map((i) => [i.code, i.severity])).toEqual([['UNKNOWN_INSTANCE_SIZE', 'warning']]);
    expect(alone.issues[0].message).toContain('"x9.metal"');
  });

  test('allocateReservations leaves a negative quantity uncovered with BAD_USAGE', () => {
    const { result, issues } = allocateReservations([usage(SUSAN, 'm5.large', '-1')], susansRi);
    expect(plain(result).usage).toEqual([[1, '0', '-1', '']]);
    expect(issues.map((i) => i.code)).toEqual(['BAD_USAGE']);
  });

  test('allocateReservations with no usage reports every reservation with zero capacity (no buckets)', () => {
    expect(plain(allocateReservations([], susansRi).result)).toEqual({ usage: [], reservations: [['r-1', '0', '0']] });
  });
});
