/**
 * Exact decimals as scaled integers held in a float64: value = units × 10^-scale, with |units|
 * below 2^53 (every such integer is exact in a float64, and so is the product of two of them while
 * it stays below 2^53) and scale from 0 to 22 (every power of ten up to 10^22 is exact too). The
 * hot path of DBR.RERATE, which prices 100,000 lines one by one: no Decimal object per line.
 *
 * Worked example: a cost of `2.0777E-6` under a markup of 10% (factor `1.1`).
 * `2.0777E-6` reads as 20777 × 10^-10 and `1.1` as 11 × 10^-1; the product is 228547 × 10^-11,
 * exactly 0.00000228547 — what Decimal's `times` gives. A value that does not fit (more than 15
 * or 16 digits, a scale past 22, a product of 2^53 or more) is not read: the caller uses Decimal.
 */
export interface ScaledDecimal {
  units: number;
  scale: number;
}

/** The largest scale kept: 10^22 is the largest power of ten a float64 holds exactly. */
export const MAX_SCALE = 22;

const SAFE_BELOW_TIMES_TEN = Math.floor(Number.MAX_SAFE_INTEGER / 10);
const POWERS_OF_TEN: readonly number[] = Array.from({ length: MAX_SCALE + 1 }, (_, i) => 10 ** i);

/**
 * Reads decimal text (optional sign, digits with an optional point, optional exponent: the form
 * of `isDecimalText`, untrimmed) into `into` and returns true when it fits; false, leaving `into`
 * unspecified, for any other text or a value that does not fit.
 */
export function readScaled(text: string, into: ScaledDecimal): boolean {
  const length = text.length;
  let i = 0;
  let c = length > 0 ? text.charCodeAt(0) : 0;
  const negative = c === 45; /* - */
  if (negative || c === 43 /* + */) i = 1;
  let units = 0;
  let digits = 0;
  let fraction = 0;
  let seenPoint = false;
  for (; i < length; i += 1) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (units > SAFE_BELOW_TIMES_TEN) return false;
      units = units * 10 + (c - 48);
      digits += 1;
      if (seenPoint) fraction += 1;
    } else if (c === 46 /* . */ && !seenPoint) {
      seenPoint = true;
    } else {
      break;
    }
  }
  if (digits === 0 || units > Number.MAX_SAFE_INTEGER) return false;
  let exponent = 0;
  if (i < length) {
    if (c !== 101 && c !== 69) return false; // e or E
    i += 1;
    c = i < length ? text.charCodeAt(i) : 0;
    const exponentNegative = c === 45;
    if (exponentNegative || c === 43) i += 1;
    const start = i;
    for (; i < length; i += 1) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57 || exponent > 1000) return false;
      exponent = exponent * 10 + (c - 48);
    }
    if (i === start) return false;
    if (exponentNegative) exponent = -exponent;
  }
  let scale = fraction - exponent;
  if (scale < 0) {
    // 1.5E3 → 1500 × 10^0, while the units stay exact.
    if (-scale > MAX_SCALE) return false;
    units *= POWERS_OF_TEN[-scale];
    if (units > Number.MAX_SAFE_INTEGER) return false;
    scale = 0;
  }
  if (scale > MAX_SCALE) return false;
  into.units = negative ? -units : units;
  into.scale = scale;
  return true;
}

/**
 * `a × b` into `into` when the exact product fits (units below 2^53, scale at most 22); false
 * otherwise. Integers below 2^53 multiply exactly as long as the product stays below 2^53.
 */
export function multiplyScaled(a: ScaledDecimal, b: ScaledDecimal, into: ScaledDecimal): boolean {
  const units = a.units * b.units;
  const scale = a.scale + b.scale;
  if (!(Math.abs(units) <= Number.MAX_SAFE_INTEGER) || scale > MAX_SCALE) return false;
  into.units = units;
  into.scale = scale;
  return true;
}

/**
 * The exact decimal text of a scaled value: 228547 × 10^-11 → `0.00000228547`. A negative zero
 * stays `-0` (as Decimal keeps the sign of `-0.0 × 1.1`).
 */
export function scaledText(units: number, scale: number): string {
  const negative = units < 0 || Object.is(units, -0);
  const digits = String(negative ? -units : units);
  let text = digits;
  if (scale > 0) {
    const padded = digits.padStart(scale + 1, '0');
    text = `${padded.slice(0, padded.length - scale)}.${padded.slice(padded.length - scale)}`;
  }
  return negative ? `-${text}` : text;
}

/** 10^scale for a scale of 0 to 22: exact in a float64. */
export function powerOfTen(scale: number): number {
  return POWERS_OF_TEN[scale];
}
