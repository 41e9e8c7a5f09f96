import { BILLING_FORMATS, type BillingFormat, type BillingLine } from '../line';
import { isChargeKind, type ChargeKind } from '../kinds';
import { isCurrencyCode, scanDecimal } from '../money';
import type { Issue, IssueCode } from '../issues';
import { columnIndexes, shownCell } from '../table';
import { requireColumns } from '../requireColumns';
import { isPeriod } from '../periods';
import {
  BILLING_LINES_COLUMNS, BILLING_LINES_HEADER, BILLING_LINES_REQUIRED, shadowColumnName,
  type BillingLinesColumn, type BillingLinesField, type BillingLinesKind,
} from './billingLinesColumns';

export interface LoadBillingLinesOptions {
  /**
   * Read only what pricing reads, as `rerate invoice` reads billing files (ReadOptions
   * `pricingFieldsOnly`): the descriptive columns — availability zone, instance type, platform,
   * tenancy, invoice id, description, resource id, tags — are neither read nor checked, and are null.
   */
  pricingFieldsOnly?: boolean;
}

/**
 * Reads the rows of one BillingLines table, given its header: `loadBillingLines` over `TableRows`,
 * and DBR.RERATE / DBR.INVOICE straight from a `lines` range's cells (no intermediate table).
 */
export interface BillingLinesReader {
  /** The header's MISSING_COLUMN errors: with any, `read` gives no line and no issue. */
  readonly headerIssues: readonly Issue[];
  /**
   * By table column: true when `read` looks at that column's cell. A caller converting cells to
   * text may give `''` for the others (they are neither read nor checked).
   */
  readonly readsColumn: readonly boolean[];
  /**
   * One row (its cells as text, by table column; missing cells are blank) as a line; null for a
   * blank row, or a bad one — then its issues are pushed to `issues`, in column order.
   * `line` is the row's number in the table (a blank SourceLine stands for it).
   */
  read(values: readonly string[], line: number, issues: Issue[]): BillingLine | null;
}

/** The currency of a line whose Currency cell is blank (ENGINE.md §1: USD unless the file says otherwise). */
const DEFAULT_CURRENCY = 'USD';
/** The format of a line whose Format cell is blank: a CUR-like line. */
const DEFAULT_FORMAT: BillingFormat = 'cur1';

const KIND_WORDS: Record<BillingLinesKind, string> = {
  text: 'text', id: 'an account id', integer: 'a positive whole number',
  format: `one of ${BILLING_FORMATS.join(', ')}`, period: 'a billing period YYYY-MM', kind: 'a charge kind',
  currency: 'a three-letter ISO 4217 code', money: 'a number', quantity: 'a number', rate: 'a number',
  tags: 'a JSON object of text values such as {"user:Team":"Data"}',
};

const ISSUE_OF_KIND: Partial<Record<BillingLinesKind, IssueCode>> = {
  money: 'BAD_NUMBER', quantity: 'BAD_NUMBER', rate: 'BAD_NUMBER', integer: 'BAD_NUMBER', period: 'BAD_DATE',
};

const DESCRIPTIVE_FIELDS: ReadonlySet<BillingLinesField> = new Set<BillingLinesField>([
  'availabilityZone', 'instanceType', 'platform', 'tenancy', 'invoiceId', 'description', 'resourceId', 'tags',
]);

const isDecimalKind = (kind: BillingLinesKind): boolean => kind === 'money' || kind === 'quantity' || kind === 'rate';

/** Each field's index in BILLING_LINES_COLUMNS (checked against the list when this module loads). */
const FIELD_INDEX: Record<BillingLinesField, number> = Object.fromEntries(BILLING_LINES_COLUMNS.map((c, i) => [c.field, i])) as Record<BillingLinesField, number>;

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
 * `text.trim()`, without the call when the text starts and ends with a printable ASCII character
 * (the usual cell: nothing to trim). This runs for every typed cell of 100,000 lines.
 */
function trimmed(text: string): string {
  const last = text.length - 1;
  if (last < 0) return text;
  const first = text.charCodeAt(0);
  const end = text.charCodeAt(last);
  return first > 32 && first < 127 && end > 32 && end < 127 ? text : text.trim();
}

/** True when the text is blank once trimmed. */
function isBlankText(text: string): boolean {
  if (text === '') return true;
  const first = text.charCodeAt(0);
  return first > 32 && first < 127 ? false : text.trim() === '';
}

/**
 * The reader of a table with this header. Columns are matched by header name, case-insensitively
 * and ignoring spaces and `_`, in any order; extra columns are ignored; a decimal column's shadow
 * (`UnblendedCostExact`, `shadowColumnName`) is read when the header has it: a non-blank shadow
 * cell is the column's value (checked as a decimal; a bad one is BAD_NUMBER naming the shadow
 * column), a blank one leaves the column's own cell. See `loadBillingLines` for the rules.
 */
