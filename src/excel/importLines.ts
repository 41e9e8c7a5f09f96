import { RerateError } from '../engine/issues';
import type { ImportGrain } from '../engine/grain/aggregateLines';
import { IMPORTS_TABLE, MODEL_TABLES } from '../engine/workbookLayout';
import type { CellInput } from './estimateRowBytes';
import { LINES_NUMBER_FORMATS } from './linesCells';
import { stagingSheetName } from './replaceSheet';
import { blocksOf, writeTableChunked, type ChunkedWriteProgress, type RowBlock, type RowSource } from './writeTableChunked';

/** Rows in an Excel sheet. */
export const EXCEL_MAX_ROWS = 1_048_576;

/** One picked file as it will land in `Lines`. */
export interface ImportFile {
  file: string;
  /** Lower-case hex sha256 of the file's bytes: the file's identity across imports. */
  sha256: string;
  format: string;
  grain: ImportGrain;
  /** Rows this file writes at its grain. */
  rows: number;
  /** Source lines those rows stand for. */
  sourceLines: number;
  /** Σ unblended cost of the file, exact text (its control total). */
  unblendedCost: string;
  /** Rows the reader read and skipped, and Σ unblended cost of the skipped ones it knows. */
  rowsRead: number;
  rowsSkipped: number;
  unblendedSkipped: string;
}

export interface ImportProgress extends ChunkedWriteProgress {
  stage: 'preparing' | 'writing' | 'finishing';
}

export interface ImportLinesOptions {
  signal?: AbortSignal;
  onProgress?: (progress: ImportProgress) => void;
  /** Estimated request bytes per sync; default 2,000,000. */
  maxChunkBytes?: number;
  /** ISO time stamped on the Imports rows (tests pass a fixed one). */
  now?: string;
}

export interface ImportLinesResult {
  /** Rows of the picked files written. */
  rowsWritten: number;
  /** Rows of earlier imports kept. */
  rowsKept: number;
  /** Files whose earlier rows were replaced (same content hash). */
  replaced: string[];
  /** Rows in `Lines` now. */
  rowsTotal: number;
  syncs: number;
  largestSyncBytes: number;
}

/** An Imports row as read back. */
interface ImportRecord {
  values: CellInput[];
  sha256: string;
  /** 0-based data row in BillingLines of its first row, and its row count. */
  first: number;
  rows: number;
}

const LINES = MODEL_TABLES.lines;
const WIDTH = LINES.columns.length;
const IMPORT_COLUMNS = IMPORTS_TABLE.columns;
const at = (name: string) => IMPORT_COLUMNS.indexOf(name);
const UNRECORDED = '(rows no import recorded)';

/**
 * Writes the picked files' rows into `Lines` (table `BillingLines`), staged and all-or-nothing:
 * 1. reads what `Lines` and `Imports` hold; a file whose content hash is listed in `Imports` has its
 *    earlier rows dropped (re-import replaces, never duplicates);
 * 2. fills a hidden `~Lines`: the header, the kept rows copied inside Excel (`copyFrom`, no
 *    round trip through the pane), then `rows` — the files' rows in `files` order — in chunks of
 *    at most `maxChunkBytes` a sync, text formats before values, calculation suspended;
 * 3. only when every row is in, in one batch: copies `~Lines` over `Lines` and resizes
 *    `BillingLines` to it (so formulas on other sheets that point at the table keep working), or
 *    turns `~Lines` into `Lines` on a first import; rewrites `Imports`; deletes `~Lines`.
 * A failure or a cancel (the signal, checked before every sync) deletes `~Lines` and leaves the
 * workbook as it was, an earlier `Lines` included.
 */
