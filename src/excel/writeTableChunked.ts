import { RerateError } from '../engine/issues';
import { estimateRowBytes, type CellInput } from './estimateRowBytes';

/**
 * Rows as their producer made them, a block at a time: the import's worker posts its rows in
 * blocks and has measured each row already. The writer hands these rows to Excel as they are
 * (`null` cells aside), so the producer must not change them afterwards.
 */
export interface RowBlock {
  rows: readonly (readonly CellInput[])[];
  /** `estimateRowBytes` of each row, in order; measured again when missing. */
  rowBytes?: readonly number[];
}

/** A source the writer can take a block at a time (`blocks()` is called once). */
export interface BlockRows {
  blocks(): AsyncIterable<RowBlock>;
}

/** What the writer takes: rows one by one, or blocks of rows. */
export type RowSource = Iterable<readonly CellInput[]> | AsyncIterable<readonly CellInput[]> | BlockRows;

/**
 * Writes a header and rows to a sheet in chunks, one `context.sync()` per chunk, each chunk's
 * request kept under a byte budget (Excel on the web refuses requests over 5 MB).
 *
 * Worked example: 30,000 rows of ~200 bytes with `maxChunkBytes` 4,000,000 go as chunks
 * of 19,900 and 10,100 rows after the header — two syncs of ~4 MB and ~2 MB, plus the header's.
 *
 * Before and after each chunk's sync, and between blocks once it has run 10 ms, the writer yields
 * to the event loop: a sync that resolves at once (the recording fake) would otherwise take every
 * block waiting and their chunks in one long task and freeze the pane; and the chunk's request,
 * serialised in one go, runs in a task of its own rather than after a block's rows.
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
  rows: RowSource,
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

  let chunk: (readonly CellInput[])[] = [];
  let chunkBytes = 0;
  // A chunk's request is serialised in one go (by office.js at sync): it gets a task of its own.
  const flush = async () => {
    if (chunk.length === 0) return;
    await breathe(true);
    options.signal?.throwIfAborted();
    const at = top + rowsWritten;
    suspend();
    for (const { first, count, format } of formatRuns) {
      // One row array for every row: the request is the same, without an array per row and run.
      const formatRow = new Array<string>(count).fill(format);
      sheet.getRangeByIndexes(at, startColumn + first, chunk.length, count).numberFormat = chunk.map(() => formatRow);
    }
    sheet.getRangeByIndexes(at, startColumn, chunk.length, width).values = chunk as CellInput[][];
    await context.sync();
    syncs += 1;
    largestSyncBytes = Math.max(largestSyncBytes, chunkBytes);
    bytesWritten += chunkBytes;
    rowsWritten += chunk.length;
    chunk = [];
    chunkBytes = 0;
    options.onProgress?.({ rowsWritten, rowsTotal, bytesWritten });
    await breathe(true);
  };
  let sliceStart = Date.now();
  const breathe = async (always: boolean) => {
    if (!always && Date.now() - sliceStart < SLICE_MS) return;
    await yieldToEventLoop();
    sliceStart = Date.now();
  };

  let index = 0;
  for await (const block of blocksOf(rows)) {
    const { rows: blockRows, rowBytes } = block;
    for (let i = 0; i < blockRows.length; i += 1) {
      const row = blockRows[i];
      index += 1;
      if (row.length !== width) {
        throw new RerateError('BAD_TABLE', `Row ${index} has ${row.length} cells but the header has ${width} columns.`);
      }
      const bytes = (rowBytes?.[i] ?? estimateRowBytes(row)) + formatBytesPerRow;
      if (chunk.length > 0 && (chunkBytes + bytes > maxBytes || chunk.length >= maxRows)) await flush();
      // Excel writes `null` as "leave the cell as it is"; an empty string makes the blank explicit.
      chunk.push(row.includes(null) ? row.map((cell) => (cell === null ? '' : cell)) : row);
      chunkBytes += bytes;
    }
    await breathe(false);
  }
  await flush();
  if (rowsWritten === 0) options.onProgress?.({ rowsWritten, rowsTotal, bytesWritten });
  return { rowsWritten, syncs, largestSyncBytes };
}

/** Longest stretch of blocks the writer works through before it yields to the event loop. */
const SLICE_MS = 10;

/** Rows per block when the writer cuts a plain array or iterable into blocks. */
const PLAIN_BLOCK_ROWS = 1_000;

/**
 * `rows` as blocks: a BlockRows' own; an array or iterable in blocks of 1,000 rows; an async
 * iterable a row per block. Plain rows are copied (blanks as ''), so their producer may reuse its
 * row arrays.
 */
export function blocksOf(rows: RowSource): AsyncIterable<RowBlock> {
  if (isBlockRows(rows)) return rows.blocks();
  const copy = (row: readonly CellInput[]) => row.map((cell) => (cell === null ? '' : cell));
  if (Symbol.asyncIterator in rows) {
    return (async function* () {
      for await (const row of rows) yield { rows: [copy(row)] };
    })();
  }
  return (async function* () {
    let block: CellInput[][] = [];
    for (const row of rows) {
      block.push(copy(row));
      if (block.length === PLAIN_BLOCK_ROWS) {
        yield { rows: block };
        block = [];
      }
    }
    if (block.length > 0) yield { rows: block };
  })();
}

function isBlockRows(rows: RowSource): rows is BlockRows {
  return typeof (rows as Partial<BlockRows>).blocks === 'function';
}

/**
 * Ends the current task and resumes in a new one, so the page can draw and take input:
 * `scheduler.yield()` where the browser has it (Chromium), else a MessageChannel message (no
 * timer clamping), else a zero timeout (Node, jsdom).
 */
export function yieldToEventLoop(): Promise<void> {
  const scheduler = (globalThis as { scheduler?: { yield?: () => Promise<void> } }).scheduler;
  if (typeof scheduler?.yield === 'function') return scheduler.yield();
  if (typeof MessageChannel === 'function') {
    return new Promise((resolve) => {
      const channel = new MessageChannel();
      channel.port1.onmessage = () => {
        channel.port1.close();
        resolve();
      };
      channel.port2.postMessage(null);
    });
  }
  return new Promise((resolve) => setTimeout(resolve, 0));
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