export function createBillingLinesReader(source: string, header: readonly string[], options: LoadBillingLinesOptions = {}): BillingLinesReader {
  const { issues: headerIssues } = requireColumns({ source, header: [...header], rows: [] }, BILLING_LINES_HEADER, BILLING_LINES_REQUIRED, 'a BillingLines table');
  const indexes = columnIndexes(header, BILLING_LINES_HEADER);
  const shadowIndexes = columnIndexes(header, BILLING_LINES_COLUMNS.map((c) => shadowColumnName(c.name)));
  const skip = options.pricingFieldsOnly === true ? DESCRIPTIVE_FIELDS : new Set<BillingLinesField>();
  /** Table column of each BillingLines column (by its index in BILLING_LINES_COLUMNS), -1 when absent or skipped. */
  const at = BILLING_LINES_COLUMNS.map((c) => (skip.has(c.field) ? -1 : indexes[c.name]));
  /** Table column of each decimal column's shadow, -1 when absent (and for every other column). */
  const shadowAt = BILLING_LINES_COLUMNS.map((c) => (isDecimalKind(c.kind) && !skip.has(c.field) ? shadowIndexes[shadowColumnName(c.name)] : -1));
  const read = [...at, ...shadowAt].filter((index) => index >= 0);
  const readsColumn = header.map((_, column) => headerIssues.length === 0 && read.includes(column));
  // The cells a row is blank by: those read, in table order.
  const readColumns = Int32Array.from(new Set(read));

  // One local per field (a closure slot is cheaper than an array read in the per-row code).
  const cell = (field: BillingLinesField): number => at[FIELD_INDEX[field]];
  const shadow = (field: BillingLinesField): number => shadowAt[FIELD_INDEX[field]];
  const cFile = cell('source.file'); const cLine = cell('source.line'); const cFormat = cell('format'); const cPeriod = cell('period');
  const cPayer = cell('payerAccount'); const cAccount = cell('account'); const cKind = cell('kind'); const cProduct = cell('productCode');
  const cService = cell('service'); const cUsageType = cell('usageType'); const cOperation = cell('operation'); const cZone = cell('availabilityZone');
  const cRegion = cell('region'); const cInstance = cell('instanceType'); const cPlatform = cell('platform'); const cTenancy = cell('tenancy');
  const cEntity = cell('billingEntity'); const cUsage = cell('usageAmount'); const cRate = cell('unblendedRate'); const cCost = cell('unblendedCost');
  const cBlendedRate = cell('blendedRate'); const cBlendedCost = cell('blendedCost'); const cList = cell('listCost'); const cAmortized = cell('amortizedCost');
  const cArn = cell('commitmentArn'); const cOwner = cell('commitmentOwner'); const cCurrency = cell('currency'); const cInvoice = cell('invoiceId');
  const cProvider = cell('provider'); const cDescription = cell('description'); const cResource = cell('resourceId'); const cTags = cell('tags');
  const sUsage = shadow('usageAmount'); const sRate = shadow('unblendedRate'); const sCost = shadow('unblendedCost');
  const sBlendedRate = shadow('blendedRate'); const sBlendedCost = shadow('blendedCost'); const sList = shadow('listCost'); const sAmortized = shadow('amortizedCost');

  /** A bad cell: an error naming the table, row and column (the shadow column when it was the shadow's). */
  function bad(issues: Issue[], field: BillingLinesField, line: number, exact: string, shadowed = false): void {
    const column: BillingLinesColumn = BILLING_LINES_COLUMNS[FIELD_INDEX[field]];
    const name = shadowed ? shadowColumnName(column.name) : column.name;
    issues.push({
      code: ISSUE_OF_KIND[column.kind] ?? 'BAD_VALUE',
      severity: 'error',
      message: `${name} "${shownCell(exact)}" in ${source} line ${line} is not ${KIND_WORDS[column.kind]}; the row is left out.`,
      source: { file: source, line, column: name },
    });
  }

  /** A text or id cell: exact (not trimmed), blank = null. */
  function text(values: readonly string[], column: number): string | null {
    if (column < 0) return null;
    const exact = values[column];
    return exact === undefined || exact === '' ? null : exact;
  }

  /** A decimal cell (or its non-blank shadow), trimmed and checked; blank = null. */
  function decimal(values: readonly string[], column: number, shadowColumn: number, field: BillingLinesField, line: number, issues: Issue[]): string | null {
    if (shadowColumn >= 0) {
      const exact = values[shadowColumn] ?? '';
      const value = trimmed(exact);
      if (value !== '') {
        if (scanDecimal(value)) return value;
        bad(issues, field, line, exact, true);
        return null;
      }
    }
    if (column < 0) return null;
    const exact = values[column] ?? '';
    const value = trimmed(exact);
    if (value === '') return null;
    if (scanDecimal(value)) return value;
    bad(issues, field, line, exact);
    return null;
  }

  function isBlankRow(values: readonly string[]): boolean {
    for (let i = 0; i < readColumns.length; i += 1) {
      const exact = values[readColumns[i]];
      if (exact !== undefined && !isBlankText(exact)) return false;
    }
    return true;
  }

  function readRow(values: readonly string[], line: number, issues: Issue[]): BillingLine | null {
    if (headerIssues.length > 0 || isBlankRow(values)) return null;
    const before = issues.length;
    // Column by column in BILLING_LINES_COLUMNS order, so a row's issues come in that order.
    const file = text(values, cFile);
    let sourceLine: number | null = null;
    const lineText = cLine < 0 ? '' : trimmed(values[cLine] ?? '');
    if (lineText !== '') {
      if (/^[1-9][0-9]{0,14}$/.test(lineText)) sourceLine = Number(lineText);
      else bad(issues, 'source.line', line, values[cLine]);
    }
    let format: BillingFormat = DEFAULT_FORMAT;
    const formatText = cFormat < 0 ? '' : trimmed(values[cFormat] ?? '');
    if (formatText !== '') {
      if ((BILLING_FORMATS as readonly string[]).includes(formatText)) format = formatText as BillingFormat;
      else bad(issues, 'format', line, values[cFormat]);
    }
    const period = cPeriod < 0 ? '' : trimmed(values[cPeriod] ?? '');
    if (!isPeriod(period)) bad(issues, 'period', line, cPeriod < 0 ? '' : values[cPeriod] ?? '');
    const payerAccount = text(values, cPayer);
    const account = text(values, cAccount);
    const kind = cKind < 0 ? '' : trimmed(values[cKind] ?? '');
    if (!isChargeKind(kind)) bad(issues, 'kind', line, cKind < 0 ? '' : values[cKind] ?? '');
    const productCode = text(values, cProduct);
    const service = text(values, cService);
    const usageType = text(values, cUsageType);
    const operation = text(values, cOperation);
    const availabilityZone = text(values, cZone);
    const region = text(values, cRegion);
    const instanceType = text(values, cInstance);
    const platform = text(values, cPlatform);
    const tenancy = text(values, cTenancy);
    const billingEntity = text(values, cEntity);
    const usageAmount = decimal(values, cUsage, sUsage, 'usageAmount', line, issues);
    const unblendedRate = decimal(values, cRate, sRate, 'unblendedRate', line, issues);
    const unblendedCost = decimal(values, cCost, sCost, 'unblendedCost', line, issues);
    const blendedRate = decimal(values, cBlendedRate, sBlendedRate, 'blendedRate', line, issues);
    const blendedCost = decimal(values, cBlendedCost, sBlendedCost, 'blendedCost', line, issues);
    const listCost = decimal(values, cList, sList, 'listCost', line, issues);
    const amortizedCost = decimal(values, cAmortized, sAmortized, 'amortizedCost', line, issues);
    const commitmentArn = text(values, cArn);
    const commitmentOwner = text(values, cOwner);
    let currency = DEFAULT_CURRENCY;
    const currencyText = cCurrency < 0 ? '' : trimmed(values[cCurrency] ?? '');
    if (currencyText !== '') {
      // Currency codes are case-insensitive everywhere (`usd` is USD).
      const code = currencyText.toUpperCase();
      if (isCurrencyCode(code)) currency = code;
      else bad(issues, 'currency', line, values[cCurrency]);
    }
    const invoiceId = text(values, cInvoice);
    const provider = text(values, cProvider);
    const description = text(values, cDescription);
    const resourceId = text(values, cResource);
    let tags: Record<string, string> | null = null;
    const tagsText = cTags < 0 ? '' : trimmed(values[cTags] ?? '');
    if (tagsText !== '') {
      const parsed = parseTags(tagsText);
      if (parsed === undefined) bad(issues, 'tags', line, values[cTags]);
      else tags = parsed;
    }
    if (issues.length > before) return null;
    return {
      source: { file: file ?? source, line: sourceLine ?? line },
      format, period, payerAccount, account, kind: kind as ChargeKind, productCode, service, usageType, operation,
      availabilityZone, region, instanceType, platform, tenancy, billingEntity,
      usageAmount, unblendedRate, unblendedCost, blendedRate, blendedCost, listCost, amortizedCost,
      commitmentArn, commitmentOwner, currency, invoiceId, provider, description, resourceId, tags,
    };
  }

  return { headerIssues, readsColumn, read: readRow };
}
