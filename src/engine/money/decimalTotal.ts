import { ExactSum } from './exactSum';
import { formatDecimal } from './format';
import { isDecimalForm, MAX_DECIMAL_LENGTH, MAX_EXPONENT, MAX_ORDER, MAX_SIGNIFICANT_DIGITS, parseDecimal } from './parse';

// Local copies: an imported binding is a property load per use once compiled to CommonJS.
const MAX_LENGTH = MAX_DECIMAL_LENGTH;
const MAX_DIGITS = MAX_SIGNIFICANT_DIGITS;
const MAX_EXP = MAX_EXPONENT;
const MAX_MAGNITUDE_ORDER = MAX_ORDER;
import type { Decimal } from './decimal';

/**
 * Decimal texts checked and summed without Decimal objects or floats per text: the hot path of
 * the readers' control totals and the invoice run's per-group sums (ENGINE.md §14).
 *
 * `DecimalTotal` sums decimal texts exactly. Worked example: `0.1` + `0.2` + `1.8E-9`.
 * Each text is read once, char by char, into an integer mantissa and a scale
 * (`0.1` → 1 × 10^-1, `1.8E-9` → 18 × 10^-10). Mantissas of up to 15 significant digits are
 * exact in a float64, and so is any sum of them below 2^53, so each scale keeps its own
 * running integer: scale 1 holds 1 + 2 = 3, scale 10 holds 18. Before a bucket could pass
 * 2^52 it is moved into a BigInt; texts with more digits go to an `ExactSum`. `toText()`
 * combines everything exactly: 0.3 + 0.0000000018 = `0.3000000018`. Nothing is rounded, and
 * a million additions cost a few milliseconds instead of a million BigInts.
 */

/** The mantissa and scale of the last text `scanDecimal` accepted (value = mantissa × 10^-scale). */
let scannedMantissa = 0;
let scannedScale = 0;
/** False when the mantissa did not fit 15 significant digits (or the scale is extreme). */
let scannedFits = true;
/**
 * The last text scanned and the answer: a row's cost is validated, then added to the control
 * totals twice (read, and by kind), so remembering one text saves two scans per row.
 */
let scannedText = '';
let scannedValid = false;

const MAX_FAST_DIGITS = 15;
const MAX_FAST_SCALE = 60;
const POWERS_OF_TEN: number[] = [];
for (let i = 0, p = 1; i <= MAX_FAST_DIGITS; i += 1, p *= 10) POWERS_OF_TEN.push(p);

/**
 * True when `text` is a decimal number exactly as `isDecimalText` (engine/money) defines it:
 * optional sign, digits with an optional point (at least one digit), optional exponent, within
 * the same bounds (40 significant digits, exponent ±100, below 10^21, 200 characters: parse.ts).
 * One pass, no regular expression; a text of a million digits is refused by its length before
 * the loop. Also leaves the value in `scannedMantissa`/`scannedScale` for sums.
 */
