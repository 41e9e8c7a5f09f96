import { ONE, type Decimal } from '../money';

/**
 * Exchange rates (ENGINE.md §9): units of `to` per one `from`, per billing period. A rate with a
 * blank Period applies to every period that has no rate of its own.
 */
export interface FxTable {
  source: string;
  /** Key `period|FROM|TO`; period '' for the all-periods rate. */
  rates: Map<string, Decimal>;
}

export function fxKey(period: string, from: string, to: string): string {
  return `${period}|${from}|${to}`;
}

/**
 * The rate to convert `from` into `to` in `period`: 1 for the same currency, the period's rate,
 * else the all-periods rate, else null (FX_RATE_MISSING: the engine never guesses — it does not
 * invert or chain rates).
 */
export function lookupFxRate(table: FxTable | null, period: string, from: string, to: string): Decimal | null {
  if (from === to) return ONE;
  if (table === null) return null;
  return table.rates.get(fxKey(period, from, to)) ?? table.rates.get(fxKey('', from, to)) ?? null;
}
