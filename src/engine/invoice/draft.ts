import { ZERO, type Decimal } from '../money';
import { exactAdd } from '../exact';

/** An invoice line being gathered: cost and precise prices per source currency, before FX. */
export interface DraftLine {
  category: string;
  account: string | null;
  cost: Decimal;
  /** Precise price per source currency, converted at the invoice period's rate. */
  prices: Map<string, Decimal>;
  /** A figure already in the invoice currency (a credit brought forward by the zero floor). */
  invoicePrice: Decimal;
  rules: Set<string>;
}

/** An invoice being gathered for one customer and period. */
export interface Draft {
  customer: string;
  period: string;
  lines: Map<string, DraftLine>;
}

export function draftLine(draft: Draft, category: string, account: string | null): DraftLine {
  const key = `${category}\u0001${account ?? ''}`;
  let line = draft.lines.get(key);
  if (line === undefined) {
    line = { category, account, cost: ZERO, prices: new Map(), invoicePrice: ZERO, rules: new Set() };
    draft.lines.set(key, line);
  }
  return line;
}

export function addPrice(line: DraftLine, currency: string, price: Decimal): void {
  line.prices.set(currency, exactAdd(line.prices.get(currency) ?? ZERO, price));
}
