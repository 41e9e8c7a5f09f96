import { isSupportProductCode, type ChargeKind } from '../../engine/kinds';

const KIND_BY_LINE_ITEM_TYPE = new Map<string, ChargeKind>([
  ['Usage', 'usage'],
  ['DiscountedUsage', 'ri-covered'],
  ['SavingsPlanCoveredUsage', 'sp-covered'],
  ['SavingsPlanNegation', 'sp-negation'],
  ['RIFee', 'ri-fee'],
  ['SavingsPlanRecurringFee', 'sp-fee'],
  ['SavingsPlanUpfrontFee', 'upfront'],
  ['Credit', 'credit'],
  ['Refund', 'refund'],
  ['Tax', 'tax'],
]);

/**
 * The kind of a CUR line from its LineItemType (FORMATS.md): `Fee` is `upfront` when it carries a
 * reservation ARN (an RI's upfront payment), else `fee`; `Discount`, `BundledDiscount`,
 * `EdpDiscount`, `PrivateRateDiscount`, `RiVolumeDiscount` and any other `…Discount` are
 * `discount`; a usage or fee line of an AWS Support product is `support`. Null for a type the
 * table does not know.
 */
export function kindFromLineItemType(lineItemType: string, productCode: string | null, hasReservationArn: boolean): ChargeKind | null {
  let kind = KIND_BY_LINE_ITEM_TYPE.get(lineItemType) ?? null;
  if (kind === null) {
    if (lineItemType === 'Fee') kind = hasReservationArn ? 'upfront' : 'fee';
    else if (lineItemType.endsWith('Discount')) kind = 'discount';
    else return null;
  }
  if ((kind === 'usage' || kind === 'fee') && isSupportProductCode(productCode)) return 'support';
  return kind;
}
