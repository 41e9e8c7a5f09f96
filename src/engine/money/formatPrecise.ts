import type { Decimal } from './decimal';
import { formatDecimal } from './format';
import { minorUnits } from './currencies';

/**
 * Precise figures carry at least this many decimals in text (JSON, control rows, issue messages),
 * like the billing sources (PRODUCT.md).
 */
export const PRECISE_MIN_DECIMALS = 10;

/**
 * A precise figure in plain notation: at least 10 decimals (zeros padded, as in PRODUCT.md's
 * `"-10.0000000000"`), more when the exact value has more — never rounded, never `-0`.
 */
export function formatPrecise(value: Decimal): string {
  return formatDecimal(value, Math.max(PRECISE_MIN_DECIMALS, value.decimalPlaces()));
}

/** A rounded figure with exactly the currency's minor-unit decimals (`1.60`, `JPY 160`, `BHD 1.600`). */
export function formatAmount(value: Decimal, currency: string): string {
  return formatDecimal(value, minorUnits(currency));
}
