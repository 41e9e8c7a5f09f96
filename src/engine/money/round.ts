import { Decimal, type DecimalRounding } from './decimal';
import { minorUnits } from './currencies';

/** Rounding modes by name; decimal.js's numeric constants never leave this file. */
export type RoundingMode = 'half-up' | 'half-even';

export const ROUNDING_MODES: readonly RoundingMode[] = ['half-up', 'half-even'];

export function isRoundingMode(text: string): text is RoundingMode {
  return (ROUNDING_MODES as readonly string[]).includes(text);
}

const DECIMAL_JS_MODE: Record<RoundingMode, DecimalRounding> = {
  // half-up means halves away from zero: 0.125 → 0.13 and −0.125 → −0.13.
  'half-up': Decimal.ROUND_HALF_UP,
  'half-even': Decimal.ROUND_HALF_EVEN,
};

/** Rounds to `decimals` places. Never yields negative zero. */
export function roundDecimal(value: Decimal, decimals: number, mode: RoundingMode): Decimal {
  const rounded = value.toDecimalPlaces(decimals, DECIMAL_JS_MODE[mode]);
  return rounded.isZero() ? new Decimal(0) : rounded;
}

/** Rounds a precise amount to the minor unit of `currency`. */
export function roundMoney(value: Decimal, currency: string, mode: RoundingMode): Decimal {
  return roundDecimal(value, minorUnits(currency), mode);
}
