import type { Decimal } from '../money';
import type { Basis } from '../basis';
import type { ChargeKind } from '../kinds';
import type { Glob } from './glob';

export type PriceMethod = 'markup' | 'margin' | 'discount' | 'rate' | 'passthrough' | 'exclude';

export const PRICE_METHODS: readonly PriceMethod[] = ['markup', 'margin', 'discount', 'rate', 'passthrough', 'exclude'];

/** The eight match fields of a rule, in the order precedence step 3 counts them. */
export const MATCH_FIELDS = ['customer', 'account', 'productCode', 'usageType', 'operation', 'region', 'chargeKind', 'billingEntity'] as const;
export type MatchField = (typeof MATCH_FIELDS)[number];

/** One validated price-book rule (ENGINE.md §5). */
export interface PriceRule {
  /** The Rule cell, or `row <line>` when blank: every rated line records it. */
  name: string;
  /** Table row, for issues and the earlier-row tie-break. */
  line: number;
  /** Position among the valid rules, in table order. */
  index: number;
  match: Record<MatchField, Glob>;
  /** The kinds this rule can match: the chargeable kinds when ChargeKind is blank or `*`. */
  kinds: ReadonlySet<ChargeKind>;
  basis: Basis;
  method: PriceMethod;
  /** The fraction (markup, margin, discount) or the rate per usage unit; null for passthrough and exclude. */
  value: Decimal | null;
  validFrom: string | null;
  validTo: string | null;
  note: string;
  /** Precedence steps 1–3: who, what, and the number of non-blank match fields. */
  precedence: [number, number, number];
}

/** Rules in precedence order (most specific first, then table order), ready for matching. */
export interface PriceBook {
  source: string;
  rules: PriceRule[];
}
