import { Decimal, roundMoney, ZERO } from '../money';
import { exactAdd, exactSub, exactSum } from '../exact';
import type { IssueLog } from '../issues';
import { lookupFxRate } from '../fx/fxTable';
import type { Draft, DraftLine } from './draft';
import { CREDIT_FLOOR_RULE_NAME } from './planLine';
import { compareInvoiceLines } from './compareInvoiceLines';
import type { DrillRow, Invoice, InvoiceLine, InvoiceRunConfig } from './invoiceTypes';

export interface RoundedInvoice {
  invoice: Invoice;
  /** Σ of the converted precise prices (the source-currency lines at the period's rate). */
  converted: Decimal;
  /** The zero floor: Credit brought forward (≤ 0) plus Credit carried forward (≥ 0). */
  creditFloor: Decimal;
  /** The amount of the line `Credit carried forward` (0 when the total was not negative). */
  carriedForward: Decimal;
  /** The contributions to every line, in line order: per line they sum exactly to its price. */
  drill: DrillRow[];
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
  const drillByLine = new Map<string, DrillRow[]>();
  for (const line of draft.lines.values()) {
    let price = line.invoicePrice;
    broughtForward = exactAdd(broughtForward, line.invoicePrice);
    for (const [source, sourcePrice] of line.prices) {
      const value = sourcePrice.times(rates.get(source) as Decimal);
      converted = exactAdd(converted, value);
      price = exactAdd(price, value);
    }
    lines.push({ category: line.category, account: line.account, cost: line.cost, price, amount: roundMoney(price, currency, mode), rules: [...line.rules] });
    drillByLine.set(lineKey(line), drillRows(draft, line, currency, rates));
  }
  let total = lines.reduce((sum, l) => sum.plus(l.amount), ZERO);
  let carriedForward = ZERO;
  if (total.isNegative() && !total.isZero()) {
    carriedForward = total.neg();
    lines.push({ category: 'Credit carried forward', account: null, cost: ZERO, price: carriedForward, amount: carriedForward, rules: [CREDIT_FLOOR_RULE_NAME] });
    drillByLine.set(lineKey({ category: 'Credit carried forward', account: null }), [{
      customer: draft.customer, period: draft.period, currency, category: 'Credit carried forward', account: null,
      source: 'credit-floor', rule: CREDIT_FLOOR_RULE_NAME, method: 'credit-floor', lines: 0, cost: ZERO,
      sourceCurrency: currency, priceSource: carriedForward, fxRate: ONE, price: carriedForward,
    }]);
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
    drill: lines.flatMap((l) => drillByLine.get(lineKey(l)) ?? []),
    creditFloor: exactAdd(broughtForward, carriedForward),
    carriedForward,
  };
}

/** −0 never leaves the engine. */
function normalizeZero(value: Decimal): Decimal {
  return value.isZero() ? ZERO : value;
}

const ONE = new Decimal(1);

function lineKey(line: { category: string; account: string | null }): string {
  return `${line.category}\u0001${line.account ?? ''}`;
}

/**
 * A draft line's contributions in the invoice currency. The line converts its sum per source
 * currency once (Σ p × rate, decimal.js rounding the product at 40 significant digits), so each
 * row is p_i × rate except the last of each source currency, which takes the exact remainder:
 * the rows then sum to the line's price to the last digit.
 */
function drillRows(draft: Draft, line: DraftLine, currency: string, rates: Map<string, Decimal>): DrillRow[] {
  const remaining = new Map<string, Decimal>();
  const left = new Map<string, number>();
  for (const [source, sourcePrice] of line.prices) remaining.set(source, sourcePrice.times(rates.get(source) as Decimal));
  for (const c of line.contributions) if (c.currency !== null) left.set(c.currency, (left.get(c.currency) ?? 0) + 1);
  return line.contributions.map((c) => {
    let price = c.price;
    let fxRate = ONE;
    if (c.currency !== null) {
      fxRate = rates.get(c.currency) as Decimal;
      const count = (left.get(c.currency) as number) - 1;
      left.set(c.currency, count);
      const rest = remaining.get(c.currency) as Decimal;
      price = count === 0 ? rest : c.price.times(fxRate);
      remaining.set(c.currency, exactSub(rest, price));
    }
    return {
      customer: draft.customer, period: draft.period, currency, category: line.category, account: line.account,
      source: c.source, rule: c.rule, method: c.method, lines: c.lines, cost: c.cost,
      sourceCurrency: c.currency ?? currency, priceSource: c.price, fxRate, price,
    };
  });
}
