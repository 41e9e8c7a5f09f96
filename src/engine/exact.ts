import { Decimal, scaledFromText } from './money';

/**
 * Exact addition and subtraction of Decimals, whatever their digits: decimal.js rounds every
 * result to 40 significant digits, so 100 + 11.764705882352941176470588235294117647059 (a margin
 * quotient, itself rounded once at 40 digits) would be rounded again. Sums of invoice lines,
 * totals and walk steps go through here, so they are exact and the walk's steps add up to the
 * last digit. (Scaled BigInts; the Decimal constructor keeps every digit of its text.)
 */
export function exactAdd(a: Decimal, b: Decimal): Decimal {
  if (a.isZero()) return b;
  if (b.isZero()) return a;
  const [x, xs] = scaledFromText(a.toFixed());
  const [y, ys] = scaledFromText(b.toFixed());
  const scale = Math.max(xs, ys);
  const units = x * 10n ** BigInt(scale - xs) + y * 10n ** BigInt(scale - ys);
  return new Decimal(unitsText(units, scale));
}

export function exactSub(a: Decimal, b: Decimal): Decimal {
  return exactAdd(a, b.neg());
}

export function exactSum(values: readonly Decimal[]): Decimal {
  return values.reduce((sum, value) => exactAdd(sum, value), new Decimal(0));
}

function unitsText(units: bigint, scale: number): string {
  if (scale === 0) return units.toString();
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(scale + 1, '0');
  return `${negative ? '-' : ''}${digits.slice(0, -scale)}.${digits.slice(-scale)}`;
}