export async function importLines(
  context: Excel.RequestContext,
  files: readonly ImportFile[],
  rows: RowSource,
  options: ImportLinesOptions = {},
): Promise<ImportLinesResult> {
  const { signal } = options;
  signal?.throwIfAborted();
  options.onProgress?.({ stage: 'preparing', rowsWritten: 0, rowsTotal: null, bytesWritten: 0 });
  const sheets = context.workbook.worksheets;
  let syncs = 0;
  const sync = async () => {
    syncs += 1;
    await context.sync();
  };

  // 1. What is there.
  const linesSheet = sheets.getItemOrNullObject(LINES.sheet);
  linesSheet.load('isNullObject');
  const table = context.workbook.tables.getItemOrNullObject(LINES.table);
  table.load('isNullObject');
  const importsTable = context.workbook.tables.getItemOrNullObject(IMPORTS_TABLE.table);
  importsTable.load('isNullObject');
  const importsSheet = sheets.getItemOrNullObject(IMPORTS_TABLE.sheet);
  importsSheet.load('isNullObject');
  await sync();
  if (importsTable.isNullObject && !importsSheet.isNullObject) {
    throw new RerateError('BAD_TABLE', `Sheet ${IMPORTS_TABLE.sheet} exists but holds no ${IMPORTS_TABLE.table} table, so Rerate will not overwrite it; rename the sheet and import again.`);
  }
  const importsBody = importsTable.isNullObject ? null : importsTable.getRange().load('values');
  let oldRows = 0;
  let records: ImportRecord[] = [];
  if (!table.isNullObject) {
    const header = table.getHeaderRowRange().load('values');
    const body = table.getRange().load('rowCount, address');
    await sync();
    const names = (header.values[0] ?? []).map(String);
    if (names.length !== WIDTH || names.some((name, i) => name !== LINES.columns[i])) {
      throw new RerateError('BAD_TABLE', `Table ${LINES.table} (${body.address}) does not have the columns this version of Rerate writes; rename its sheet and import again.`);
    }
    if (!body.address.replace(/'/g, '').startsWith(`${LINES.sheet}!A1:`)) {
      throw new RerateError('BAD_TABLE', `Table ${LINES.table} is at ${body.address}; Rerate keeps it at ${LINES.sheet}!A1. Move it back or rename it, then import again.`);
    }
    oldRows = body.rowCount - 1;
    records = importsBody === null ? [] : readRecords(importsBody.values as CellInput[][]);
  } else if (!linesSheet.isNullObject) {
    throw new RerateError('BAD_TABLE', `Sheet ${LINES.sheet} exists but holds no ${LINES.table} table, so Rerate will not overwrite it; rename the sheet and import again.`);
  }

  // Which earlier rows stay: every row not from a file being imported again (rows no import
  // recorded — typed in by hand, or from a workbook without Imports — stay too).
  const incoming = new Set(files.map((f) => f.sha256));
  const dropped = records.filter((r) => incoming.has(r.sha256));
  const keptRanges = keptIntervals(oldRows, dropped);
  const rowsKept = keptRanges.reduce((sum, [, count]) => sum + count, 0);
  const rowsNew = files.reduce((sum, f) => sum + f.rows, 0);
  const rowsTotal = rowsKept + rowsNew;
  if (rowsTotal + 1 > EXCEL_MAX_ROWS) {
    throw new RerateError('SIZE_LIMIT', `Lines would hold ${rowsTotal.toLocaleString('en-US')} rows (${rowsKept.toLocaleString('en-US')} kept, ${rowsNew.toLocaleString('en-US')} new), past Excel's ${(EXCEL_MAX_ROWS - 1).toLocaleString('en-US')}; import at the month grain.`);
  }
  if (table.isNullObject && importsBody !== null) await sync();
  const oldImportRows = importsBody === null ? 0 : importsBody.values.length - 1;
  const newRecords = importRecordsAfter(records, dropped, keptRanges, files, options.now ?? new Date().toISOString());

  // 2. Fill the staging sheet.
  const stagingName = stagingSheetName(LINES.sheet);
  const leftover = sheets.getItemOrNullObject(stagingName);
  leftover.load('isNullObject');
  await sync();
  if (!leftover.isNullObject) {
    leftover.delete();
    await sync();
  }
  const staging = sheets.add(stagingName);
  staging.visibility = 'Hidden';
  await sync();
  try {
    signal?.throwIfAborted();
    const headerRange = staging.getRangeByIndexes(0, 0, 1, WIDTH);
    headerRange.numberFormat = [LINES.columns.map(() => '@')];
    headerRange.values = [LINES.columns.slice()];
    let to = 1;
    for (const [first, count] of keptRanges) {
      staging.getRangeByIndexes(to, 0, count, WIDTH).copyFrom(linesSheet.getRangeByIndexes(1 + first, 0, count, WIDTH), 'All');
      to += count;
    }
    context.workbook.application.suspendApiCalculationUntilNextSync();
    await sync();

    const written = await writeTableChunked(context, staging, LINES.columns, { blocks: () => checkedBlocks(rows, rowsNew) }, {
      startRow: 1 + rowsKept,
      noHeader: true,
      numberFormats: LINES_NUMBER_FORMATS,
      suspendCalculation: true,
      maxChunkBytes: options.maxChunkBytes,
      rowsTotal: rowsNew,
      signal,
      onProgress: (p) => options.onProgress?.({ ...p, stage: 'writing' }),
    });
    syncs += written.syncs;
    signal?.throwIfAborted();
    options.onProgress?.({ stage: 'finishing', rowsWritten: written.rowsWritten, rowsTotal: rowsNew, bytesWritten: 0 });

    // 3. Swap in, one batch.
    context.workbook.application.suspendApiCalculationUntilNextSync();
    // A table keeps at least one data row: an empty Lines is a header over one blank row.
    const tableRows = Math.max(rowsTotal, 1) + 1;
    if (!table.isNullObject) {
      table.resize(linesSheet.getRangeByIndexes(0, 0, tableRows, WIDTH));
      if (oldRows + 1 > tableRows) linesSheet.getRangeByIndexes(tableRows, 0, oldRows + 1 - tableRows, WIDTH).clear();
      linesSheet.getRangeByIndexes(0, 0, tableRows, WIDTH).copyFrom(staging.getRangeByIndexes(0, 0, tableRows, WIDTH), 'All');
      staging.delete();
    } else {
      staging.visibility = 'Visible';
      staging.name = LINES.sheet;
      staging.tables.add(staging.getRangeByIndexes(0, 0, tableRows, WIDTH), true).name = LINES.table;
      staging.freezePanes.freezeRows(1);
    }
    writeImports(context, importsTable.isNullObject, newRecords, oldImportRows);
    await sync();
    return {
      rowsWritten: written.rowsWritten,
      rowsKept,
      replaced: [...new Set(dropped.map((r) => String(r.values[at('File')])))],
      rowsTotal,
      syncs,
      largestSyncBytes: written.largestSyncBytes,
    };
  } catch (error) {
    // Leave the workbook as it was: only the staging sheet goes.
    const stale = sheets.getItemOrNullObject(stagingName);
    stale.load('isNullObject');
    await sync();
    if (!stale.isNullObject) {
      stale.delete();
      await sync();
    }
    throw error;
  }
}

/** Passes the rows on a block at a time, checking each row has the Lines width and that exactly `expected` come. */
async function* checkedBlocks(rows: RowSource, expected: number): AsyncIterable<RowBlock> {
  let count = 0;
  for await (const block of blocksOf(rows)) {
    for (const row of block.rows) {
      count += 1;
      if (row.length !== WIDTH) throw new RerateError('BAD_TABLE', `Import row ${count} has ${row.length} cells; Lines has ${WIDTH} columns.`);
    }
    yield block;
  }
  if (count !== expected) {
    throw new RerateError('CONTROL_TOTAL_MISMATCH', `The files were to write ${expected} rows but ${count} came; nothing was imported.`);
  }
}

function readRecords(values: readonly CellInput[][]): ImportRecord[] {
  const [header, ...body] = values;
  const index = (name: string) => (header ?? []).findIndex((h) => String(h).toLowerCase() === name.toLowerCase());
  const sha = index('Sha256');
  const first = index('FirstRow');
  const rows = index('Rows');
  if (sha < 0 || first < 0 || rows < 0) return [];
  return body
    .filter((row) => row.some((cell) => cell !== '' && cell !== null))
    .map((row) => ({
      values: IMPORT_COLUMNS.map((name) => (index(name) < 0 ? '' : row[index(name)] ?? '')),
      sha256: String(row[sha] ?? '').toLowerCase(),
      // FirstRow is the sheet row (header = row 1); data rows are 0-based here.
      first: Number(row[first]) - 2,
      rows: Number(row[rows]),
    }))
    .filter((r) => Number.isInteger(r.first) && r.first >= 0 && Number.isInteger(r.rows) && r.rows >= 0);
}

/** The old data rows [first, count] that stay, in order: all rows minus the dropped imports' rows. */
export function keptIntervals(oldRows: number, dropped: readonly { first: number; rows: number }[]): [number, number][] {
  const cuts = dropped.map((d) => [d.first, Math.min(d.first + d.rows, oldRows)] as const).filter(([a, b]) => b > a).sort((x, y) => x[0] - y[0]);
  const kept: [number, number][] = [];
  let from = 0;
  for (const [start, end] of cuts) {
    if (start > from) kept.push([from, start - from]);
    from = Math.max(from, end);
  }
  if (oldRows > from) kept.push([from, oldRows - from]);
  return kept;
}

/**
 * The Imports rows after this import: the kept imports with their new FirstRow, rows no import
 * recorded as one row of their own, then the new files.
 */
function importRecordsAfter(
  records: readonly ImportRecord[],
  dropped: readonly ImportRecord[],
  keptRanges: readonly [number, number][],
  files: readonly ImportFile[],
  now: string,
): CellInput[][] {
  const out: CellInput[][] = [];
  const kept = records.filter((r) => !dropped.includes(r));
  // Map each kept old row to its new position: kept ranges are laid end to end.
  const newPosition = (oldRow: number): number => {
    let offset = 0;
    for (const [first, count] of keptRanges) {
      if (oldRow >= first && oldRow < first + count) return offset + (oldRow - first);
      offset += count;
    }
    return -1;
  };
  let recorded = 0;
  for (const record of kept) {
    const position = newPosition(record.first);
    if (position < 0) continue;
    const values = record.values.slice();
    values[at('FirstRow')] = position + 2;
    out.push(values);
    recorded += record.rows;
  }
  const keptTotal = keptRanges.reduce((sum, [, count]) => sum + count, 0);
  if (keptTotal > recorded) {
    const row: CellInput[] = IMPORT_COLUMNS.map(() => '');
    row[at('File')] = UNRECORDED;
    row[at('Rows')] = keptTotal - recorded;
    out.push(row);
  }
  let next = keptTotal;
  for (const file of files) {
    const row: CellInput[] = IMPORT_COLUMNS.map(() => '');
    row[at('File')] = file.file;
    row[at('Sha256')] = file.sha256;
    row[at('Format')] = file.format;
    row[at('Grain')] = file.grain;
    row[at('FirstRow')] = next + 2;
    row[at('Rows')] = file.rows;
    row[at('SourceLines')] = file.sourceLines;
    row[at('RowsRead')] = file.rowsRead;
    row[at('RowsSkipped')] = file.rowsSkipped;
    row[at('UnblendedCost')] = file.unblendedCost;
    row[at('UnblendedSkipped')] = file.unblendedSkipped;
    row[at('ImportedAt')] = now;
    out.push(row);
    next += file.rows;
  }
  return out;
}

/** Rewrites the Imports sheet and table (created on the first import), text-formatted first. */
function writeImports(context: Excel.RequestContext, create: boolean, rows: readonly CellInput[][], oldCount: number): void {
  const width = IMPORT_COLUMNS.length;
  const textFormats = IMPORT_COLUMNS.map((name) => (['FirstRow', 'Rows', 'SourceLines', 'RowsRead', 'RowsSkipped'].includes(name) ? '0' : '@'));
  const height = Math.max(rows.length, 1) + 1;
  const sheet = create ? context.workbook.worksheets.add(IMPORTS_TABLE.sheet) : context.workbook.worksheets.getItem(IMPORTS_TABLE.sheet);
  const body = rows.length === 0 ? [IMPORT_COLUMNS.map(() => '')] : rows.map((r) => r.slice());
  if (!create) {
    const table = context.workbook.tables.getItem(IMPORTS_TABLE.table);
    table.resize(sheet.getRangeByIndexes(0, 0, height, width));
    if (oldCount + 1 > height) sheet.getRangeByIndexes(height, 0, oldCount + 1 - height, width).clear();
  }
  const range = sheet.getRangeByIndexes(0, 0, height, width);
  range.numberFormat = [IMPORT_COLUMNS.map(() => '@'), ...body.map(() => textFormats)];
  range.values = [IMPORT_COLUMNS.slice(), ...body];
  if (create) sheet.tables.add(range, true).name = IMPORTS_TABLE.table;
}
