import { BILLING_LINES_COLUMNS, billingLineToRow, type BillingLinesKind } from '../engine/lines/billingLinesTable';
import type { CountedLine } from '../engine/grain/aggregateLines';
import { MODEL_TABLES } from '../engine/workbookLayout';
import type { CellInput } from './estimateRowBytes';

/** Excel's limit of characters in one cell. */
export const EXCEL_CELL_CHARACTERS = 32_767;
/** Significant digits a double holds exactly for any decimal: more, and the cell also gets a shadow. */
export const EXCEL_DIGITS = 15;

/** Number formats of the money columns: thousands, at least 2 decimals, up to 10 (CUR gives 10). */
export const MONEY_FORMAT = '#,##0.00########';
const INTEGER_FORMAT = '0';
const DECIMAL_FORMAT = '0.##########';
const TEXT_FORMAT = '@';

const FORMAT_OF_KIND: Record<BillingLinesKind, string> = {
  text: TEXT_FORMAT, id: TEXT_FORMAT, format: TEXT_FORMAT, period: TEXT_FORMAT, kind: TEXT_FORMAT, currency: TEXT_FORMAT, tags: TEXT_FORMAT,
  integer: INTEGER_FORMAT, money: MONEY_FORMAT, quantity: DECIMAL_FORMAT, rate: DECIMAL_FORMAT,
};

const DECIMAL_INDEXES: readonly number[] = BILLING_LINES_COLUMNS.flatMap((c, i) => (c.kind === 'money' || c.kind === 'quantity' || c.kind === 'rate' ? [i] : []));
const TEXT_INDEXES: readonly number[] = BILLING_LINES_COLUMNS.flatMap((c, i) => (FORMAT_OF_KIND[c.kind] === TEXT_FORMAT ? [i] : []));
const SOURCE_LINE = BILLING_LINES_COLUMNS.findIndex((c) => c.field === 'source.line');

/**
 * The number format of every `Lines` column, in MODEL_TABLES.lines order: text (`@`) for ids, names,
 * tags and every shadow column — so `=HYPERLINK(…)`, `+cmd`, `-1+1`, `@SUM(…)` from a billing file
 * stay text and account ids keep their leading zeros; the money format for costs; `0` for
 * SourceLine and LineCount. Periods are written as text too: a billing month is a label, and a
 * date cell would come back to DBR.INVOICE as a serial number.
 */
export const LINES_NUMBER_FORMATS: readonly string[] = [
  ...BILLING_LINES_COLUMNS.map((c) => FORMAT_OF_KIND[c.kind]),
  INTEGER_FORMAT,
  ...DECIMAL_INDEXES.map(() => TEXT_FORMAT),
];

if (LINES_NUMBER_FORMATS.length !== MODEL_TABLES.lines.columns.length) {
  throw new Error('linesCells: the number formats do not cover MODEL_TABLES.lines');
}

/** What converting lines to cells changed, for the import report. */
export interface LinesCellsStats {
  /** Decimal cells with more than 15 significant digits: written as numbers and kept exact in their shadow column. */
  shadowCells: number;
  /** Text cells longer than Excel's 32,767 characters, cut to that length. */
  cutCells: number;
}

/** Significant digits of decimal text (`-0.00012300` → 3; `1.8E-9` → 2). */
export function significantDigits(text: string): number {
  let end = text.length;
  const exponent = text.search(/[eE]/);
  if (exponent >= 0) end = exponent;
  let first = -1;
  let last = -1;
  let digits = 0;
  // Count digits from the first non-zero to the last non-zero, skipping the point.
  for (let i = 0; i < end; i += 1) {
    const code = text.charCodeAt(i);
    if (code < 48 || code > 57) continue;
    if (code !== 48) {
      if (first < 0) first = digits;
      last = digits;
    }
    digits += 1;
  }
  return first < 0 ? 0 : last - first + 1;
}

function cut(text: string, stats: LinesCellsStats): string {
  if (text.length <= EXCEL_CELL_CHARACTERS) return text;
  stats.cutCells += 1;
  return text.slice(0, EXCEL_CELL_CHARACTERS);
}

/**
 * One `Lines` row as Excel cells: the BillingLines columns typed (numbers for decimals and counts,
 * exact text for the rest), LineCount, then the shadow columns — blank unless the decimal beside
 * it has more than 15 significant digits, in which case it holds the exact text.
 * Worked example: UnblendedCost `0.1234567890123456789` is written as the number 0.123456789012346
 * (what Excel keeps) and UnblendedCostExact as the text `0.1234567890123456789`.
 */
export function countedLineToCells({ line, count }: CountedLine, stats: LinesCellsStats): CellInput[] {
  const text = billingLineToRow(line);
  const cells: CellInput[] = new Array<CellInput>(text.length + 1 + DECIMAL_INDEXES.length);
  for (const i of TEXT_INDEXES) cells[i] = cut(text[i], stats);
  cells[SOURCE_LINE] = line.source.line;
  for (let d = 0; d < DECIMAL_INDEXES.length; d += 1) {
    const i = DECIMAL_INDEXES[d];
    const exact = text[i];
    const shadow = text.length + 1 + d;
    if (exact === '') {
      cells[i] = '';
      cells[shadow] = '';
      continue;
    }
    cells[i] = Number(exact);
    if (significantDigits(exact) > EXCEL_DIGITS) {
      cells[shadow] = exact;
      stats.shadowCells += 1;
    } else {
      cells[shadow] = '';
    }
  }
  cells[text.length] = count;
  return cells;
}
