import { readFile, stat } from 'node:fs/promises';
import * as path from 'node:path';
import { Workbook, type Cell as ExcelCell, type CellValue, type Worksheet } from 'exceljs';
import type { Issue, WithIssues } from '../engine/issues';
import type { TableRow, TableRows } from '../engine/table';
import { MODEL_TABLES, type ModelTable } from '../engine/workbookLayout';
import { checkInflatedSize, WORKBOOK_MAX_INFLATED } from './workbookInflateGuard';
import { pruneWorkbook, WORKBOOK_MAX_KEPT } from './workbookPrune';
import { numberText } from '../engine/tableRowsFromCells';

/** The tables of PRODUCT.md's workbook model that `--workbook` reads. */
export interface WorkbookTables {
  priceBook?: TableRows;
  customers?: TableRows;
  settings?: TableRows;
  fxRates?: TableRows;
  supportPlans?: TableRows;
}

export type WorkbookTableName = keyof WorkbookTables;

interface TablePlace {
  /** Excel table (ListObject) name, looked for first in every sheet. */
  table: string;
  sheet: string;
  /** Exact header (any order, case-insensitive) located on the sheet; none: the first non-empty row. */
  columns?: readonly string[];
  /** Missing is an error; otherwise the engine's default is used (built-in plans, no FX, default settings). */
  required: boolean;
}

/**
 * Where each table is, from the workbook layout (src/engine/workbookLayout.ts). PriceBook and
 * Customers own their sheets (found from the first non-empty row, so extra columns are kept); the
 * three tables of the Settings sheet are found by their exact header.
 */
const place = (model: ModelTable, required: boolean, byHeader: boolean): TablePlace =>
  ({ table: model.table, sheet: model.sheet, required, ...(byHeader ? { columns: model.columns } : {}) });

const PLACES: Record<WorkbookTableName, TablePlace> = {
  priceBook: place(MODEL_TABLES.priceBook, true, false),
  customers: place(MODEL_TABLES.customers, true, false),
  settings: place(MODEL_TABLES.settings, true, true),
  fxRates: place(MODEL_TABLES.fxRates, false, true),
  supportPlans: place(MODEL_TABLES.supportPlans, false, true),
};

/** Columns whose date cells mean a billing month: Excel turns a typed `2023-11` into 1 Nov 2023. */
const PERIOD_COLUMNS = new Set(['period', 'validfrom', 'validto']);

/**
 * Reads the input tables from a workbook built with the add-in (or written by `--format xlsx`),
 * as the same `TableRows` the CSV reader gives, so the engine's loaders check them alike.
 * Worked example: sheet `Settings` holding a ListObject `FxRates` at D2:G3 with row 3
 * `[1 Nov 2023 (a date), USD, GBP, 0.79]` gives
 * `fxRates = { source: 'W.xlsx!FxRates', header: ['Period','From','To','Rate'], rows: [{ line: 3, values: ['2023-11','USD','GBP','0.79'] }] }`.
 * Each table is found by its Excel table name first; failing that, on its sheet, by the first
 * non-empty row (PriceBook, Customers) or a row holding exactly its columns (Settings, FxRates,
 * SupportPlans), read down to the first blank row. `want` limits which tables are looked for
 * (tables the command line names as CSV files are not). A missing file is UNREADABLE_FILE; a
 * missing required table BAD_TABLE; a formula without a cached result or an error value BAD_VALUE.
 * A workbook that inflates past `maxDecompressedBytes` (default and ceiling: WORKBOOK_MAX_INFLATED,
 * 256 MiB) is SIZE_LIMIT, found before exceljs inflates anything (workbookInflateGuard.ts).
 * exceljs is then handed only the sheets the wanted tables can be on, every other sheet emptied
 * (workbookPrune.ts); when those parts inflate past `maxKeptBytes` (default WORKBOOK_MAX_KEPT,
 * 16 MiB) the workbook is SIZE_LIMIT, saying to pass the tables as CSV.
 */
