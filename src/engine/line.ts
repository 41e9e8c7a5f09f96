import type { ChargeKind } from './kinds';

/** The billing formats the readers detect (FORMATS.md). */
export type BillingFormat = 'dbr' | 'dbr-monthly' | 'cur1' | 'cur2' | 'focus';

export const BILLING_FORMATS: readonly BillingFormat[] = ['dbr', 'dbr-monthly', 'cur1', 'cur2', 'focus'];

/**
 * An exact decimal as the source wrote it, already checked by the reader with `isDecimalText`
 * (plain or exponent form, e.g. `1.8E-9`). Kept as text so a million lines cost no Decimal
 * objects; sum with `ExactSum` or convert with `parseDecimal` where arithmetic is needed.
 */
export type DecimalText = string;

/** Where a line came from: the file and its 1-based physical line (or Parquet row + 1). */
export interface SourceRef {
  file: string;
  line: number;
}

/** The canonical billing line of ENGINE.md §1; absent values are `null`. */
export interface BillingLine {
  source: SourceRef;
  format: BillingFormat;
  /** Billing period `YYYY-MM`. */
  period: string;
  payerAccount: string | null;
  account: string | null;
  kind: ChargeKind;
  productCode: string | null;
  service: string | null;
  usageType: string | null;
  operation: string | null;
  availabilityZone: string | null;
  region: string | null;
  instanceType: string | null;
  platform: string | null;
  tenancy: string | null;
  billingEntity: string | null;
  usageAmount: DecimalText | null;
  unblendedRate: DecimalText | null;
  unblendedCost: DecimalText | null;
  blendedRate: DecimalText | null;
  blendedCost: DecimalText | null;
  listCost: DecimalText | null;
  amortizedCost: DecimalText | null;
  commitmentArn: string | null;
  commitmentOwner: string | null;
  currency: string;
  invoiceId: string | null;
  /** FOCUS ProviderName; `AWS` for every AWS-native format. */
  provider: string | null;
  description: string | null;
  resourceId: string | null;
  tags: Record<string, string> | null;
}
