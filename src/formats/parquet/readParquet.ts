import type { AsyncBuffer, FileMetaData, SchemaElement } from 'hyparquet';
import type { Issue } from '../../engine/issues';
import type { SinkFactory } from '../records';
import { DEFAULT_MAX_DECOMPRESSED, type ByteSource, type ReadOptions } from '../source';
import { decimalText, parquetText } from './parquetText';

const PROGRESS_STEP = 1 << 20;

export interface ParquetReadResult {
  issues: Issue[];
  tables: { name: string; bytes: number; rows: number; badRows: number }[];
}

/**
 * Reads a Parquet file (CUR 2.0, FOCUS exports) into one sink, column-wise: the footer gives the
 * schema, `sink.header(names)` says which top-level columns to read, and only those column
 * chunks are fetched, one row group at a time, through `source.slice`. Each value becomes text
 * (`parquetText`; DECIMAL columns exactly via `decimalText`), and row `i` (0-based) is reported
 * as line `i + 2`, as if line 1 were a CSV header.
 *
 * The decompression-bomb limit (`maxDecompressedBytes`) counts the bytes of the pages inflated
 * (`countedSnappy`); past it, the row group being read is dropped whole: SIZE_LIMIT at its first
 * line, and the rows of earlier groups are kept.
 *
 * Every page of every column is decoded, wanted or not (the others without building rows), so a
 * count-only read (`inspect`, few columns) and a full one (`invoice`) find the same damage. A
 * damaged row group is dropped whole before any of its rows is delivered: BAD_CONTAINER at its
 * first line naming the first damaged column in schema order (found again column by column, so
 * the issue does not depend on which columns a sink wanted).
 */
export async function readParquet(source: ByteSource, sinks: SinkFactory, options: ReadOptions = {}): Promise<ParquetReadResult> {
  const name = source.name;
  const issues: Issue[] = [];
  const slice = source.slice?.bind(source);
  if (!slice || source.size === null) {
    issues.push({
      code: 'BAD_CONTAINER',
      severity: 'error',
      message: `${name} is a Parquet file, and Parquet needs random access (its schema is at the end), which this source does not offer; read it from a file instead of a stream.`,
    });
    return { issues, tables: [] };
  }
  const size = source.size;
  const { parquetMetadataAsync, parquetRead, parquetSchema, snappyUncompress } = await import('hyparquet');

  let bytesRead = 0;
  let reported = 0;
  const report = (): void => options.onProgress?.({ file: name, bytesRead: Math.min(bytesRead, size), bytesTotal: size });
  const file: AsyncBuffer = {
    byteLength: size,
    async slice(start: number, end?: number) {
      options.signal?.throwIfAborted();
      const buffer = await slice(start, end ?? size);
      bytesRead += buffer.byteLength;
      if (bytesRead - reported >= PROGRESS_STEP) {
        reported = bytesRead;
        report();
      }
      return buffer;
    },
  };

  const table = { name, bytes: size, rows: 0, badRows: 0 };
  let metadata: FileMetaData;
  try {
    metadata = await parquetMetadataAsync(file);
  } catch (error) {
    options.signal?.throwIfAborted();
    issues.push(unreadable(name, error));
    return { issues, tables: [] };
  }

  const sink = sinks(name);
  const columns = parquetSchema(metadata).children.map((child) => child.element);
  const names = columns.map((element) => element.name);
  const wanted = sink.header(names, 1);
  const wantedNames = wanted.map((index) => names[index]);
  // hyparquet turns DECIMAL into a double; read those columns raw and render them exactly.
  const scales = wanted.map((index) => decimalScale(columns[index]));
  const readable: FileMetaData = { ...metadata, schema: metadata.schema.map(withoutDecimal) };
  const wantedSet = new Set(wantedNames);
  const otherNames = names.filter((column) => !wantedSet.has(column));

  const limit = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED;
  const compressors = countedSnappy(snappyUncompress, { inflated: 0, limit });
  let rowStart = 0;
  try {
    for (const group of metadata.row_groups) {
      options.signal?.throwIfAborted();
      const rowEnd = rowStart + Number(group.num_rows);
      let rows: unknown[][] = [];
      try {
        // The other columns' pages are decoded first, one column at a time (no callbacks: hyparquet
        // builds no rows), so at most one of them is held, and never beside the wanted rows.
        for (const other of otherNames) await parquetRead({ file, metadata: readable, columns: [other], rowStart, rowEnd, utf8: false, compressors });
        if (wantedNames.length > 0) {
          await parquetRead({
            file,
            metadata: readable,
            columns: wantedNames,
            rowStart,
            rowEnd,
            utf8: false,
            compressors,
            onComplete: (data: unknown[][]) => {
              rows = data;
            },
          });
        } else {
          rows = Array.from({ length: rowEnd - rowStart }, () => []);
        }
      } catch (error) {
        options.signal?.throwIfAborted();
        if (isAbort(error) || error instanceof PageLimitError) throw error;
        const column = async (one: string): Promise<void> =>
          parquetRead({ file, metadata: readable, columns: [one], rowStart, rowEnd, utf8: false, compressors: countedSnappy(snappyUncompress, { inflated: 0, limit }) });
        throw await firstDamaged(names, column, error);
      }
      for (let i = 0; i < rows.length; i++) {
        const values = rows[i];
        const fields = new Array<string>(wanted.length);
        for (let c = 0; c < wanted.length; c++) {
          const scale = scales[c];
          fields[c] = scale === null ? parquetText(values[c]) : decimalText(values[c], scale);
        }
        sink.row(fields, rowStart + i + 2);
        table.rows++;
      }
      rowStart = rowEnd;
    }
  } catch (error) {
    options.signal?.throwIfAborted();
    if (isAbort(error)) throw error;
    issues.push(
      error instanceof PageLimitError ? sizeLimit(name, limit, rowStart)
        : error instanceof DamagedPage ? damaged(name, error, rowStart)
          : unreadable(name, error, rowStart),
    );
  }
  report();
  return { issues, tables: [table] };
}

