import { Decimal } from './decimal';

/**
 * A decimal number as billing files write it: optional sign, digits with an optional point,
 * optional exponent (`1.8E-9`). No thousands separators, no currency, no spaces.
 */
const DECIMAL_TEXT = /^[+-]?(?:\d+\.?\d*|\.\d+)(?:[eE][+-]?\d+)?$/;

export function isDecimalText(text: string): boolean {
  return DECIMAL_TEXT.test(text);
}

/**
 * Parses an exact decimal from text. Money is parsed only from strings, so a value is never
 * rounded through a binary float on its way in. Throws `RangeError` naming the text otherwise.
 */
export function parseDecimal(text: string): Decimal {
  const trimmed = text.trim();
  if (!DECIMAL_TEXT.test(trimmed)) {
    throw new RangeError(`"${text}" is not a decimal number`);
  }
  return new Decimal(trimmed);
}

/** Like `parseDecimal`, but returns `null` for text that is not a decimal number. */
export function tryParseDecimal(text: string): Decimal | null {
  const trimmed = text.trim();
  return DECIMAL_TEXT.test(trimmed) ? new Decimal(trimmed) : null;
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
