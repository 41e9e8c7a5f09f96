import { isSupportProductCode, type ChargeKind } from '../../engine/kinds';

/** What a FOCUS row says about its charge; values compared case-insensitively. */
export interface FocusCharge {
  chargeCategory: string;
  chargeFrequency: string | null;
  commitmentStatus: string | null;
  commitmentType: string | null;
  commitmentCategory: string | null;
  commitmentId: string | null;
}

/**
 * The values kindFromFocus compares, in lower case (a cell is lower-cased first), and the patterns
 * it matches case-insensitively: one definition for the reader and the SQL (src/formats/sql).
 */
export const FOCUS_USAGE_CATEGORY = 'usage';
export const FOCUS_PURCHASE_CATEGORY = 'purchase';
/** ChargeCategory values whose kind depends on nothing else. */
export const FOCUS_CATEGORY_KINDS = { tax: 'tax', credit: 'credit', adjustment: 'refund' } as const satisfies Record<string, ChargeKind>;
export const FOCUS_COMMITMENT_USED = 'used';
export const FOCUS_COMMITMENT_UNUSED = 'unused';
export const FOCUS_ONE_TIME = 'one-time';
/** CommitmentDiscountCategory of a savings plan (`Spend`) and of a reservation (`Usage`). */
export const FOCUS_SPEND_COMMITMENT = 'spend';
export const FOCUS_USAGE_COMMITMENT = 'usage';
/** Regular expression sources, matched case-insensitively anywhere in the cell. */
export const SAVINGS_PLAN_TYPE_PATTERN = 'savings\\s*plan';
export const RESERVATION_TYPE_PATTERN = 'reserv';
export const SAVINGS_PLAN_ID_PATTERN = 'savingsplan';

/** A provider is AWS when blank, `AWS`, or `Amazon Web Services…` (FOCUS 1.0 writes the legal name). */
export const AWS_PROVIDER = 'AWS';
export const AWS_PROVIDER_PREFIX = 'Amazon Web Services';
/** ServiceName prefixes of AWS Support, besides the support product codes of engine/kinds.ts. */
export const FOCUS_SUPPORT_SERVICE_PREFIXES = ['AWS Support', 'AWS Premium Support'] as const;

/**
 * The kind of a FOCUS 1.0–1.2 row (FORMATS.md "FOCUS"): `Usage` → usage, or ri-covered /
 * sp-covered when CommitmentDiscountStatus is `Used`, ri-fee / sp-fee when `Unused`; `Purchase`
 * → upfront when ChargeFrequency is `One-Time`, else ri-fee / sp-fee for a commitment, else fee;
 * `Tax` → tax; `Credit` → credit; `Adjustment` → refund. Null for a category FOCUS does not define.
 *
 * Reservation or Savings Plan: CommitmentDiscountType naming a savings plan (`Savings Plan`,
 * `ComputeSavingsPlans`) or a reservation (`Reserved Instance`, `Reservation`); failing that,
 * CommitmentDiscountCategory `Spend` (savings plans) or `Usage` (reservations); failing that, an id
 * mentioning `savingsplan`.
 */
export function kindFromFocus(charge: FocusCharge): ChargeKind | null {
  const category = charge.chargeCategory.toLowerCase();
  if (category === FOCUS_USAGE_CATEGORY) {
    const status = charge.commitmentStatus?.toLowerCase() ?? null;
    if (status === FOCUS_COMMITMENT_USED) return isSavingsPlan(charge) ? 'sp-covered' : 'ri-covered';
    if (status === FOCUS_COMMITMENT_UNUSED) return isSavingsPlan(charge) ? 'sp-fee' : 'ri-fee';
    return 'usage';
  }
  if (category === FOCUS_PURCHASE_CATEGORY) {
    if (charge.chargeFrequency?.toLowerCase() === FOCUS_ONE_TIME) return 'upfront';
    if (charge.commitmentId !== null || charge.commitmentType !== null || charge.commitmentCategory !== null) {
      return isSavingsPlan(charge) ? 'sp-fee' : 'ri-fee';
    }
    return 'fee';
  }
  // Own keys only: `constructor` is no charge category.
  return Object.prototype.hasOwnProperty.call(FOCUS_CATEGORY_KINDS, category) ? FOCUS_CATEGORY_KINDS[category as keyof typeof FOCUS_CATEGORY_KINDS] : null;
}

const SAVINGS_PLAN = new RegExp(SAVINGS_PLAN_TYPE_PATTERN, 'i');
const RESERVATION = new RegExp(RESERVATION_TYPE_PATTERN, 'i');
const SAVINGS_PLAN_ID = new RegExp(SAVINGS_PLAN_ID_PATTERN, 'i');

function isSavingsPlan(charge: FocusCharge): boolean {
  const type = charge.commitmentType;
  if (type !== null) {
    if (SAVINGS_PLAN.test(type)) return true;
    if (RESERVATION.test(type)) return false;
  }
  const category = charge.commitmentCategory?.toLowerCase();
  if (category === FOCUS_SPEND_COMMITMENT) return true;
  if (category === FOCUS_USAGE_COMMITMENT) return false;
  return charge.commitmentId !== null && SAVINGS_PLAN_ID.test(charge.commitmentId);
}

/** True for AWS's rows: only AWS account ids are 12 digits, only AWS support plans are `support`. */
export function isAws(provider: string | null): boolean {
  return provider === null || provider === AWS_PROVIDER || provider.startsWith(AWS_PROVIDER_PREFIX);
}

/** True for an AWS Support charge: its product code, else its service name. */
export function isFocusSupport(service: string | null, productCode: string | null): boolean {
  return isSupportProductCode(productCode) || (service !== null && FOCUS_SUPPORT_SERVICE_PREFIXES.some((prefix) => service.startsWith(prefix)));
}
