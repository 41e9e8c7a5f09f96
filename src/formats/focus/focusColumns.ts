import type { ColumnRules } from '../columns';

/**
 * The FOCUS 1.0–1.2 columns a BillingLine needs, by field; alternatives are tried in order (the
 * first name is the one issues cite). One definition for the reader (FocusMapper) and the SQL that
 * groups a FOCUS table (src/formats/sql).
 */
export const FOCUS_COLUMNS = {
  account: ['SubAccountId'],
  payer: ['BillingAccountId'],
  service: ['ServiceName'],
  serviceCode: ['x_ServiceCode'],
  usageType: ['x_UsageType'],
  skuMeter: ['SkuMeter'],
  operation: ['x_Operation'],
  region: ['RegionId'],
  zone: ['AvailabilityZone'],
  consumed: ['ConsumedQuantity'],
  pricing: ['PricingQuantity'],
  billed: ['BilledCost'],
  effective: ['EffectiveCost'],
  list: ['ListCost'],
  currency: ['BillingCurrency'],
  periodStart: ['BillingPeriodStart'],
  commitmentId: ['CommitmentDiscountId'],
  commitmentStatus: ['CommitmentDiscountStatus'],
  commitmentType: ['CommitmentDiscountType'],
  commitmentCategory: ['CommitmentDiscountCategory'],
  chargeCategory: ['ChargeCategory'],
  chargeFrequency: ['ChargeFrequency'],
  provider: ['ProviderName', 'ServiceProviderName'],
  resource: ['ResourceId'],
  description: ['ChargeDescription'],
  invoice: ['InvoiceId'],
  tags: ['Tags'],
} as const satisfies Record<string, readonly string[]>;

export type FocusField = keyof typeof FOCUS_COLUMNS;

/**
 * What a FOCUS table needs (src/formats/README.md "Required columns"): BilledCost and
 * ChargeCategory (detection), BillingPeriodStart, and SubAccountId, else BillingAccountId (a
 * `MISSING_COLUMN` warning). Every other column may be absent (null).
 */
export const FOCUS_COLUMN_RULES: ColumnRules = {
  required: [FOCUS_COLUMNS.billed, FOCUS_COLUMNS.chargeCategory, FOCUS_COLUMNS.periodStart, [...FOCUS_COLUMNS.account, ...FOCUS_COLUMNS.payer]],
  fallbacks: [{ column: FOCUS_COLUMNS.account[0], instead: FOCUS_COLUMNS.payer }],
};
