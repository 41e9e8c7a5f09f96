import { isSupportProductCode, type ChargeKind } from '../../engine/kinds';

/**
 * CUR LineItemType → kind (FORMATS.md), the one table the reader and the SQL of `rerate sql` use.
 * `Fee` is special (upfront with a reservation ARN, else fee: CUR_FEE_TYPE), and so is any other
 * type ending in CUR_DISCOUNT_SUFFIX (discount).
 */
export const CUR_LINE_ITEM_KINDS: Readonly<Record<string, ChargeKind>> = {
  Usage: 'usage',
  DiscountedUsage: 'ri-covered',
  SavingsPlanCoveredUsage: 'sp-covered',
  SavingsPlanNegation: 'sp-negation',
  RIFee: 'ri-fee',
  SavingsPlanRecurringFee: 'sp-fee',
  SavingsPlanUpfrontFee: 'upfront',
  Credit: 'credit',
  Refund: 'refund',
  Tax: 'tax',
};

export const CUR_FEE_TYPE = 'Fee';
export const CUR_DISCOUNT_SUFFIX = 'Discount';

/** Kinds a support product turns into `support` (ENGINE.md §2). */
export const SUPPORT_PRONE_KINDS: readonly ChargeKind[] = ['usage', 'fee'];

// Rows of one type come together: the last answer is reused while the type repeats (one string compare).
let lastType = '';
let lastKind: ChargeKind | null = null;

/**
 * The kind of a CUR line from its LineItemType (FORMATS.md): `Fee` is `upfront` when it carries a
 * reservation ARN (an RI's upfront payment), else `fee`; `Discount`, `BundledDiscount`,
 * `EdpDiscount`, `PrivateRateDiscount`, `RiVolumeDiscount` and any other `…Discount` are
 * `discount`; a usage or fee line of an AWS Support product is `support`. Null for a type the
 * table does not know.
 */
export function kindFromLineItemType(lineItemType: string, productCode: string | null, hasReservationArn: boolean): ChargeKind | null {
  let kind: ChargeKind | null;
  if (lineItemType === CUR_FEE_TYPE) {
    kind = hasReservationArn ? 'upfront' : 'fee';
  } else if (lineItemType === lastType) {
    kind = lastKind;
  } else {
    kind = Object.hasOwn(CUR_LINE_ITEM_KINDS, lineItemType) ? CUR_LINE_ITEM_KINDS[lineItemType]
      : lineItemType.endsWith(CUR_DISCOUNT_SUFFIX) ? 'discount' : null;
    lastType = lineItemType;
    lastKind = kind;
  }
  if (kind === null) return null;
  if (SUPPORT_PRONE_KINDS.includes(kind) && isSupportProductCode(productCode)) return 'support';
  return kind;
}
