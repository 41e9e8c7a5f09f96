import { Decimal } from './decimal';

/**
 * An exact running sum of decimal texts as a scaled BigInt: the fast path for control totals and
 * per-group sums (ENGINE.md §14). The scale grows when a value has more decimals than any before,
 * so nothing is ever rounded. `1.8E-9` is accepted. The text must already be validated
 * (`isDecimalText`); invalid text throws.
 */
export class ExactSum {
  private units = 0n;
  private scale = 0;
  private count = 0;

  add(text: string): void {
    const [mantissa, scale] = scaledFromText(text);
    if (scale > this.scale) {
      this.units *= 10n ** BigInt(scale - this.scale);
      this.scale = scale;
      this.units += mantissa;
    } else if (scale === this.scale) {
      this.units += mantissa;
    } else {
      this.units += mantissa * 10n ** BigInt(this.scale - scale);
    }
    this.count += 1;
  }

  addDecimal(value: Decimal): void {
    this.add(value.toFixed());
  }

  addSum(other: ExactSum): void {
    this.add(other.toText());
    this.count += other.count - 1;
  }

  get lines(): number {
    return this.count;
  }

  toText(): string {
    if (this.scale === 0) return this.units.toString();
    const negative = this.units < 0n;
    const digits = (negative ? -this.units : this.units).toString().padStart(this.scale + 1, '0');
    const text = `${digits.slice(0, -this.scale)}.${digits.slice(-this.scale)}`;
    return negative ? `-${text}` : text;
  }

  toDecimal(): Decimal {
    return new Decimal(this.toText());
  }
}

/** Parses decimal text into (mantissa, scale) with value = mantissa × 10^-scale. */
export function scaledFromText(text: string): [bigint, number] {
  let body = text.trim();
  let exponent = 0;
  const e = body.search(/[eE]/);
  if (e >= 0) {
    exponent = Number(body.slice(e + 1));
    body = body.slice(0, e);
  }
  let negative = false;
  if (body[0] === '-' || body[0] === '+') {
    negative = body[0] === '-';
    body = body.slice(1);
  }
  const point = body.indexOf('.');
  const digits = point < 0 ? body : body.slice(0, point) + body.slice(point + 1);
  let scale = (point < 0 ? 0 : body.length - point - 1) - exponent;
  if (digits === '' || !/^\d+$/.test(digits) || !Number.isInteger(exponent)) {
    throw new RangeError(`"${text}" is not a decimal number`);
  }
  let mantissa = BigInt(digits);
  if (scale < 0) {
    mantissa *= 10n ** BigInt(-scale);
    scale = 0;
  }
  return [negative ? -mantissa : mantissa, scale];
}
