/** The charge kinds of ENGINE.md §2. */
export const CHARGE_KINDS = [
  'usage', 'ri-covered', 'sp-covered', 'sp-negation', 'ri-fee', 'sp-fee', 'upfront', 'fee',
  'support', 'credit', 'refund', 'discount', 'tax', 'rounding', 'total',
] as const;

export type ChargeKind = (typeof CHARGE_KINDS)[number];

/** Kinds a blank or `*` price-book ChargeKind matches. */
export const CHARGEABLE_KINDS: readonly ChargeKind[] = [
  'usage', 'ri-covered', 'sp-covered', 'sp-negation', 'ri-fee', 'sp-fee', 'upfront', 'fee', 'support',
];

/** Kinds matched only by a rule that names them; otherwise they pass through at unblended cost. */
export const ADJUSTMENT_KINDS: readonly ChargeKind[] = ['credit', 'refund', 'discount', 'tax'];

export function isChargeKind(text: string): text is ChargeKind {
  return (CHARGE_KINDS as readonly string[]).includes(text);
}

export function isChargeable(kind: ChargeKind): boolean {
  return CHARGEABLE_KINDS.includes(kind);
}

export function isAdjustment(kind: ChargeKind): boolean {
  return ADJUSTMENT_KINDS.includes(kind);
}

/** Product codes of AWS Support (ENGINE.md §2): `AWSSupport…`, and `OCBPremiumSupport`. */
export const SUPPORT_PRODUCT_CODE_PREFIX = 'AWSSupport';
export const PREMIUM_SUPPORT_PRODUCT_CODE = 'OCBPremiumSupport';

/** A usage or fee line of an AWS Support product is `support` (ENGINE.md §2). */
export function isSupportProductCode(productCode: string | null): boolean {
  return productCode !== null && (productCode.startsWith(SUPPORT_PRODUCT_CODE_PREFIX) || productCode === PREMIUM_SUPPORT_PRODUCT_CODE);
}
