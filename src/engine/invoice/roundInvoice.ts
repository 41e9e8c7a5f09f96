import { roundMoney, ZERO, type Decimal } from '../money';
import { exactAdd, exactSum } from '../exact';
import type { IssueLog } from '../issues';
import { lookupFxRate } from '../fx/fxTable';
import type { Draft } from './draft';
import { CREDIT_FLOOR_RULE_NAME } from './planLine';
import { compareInvoiceLines } from './compareInvoiceLines';
import type { Invoice, InvoiceLine, InvoiceRunConfig } from './invoiceTypes';

export interface RoundedInvoice {
  invoice: Invoice;
  /** Σ of the converted precise prices (the source-currency lines at the period's rate). */
  converted: Decimal;
  /** The zero floor: Credit brought forward (≤ 0) plus Credit carried forward (≥ 0). */
  creditFloor: Decimal;
  /** The amount of the line `Credit carried forward` (0 when the total was not negative). */
  carriedForward: Decimal;
}

/**
 * Turns a gathered invoice into its lines (ENGINE.md §8–9). Worked example, USD source and GBP
 * invoice at 0.8 with half-up rounding:
 *   S3   precise 1.3705653565 USD → 1.0964522852 GBP → 1.10
 *   KMS  precise 0.2305555574 USD → 0.18444444592 GBP → 0.18
 * total 1.28 (Σ rounded lines), preciseTotal 1.28089673112, residual 1.28 − round(1.2808…) = 0.00.
 * Each line is converted at full precision and rounded once. Were the total negative, the line
 * `Credit carried forward` would bring it to 0.00 and the amount would carry to the next period.
 * A missing FX rate is FX_RATE_MISSING and no invoice (null): the engine never guesses a rate.
 */
export function roundInvoice(draft: Draft, currency: string, config: InvoiceRunConfig, log: IssueLog): RoundedInvoice | null {
  const mode = config.settings.rounding;
  const rates = new Map<string, Decimal>();
  let missing = false;
  for (const line of draft.lines.values()) {
    for (const source of line.prices.keys()) {
      if (rates.has(source)) continue;
      const rate = lookupFxRate(config.fxRates, draft.period, source, currency);
      if (rate === null) {
        missing = true;
        log.add({
          code: 'FX_RATE_MISSING',
          severity: 'error',
          message: `No FX rate ${source}→${currency} for ${draft.period} in ${config.fxRates?.source ?? 'the FX table (none given)'}, so the ${draft.period} invoice of customer "${draft.customer}" is not produced.`,
        });
        rates.set(source, ZERO);
      } else {
        rates.set(source, rate);
      }
    }
  }
  if (missing) return null;
  if (rates.size > 1) {
    log.add({
      code: 'MIXED_CURRENCY',
      severity: 'warning',
      message: `The ${draft.period} invoice of customer "${draft.customer}" gathers lines billed in ${[...rates.keys()].sort().join(' and ')}; each is converted at its own rate, but its cost column adds different currencies.`,
    });
  }

  let converted = ZERO;
  let broughtForward = ZERO;
  const lines: InvoiceLine[] = [];
  for (const line of draft.lines.values()) {
    let price = line.invoicePrice;
    broughtForward = exactAdd(broughtForward, line.invoicePrice);
    for (const [source, sourcePrice] of line.prices) {
      const value = sourcePrice.times(rates.get(source) as Decimal);
      converted = exactAdd(converted, value);
      price = exactAdd(price, value);
    }
    lines.push({ category: line.category, account: line.account, cost: line.cost, price, amount: roundMoney(price, currency, mode), rules: [...line.rules] });
  }
  let total = lines.reduce((sum, l) => sum.plus(l.amount), ZERO);
  let carriedForward = ZERO;
  if (total.isNegative() && !total.isZero()) {
    carriedForward = total.neg();
    lines.push({ category: 'Credit carried forward', account: null, cost: ZERO, price: carriedForward, amount: carriedForward, rules: [CREDIT_FLOOR_RULE_NAME] });
    log.add({
      code: 'CREDIT_CARRIED',
      severity: 'info',
      message: `The ${draft.period} invoice of customer "${draft.customer}" would total ${total.toFixed()} ${currency}; the line Credit carried forward brings it to 0 and carries ${carriedForward.toFixed()} ${currency} to the next period.`,
    });
    total = total.plus(carriedForward);
  }
  lines.sort(compareInvoiceLines);
  const preciseTotal = exactSum(lines.map((l) => l.price));
  const residual = total.minus(roundMoney(preciseTotal, currency, mode));
  return {
    invoice: { customer: draft.customer, period: draft.period, currency, lines, total: normalizeZero(total), preciseTotal, residual: normalizeZero(residual) },
    converted,
    creditFloor: exactAdd(broughtForward, carriedForward),
    carriedForward,
  };
}

/** −0 never leaves the engine. */
function normalizeZero(value: Decimal): Decimal {
  return value.isZero() ? ZERO : value;
}
