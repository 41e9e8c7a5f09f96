import { Decimal } from '../money';
import { RerateError } from '../issues';

/**
 * The largest normalization factor the input names per instance family (`m5` → 96 when the input
 * mentions `m5.12xlarge` and nothing bigger). A `metal` size borrows it (ENGINE.md §11).
 */
export type FamilySizes = ReadonlyMap<string, Decimal>;

const NAMED_SIZES: Record<string, string> = {
  nano: '0.25',
  micro: '0.5',
  small: '1',
  medium: '2',
  large: '4',
  xlarge: '8',
};

const EIGHT = new Decimal(8);

/**
 * Splits an instance type at its last dot: `m5d.2xlarge` → `m5d` and `2xlarge`. The family is
 * everything before the size, so `m5` and `m5d` differ, and `db.r5.large` has family `db.r5`.
 * Lower-cased: AWS writes types in lower case and users sometimes do not.
 */
export function splitInstanceType(instanceType: string): { family: string; size: string } {
  const type = instanceType.trim().toLowerCase();
  const dot = type.lastIndexOf('.');
  return dot < 0 ? { family: type, size: '' } : { family: type.slice(0, dot), size: type.slice(dot + 1) };
}

/**
 * The factor of a size name without looking at other types: the named sizes, `Nxlarge` = 8 × N,
 * and `metal-Nxl` (`m7i.metal-24xl`, sold as that many xlarge) = 8 × N. Plain `metal` and anything
 * else give null.
 */
function factorOfSize(size: string): Decimal | null {
  const named = NAMED_SIZES[size];
  if (named !== undefined) return new Decimal(named);
  // N ≥ 2: AWS writes one xlarge as `xlarge`, never `1xlarge`.
  const multiple = /^([2-9]|[1-9]\d{1,2})xlarge$/.exec(size) ?? /^metal-([2-9]|[1-9]\d{1,2})xl$/.exec(size);
  return multiple ? EIGHT.times(multiple[1]) : null;
}

/**
 * The factor of an instance type, or null when its size is unknown (or `metal` with no sized
 * sibling in `familySizes`).
 */
export function tryNormalizationFactor(instanceType: string, familySizes?: FamilySizes): Decimal | null {
  const { family, size } = splitInstanceType(instanceType);
  if (family === '') return null;
  const factor = factorOfSize(size);
  if (factor) return factor;
  if (size === 'metal') return familySizes?.get(family) ?? null;
  return null;
}

/**
 * The normalization factor of ENGINE.md §11: nano 0.25, micro 0.5, small 1, medium 2, large 4,
 * xlarge 8, Nxlarge 8 × N (2xlarge 16 … 112xlarge 896); `metal` takes the largest factor that
 * `familySizes` records for its family. Throws `RerateError` `UNKNOWN_INSTANCE_SIZE` otherwise.
 */
export function normalizationFactor(instanceType: string, familySizes?: FamilySizes): Decimal {
  const factor = tryNormalizationFactor(instanceType, familySizes);
  if (factor) return factor;
  throw new RerateError('UNKNOWN_INSTANCE_SIZE', unknownSizeMessage(instanceType));
}

export function unknownSizeMessage(instanceType: string): string {
  const { size } = splitInstanceType(instanceType);
  return size === 'metal'
    ? `Instance type "${instanceType}" is a metal size, and no other size of its family is named in the input to take the normalization factor from.`
    : `Instance type "${instanceType}" has no known size, so it has no normalization factor.`;
}

/**
 * The largest sized factor per family among `instanceTypes`, for `metal` sizes. Types of unknown
 * size and metal types themselves are ignored.
 */
export function familySizesOf(instanceTypes: Iterable<string>): FamilySizes {
  const largest = new Map<string, Decimal>();
  for (const type of instanceTypes) {
    const { family, size } = splitInstanceType(type);
    const factor = family === '' ? null : factorOfSize(size);
    if (!factor) continue;
    const known = largest.get(family);
    if (!known || factor.greaterThan(known)) largest.set(family, factor);
  }
  return largest;
}