/** A row group that could not be decoded: the first column (schema order) whose pages fail, and why. */
class DamagedPage extends Error {
  constructor(readonly column: string | null, readonly reason: string) {
    super(reason);
  }
}

/** Reads the columns one at a time, in schema order, to name the first damaged one. */
async function firstDamaged(names: string[], read: (column: string) => Promise<void>, original: unknown): Promise<DamagedPage> {
  for (const column of names) {
    try {
      await read(column);
    } catch (error) {
      if (isAbort(error)) throw error;
      return new DamagedPage(column, reasonOf(error));
    }
  }
  return new DamagedPage(null, reasonOf(original));
}

function reasonOf(error: unknown): string {
  return error instanceof Error ? error.message : String(error);
}

function damaged(name: string, error: DamagedPage, rowStart: number): Issue {
  const where = error.column === null ? 'a damaged page' : `a damaged page in column ${error.column}`;
  return {
    code: 'BAD_CONTAINER',
    severity: 'error',
    message: `${name} has ${where} (${error.reason}), so reading stopped at line ${rowStart + 2}; ${rowStart.toLocaleString('en-US')} rows were read.`,
    source: { file: name, line: rowStart + 2 },
  };
}

/** Thrown by `countedSnappy` past the limit; readParquet reports SIZE_LIMIT. */
export class PageLimitError extends Error {}

/**
 * hyparquet `compressors` that inflate SNAPPY pages as hyparquet itself does, adding each page's
 * size (as its header states: the buffer hyparquet would allocate) to `budget.inflated` first and
 * throwing PageLimitError past `budget.limit` — a footer can lie about sizes, a page header cannot
 * without failing the read.
 */
export function countedSnappy(
  snappyUncompress: (input: Uint8Array, output: Uint8Array) => void,
  budget: { inflated: number; limit: number },
): { SNAPPY: (input: Uint8Array, length: number) => Uint8Array } {
  return {
    SNAPPY(input, length) {
      budget.inflated += length;
      if (budget.inflated > budget.limit) throw new PageLimitError(`more than ${budget.limit} bytes inflated`);
      const page = new Uint8Array(length);
      snappyUncompress(input, page);
      return page;
    },
  };
}

function sizeLimit(name: string, limit: number, rowStart: number): Issue {
  return {
    code: 'SIZE_LIMIT',
    severity: 'error',
    message: `${name} decompresses to more than ${limit.toLocaleString('en-US')} bytes (the limit), so reading stopped at line ${rowStart + 2}; ${rowStart.toLocaleString('en-US')} rows were read.`,
    source: { file: name, line: rowStart + 2 },
  };
}

function decimalScale(element: SchemaElement): number | null {
  if (element.logical_type?.type === 'DECIMAL') return element.logical_type.scale;
  if (element.converted_type === 'DECIMAL') return element.scale ?? 0;
  return null;
}

function withoutDecimal(element: SchemaElement): SchemaElement {
  if (decimalScale(element) === null) return element;
  return { ...element, converted_type: undefined, logical_type: undefined };
}

function isAbort(error: unknown): boolean {
  return (error as { name?: string } | null)?.name === 'AbortError';
}

function unreadable(name: string, error: unknown, rowsRead?: number): Issue {
  const why = error instanceof Error ? error.message : String(error);
  const after = rowsRead === undefined ? '' : ` after ${rowsRead} rows`;
  return { code: 'BAD_CONTAINER', severity: 'error', message: `${name} is not a readable Parquet file (${why})${after}.` };
}