export async function readWorkbookTables(
  file: string,
  options: { name?: string; want?: readonly WorkbookTableName[]; maxDecompressedBytes?: number; maxKeptBytes?: number } = {},
): Promise<WithIssues<WorkbookTables>> {
  const name = options.name ?? path.basename(file);
  const want = options.want ?? (Object.keys(PLACES) as WorkbookTableName[]);
  const issues: Issue[] = [];
  const result: WorkbookTables = {};
  const workbook = new Workbook();
  try {
    // exceljs reports a missing file only as text ("File not found"): ask the file system first.
    await stat(file);
    // exceljs reads the whole file and inflates every part whole: check what it inflates to first.
    const bytes = await readFile(file);
    const limit = Math.min(options.maxDecompressedBytes ?? WORKBOOK_MAX_INFLATED, WORKBOOK_MAX_INFLATED);
    const verdict = checkInflatedSize(bytes, limit);
    if (!verdict.ok && verdict.why !== 'not-zip') {
      const what = verdict.why === 'declared' ? `declares ${verdict.bytes} bytes uncompressed` : `inflates to more than ${limit} bytes`;
      issues.push({ code: 'SIZE_LIMIT', severity: 'error', message: `Workbook ${name} ${what}, past the decompression limit of ${limit} bytes; it is not read.` });
      return { result, issues };
    }
    // exceljs parses every sheet: hand it only the sheets the wanted tables can be on (workbookPrune.ts).
    const keptLimit = options.maxKeptBytes ?? WORKBOOK_MAX_KEPT;
    const pruned = verdict.ok
      ? pruneWorkbook(bytes, { sheets: want.map((key) => PLACES[key].sheet), tables: want.map((key) => PLACES[key].table) }, keptLimit)
      : null;
    const whole = pruned === null || (!pruned.ok && pruned.why === 'not-understood');
    if ((pruned !== null && !pruned.ok && pruned.why === 'kept') || (whole && verdict.ok && verdict.inflated > keptLimit)) {
      issues.push({
        code: 'SIZE_LIMIT', severity: 'error',
        message: `Workbook ${name}: the sheets holding its tables inflate past the limit of ${keptLimit} bytes for a workbook's tables; it is not read. `
          + 'Export the tables as CSV and pass them with --pricebook, --customers, --fx, --support-plans.',
      });
      return { result, issues };
    }
    const input = pruned !== null && pruned.ok ? pruned.zip : bytes;
    await workbook.xlsx.load(input as unknown as Parameters<typeof workbook.xlsx.load>[0]);
  } catch (error) {
    const code = (error as NodeJS.ErrnoException).code;
    const why = code === 'ENOENT' ? 'does not exist' : `cannot be read as an .xlsx workbook (${code ?? (error as Error).message})`;
    issues.push({ code: 'UNREADABLE_FILE', severity: 'error', message: `Workbook ${name} ${why}.` });
    return { result, issues };
  }
  for (const key of want) {
    const place = PLACES[key];
    const found = findListObject(workbook, place.table, name) ?? findOnSheet(workbook, place, name);
    if (found === null) {
      if (place.required) issues.push(missingIssue(workbook, place, name));
      continue;
    }
    result[key] = readRange(found, issues);
  }
  return { result, issues };
}

interface Range {
  sheet: Worksheet;
  source: string;
  headerRow: number;
  firstColumn: number;
  lastColumn: number;
  /** Last data row, inclusive; null: down to the first blank row. */
  lastRow: number | null;
}

function findListObject(workbook: Workbook, table: string, name: string): Range | null {
  for (const sheet of workbook.worksheets) {
    for (const [tableName, object] of Object.entries((sheet as unknown as { tables?: Record<string, unknown> }).tables ?? {})) {
      if (tableName.toLowerCase() !== table.toLowerCase()) continue;
      const model = (object as { model?: { tableRef?: string; ref?: string; headerRow?: boolean; totalsRow?: boolean } }).model;
      const ref = model?.tableRef ?? model?.ref;
      const match = ref ? /^\$?([A-Z]+)\$?(\d+)(?::\$?([A-Z]+)\$?(\d+))?$/i.exec(ref) : null;
      if (!match || model?.headerRow === false) continue;
      const top = Number(match[2]);
      const bottom = Number(match[4] ?? match[2]);
      return {
        sheet, source: `${name}!${tableName}`, headerRow: top,
        firstColumn: columnNumber(match[1]), lastColumn: columnNumber(match[3] ?? match[1]),
        lastRow: bottom - (model?.totalsRow ? 1 : 0),
      };
    }
  }
  return null;
}

