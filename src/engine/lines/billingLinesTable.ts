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
export function loadBillingLines(table: TableRows): WithIssues<BillingLine[]> {
  const names = BILLING_LINES_HEADER;
  const { issues } = requireColumns(table, names, BILLING_LINES_REQUIRED, 'a BillingLines table');
  const lines: BillingLine[] = [];
  if (issues.length > 0) return { result: lines, issues };
  const indexes = columnIndexes(table.header, names);
  const at = BILLING_LINES_COLUMNS.map((c) => indexes[c.name]);
  for (const row of table.rows) {
    const line = lineOfRow(table, row, at, issues);
    if (line !== null) lines.push(line);
  }
  return { result: lines, issues };
}

/** One row as a line, or null (a blank row, or a bad one: its issues are pushed). */
function lineOfRow(table: TableRows, row: TableRow, at: readonly number[], issues: Issue[]): BillingLine | null {
  const raw = at.map((index) => (index < 0 ? '' : (row.values[index] ?? '')));
  if (raw.every((text) => text.trim() === '')) return null;
  const before = issues.length;
  const fields: Record<string, unknown> = {};
  BILLING_LINES_COLUMNS.forEach((column, i) => {
    const exact = raw[i];
    const text = exact.trim();
    const bad = () => {
      issues.push({
        code: ISSUE_OF_KIND[column.kind] ?? 'BAD_VALUE',
        severity: 'error',
        message: `${column.name} "${shownCell(exact)}" in ${table.source} line ${row.line} is not ${KIND_WORDS[column.kind]}; the row is left out.`,
        source: { file: table.source, line: row.line, column: column.name },
      });
    };
    switch (column.kind) {
      case 'text':
      case 'id':
        fields[column.field] = exact === '' ? null : exact;
        break;
      case 'integer':
        if (text === '') fields[column.field] = null;
        else if (/^[1-9][0-9]{0,14}$/.test(text)) fields[column.field] = Number(text);
        else bad();
        break;
      case 'format':
        if (text === '') fields[column.field] = DEFAULT_FORMAT;
        else if ((BILLING_FORMATS as readonly string[]).includes(text)) fields[column.field] = text;
        else bad();
        break;
      case 'period':
        if (isPeriod(text)) fields[column.field] = text;
        else bad();
        break;
      case 'kind':
        if (isChargeKind(text)) fields[column.field] = text;
        else bad();
        break;
      case 'currency':
        if (text === '') fields[column.field] = DEFAULT_CURRENCY;
        else if (isCurrencyCode(text)) fields[column.field] = text;
        else bad();
        break;
      case 'money':
      case 'quantity':
      case 'rate':
        if (text === '') fields[column.field] = null;
        else if (isDecimalText(text)) fields[column.field] = text;
        else bad();
        break;
      case 'tags': {
        if (text === '') {
          fields[column.field] = null;
          break;
        }
        const tags = parseTags(text);
        if (tags === undefined) bad();
        else fields[column.field] = tags;
        break;
      }
    }
  });
  if (issues.length > before) return null;
  const file = fields['source.file'] as string | null;
  const lineNumber = fields['source.line'] as number | null;
  return {
    source: { file: file ?? table.source, line: lineNumber ?? row.line },
    format: fields.format as BillingFormat,
    period: fields.period as string,
    payerAccount: fields.payerAccount as string | null,
    account: fields.account as string | null,
    kind: fields.kind as BillingLine['kind'],
    productCode: fields.productCode as string | null,
    service: fields.service as string | null,
    usageType: fields.usageType as string | null,
    operation: fields.operation as string | null,
    availabilityZone: fields.availabilityZone as string | null,
    region: fields.region as string | null,
    instanceType: fields.instanceType as string | null,
    platform: fields.platform as string | null,
    tenancy: fields.tenancy as string | null,
    billingEntity: fields.billingEntity as string | null,
    usageAmount: fields.usageAmount as string | null,
    unblendedRate: fields.unblendedRate as string | null,
    unblendedCost: fields.unblendedCost as string | null,
    blendedRate: fields.blendedRate as string | null,
    blendedCost: fields.blendedCost as string | null,
    listCost: fields.listCost as string | null,
    amortizedCost: fields.amortizedCost as string | null,
    commitmentArn: fields.commitmentArn as string | null,
    commitmentOwner: fields.commitmentOwner as string | null,
    currency: fields.currency as string,
    invoiceId: fields.invoiceId as string | null,
    provider: fields.provider as string | null,
    description: fields.description as string | null,
    resourceId: fields.resourceId as string | null,
    tags: fields.tags as Record<string, string> | null,
  };
}
