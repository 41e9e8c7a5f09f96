import type { ChargeKind } from '../../engine/kinds';

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
  switch (charge.chargeCategory.toLowerCase()) {
    case 'usage': {
      const status = charge.commitmentStatus?.toLowerCase() ?? null;
      if (status === 'used') return isSavingsPlan(charge) ? 'sp-covered' : 'ri-covered';
      if (status === 'unused') return isSavingsPlan(charge) ? 'sp-fee' : 'ri-fee';
      return 'usage';
    }
    case 'purchase':
      if (charge.chargeFrequency?.toLowerCase() === 'one-time') return 'upfront';
      if (charge.commitmentId !== null || charge.commitmentType !== null || charge.commitmentCategory !== null) {
        return isSavingsPlan(charge) ? 'sp-fee' : 'ri-fee';
      }
      return 'fee';
    case 'tax':
      return 'tax';
    case 'credit':
      return 'credit';
    case 'adjustment':
      return 'refund';
    default:
      return null;
  }
}

const SAVINGS_PLAN = /savings\s*plan/i;
const RESERVATION = /reserv/i;

function isSavingsPlan(charge: FocusCharge): boolean {
  const type = charge.commitmentType;
  if (type !== null) {
    if (SAVINGS_PLAN.test(type)) return true;
    if (RESERVATION.test(type)) return false;
  }
  const category = charge.commitmentCategory?.toLowerCase();
  if (category === 'spend') return true;
  if (category === 'usage') return false;
  return charge.commitmentId !== null && /savingsplan/i.test(charge.commitmentId);
}
