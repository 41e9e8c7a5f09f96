import type { BillingLine } from '../line';
import type { WithIssues } from '../issues';
import type { TableRows } from '../table';
import { createBillingLinesReader, type LoadBillingLinesOptions } from './billingLinesReader';

export {
  BILLING_LINES_COLUMNS, BILLING_LINES_HEADER, BILLING_LINES_DECIMAL_COLUMNS, BILLING_LINES_SHADOW_HEADER, BILLING_LINES_REQUIRED,
  shadowColumnName,
} from './billingLinesColumns';
export type { BillingLinesColumn, BillingLinesField, BillingLinesKind } from './billingLinesColumns';
export { createBillingLinesReader } from './billingLinesReader';
export type { BillingLinesReader, LoadBillingLinesOptions } from './billingLinesReader';

/**
 * One line as a BillingLines row: the cells of `BILLING_LINES_COLUMNS`, in that order, as exact
 * text — decimals as the source wrote them, ids with their leading zeros, null as '', tags as
 * JSON text. Written out literally (not through the column list) since it runs once per line.
 */
export function billingLineToRow(line: BillingLine): string[] {
  return [
    line.source.file, String(line.source.line), line.format, line.period,
    line.payerAccount ?? '', line.account ?? '', line.kind,
    line.productCode ?? '', line.service ?? '', line.usageType ?? '', line.operation ?? '',
    line.availabilityZone ?? '', line.region ?? '', line.instanceType ?? '', line.platform ?? '',
    line.tenancy ?? '', line.billingEntity ?? '',
    line.usageAmount ?? '', line.unblendedRate ?? '', line.unblendedCost ?? '', line.blendedRate ?? '',
    line.blendedCost ?? '', line.listCost ?? '', line.amortizedCost ?? '',
    line.commitmentArn ?? '', line.commitmentOwner ?? '', line.currency, line.invoiceId ?? '',
    line.provider ?? '', line.description ?? '', line.resourceId ?? '',
    line.tags === null ? '' : JSON.stringify(line.tags),
  ];
}

/**
 * Reads a BillingLines table (the output of `rerate lines`, the `Lines` sheet, a `lines` argument)
 * back into lines. Columns are matched by header name, case-insensitively and ignoring spaces and
 * `_`, in any order; extra columns are ignored; Period, ChargeKind and UnblendedCost are required (a
 * MISSING_COLUMN error each, and no lines). Text and id cells are read exactly (blank = null); the
 * typed cells are trimmed and checked: a decimal that is not a number is BAD_NUMBER, a Period that
 * is not YYYY-MM BAD_DATE, any other bad cell BAD_VALUE — each an error naming the table, row and
 * column, and the row is left out (the others still load). A blank row is skipped. Blank SourceFile /
 * SourceLine mean the table's own source and row; blank Currency USD; blank Format cur1. A decimal
 * column's shadow column (`UnblendedCostExact`: exact text beside a cell Excel rounded to 15
 * digits), when the header has it, wins over the column's cell wherever it is not blank.
 */
export function loadBillingLines(table: TableRows, options: LoadBillingLinesOptions = {}): WithIssues<BillingLine[]> {
  const reader = createBillingLinesReader(table.source, table.header, options);
  const issues = [...reader.headerIssues];
  const lines: BillingLine[] = [];
  if (issues.length > 0) return { result: lines, issues };
  for (const row of table.rows) {
    const line = reader.read(row.values, row.line, issues);
    if (line !== null) lines.push(line);
  }
  return { result: lines, issues };
}
