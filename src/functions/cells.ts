import { Decimal, decimalFromNumber, formatDecimal, tryParseDecimal } from '../engine/money';
import { RerateError } from '../engine/issues';
import { powerOfTen } from '../engine/inMemory';
import { describeCell, isBlankCell as isBlank } from '../engine/tableRowsFromCells';

/** What Excel hands a custom function for one cell: a number, text, a boolean, blank, or an error. */
export type CellValue = unknown;

/** What a DBR function writes to one cell. */
export type CellResult = number | string | CustomFunctions.Error;

/** Blank cells and how a message quotes a cell: the one rule of every table cell (src/engine/tableRowsFromCells.ts). */
export { isBlankCell as isBlank, describeCell } from '../engine/tableRowsFromCells';

/**
 * A cell as an exact decimal. Numbers enter through their shortest round-trip text (the one
 * sanctioned entry from a JS number); text cells holding a number (ids and amounts imported as
 * text) are parsed exactly. `argument` and `where` name the place for the message.
 */
export function cellToDecimal(value: CellValue, argument: string, where = ''): Decimal {
  if (typeof value === 'number') {
    if (!Number.isFinite(value)) throw new RangeError(`${argument}${where} is ${String(value)}, not a finite number.`);
    return decimalFromNumber(value);
  }
  if (typeof value === 'string') {
    const parsed = tryParseDecimal(value);
    if (parsed) return parsed;
  }
  throw new RerateError('BAD_VALUE', `${argument}${where} is ${describeCell(value)}, not a number.`);
}

/** The decimal back as an Excel number: Excel holds doubles, so this is the one lossy step. */
export function decimalToCell(value: Decimal): number {
  return Number(formatDecimal(value));
}

/**
 * An exact scaled integer (value = units × 10^-scale, |units| < 2^53, scale 0–22: the engine's
 * `ScaledDecimal`) as an Excel number: the same double as `decimalToCell` of the same value. Both
 * operands are exact doubles, and IEEE division rounds their exact quotient correctly, as
 * `Number(text)` rounds the exact decimal text; `+ 0` turns -0 into 0.
 */
export function scaledToCell(units: number, scale: number): number {
  return units / powerOfTen(scale) + 0;
}

/** A cell's text argument (currency code, rounding mode), or `fallback` when omitted. */
export function cellToText(value: CellValue, argument: string, fallback: string): string {
  if (isBlank(value)) return fallback;
  if (typeof value === 'string') return value.trim();
  throw new RerateError('BAD_VALUE', `${argument} is ${describeCell(value)}, not text.`);
}


