import { RerateError } from '../engine/issues';
import { estimateRowBytes, type CellInput } from './estimateRowBytes';

/**
 * Writes a header and rows to a sheet in chunks, one `context.sync()` per chunk, each chunk's
 * request kept under a byte budget (Excel on the web refuses requests over 5 MB).
 *
 * Worked example: 30,000 rows of ~200 bytes with the default 4,000,000-byte budget go as chunks
 * of 19,900 and 10,100 rows after the header — two syncs of ~4 MB and ~2 MB, plus the header's.
 *
 * Columns listed in `textColumns` hold untrusted text (tags, descriptions, resource ids): their
 * cells are formatted as text (`@`) in the same batch BEFORE the values, so `=HYPERLINK(...)`,
 * `+cmd`, `-x` or `@x` from a billing file land as text and never become formulas, and ids keep
 * their leading zeros. The header row is always text.
 */
export interface ChunkedWriteOptions {
  /** Zero-based top-left cell of the header; default A1. */
  startRow?: number;
  startColumn?: number;
  /** Zero-based column indexes written as text. */
  textColumns?: readonly number[];
  /**
   * A number format per column (null: leave the cell's format alone), set on each chunk in the same
   * batch before its values — `@` makes a column text, as `textColumns` does. Takes precedence.
   */
  numberFormats?: readonly (string | null)[];
  /** Suspends Excel's recalculation for every batch (`suspendApiCalculationUntilNextSync`). */
  suspendCalculation?: boolean;
  /** Write no header row: rows start at `startRow` (appending below rows written already). */
  noHeader?: boolean;
  /** Estimated request bytes per chunk; default 2,000,000 (well under Excel's 5 MB request limit). */
  maxChunkBytes?: number;
  /** Rows per chunk at most; default 20,000. */
  maxChunkRows?: number;
  /** Rows in total when `rows` is not an array (for progress). */
  rowsTotal?: number;
  onProgress?: (progress: ChunkedWriteProgress) => void;
  /** Cancels between chunks: the write stops and rejects with an AbortError. */
  signal?: AbortSignal;
}

export interface ChunkedWriteProgress {
  rowsWritten: number;
  rowsTotal: number | null;
  /** Estimated request bytes sent so far. */
  bytesWritten: number;
}

export interface ChunkedWriteResult {
  rowsWritten: number;
  /** Syncs made, the header's included. */
  syncs: number;
  /** Estimated request bytes of the largest sync. */
  largestSyncBytes: number;
}

export const DEFAULT_MAX_CHUNK_BYTES = 2_000_000;
export const DEFAULT_MAX_CHUNK_ROWS = 20_000;

export async function writeTableChunked(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  header: readonly string[],
  rows: Iterable<readonly CellInput[]> | AsyncIterable<readonly CellInput[]>,
  options: ChunkedWriteOptions = {},
): Promise<ChunkedWriteResult> {
  const width = header.length;
  if (width === 0) throw new RerateError('BAD_TABLE', 'The header has no columns, so there is nothing to write.');
  const startRow = options.startRow ?? 0;
  const startColumn = options.startColumn ?? 0;
  const formatRuns = options.numberFormats !== undefined
    ? formatRunsOf(options.numberFormats, width)
    : columnRuns(options.textColumns ?? [], width).map(([first, count]) => ({ first, count, format: '@' }));
  const maxBytes = options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES;
  const maxRows = options.maxChunkRows ?? DEFAULT_MAX_CHUNK_ROWS;
  const rowsTotal = Array.isArray(rows) ? rows.length : options.rowsTotal ?? null;
  // Each formatted cell adds `"<format>",` to the request.
  const formatBytesPerRow = formatRuns.reduce((sum, run) => sum + run.count * (run.format.length + 3), 4);
  options.signal?.throwIfAborted();
  const suspend = () => { if (options.suspendCalculation) context.workbook.application.suspendApiCalculationUntilNextSync(); };

  let syncs = 0;
  let largestSyncBytes = 0;
  let bytesWritten = 0;
  let top = startRow;
  if (!options.noHeader) {
    // The header: all text, one small batch of its own.
    suspend();
    const headerRange = sheet.getRangeByIndexes(startRow, startColumn, 1, width);
    headerRange.numberFormat = [header.map(() => '@')];
    headerRange.values = [header.slice()];
    await context.sync();
    syncs = 1;
    top += 1;
  }
  let rowsWritten = 0;

  let chunk: CellInput[][] = [];
  let chunkBytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    options.signal?.throwIfAborted();
    const at = top + rowsWritten;
    suspend();
    for (const { first, count, format } of formatRuns) {
      sheet.getRangeByIndexes(at, startColumn + first, chunk.length, count).numberFormat = chunk.map(() => new Array<string>(count).fill(format));
    }
    sheet.getRangeByIndexes(at, startColumn, chunk.length, width).values = chunk;
    await context.sync();
    syncs += 1;
    largestSyncBytes = Math.max(largestSyncBytes, chunkBytes);
    bytesWritten += chunkBytes;
    rowsWritten += chunk.length;
    chunk = [];
    chunkBytes = 0;
    options.onProgress?.({ rowsWritten, rowsTotal, bytesWritten });
  };

  let index = 0;
  for await (const row of rows) {
    index += 1;
    if (row.length !== width) {
      throw new RerateError('BAD_TABLE', `Row ${index} has ${row.length} cells but the header has ${width} columns.`);
    }
    const bytes = estimateRowBytes(row) + formatBytesPerRow;
    if (chunk.length > 0 && (chunkBytes + bytes > maxBytes || chunk.length >= maxRows)) await flush();
    // Excel writes `null` as "leave the cell as it is"; an empty string makes the blank explicit.
    chunk.push(row.map((cell) => (cell === null ? '' : cell)));
    chunkBytes += bytes;
  }
  await flush();
  if (rowsWritten === 0) options.onProgress?.({ rowsWritten, rowsTotal, bytesWritten });
  return { rowsWritten, syncs, largestSyncBytes };
}

/** Per-column formats as runs of adjacent columns sharing one: ['@', '@', null, '0'] → @ over 0–1, 0 over 3. */
export function formatRunsOf(formats: readonly (string | null)[], width: number): { first: number; count: number; format: string }[] {
  if (formats.length !== width) {
    throw new RerateError('BAD_TABLE', `${formats.length} number formats were given for the ${width} columns of the header.`);
  }
  const runs: { first: number; count: number; format: string }[] = [];
  formats.forEach((format, column) => {
    if (format === null) return;
    const last = runs[runs.length - 1];
    if (last && last.format === format && last.first + last.count === column) last.count += 1;
    else runs.push({ first: column, count: 1, format });
  });
  return runs;
}

/** Sorted column indexes as runs of adjacent columns: [0, 1, 2, 5] → [[0, 3], [5, 1]]. */
export function columnRuns(columns: readonly number[], width: number): [number, number][] {
  const sorted = [...new Set(columns)].sort((a, b) => a - b);
  for (const column of sorted) {
    if (!Number.isInteger(column) || column < 0 || column >= width) {
      throw new RerateError('BAD_TABLE', `Text column ${column} is outside the ${width} columns of the header.`);
    }
  }
  const runs: [number, number][] = [];
  for (const column of sorted) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === column) last[1] += 1;
    else runs.push([column, 1]);
  }
  return runs;
}
