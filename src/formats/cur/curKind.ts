import { isSupportProductCode, type ChargeKind } from '../../engine/kinds';

/**
 * The kind of a CUR line from its LineItemType (FORMATS.md): `Fee` is `upfront` when it carries a
 * reservation ARN (an RI's upfront payment), else `fee`; `Discount`, `BundledDiscount`,
 * `EdpDiscount`, `PrivateRateDiscount`, `RiVolumeDiscount` and any other `…Discount` are
 * `discount`; a usage or fee line of an AWS Support product is `support`. Null for a type the
 * table does not know.
 */
export function kindFromLineItemType(lineItemType: string, productCode: string | null, hasReservationArn: boolean): ChargeKind | null {
  // A switch, not a Map: comparing a fresh string beats hashing it, a million times a file.
  let kind: ChargeKind;
  switch (lineItemType) {
    case 'Usage': kind = 'usage'; break;
    case 'DiscountedUsage': kind = 'ri-covered'; break;
    case 'SavingsPlanCoveredUsage': kind = 'sp-covered'; break;
    case 'SavingsPlanNegation': kind = 'sp-negation'; break;
    case 'RIFee': kind = 'ri-fee'; break;
    case 'SavingsPlanRecurringFee': kind = 'sp-fee'; break;
    case 'SavingsPlanUpfrontFee': kind = 'upfront'; break;
    case 'Fee': kind = hasReservationArn ? 'upfront' : 'fee'; break;
    case 'Credit': kind = 'credit'; break;
    case 'Refund': kind = 'refund'; break;
    case 'Tax': kind = 'tax'; break;
    default:
      if (!lineItemType.endsWith('Discount')) return null;
      kind = 'discount';
  }
  if ((kind === 'usage' || kind === 'fee') && isSupportProductCode(productCode)) return 'support';
  return kind;
}
