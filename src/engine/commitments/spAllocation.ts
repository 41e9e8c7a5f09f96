import type { Decimal } from '../money';
import type { SourceRef } from '../line';

/**
 * One usage row for Savings Plans (ENGINE.md §12): a quantity of one kind of usage in one bucket,
 * after Reserved Instances (feed it the on-demand quantities of RIALLOC), with its rates per unit.
 * Table columns: `Hour, Account, Usage, InstanceFamily, Region, Quantity, OnDemandRate, SpRate,
 * InstanceSpRate`.
 */
export interface SpUsageRow {
  /** Position in the usage input, from 1; the output names rows by it. Defaults to index + 1. */
  row?: number;
  source?: SourceRef;
  /** The bucket label, compared as text; blank is a bucket too. */
  hour: string;
  account: string;
  /** A label for people (`c5.9xlarge Linux`, `Fargate vCPU-hours`); not used for matching. */
  usage: string;
  /** EC2 instance family (`c5`); blank for usage no EC2 Instance Savings Plan covers (Fargate, Lambda). */
  instanceFamily: string;
  region: string;
  /** Units in the bucket: instance-hours, vCPU-hours, GB-hours… */
  quantity: Decimal;
  /** Dollars per unit on demand. */
  onDemandRate: Decimal;
  /** Dollars per unit under a Compute Savings Plan; null: no Compute Savings Plan covers it. */
  spRate: Decimal | null;
  /** Dollars per unit under an EC2 Instance Savings Plan; null: the same as `spRate`. */
  instanceSpRate: Decimal | null;
}

export type SavingsPlanType = 'compute' | 'ec2-instance';

export interface SavingsPlan {
  plan: string;
  owner: string;
  type: SavingsPlanType;
  /** Dollars per hour. */
  commitment: Decimal;
  /** Hours per bucket: 1 for hourly buckets; the plan offers commitment × hours per bucket. */
  hours: Decimal;
  /** EC2 Instance plans apply to this family and region only; blank for Compute plans. */
  instanceFamily: string;
  region: string;
  source?: SourceRef;
}

export interface SpOptions {
  /** Accounts whose Savings Plans sharing is off: they neither give nor receive. */
  noSharingAccounts?: readonly string[];
}

/** What became of one usage row. */
export interface SpUsageAllocation {
  row: number;
  /** Units covered by Savings Plans. */
  coveredQuantity: Decimal;
  /** coveredQuantity ÷ quantity (0 for a zero quantity). */
  coveredFraction: Decimal;
  /** Dollars of commitment the covered units took, at the Savings Plan rates. */
  coveredCost: Decimal;
  /** Units left on demand. */
  onDemandQuantity: Decimal;
  /** Dollars of those units at the on-demand rate. */
  onDemandCost: Decimal;
  /** Plan ids, in the order they were applied. */
  plans: string[];
}

/** What became of one plan over all buckets, in dollars. */
export interface SavingsPlanUse {
  plan: string;
  used: Decimal;
  unused: Decimal;
}

export interface SpTotals {
  /** Every usage row at its on-demand rate: the cost without any plan. */
  onDemandCost: Decimal;
  /** Every plan's commitment over all buckets: paid whether used or not. */
  commitment: Decimal;
  /** The on-demand cost of what no plan covered. */
  uncoveredCost: Decimal;
  /** commitment + uncoveredCost: the cost with the plans. */
  cost: Decimal;
}

export interface SpAllocation {
  /** One entry per usage row, in input order. */
  usage: SpUsageAllocation[];
  /** One entry per plan, in input order. */
  plans: SavingsPlanUse[];
  totals: SpTotals;
}
