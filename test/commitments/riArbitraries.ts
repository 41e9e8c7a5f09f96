import fc from 'fast-check';
import { Decimal } from '../../src/engine/money';
import type { Reservation, RiUsageRow } from '../../src/engine/commitments';

/**
 * Tiny random RI inputs in canonical form. Sizes are powers of two apart (factors 0.5 … 16) and
 * quantities have few decimals, so every figure is exact and any two correct allocations agree
 * to the last digit.
 */
export const ACCOUNTS = ['111111111111', '222222222222', '333333333333'];
const ZONES = [['us-east-1a', 'us-east-1'], ['us-east-1b', 'us-east-1'], ['eu-west-1a', 'eu-west-1']];
const TYPES = ['m5.micro', 'm5.large', 'm5.xlarge', 'm5.2xlarge', 'm5d.large', 'c5.large'];
const PLATFORMS = ['linux/unix', 'windows'];
const TENANCIES = ['default', 'dedicated'];
const QUANTITIES = ['0', '0.5', '1', '1', '2', '3', '1.25'];

export const usageRow: fc.Arbitrary<RiUsageRow> = fc.record({
  hour: fc.constantFrom('', 'h1', 'h2'),
  account: fc.constantFrom(...ACCOUNTS),
  instanceType: fc.constantFrom(...TYPES),
  platform: fc.constantFrom('linux/unix', 'linux/unix', ...PLATFORMS),
  tenancy: fc.constantFrom('default', 'default', ...TENANCIES),
  zone: fc.constantFrom(...ZONES),
  quantity: fc.constantFrom(...QUANTITIES),
}).map(({ zone, quantity, ...rest }) => ({
  ...rest, availabilityZone: zone[0], region: zone[1], quantity: new Decimal(quantity),
}));

export const reservation: fc.Arbitrary<Omit<Reservation, 'reservation'>> = fc.record({
  owner: fc.constantFrom(...ACCOUNTS),
  instanceType: fc.constantFrom(...TYPES),
  platform: fc.constantFrom('linux/unix', 'linux/unix', ...PLATFORMS),
  tenancy: fc.constantFrom('default', 'default', ...TENANCIES),
  scope: fc.constantFrom('zonal' as const, 'regional' as const),
  zone: fc.constantFrom(...ZONES),
  count: fc.integer({ min: 1, max: 3 }),
  hours: fc.constantFrom('1', '1', '2'),
}).map(({ zone, count, hours, ...rest }) => ({
  ...rest, location: rest.scope === 'zonal' ? zone[0] : zone[1], count: new Decimal(count), hours: new Decimal(hours),
}));

export const riCase = fc.record({
  usage: fc.array(usageRow, { maxLength: 12 }),
  reservations: fc.array(reservation, { maxLength: 6 }).map((list) => list.map((ri, i) => ({ ...ri, reservation: `r-${i + 1}` }))),
  noSharing: fc.subarray(ACCOUNTS, { maxLength: 2 }),
});
