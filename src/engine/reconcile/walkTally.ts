import { ZERO, type Decimal } from '../money';
import { exactSum } from '../exact';

/** The source-currency part of a variance walk, gathered group by group. */
export interface WalkTally {
  customer: string;
  period: string;
  currencies: Set<string>;
  awsBlended: Decimal;
  awsUnblended: Decimal;
  commitmentsPolicy: Decimal;
  basis: Decimal;
  exclusions: Decimal;
  pricing: Decimal;
  support: Decimal;
  credits: Decimal;
  tax: Decimal;
}

export type WalkChange = 'commitmentsPolicy' | 'basis' | 'exclusions' | 'pricing' | 'support' | 'credits' | 'tax';

export const WALK_CHANGES: readonly WalkChange[] = ['commitmentsPolicy', 'basis', 'exclusions', 'pricing', 'support', 'credits', 'tax'];

export function emptyWalkTally(customer: string, period: string): WalkTally {
  return {
    customer, period, currencies: new Set(), awsBlended: ZERO, awsUnblended: ZERO, commitmentsPolicy: ZERO,
    basis: ZERO, exclusions: ZERO, pricing: ZERO, support: ZERO, credits: ZERO, tax: ZERO,
  };
}

/** awsUnblended plus every change: what lands on the invoice before FX, in the source currency. */
export function preFxOf(tally: WalkTally): Decimal {
  return exactSum([tally.awsUnblended, ...WALK_CHANGES.map((step) => tally[step])]);
}