export function scanDecimal(text: string): boolean {
  if (text === scannedText) return scannedValid;
  scannedText = text;
  scannedValid = false;
  const length = text.length;
  if (length > MAX_LENGTH) return false;
  let i = 0;
  let c = length > 0 ? text.charCodeAt(0) : 0;
  let negative = false;
  if (c === 45 /* - */ || c === 43 /* + */) {
    negative = c === 45;
    i = 1;
  }
  let mantissa = 0;
  let significant = 0;
  let digits = 0;
  let fraction = 0;
  let seenPoint = false;
  /** Significant digits before the point (all of them when there is no point). */
  let integerSignificant = -1;
  for (; i < length; i += 1) {
    c = text.charCodeAt(i);
    if (c >= 48 && c <= 57) {
      digits += 1;
      if (seenPoint) fraction += 1;
      if (significant > 0 || c !== 48) {
        significant += 1;
        if (significant <= MAX_FAST_DIGITS) mantissa = mantissa * 10 + (c - 48);
      }
    } else if (c === 46 /* . */ && !seenPoint) {
      seenPoint = true;
      integerSignificant = significant;
    } else {
      break;
    }
  }
  if (digits === 0 || significant > MAX_DIGITS) return false;
  let exponent = 0;
  if (i < length) {
    if (c !== 101 && c !== 69) return false; // e or E
    i += 1;
    let exponentNegative = false;
    c = i < length ? text.charCodeAt(i) : 0;
    if (c === 45 || c === 43) {
      exponentNegative = c === 45;
      i += 1;
    }
    const start = i;
    for (; i < length; i += 1) {
      c = text.charCodeAt(i);
      if (c < 48 || c > 57) return false;
      exponent = exponent * 10 + (c - 48);
    }
    // Billing figures never need more; a bigger exponent would make exact sums explode.
    if (i === start || exponent > MAX_EXP) return false;
    if (exponentNegative) exponent = -exponent;
  }
  if (significant > 0) {
    // The value is below 10^order: refuse 10^21 and above.
    if (integerSignificant < 0) integerSignificant = significant;
    if ((integerSignificant > 0 ? integerSignificant : significant - fraction) + exponent > MAX_MAGNITUDE_ORDER) return false;
  }
  let scale = fraction - exponent;
  let fits = significant <= MAX_FAST_DIGITS && scale <= MAX_FAST_SCALE;
  if (fits && scale < 0) {
    // 1.5E3 → 1500 × 10^0: the mantissa takes the missing zeros if it stays exact.
    if (significant - scale <= MAX_FAST_DIGITS) mantissa *= POWERS_OF_TEN[-scale];
    else fits = false;
    scale = 0;
  }
  scannedMantissa = negative ? -mantissa : mantissa;
  scannedScale = mantissa === 0 ? 0 : scale;
  scannedFits = fits;
  scannedValid = true;
  return true;
}

const BUCKET_LIMIT = 2 ** 52;

/** An exact running sum of decimal texts; see the worked example at the top of this file. */
export class DecimalTotal {
  /** Index = scale; each an exact integer sum of mantissas below 2^52 in magnitude. */
  private readonly buckets: number[] = [];
  /** Made on first use: most totals never need it (a zip of 80,000 tables has 17 totals a table). */
  private overflow: ExactSum | null = null;
  private count = 0;

  /**
   * Adds a decimal text; blank adds nothing. Throws on text that is not a decimal number. A text
   * beyond the input bounds (a computed sum of many lines, `part()` sums) is added exactly too.
   */
  add(text: string): void {
    if (text.length === 0) return;
    const bounded = scanDecimal(text);
    if (!bounded && !isDecimalForm(text)) throw new RangeError(`"${text}" is not a decimal number`);
    this.count += 1;
    if (!bounded || !scannedFits) {
      (this.overflow ??= new ExactSum()).add(text);
      return;
    }
    const scale = scannedScale;
    const buckets = this.buckets;
    while (buckets.length <= scale) buckets.push(0);
    const next = buckets[scale] + scannedMantissa;
    if (next >= BUCKET_LIMIT || next <= -BUCKET_LIMIT) {
      this.flush(scale, next);
    } else {
      buckets[scale] = next;
    }
  }

  addTotal(other: DecimalTotal): void {
    if (other.count > 0) {
      const text = other.toText();
      (this.overflow ??= new ExactSum()).add(text);
      this.count += other.count;
    }
  }

  /** How many texts were added. */
  get size(): number {
    return this.count;
  }

  /** The exact sum as a Decimal (the constructor keeps every digit; only arithmetic rounds). */
  toDecimal(): Decimal {
    return parseDecimal(this.toText());
  }

  /** The exact sum in plain notation without trailing zeros (`0.3000000018`, `0`). */
  toText(): string {
    if (this.count === 0) return '0';
    const sum = new ExactSum();
    if (this.overflow !== null) sum.add(this.overflow.toText());
    for (let scale = 0; scale < this.buckets.length; scale += 1) {
      const units = this.buckets[scale];
      if (units !== 0) sum.add(scale === 0 ? String(units) : `${String(units)}E-${scale}`);
    }
    return formatDecimal(parseDecimal(sum.toText()));
  }

  private flush(scale: number, units: number): void {
    // `units` is still exact: both addends were below 2^52 in magnitude.
    (this.overflow ??= new ExactSum()).add(scale === 0 ? String(units) : `${String(units)}E-${scale}`);
    this.buckets[scale] = 0;
  }
}
