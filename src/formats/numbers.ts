import { ExactSum, formatDecimal } from '../engine/money';

/** Numbers in billing files: a numeric cell is a decimal text (`12`, `-0.5`, `.5`, `1.8E-9`), blank or `NULL`
 * (null); `1,234.50` or `12 USD` is not a number and the mapper reports `BAD_NUMBER`. Checking and summing
 * is `scanDecimal` and `DecimalTotal` in engine/money. */

/** True for a blank cell or the literal `NULL` (FOCUS writes nulls so). */
export function isNullText(text: string): boolean {
  return text.length === 0 || text === 'NULL' || text === 'null';
}

/** True when decimal text (already valid) is zero in any spelling: `0`, `-0.00`, `0E-10`. */
export function isZeroText(text: string): boolean {
  for (let i = 0; i < text.length; i += 1) {
    const c = text.charCodeAt(i);
    if (c === 101 || c === 69) return true;
    if (c >= 49 && c <= 57) return false;
  }
  return true;
}

/** `-x` of a valid decimal text, as text. */
export function negateText(text: string): string {
  if (text.startsWith('-')) return text.slice(1);
  if (text.startsWith('+')) return `-${text.slice(1)}`;
  return `-${text}`;
}

/** The exact sum of valid decimal texts, in plain notation (a few lines per file, not per row). */
export function sumTexts(...texts: string[]): string {
  const sum = new ExactSum();
  for (const text of texts) sum.add(text);
  return formatDecimal(sum.toDecimal());
}

