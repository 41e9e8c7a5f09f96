import type { BillingLine } from '../line';

/**
 * What a BillingLines cell holds, and so how it is written and checked:
 * `text` exact text (blank = null) · `id` an account id, exact text, leading zeros kept ·
 * `integer` a positive whole number · `format` a billing format · `period` a billing month YYYY-MM ·
 * `kind` a charge kind · `currency` a three-letter code · `money`, `quantity`, `rate` exact decimal
 * text as the source wrote it (plain or exponent form) · `tags` a JSON object of text values.
 */
export type BillingLinesKind = 'text' | 'id' | 'integer' | 'format' | 'period' | 'kind' | 'currency' | 'money' | 'quantity' | 'rate' | 'tags';

/** The BillingLine field a column holds (`source.file` and `source.line` are the two halves of `source`). */
export type BillingLinesField = Exclude<keyof BillingLine, 'source'> | 'source.file' | 'source.line';

export interface BillingLinesColumn {
  readonly name: string;
  readonly field: BillingLinesField;
  readonly kind: BillingLinesKind;
}

/**
 * The canonical BillingLines table (PRODUCT.md "Workbook model", `rerate lines`): one column per
 * BillingLine field of ENGINE.md §1, in this order. `billingLineToRow` writes them,
 * `loadBillingLines` reads them back (src/engine/lines/README.md has a worked example).
 */
export const BILLING_LINES_COLUMNS: readonly BillingLinesColumn[] = [
  { name: 'SourceFile', field: 'source.file', kind: 'text' },
  { name: 'SourceLine', field: 'source.line', kind: 'integer' },
  { name: 'Format', field: 'format', kind: 'format' },
  { name: 'Period', field: 'period', kind: 'period' },
  { name: 'PayerAccount', field: 'payerAccount', kind: 'id' },
  { name: 'Account', field: 'account', kind: 'id' },
  { name: 'ChargeKind', field: 'kind', kind: 'kind' },
  { name: 'ProductCode', field: 'productCode', kind: 'text' },
  { name: 'Service', field: 'service', kind: 'text' },
  { name: 'UsageType', field: 'usageType', kind: 'text' },
  { name: 'Operation', field: 'operation', kind: 'text' },
  { name: 'AvailabilityZone', field: 'availabilityZone', kind: 'text' },
  { name: 'Region', field: 'region', kind: 'text' },
  { name: 'InstanceType', field: 'instanceType', kind: 'text' },
  { name: 'Platform', field: 'platform', kind: 'text' },
  { name: 'Tenancy', field: 'tenancy', kind: 'text' },
  { name: 'BillingEntity', field: 'billingEntity', kind: 'text' },
  { name: 'UsageAmount', field: 'usageAmount', kind: 'quantity' },
  { name: 'UnblendedRate', field: 'unblendedRate', kind: 'rate' },
  { name: 'UnblendedCost', field: 'unblendedCost', kind: 'money' },
  { name: 'BlendedRate', field: 'blendedRate', kind: 'rate' },
  { name: 'BlendedCost', field: 'blendedCost', kind: 'money' },
  { name: 'ListCost', field: 'listCost', kind: 'money' },
  { name: 'AmortizedCost', field: 'amortizedCost', kind: 'money' },
  { name: 'CommitmentArn', field: 'commitmentArn', kind: 'text' },
  { name: 'CommitmentOwner', field: 'commitmentOwner', kind: 'id' },
  { name: 'Currency', field: 'currency', kind: 'currency' },
  { name: 'InvoiceId', field: 'invoiceId', kind: 'text' },
  { name: 'Provider', field: 'provider', kind: 'text' },
  { name: 'Description', field: 'description', kind: 'text' },
  { name: 'ResourceId', field: 'resourceId', kind: 'text' },
  { name: 'Tags', field: 'tags', kind: 'tags' },
];

/** The header row of the BillingLines table. */
export const BILLING_LINES_HEADER: readonly string[] = BILLING_LINES_COLUMNS.map((c) => c.name);

/**
 * Excel keeps 15 significant digits: the task pane writes a decimal cell with more as a number
 * AND as exact text in its shadow column `<Name>Exact` (UnblendedCost → UnblendedCostExact).
 * A non-blank shadow cell is what the loader reads for that column.
 */
export function shadowColumnName(name: string): string {
  return `${name}Exact`;
}

/** The decimal columns (money, quantity, rate): the ones that get a shadow column. */
export const BILLING_LINES_DECIMAL_COLUMNS: readonly BillingLinesColumn[] = BILLING_LINES_COLUMNS.filter(
  (c) => c.kind === 'money' || c.kind === 'quantity' || c.kind === 'rate',
);

/** The shadow columns' names, in the order of their decimal columns. */
export const BILLING_LINES_SHADOW_HEADER: readonly string[] = BILLING_LINES_DECIMAL_COLUMNS.map((c) => shadowColumnName(c.name));

/** Columns a BillingLines table must have; the others may be absent (every cell blank). */
export const BILLING_LINES_REQUIRED: readonly string[] = ['Period', 'ChargeKind', 'UnblendedCost'];
