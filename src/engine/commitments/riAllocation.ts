import type { Decimal } from '../money';
import type { SourceRef } from '../line';

/**
 * One usage row of ENGINE.md §11: instance-hours of one instance type in one bucket. Text fields
 * are kept as written; the allocation compares them in their canonical forms (canonical.ts).
 */
export interface RiUsageRow {
  /** Position in the usage input, from 1; the output names rows by it. Defaults to index + 1. */
  row?: number;
  source?: SourceRef;
  /** The bucket label, compared as text; blank is a bucket too (the whole period). */
  hour: string;
  account: string;
  instanceType: string;
  platform: string;
  tenancy: string;
  availabilityZone: string;
  /** Blank takes the region of the AZ (`us-east-1a` → `us-east-1`). */
  region: string;
  /** Instance-hours in the bucket. */
  quantity: Decimal;
}

export type ReservationScope = 'zonal' | 'regional';

export interface Reservation {
  reservation: string;
  owner: string;
  instanceType: string;
  platform: string;
  tenancy: string;
  scope: ReservationScope;
  /** The AZ of a zonal reservation, the region of a regional one. */
  location: string;
  /** Instances reserved. */
  count: Decimal;
  /** Hours per bucket: 1 for hourly buckets, 720 or 744 for a month-long one. */
  hours: Decimal;
  source?: SourceRef;
}

export interface RiOptions {
  /** Accounts whose RI sharing is off: they neither give nor receive. */
  noSharingAccounts?: readonly string[];
}

/** What became of one usage row, in its own instance-hours. */
export interface RiUsageAllocation {
  row: number;
  covered: Decimal;
  onDemand: Decimal;
  /** Reservation ids, in the order they were applied. */
  reservations: string[];
}

/** What became of one reservation, in its own instance-hours, over all buckets. */
export interface ReservationUse {
  reservation: string;
  used: Decimal;
  unused: Decimal;
}

export interface RiAllocation {
  /** One entry per usage row, in input order. */
  usage: RiUsageAllocation[];
  /** One entry per reservation, in input order. */
  reservations: ReservationUse[];
}
