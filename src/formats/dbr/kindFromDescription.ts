// Whole words, case-insensitive, compiled once.
const TAX = /\btax\b/i;
const CREDIT = /\bcredit\b/i;
const REFUND = /\brefund\b/i;

/**
 * The kind an item description states (DBR and monthly report): `tax`, `credit`, `refund` as
 * whole words, case-insensitive, tested in that order; null when none.
 */
export function kindFromDescription(description: string | null): 'tax' | 'credit' | 'refund' | null {
  if (description === null) return null;
  if (TAX.test(description)) return 'tax';
  if (CREDIT.test(description)) return 'credit';
  if (REFUND.test(description)) return 'refund';
  return null;
}
