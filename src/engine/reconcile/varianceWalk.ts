import type { Decimal } from '../money';

/**
 * The steps of the variance walk (ENGINE.md §10), in order. Subtotals are anchors; the other
 * steps are changes. In the source currency: awsBlended + blending = awsUnblended;
 * awsUnblended + commitmentsPolicy + basis + exclusions + pricing + support + credits + tax =
 * preFx. In the invoice currency: preFx + fx + creditFloor + rounding = invoiced.
 */
export const WALK_STEPS = [
  'awsBlended', 'blending', 'awsUnblended', 'commitmentsPolicy', 'basis', 'exclusions', 'pricing',
  'support', 'credits', 'tax', 'preFx', 'fx', 'creditFloor', 'rounding', 'invoiced',
] as const;

export type WalkStepName = (typeof WALK_STEPS)[number];

export const WALK_SUBTOTALS: ReadonlySet<WalkStepName> = new Set(['awsBlended', 'awsUnblended', 'preFx', 'invoiced']);

export interface WalkStep {
  step: WalkStepName;
  amount: Decimal;
  /** The source currency up to preFx, the invoice currency for fx's result and after. */
  currency: string;
  subtotal: boolean;
}

export interface VarianceWalk {
  customer: string;
  period: string;
  sourceCurrency: string;
  currency: string;
  /** False when the invoice could not be produced (no FX rate): the walk stops at preFx. */
  complete: boolean;
  steps: WalkStep[];
}
