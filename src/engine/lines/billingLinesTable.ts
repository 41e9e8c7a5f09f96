import { BILLING_FORMATS, type BillingFormat, type BillingLine } from '../line';
import { isChargeKind } from '../kinds';
import { isCurrencyCode, isDecimalText } from '../money';
import type { Issue, IssueCode, WithIssues } from '../issues';
import { columnIndexes, shownCell, type TableRow, type TableRows } from '../table';
import { requireColumns } from '../requireColumns';
import { isPeriod } from '../periods';

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

/** The currency of a line whose Currency cell is blank (ENGINE.md §1: USD unless the file says otherwise). */
const DEFAULT_CURRENCY = 'USD';
/** The format of a line whose Format cell is blank: a CUR-like line. */
const DEFAULT_FORMAT: BillingFormat = 'cur1';

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

const KIND_WORDS: Record<BillingLinesKind, string> = {
  text: 'text', id: 'an account id', integer: 'a positive whole number',
  format: `one of ${BILLING_FORMATS.join(', ')}`, period: 'a billing period YYYY-MM', kind: 'a charge kind',
  currency: 'a three-letter ISO 4217 code', money: 'a number', quantity: 'a number', rate: 'a number',
  tags: 'a JSON object of text values such as {"user:Team":"Data"}',
};

const ISSUE_OF_KIND: Partial<Record<BillingLinesKind, IssueCode>> = {
  money: 'BAD_NUMBER', quantity: 'BAD_NUMBER', rate: 'BAD_NUMBER', integer: 'BAD_NUMBER', period: 'BAD_DATE',
};

/** The tags of a Tags cell, or undefined when the text is not a JSON object of text values. */
function parseTags(text: string): Record<string, string> | undefined {
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return undefined;
  }
  if (value === null || typeof value !== 'object' || Array.isArray(value)) return undefined;
  for (const tag of Object.values(value as Record<string, unknown>)) if (typeof tag !== 'string') return undefined;
  return value as Record<string, string>;
}

/**
 * Reads a BillingLines table (the output of `rerate lines`, the `Lines` sheet, a `lines` argument)
 * back into lines. Columns are matched by header name, case-insensitively and ignoring spaces, in
 * any order; extra columns are ignored; Period, ChargeKind and UnblendedCost are required (a
 * MISSING_COLUMN error each). Text and id cells are read exactly (blank = null); the typed cells
 * are trimmed and checked: a decimal that is not a number is BAD_NUMBER, a Period that is not
 * YYYY-MM BAD_DATE, any other bad cell BAD_VALUE — each an error naming the table, row and column,
 * and the row is left out (the others still load). A blank row is skipped. Blank SourceFile /
 * SourceLine mean the table's own source and row; blank Currency USD; blank Format cur1.
 */
export function loadBillingLines(table: TableRows, options: LoadBillingLinesOptions = {}): WithIssues<BillingLine[]> {
  const names = BILLING_LINES_HEADER;
  const { issues } = requireColumns(table, names, BILLING_LINES_REQUIRED, 'a BillingLines table');
  const lines: BillingLine[] = [];
  if (issues.length > 0) return { result: lines, issues };
  const indexes = columnIndexes(table.header, names);
  const skip = options.pricingFieldsOnly === true ? DESCRIPTIVE_FIELDS : NO_FIELDS;
  const at = BILLING_LINES_COLUMNS.map((c) => (skip.has(c.field) ? -1 : indexes[c.name]));
  for (const row of table.rows) {
    const line = lineOfRow(table, row, at, issues);
    if (line !== null) lines.push(line);
  }
  return { result: lines, issues };
}

export interface LoadBillingLinesOptions {
  /**
   * Read only what pricing reads, as `rerate invoice` reads billing files (ReadOptions
   * `pricingFieldsOnly`): the descriptive columns — availability zone, instance type, platform,
   * tenancy, invoice id, description, resource id, tags — are neither read nor checked, and are null.
   */
  pricingFieldsOnly?: boolean;
}

const DESCRIPTIVE_FIELDS: ReadonlySet<BillingLinesField> = new Set<BillingLinesField>([
  'availabilityZone', 'instanceType', 'platform', 'tenancy', 'invoiceId', 'description', 'resourceId', 'tags',
]);
const NO_FIELDS: ReadonlySet<BillingLinesField> = new Set();

/** Each BillingLine field's index in BILLING_LINES_COLUMNS. */
const FIELD_INDEX: Record<string, number> = Object.fromEntries(BILLING_LINES_COLUMNS.map((c, i) => [c.field, i]));

function badCellIssue(table: TableRows, row: TableRow, column: BillingLinesColumn, exact: string): Issue {
  return {
    code: ISSUE_OF_KIND[column.kind] ?? 'BAD_VALUE',
    severity: 'error',
    message: `${column.name} "${shownCell(exact)}" in ${table.source} line ${row.line} is not ${KIND_WORDS[column.kind]}; the row is left out.`,
    source: { file: table.source, line: row.line, column: column.name },
  };
}