function findOnSheet(workbook: Workbook, place: TablePlace, name: string): Range | null {
  const sheet = sheetNamed(workbook, place.sheet);
  if (!sheet) return null;
  const source = `${name}!${sheet.name}`;
  for (let r = 1; r <= sheet.rowCount; r++) {
    const texts: string[] = [];
    for (let c = 1; c <= sheet.columnCount; c++) texts.push(plainText(sheet.getCell(r, c)).trim());
    if (texts.every((t) => t === '')) continue;
    if (!place.columns) {
      const first = texts.findIndex((t) => t !== '') + 1;
      let last = first;
      while (last < texts.length && texts[last] !== '') last++;
      return { sheet, source, headerRow: r, firstColumn: first, lastColumn: last, lastRow: null };
    }
    // A run of exactly the table's columns, so blocks may sit beside or under one another.
    const wanted = place.columns.map((c) => c.toLowerCase()).sort().join('\u0001');
    for (let c = 0; c + place.columns.length <= texts.length; c++) {
      const run = texts.slice(c, c + place.columns.length);
      if (run.map((t) => t.toLowerCase()).sort().join('\u0001') === wanted) {
        return { sheet, source, headerRow: r, firstColumn: c + 1, lastColumn: c + place.columns.length, lastRow: null };
      }
    }
  }
  return null;
}

function sheetNamed(workbook: Workbook, sheet: string): Worksheet | undefined {
  return workbook.worksheets.find((ws) => ws.name.toLowerCase() === sheet.toLowerCase());
}

function missingIssue(workbook: Workbook, place: TablePlace, name: string): Issue {
  const where = sheetNamed(workbook, place.sheet)
    ? `no Excel table ${place.table} and no ${place.columns ? `header row ${place.columns.join(', ')}` : 'header row'} on sheet ${place.sheet}`
    : `no Excel table ${place.table} and no sheet ${place.sheet}`;
  return { code: 'BAD_TABLE', severity: 'error', message: `Workbook ${name} has ${where}.` };
}

function readRange(range: Range, issues: Issue[]): TableRows {
  const { sheet, headerRow, firstColumn, lastColumn } = range;
  const header: string[] = [];
  for (let c = firstColumn; c <= lastColumn; c++) header.push(plainText(sheet.getCell(headerRow, c)).trim());
  const rows: TableRow[] = [];
  const last = range.lastRow ?? sheet.rowCount;
  for (let r = headerRow + 1; r <= last; r++) {
    const values = header.map((column, i) => cellText(sheet.getCell(r, firstColumn + i), column, range.source, r, issues));
    if (range.lastRow === null && values.every((v) => v.trim() === '')) break;
    rows.push({ line: r, values });
  }
  return { source: range.source, header, rows };
}

/**
 * A cell as the text a CSV would hold: numbers by their shortest round-trip string, ids
 * therefore without exponent; dates as `YYYY-MM` in period columns, else `YYYY-MM-DD`; rich text
 * and hyperlinks as their text; formulas as their cached result.
 */
function cellText(cell: ExcelCell, column: string, source: string, row: number, issues: Issue[]): string {
  const value = cell.value;
  if (value !== null && typeof value === 'object' && !(value instanceof Date) && ('formula' in value || 'sharedFormula' in value)) {
    const cached = (value as { result?: unknown }).result;
    if (cached === undefined || cached === null) {
      issues.push({
        code: 'BAD_VALUE', severity: 'error', source: { file: source, line: row, column },
        message: `Cell ${cell.address} of ${source} (row ${row}, ${column}) holds a formula without a saved result; open and save the workbook in Excel first.`,
      });
      return '';
    }
    return valueText(cached as CellValue, column, cell, source, row, issues);
  }
  return valueText(value, column, cell, source, row, issues);
}

function valueText(value: CellValue, column: string, cell: ExcelCell, source: string, row: number, issues: Issue[]): string {
  if (value === null || value === undefined) return '';
  if (typeof value === 'string') return value;
  if (typeof value === 'number') return numberText(value);
  if (typeof value === 'boolean') return value ? 'TRUE' : 'FALSE';
  if (value instanceof Date) {
    const month = `${value.getUTCFullYear()}-${String(value.getUTCMonth() + 1).padStart(2, '0')}`;
    return PERIOD_COLUMNS.has(column.toLowerCase().replace(/[\s_]/g, '')) ? month : `${month}-${String(value.getUTCDate()).padStart(2, '0')}`;
  }
  if ('richText' in value) return value.richText.map((part) => part.text).join('');
  if ('error' in value) {
    issues.push({
      code: 'BAD_VALUE', severity: 'error', source: { file: source, line: row, column },
      message: `Cell ${cell.address} of ${source} (row ${row}, ${column}) holds the error ${String(value.error)}.`,
    });
    return '';
  }
  if ('text' in value) {
    const text = (value as { text: unknown }).text;
    return typeof text === 'string' ? text : valueText(text as CellValue, column, cell, source, row, issues);
  }
  return String(value);
}


/** Plain text of a header cell. */
function plainText(cell: ExcelCell): string {
  return cellText(cell, '', '', 0, []);
}

function columnNumber(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n;
}
