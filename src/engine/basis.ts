import type { BillingLine, DecimalText } from './line';
import type { ChargeKind } from './kinds';

/** The cost a rule prices from (ENGINE.md §3). */
export type Basis = 'unblended' | 'amortized' | 'list' | 'blended';

export const BASES: readonly Basis[] = ['unblended', 'amortized', 'list', 'blended'];

export function isBasis(text: string): text is Basis {
  return (BASES as readonly string[]).includes(text);
}

/**
 * Which figure of a line a basis takes: a BillingLine field, or a fixed zero. The table of
 * ENGINE.md §3, kind by kind:
 *
 *   kind         unblended  amortized       list      blended
 *   usage        unblended  unblended       list      blended
 *   ri-covered   unblended  amortized       list      blended
 *   sp-covered   unblended  amortized       list      blended
 *   sp-negation  unblended  0               0         blended
 *   ri-fee       unblended  amortized       0         blended
 *   sp-fee       unblended  amortized       0         blended
 *   upfront      unblended  0               0         blended
 *   other kinds  unblended  unblended       unblended unblended
 *
 * (The readers put "unused amortized upfront + unused recurring fee" and "TotalCommitmentToDate −
 * UsedCommitment" into `amortizedCost` of ri-fee and sp-fee lines.)
 */
export type BasisField = 'unblendedCost' | 'amortizedCost' | 'listCost' | 'blendedCost' | 'zero';

export function basisField(kind: ChargeKind, basis: Basis): BasisField {
  if (basis === 'unblended') return 'unblendedCost';
  switch (kind) {
    case 'usage':
      return basis === 'amortized' ? 'unblendedCost' : basis === 'list' ? 'listCost' : 'blendedCost';
    case 'ri-covered':
    case 'sp-covered':
      return basis === 'amortized' ? 'amortizedCost' : basis === 'list' ? 'listCost' : 'blendedCost';
    case 'sp-negation':
    case 'upfront':
      return basis === 'blended' ? 'blendedCost' : 'zero';
    case 'ri-fee':
    case 'sp-fee':
      return basis === 'amortized' ? 'amortizedCost' : basis === 'list' ? 'zero' : 'blendedCost';
    default:
      return 'unblendedCost';
  }
}

/**
 * The basis amount of one line as text, and whether the source lacked the figure the table asks
 * for (then the unblended cost stands in and the caller reports BASIS_UNAVAILABLE). A null cost
 * counts as 0.
 */
export function basisAmountText(line: BillingLine, field: BasisField): { text: DecimalText; unavailable: boolean } {
  const unblended = line.unblendedCost ?? '0';
  if (field === 'zero') return { text: '0', unavailable: false };
  if (field === 'unblendedCost') return { text: unblended, unavailable: false };
  const value = line[field];
  return value === null ? { text: unblended, unavailable: true } : { text: value, unavailable: false };
}