/** One row as a line, or null (a blank row, or a bad one: its issues are pushed). */
function lineOfRow(table: TableRows, row: TableRow, at: readonly number[], issues: Issue[]): BillingLine | null {
  const raw = at.map((index) => (index < 0 ? '' : (row.values[index] ?? '')));
  if (raw.every((text) => text.trim() === '')) return null;
  const before = issues.length;
  // By column index (a plain loop, no closure per cell: this runs once per cell of 100,000 lines).
  const fields: unknown[] = new Array(BILLING_LINES_COLUMNS.length);
  for (let i = 0; i < BILLING_LINES_COLUMNS.length; i += 1) {
    const column = BILLING_LINES_COLUMNS[i];
    const exact = raw[i];
    const text = exact.trim();
    switch (column.kind) {
      case 'text':
      case 'id':
        fields[i] = exact === '' ? null : exact;
        break;
      case 'integer':
        if (text === '') fields[i] = null;
        else if (/^[1-9][0-9]{0,14}$/.test(text)) fields[i] = Number(text);
        else issues.push(badCellIssue(table, row, column, exact));
        break;
      case 'format':
        if (text === '') fields[i] = DEFAULT_FORMAT;
        else if ((BILLING_FORMATS as readonly string[]).includes(text)) fields[i] = text;
        else issues.push(badCellIssue(table, row, column, exact));
        break;
      case 'period':
        if (isPeriod(text)) fields[i] = text;
        else issues.push(badCellIssue(table, row, column, exact));
        break;
      case 'kind':
        if (isChargeKind(text)) fields[i] = text;
        else issues.push(badCellIssue(table, row, column, exact));
        break;
      case 'currency':
        // Currency codes are case-insensitive everywhere (`usd` is USD).
        if (text === '') fields[i] = DEFAULT_CURRENCY;
        else if (isCurrencyCode(text.toUpperCase())) fields[i] = text.toUpperCase();
        else issues.push(badCellIssue(table, row, column, exact));
        break;
      case 'money':
      case 'quantity':
      case 'rate':
        if (text === '') fields[i] = null;
        else if (isDecimalText(text)) fields[i] = text;
        else issues.push(badCellIssue(table, row, column, exact));
        break;
      case 'tags': {
        if (text === '') {
          fields[i] = null;
          break;
        }
        const tags = parseTags(text);
        if (tags === undefined) issues.push(badCellIssue(table, row, column, exact));
        else fields[i] = tags;
        break;
      }
    }
  }
  if (issues.length > before) return null;
  const file = fields[FIELD_INDEX['source.file']] as string | null;
  const lineNumber = fields[FIELD_INDEX['source.line']] as number | null;
  return {
    source: { file: file ?? table.source, line: lineNumber ?? row.line },
    format: fields[FIELD_INDEX.format] as BillingFormat,
    period: fields[FIELD_INDEX.period] as string,
    payerAccount: fields[FIELD_INDEX.payerAccount] as string | null,
    account: fields[FIELD_INDEX.account] as string | null,
    kind: fields[FIELD_INDEX.kind] as BillingLine['kind'],
    productCode: fields[FIELD_INDEX.productCode] as string | null,
    service: fields[FIELD_INDEX.service] as string | null,
    usageType: fields[FIELD_INDEX.usageType] as string | null,
    operation: fields[FIELD_INDEX.operation] as string | null,
    availabilityZone: fields[FIELD_INDEX.availabilityZone] as string | null,
    region: fields[FIELD_INDEX.region] as string | null,
    instanceType: fields[FIELD_INDEX.instanceType] as string | null,
    platform: fields[FIELD_INDEX.platform] as string | null,
    tenancy: fields[FIELD_INDEX.tenancy] as string | null,
    billingEntity: fields[FIELD_INDEX.billingEntity] as string | null,
    usageAmount: fields[FIELD_INDEX.usageAmount] as string | null,
    unblendedRate: fields[FIELD_INDEX.unblendedRate] as string | null,
    unblendedCost: fields[FIELD_INDEX.unblendedCost] as string | null,
    blendedRate: fields[FIELD_INDEX.blendedRate] as string | null,
    blendedCost: fields[FIELD_INDEX.blendedCost] as string | null,
    listCost: fields[FIELD_INDEX.listCost] as string | null,
    amortizedCost: fields[FIELD_INDEX.amortizedCost] as string | null,
    commitmentArn: fields[FIELD_INDEX.commitmentArn] as string | null,
    commitmentOwner: fields[FIELD_INDEX.commitmentOwner] as string | null,
    currency: fields[FIELD_INDEX.currency] as string,
    invoiceId: fields[FIELD_INDEX.invoiceId] as string | null,
    provider: fields[FIELD_INDEX.provider] as string | null,
    description: fields[FIELD_INDEX.description] as string | null,
    resourceId: fields[FIELD_INDEX.resourceId] as string | null,
    tags: fields[FIELD_INDEX.tags] as Record<string, string> | null,
  };
}
