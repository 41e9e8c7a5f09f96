export {
  BILLING_LINES_COLUMNS, BILLING_LINES_HEADER, BILLING_LINES_DECIMAL_COLUMNS, BILLING_LINES_SHADOW_HEADER, BILLING_LINES_REQUIRED,
  shadowColumnName, billingLineToRow, loadBillingLines, createBillingLinesReader,
} from './billingLinesTable';
export type { BillingLinesColumn, BillingLinesField, BillingLinesKind, BillingLinesReader, LoadBillingLinesOptions } from './billingLinesTable';
