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
  /** Estimated request bytes per chunk; default 4,000,000 (under Excel's 5 MB, room for the envelope). */
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
}

export interface ChunkedWriteResult {
  rowsWritten: number;
  /** Syncs made, the header's included. */
  syncs: number;
}

export const DEFAULT_MAX_CHUNK_BYTES = 4_000_000;
export const DEFAULT_MAX_CHUNK_ROWS = 20_000;

export async function writeTableChunked(
  context: Excel.RequestContext,
  sheet: Excel.Worksheet,
  header: readonly string[],
  rows: Iterable<readonly CellInput[]>,
  options: ChunkedWriteOptions = {},
): Promise<ChunkedWriteResult> {
  const width = header.length;
  if (width === 0) throw new RerateError('BAD_TABLE', 'The header has no columns, so there is nothing to write.');
  const startRow = options.startRow ?? 0;
  const startColumn = options.startColumn ?? 0;
  const textRuns = columnRuns(options.textColumns ?? [], width);
  const maxBytes = options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES;
  const maxRows = options.maxChunkRows ?? DEFAULT_MAX_CHUNK_ROWS;
  const rowsTotal = Array.isArray(rows) ? rows.length : options.rowsTotal ?? null;
  const textBytesPerRow = textRuns.reduce((sum, [, count]) => sum + count * 4, 0);
  options.signal?.throwIfAborted();

  // The header: all text, one small batch of its own.
  const headerRange = sheet.getRangeByIndexes(startRow, startColumn, 1, width);
  headerRange.numberFormat = [header.map(() => '@')];
  headerRange.values = [header.slice()];
  await context.sync();
  let syncs = 1;
  let rowsWritten = 0;

  let chunk: CellInput[][] = [];
  let chunkBytes = 0;
  const flush = async () => {
    if (chunk.length === 0) return;
    options.signal?.throwIfAborted();
    const top = startRow + 1 + rowsWritten;
    for (const [first, count] of textRuns) {
      sheet.getRangeByIndexes(top, startColumn + first, chunk.length, count).numberFormat = chunk.map(() => new Array<string>(count).fill('@'));
    }
    sheet.getRangeByIndexes(top, startColumn, chunk.length, width).values = chunk;
    await context.sync();
    syncs += 1;
    rowsWritten += chunk.length;
    chunk = [];
    chunkBytes = 0;
    options.onProgress?.({ rowsWritten, rowsTotal });
  };

  let index = 0;
  for (const row of rows) {
    index += 1;
    if (row.length !== width) {
      throw new RerateError('BAD_TABLE', `Row ${index} has ${row.length} cells but the header has ${width} columns.`);
    }
    const bytes = estimateRowBytes(row) + textBytesPerRow;
    if (chunk.length > 0 && (chunkBytes + bytes > maxBytes || chunk.length >= maxRows)) await flush();
    // Excel writes `null` as "leave the cell as it is"; an empty string makes the blank explicit.
    chunk.push(row.map((cell) => (cell === null ? '' : cell)));
    chunkBytes += bytes;
  }
  await flush();
  if (rowsWritten === 0) options.onProgress?.({ rowsWritten, rowsTotal });
  return { rowsWritten, syncs };
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
