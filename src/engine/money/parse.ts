import { Decimal } from './decimal';

/**
 * A decimal number as billing files write it: optional sign, digits with an optional point,
 * optional exponent (`1.8E-9`). No thousands separators, no currency, no spaces.
 */
// One loop, no regular expression: a regular expression over a 5 MB cell overflows V8's
// backtracking stack (RangeError), whatever the pattern.
function hasDecimalForm(text: string): boolean {
  const length = text.length;
  let i = 0;
  let c = length > 0 ? text.charCodeAt(0) : 0;
  if (c === 43 /* + */ || c === 45 /* - */) i += 1;
  let digits = 0;
  for (; i < length; i += 1) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) break;
    digits += 1;
  }
  if (i < length && text.charCodeAt(i) === 46 /* . */) {
    for (i += 1; i < length; i += 1) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) break;
      digits += 1;
    }
  }
  if (digits === 0) return false;
  if (i === length) return true;
  c = text.charCodeAt(i);
  if (c !== 101 /* e */ && c !== 69 /* E */) return false;
  i += 1;
  c = i < length ? text.charCodeAt(i) : 0;
  if (c === 43 || c === 45) i += 1;
  if (i === length) return false;
  for (; i < length; i += 1) {
    c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/**
 * The bounds every number read from a file or table must keep (FORMATS.md "Numbers",
 * src/formats/README.md): at most 40 significant digits (from the first non-zero digit to the last
 * digit written, trailing zeros included: ENGINE.md's precision), a written exponent within ±100,
 * a magnitude below 10^21, and at most 200 characters (leading zeros). Past them exact sums would
 * grow without bound: a cost of a million digits, or `1e400`. `scanDecimal` (decimalTotal.ts)
 * applies the same bounds in its one pass.
 */
export const MAX_SIGNIFICANT_DIGITS = 40;
export const MAX_EXPONENT = 100;
/** A value must be below 10^MAX_ORDER in magnitude. */
export const MAX_ORDER = 21;
export const MAX_DECIMAL_LENGTH = 200;

/** True when `text` has the form of a decimal number, bounded or not (computed figures). */
export function isDecimalForm(text: string): boolean {
  return hasDecimalForm(text);
}

/** True when `text` is a decimal number within the bounds above. */
export function isDecimalText(text: string): boolean {
  return text.length <= MAX_DECIMAL_LENGTH && hasDecimalForm(text) && withinBounds(text);
}

/** True when `text` has the form of a decimal number but lies outside the bounds (for messages). */
export function isDecimalBeyondBounds(text: string): boolean {
  return hasDecimalForm(text) && !(text.length <= MAX_DECIMAL_LENGTH && withinBounds(text));
}

/** The bounds of a text that has the decimal form. */
function withinBounds(text: string): boolean {
  let significant = 0;
  let integerSignificant = -1;
  let fraction = 0;
  let i = 0;
  const length = text.length;
  for (; i < length; i += 1) {
    const c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      if (integerSignificant >= 0) fraction += 1;
      if (significant > 0 || c !== 48) significant += 1;
    } else if (c === 46 /* . */) {
      integerSignificant = significant;
    } else if (c !== 43 && c !== 45) {
      break;
    }
  }
  if (significant > MAX_SIGNIFICANT_DIGITS) return false;
  const exponent = i < length ? Number(text.slice(i + 1)) : 0;
  if (exponent > MAX_EXPONENT || exponent < -MAX_EXPONENT) return false;
  if (significant === 0) return true;
  if (integerSignificant < 0) integerSignificant = significant;
  const order = (integerSignificant > 0 ? integerSignificant : significant - fraction) + exponent;
  return order <= MAX_ORDER;
}

/**
 * Parses an exact decimal from text. Money is parsed only from strings, so a value is never
 * rounded through a binary float on its way in. Throws `RangeError` naming the text otherwise.
 * It takes any decimal text, bounded or not: computed figures (exact sums) may pass the input
 * bounds. Text from a file or table must pass `isDecimalText` (or `tryParseDecimal`) first.
 */
export function parseDecimal(text: string): Decimal {
  const trimmed = text.trim();
  if (!hasDecimalForm(trimmed)) {
    throw new RangeError(`"${text}" is not a decimal number`);
  }
  return new Decimal(trimmed);
}

/** Like `parseDecimal`, but for input: null for text that is not a decimal number within the bounds. */
export function tryParseDecimal(text: string): Decimal | null {
  const trimmed = text.trim();
  return isDecimalText(trimmed) ? new Decimal(trimmed) : null;
}

/**
 * The one sanctioned entry from a JavaScript number (the Excel boundary): the number's shortest
 * round-trip string, so 0.1 becomes exactly 0.1, not 0.1000000000000000055511151231257827.
 */
export function decimalFromNumber(value: number): Decimal {
  if (!Number.isFinite(value)) {
    throw new RangeError(`${String(value)} is not a finite number`);
  }
  return new Decimal(String(value));
}
