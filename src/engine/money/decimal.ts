import DecimalJs from 'decimal.js';

/**
 * The one Decimal constructor of the project. Precision 40 significant digits and exponent limits
 * wide enough that no billing figure ever switches to exponent notation or underflows. Nobody
 * else imports decimal.js and nobody calls `Decimal.set`: every module takes this clone.
 */
export const Decimal = DecimalJs.clone({
  precision: 40,
  rounding: DecimalJs.ROUND_HALF_UP,
  toExpNeg: -9e15,
  toExpPos: 9e15,
  minE: -9e15,
  maxE: 9e15,
});

export type Decimal = InstanceType<typeof Decimal>;

/** Exact decimal zero and one, shared because Decimal values are immutable. */
export const ZERO: Decimal = new Decimal(0);
export const ONE: Decimal = new Decimal(1);

export function isDecimal(value: unknown): value is Decimal {
  return value instanceof Decimal;
}

/** decimal.js's numeric rounding constants, named only inside engine/money. */
export type DecimalRounding = DecimalJs.Rounding;
