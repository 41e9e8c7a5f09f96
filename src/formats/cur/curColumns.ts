import type { ColumnRules } from '../columns';

/**
 * The CUR columns a BillingLine needs, under their CUR 1.0 (`category/Column`) and CUR 2.0
 * (`category_column`) names (FORMATS.md table). Alternatives are tried in order.
 */
export interface CurColumnNames {
  periodStart: string[];
  payer: string[];
  account: string[];
  invoice: string[];
  billingEntity: string[];
  lineItemType: string[];
  productCode: string[];
  productName: string[];
  usageType: string[];
  operation: string[];
  zone: string[];
  region: string[];
  instanceType: string[];
  platform: string[];
  tenancy: string[];
  usageAmount: string[];
  unblendedRate: string[];
  unblendedCost: string[];
  blendedRate: string[];
  blendedCost: string[];
  listCost: string[];
  reservationArn: string[];
  savingsPlanArn: string[];
  currency: string[];
  description: string[];
  resource: string[];
  riEffectiveCost: string[];
  riUnusedUpfront: string[];
  riUnusedRecurring: string[];
  spEffectiveCost: string[];
  spTotalCommitment: string[];
  spUsedCommitment: string[];
  /** CUR 2.0 map columns, JSON text (Parquet maps arrive as JSON text too). */
  productMap: string[];
  tagsMap: string[];
  /** Prefix of one-column-per-tag headers. */
  tagPrefix: string;
}

export const CUR1_COLUMNS: CurColumnNames = {
  periodStart: ['bill/BillingPeriodStartDate'],
  payer: ['bill/PayerAccountId'],
  account: ['lineItem/UsageAccountId'],
  invoice: ['bill/InvoiceId'],
  billingEntity: ['bill/BillingEntity'],
  lineItemType: ['lineItem/LineItemType'],
  productCode: ['lineItem/ProductCode'],
  productName: ['product/ProductName'],
  usageType: ['lineItem/UsageType'],
  operation: ['lineItem/Operation'],
  zone: ['lineItem/AvailabilityZone'],
  region: ['product/region', 'product/regionCode'],
  instanceType: ['product/instanceType'],
  platform: ['product/operatingSystem'],
  tenancy: ['product/tenancy'],
  usageAmount: ['lineItem/UsageAmount'],
  unblendedRate: ['lineItem/UnblendedRate'],
  unblendedCost: ['lineItem/UnblendedCost'],
  blendedRate: ['lineItem/BlendedRate'],
  blendedCost: ['lineItem/BlendedCost'],
  listCost: ['pricing/publicOnDemandCost'],
  reservationArn: ['reservation/ReservationARN'],
  savingsPlanArn: ['savingsPlan/SavingsPlanARN'],
  currency: ['lineItem/CurrencyCode'],
  description: ['lineItem/LineItemDescription'],
  resource: ['lineItem/ResourceId'],
  riEffectiveCost: ['reservation/EffectiveCost'],
  riUnusedUpfront: ['reservation/UnusedAmortizedUpfrontFeeForBillingPeriod'],
  riUnusedRecurring: ['reservation/UnusedRecurringFee'],
  spEffectiveCost: ['savingsPlan/SavingsPlanEffectiveCost'],
  spTotalCommitment: ['savingsPlan/TotalCommitmentToDate'],
  spUsedCommitment: ['savingsPlan/UsedCommitment'],
  productMap: [],
  tagsMap: [],
  tagPrefix: 'resourceTags/',
};

export const CUR2_COLUMNS: CurColumnNames = {
  periodStart: ['bill_billing_period_start_date'],
  payer: ['bill_payer_account_id'],
  account: ['line_item_usage_account_id'],
  invoice: ['bill_invoice_id'],
  billingEntity: ['bill_billing_entity'],
  lineItemType: ['line_item_line_item_type'],
  productCode: ['line_item_product_code'],
  productName: ['product_product_name'],
  usageType: ['line_item_usage_type'],
  operation: ['line_item_operation'],
  zone: ['line_item_availability_zone'],
  region: ['product_region', 'product_region_code'],
  instanceType: ['product_instance_type'],
  platform: ['product_operating_system'],
  tenancy: ['product_tenancy'],
  usageAmount: ['line_item_usage_amount'],
  unblendedRate: ['line_item_unblended_rate'],
  unblendedCost: ['line_item_unblended_cost'],
  blendedRate: ['line_item_blended_rate'],
  blendedCost: ['line_item_blended_cost'],
  listCost: ['pricing_public_on_demand_cost'],
  reservationArn: ['reservation_reservation_a_r_n', 'reservation_reservation_arn'],
  savingsPlanArn: ['savings_plan_savings_plan_a_r_n', 'savings_plan_savings_plan_arn'],
  currency: ['line_item_currency_code'],
  description: ['line_item_line_item_description'],
  resource: ['line_item_resource_id'],
  riEffectiveCost: ['reservation_effective_cost'],
  riUnusedUpfront: ['reservation_unused_amortized_upfront_fee_for_billing_period'],
  riUnusedRecurring: ['reservation_unused_recurring_fee'],
  spEffectiveCost: ['savings_plan_savings_plan_effective_cost'],
  spTotalCommitment: ['savings_plan_total_commitment_to_date'],
  spUsedCommitment: ['savings_plan_used_commitment'],
  productMap: ['product'],
  tagsMap: ['resource_tags'],
  tagPrefix: 'resource_tags_',
};

/**
 * Keys of the CUR 2.0 `product` map for attributes that have no column of their own; the map
 * spells them in snake case, older exports in camel case.
 */
export const PRODUCT_MAP_KEYS = {
  productName: ['product_name', 'productName', 'ProductName'],
  region: ['region', 'region_code', 'regionCode'],
  instanceType: ['instance_type', 'instanceType'],
  platform: ['operating_system', 'operatingSystem'],
  tenancy: ['tenancy'],
} as const;

/**
 * What a CUR needs (src/formats/README.md "Required columns"): its line item type (detection),
 * the unblended cost and the billing period start; a usage account, else the payer account, which
 * the engine then bills (a `MISSING_COLUMN` warning says so). Other columns absent from a month's
 * CUR read as null (FORMATS.md).
 */
function curColumnRules(names: CurColumnNames): ColumnRules {
  return {
    required: [names.lineItemType, names.unblendedCost, names.periodStart, [...names.account, ...names.payer]],
    fallbacks: [{ column: names.account[0], instead: names.payer }],
  };
}

export const CUR1_COLUMN_RULES = curColumnRules(CUR1_COLUMNS);
export const CUR2_COLUMN_RULES = curColumnRules(CUR2_COLUMNS);
