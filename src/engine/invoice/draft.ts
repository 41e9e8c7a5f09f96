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
  /** What was added, in order, for the drill-down (ENGINE.md §9: drill-downs sum exactly to the invoice line). */
  contributions: Contribution[];
}

/** One addition to a draft line, in its source currency (or the invoice currency for the credit floor). */
export interface Contribution {
  source: 'group' | 'support-plan' | 'credit-in' | 'credit-floor';
  rule: string;
  method: string;
  lines: number;
  cost: Decimal;
  /** The source currency; null: `price` is already in the invoice currency. */
  currency: string | null;
  price: Decimal;
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
    line = { category, account, cost: ZERO, prices: new Map(), invoicePrice: ZERO, rules: new Set(), contributions: [] };
    draft.lines.set(key, line);
  }
  return line;
}

export function addPrice(line: DraftLine, currency: string, price: Decimal): void {
  line.prices.set(currency, exactAdd(line.prices.get(currency) ?? ZERO, price));
}

/** addPrice, remembering the addition for the drill-down. */
export function addContribution(line: DraftLine, contribution: Contribution & { currency: string }): void {
  addPrice(line, contribution.currency, contribution.price);
  line.contributions.push(contribution);
}
