import type { Issue } from '../engine/issues';
import { ContainerError } from './containers/containerError';
import { detectContainer } from './containers/detectContainer';
import { gunzipChunks, type GunzipEngine } from './containers/gunzipChunks';
import { unzipEntries } from './containers/unzipEntries';
import { CsvTableReader } from './csv/csvTableReader';
import type { CsvScanSummary } from './csv/scanCsv';
import { readParquet } from './parquet/readParquet';
import type { SinkFactory } from './records';
import { DEFAULT_MAX_DECOMPRESSED, type ByteSource, type ReadOptions } from './source';

/** One table read from a source: a plain or gzipped CSV, one CSV inside a zip, or a Parquet file. */
export interface TableRead {
  /** `source.name`, or `archive.zip!inner.csv` for a zip entry. */
  name: string;
  /** Bytes of the table: decompressed bytes for gzip and zip entries, the file size for Parquet. */
  bytes: number;
  /** Records delivered to `sink.row`. */
  rows: number;
  /** Records delivered to `sink.badRow`. */
  badRows: number;
}

export interface ReadTablesResult {
  issues: Issue[];
  tables: TableRead[];
}

export interface ReadTablesOptions extends ReadOptions {
  /** Which gzip inflater to use; the platform's when it has one (tests pick fflate). */
  gunzip?: GunzipEngine;
  /** Most CSV entries read from one zip (default MAX_ZIP_TABLES; tests lower it). */
  maxZipTables?: number;
}

/**
 * Most CSV tables read from one zip: each table keeps its control figures (one control row per
 * table, ~1.5 KB), so this bounds memory (≈150 MB) and time (≈25 s) whatever the archive holds.
 * Past it: SIZE_LIMIT, and the tables before are kept.
 */
export const MAX_ZIP_TABLES = 100_000;
const PROGRESS_STEP = 1 << 20;

/**
 * The one entry from bytes to records. Worked example: `march.csv.zip` holding `a.csv`,
 * `notes.txt` and `b.csv` gives `sinks('march.csv.zip!a.csv')`, its header and rows, then the
 * same for `b.csv`; `notes.txt` is skipped. The container is recognised by its first bytes
 * (never the name): gzip → the platform's inflater (fflate where there is none), zip → fflate's
 * streaming reader, every `.csv` entry a table of its own, Parquet (`PAR1`) → hyparquet through
 * `source.slice`, anything else → CSV text. Each table: streaming UTF-8 decoding (or byte text
 * when `options.decodeLatin1` is given: `CsvTableReader`), then the CSV scanner, which asks
 * `sinks(name)` once per table before any record.
 *
 * Never throws for bad input; returns issues instead, keeping every row read before a fault:
 * EMPTY_FILE (no bytes, or only a BOM and whitespace), BAD_CONTAINER (corrupt gzip or zip, a zip
 * without CSV, Parquet without random access), TRUNCATED (the compressed data stops early; the
 * unfinished last record is dropped), SIZE_LIMIT (decompressed bytes, or Parquet pages inflated,
 * pass `maxDecompressedBytes`), BAD_ROW (a quote never closed, a record over 16 Mi characters; a
 * warning for text after a closing quote). Records with the wrong field count go to
 * `sink.badRow`; reporting them is the sink's job. Rejects with the signal's AbortError when
 * `options.signal` aborts, and with the source's own error when it cannot be read.
 */
export async function readTables(source: ByteSource, sinks: SinkFactory, options: ReadTablesOptions = {}): Promise<ReadTablesResult> {
  options.signal?.throwIfAborted();
  const issues: Issue[] = [];
  const tables: TableRead[] = [];
  const limit = options.maxDecompressedBytes ?? DEFAULT_MAX_DECOMPRESSED;
  // Parquet is read by slices, never streamed: look at its magic without starting the stream.
  if (source.slice && source.size !== null && source.size >= 4) {
    if (detectContainer(new Uint8Array(await source.slice(0, 4))) === 'parquet') return readParquet(source, sinks, options);
  }
  const input = meteredChunks(source, options);
  const { head, chunks } = await peek(input, 4);

  if (head.byteLength === 0) {
    issues.push(emptyFile(source.name));
    return { issues, tables };
  }

  const kind = detectContainer(head);
  if (kind === 'parquet') {
    await input.return(undefined);
    return readParquet(source, sinks, options); // says that Parquet needs random access
  }

  if (kind === 'csv') {
    const resume = options.resumeAtLine === undefined ? {} : { lineAfterHeader: options.resumeAtLine };
    const reader = new CsvTableReader(source.name, sinks(source.name), options.decodeLatin1, resume);
    for await (const bytes of chunks) {
      reader.push(bytes);
      if (reader.stopped) break; // an overlong record (NUL bytes, an unclosed quote): nothing more is read
    }
    finishTable(reader, reader.finish(), tables, issues);
    return { issues, tables };
  }

  // Compressed: count what comes out, to stop a decompression bomb at the limit exactly, and
  // check for an abort here too (a small compressed input is consumed long before its output).
  let decompressed = 0;
  const feed = (reader: CsvTableReader, bytes: Uint8Array): void => {
    options.signal?.throwIfAborted();
    if (decompressed + bytes.byteLength > limit) {
      reader.push(bytes.subarray(0, Math.max(0, limit - decompressed)));
      decompressed = limit;
      throw new ContainerError('limit', `${reader.name} decompresses to more than ${limit.toLocaleString('en-US')} bytes`);
    }
    decompressed += bytes.byteLength;
    reader.push(bytes);
  };

  if (kind === 'gzip') {
    const reader = new CsvTableReader(source.name, sinks(source.name), options.decodeLatin1);
    try {
      for await (const bytes of gunzipChunks(chunks, options.gunzip ?? options.inflateGzip)) {
        feed(reader, bytes);
        // An overlong record stopped the table (a NUL bomb, say): inflating on to the limit is wasted time.
        if (reader.stopped) break;
      }
      finishTable(reader, reader.finish(), tables, issues);
    } catch (error) {
      if (!(error instanceof ContainerError)) throw error;
      issues.push(containerIssue(error, reader, source, abandonTable(reader, tables, issues)));
    }
    return { issues, tables };
  }

  // zip
  let current: CsvTableReader | null = null;
  let opened = 0;
  const maxTables = options.maxZipTables ?? MAX_ZIP_TABLES;
  try {
    const seen = await unzipEntries(chunks, (entry) => {
      if (!isCsvEntry(entry)) return null;
      if (opened === maxTables) throw new ContainerError('limit', `more than ${maxTables.toLocaleString('en-US')} CSV entries`, entry);
      const name = `${source.name}!${entry}`;
      const reader = new CsvTableReader(name, sinks(name), options.decodeLatin1);
      current = reader;
      opened++;
      return {
        push(bytes) {
          feed(reader, bytes);
        },
        end() {
          current = null;
          finishTable(reader, reader.finish(), tables, issues);
        },
      };
    }, options.inflateRaw);
    if (opened === 0) issues.push(noCsvInZip(source.name, seen.names, seen.count));
  } catch (error) {
    if (!(error instanceof ContainerError)) throw error;
    const reader = current as CsvTableReader | null;
    const summary = reader === null ? null : abandonTable(reader, tables, issues);
    issues.push(containerIssue(error, reader, source, summary));
  }
  return { issues, tables };
}

/** A zip entry is a table when it is named `*.csv`; macOS resource forks (`__MACOSX/`, `._x.csv`) are not. */
function isCsvEntry(name: string): boolean {
  const base = name.slice(name.lastIndexOf('/') + 1);
  return /\.csv$/i.test(name) && !name.startsWith('__MACOSX/') && !base.startsWith('._');
}

function finishTable(reader: CsvTableReader, summary: CsvScanSummary, tables: TableRead[], issues: Issue[]): void {
  tables.push({ name: reader.name, bytes: reader.bytes, rows: summary.rows, badRows: summary.badRows });
  issues.push(...scanIssues(reader.name, summary));
}

function abandonTable(reader: CsvTableReader, tables: TableRead[], issues: Issue[]): CsvScanSummary {
  const summary = reader.abandon();
  tables.push({ name: reader.name, bytes: reader.bytes, rows: summary.rows, badRows: summary.badRows });
  issues.push(...scanIssues(reader.name, summary, true));
  return summary;
}

function scanIssues(file: string, summary: CsvScanSummary, cutOff = false): Issue[] {
  const issues: Issue[] = [];
  // A record over the limit stopped the scan before a header was complete: not empty, just unreadable.
  if (summary.headerLine === null && !cutOff && summary.overlongRecordLine === null) issues.push(emptyFile(file));
  if (summary.unclosedQuoteLine !== null) {
    issues.push({
      code: 'BAD_ROW',
      severity: 'error',
      message: `${file} line ${summary.unclosedQuoteLine} opens a quoted field that is never closed, so the rest of the file was read as that one record and skipped.`,
      source: { file, line: summary.unclosedQuoteLine },
    });
  }
  if (summary.overlongRecordLine !== null) {
    issues.push({
      code: 'BAD_ROW',
      severity: 'error',
      message: `${file} line ${summary.overlongRecordLine} starts a record longer than 16,777,216 characters (an unclosed quote?), so reading stopped there.`,
      source: { file, line: summary.overlongRecordLine },
    });
  }
  if (summary.strayQuoteLine !== null) {
    const more = summary.strayQuotes > 1 ? ` (${summary.strayQuotes} fields in all)` : '';
    issues.push({
      code: 'BAD_ROW',
      severity: 'warning',
      message: `${file} line ${summary.strayQuoteLine} has text after a closing quote${more}; it was kept as part of the field.`,
      source: { file, line: summary.strayQuoteLine },
    });
  }
  return issues;
}

function emptyFile(file: string): Issue {
  return { code: 'EMPTY_FILE', severity: 'error', message: `${file} is empty: it has no header line and no rows.`, source: { file, line: 1 } };
}

function noCsvInZip(file: string, names: string[], count: number): Issue {
  const shown = names.slice(0, 10).join(', ');
  const seen = count === 0 ? 'it has no entries' : `entries seen: ${shown}${count > 10 ? ` and ${count - 10} more` : ''}`;
  return { code: 'BAD_CONTAINER', severity: 'error', message: `${file} is a zip archive with no .csv entry to read (${seen}).` };
}

function containerIssue(error: ContainerError, reader: CsvTableReader | null, source: ByteSource, summary: CsvScanSummary | null): Issue {
  if (reader === null && error.entry !== undefined && error.kind === 'limit') {
    return {
      code: 'SIZE_LIMIT',
      severity: 'error',
      message: `${source.name} holds ${error.message} (the limit), so reading stopped before ${source.name}!${error.entry}; the tables before it were read.`,
    };
  }
  if (reader === null && error.entry !== undefined) {
    // Found at the end of an entry whose rows were already handed on (its CRC-32 or size).
    const entry = `${source.name}!${error.entry}`;
    return {
      code: 'BAD_CONTAINER',
      severity: 'error',
      message: `${entry} is damaged: ${error.message}. Its rows were read before the check and are kept, but they cannot be trusted; get the file again.`,
      source: { file: entry, line: 1 },
    };
  }
  const table = reader?.name ?? source.name;
  const rows = summary?.rows ?? 0;
  const stoppedAt = summary === null ? undefined : { file: table, line: summary.lines + 1 };
  const readSoFar = `${(reader?.bytes ?? 0).toLocaleString('en-US')} decompressed bytes and ${rows.toLocaleString('en-US')} rows were read`;
  switch (error.kind) {
    case 'limit':
      return {
        code: 'SIZE_LIMIT',
        severity: 'error',
        message: `${error.message} (the limit), so reading stopped at line ${stoppedAt?.line ?? 1}; ${readSoFar}.`,
        ...(stoppedAt ? { source: stoppedAt } : {}),
      };
    case 'truncated':
      return {
        code: 'TRUNCATED',
        severity: 'error',
        message: `${table} is cut off: its compressed data ends early (${error.message}); ${readSoFar}, and the unfinished record at line ${stoppedAt?.line ?? 1} was dropped.`,
        ...(stoppedAt ? { source: stoppedAt } : {}),
      };
    default:
      return {
        code: 'BAD_CONTAINER',
        severity: 'error',
        message: `${table} holds damaged compressed data (${error.message}); ${readSoFar} before the damage.`,
        ...(stoppedAt ? { source: stoppedAt } : {}),
      };
  }
}

/** The source's chunks, with progress reported every ≥ 1 MiB and at the end, and abort checked. */
async function* meteredChunks(source: ByteSource, options: ReadOptions): AsyncGenerator<Uint8Array> {
  let bytesRead = 0;
  let reported = 0;
  const report = (): void => options.onProgress?.({ file: source.name, bytesRead, bytesTotal: source.size });
  for await (const chunk of source.chunks()) {
    options.signal?.throwIfAborted();
    bytesRead += chunk.byteLength;
    if (bytesRead - reported >= PROGRESS_STEP) {
      reported = bytesRead;
      report();
    }
    if (chunk.byteLength > 0) yield chunk;
  }
  options.signal?.throwIfAborted();
  if (reported !== bytesRead || bytesRead === 0) report();
}

/** Reads at least `n` bytes (fewer at the end) and gives them back with the stream replayed from the start. */
async function peek(input: AsyncGenerator<Uint8Array>, n: number): Promise<{ head: Uint8Array; chunks: AsyncGenerator<Uint8Array> }> {
  const buffered: Uint8Array[] = [];
  let length = 0;
  while (length < n) {
    const next = await input.next();
    if (next.done) break;
    buffered.push(next.value);
    length += next.value.byteLength;
  }
  const head = new Uint8Array(length);
  let offset = 0;
  for (const chunk of buffered) {
    head.set(chunk, offset);
    offset += chunk.byteLength;
  }
  async function* replay(): AsyncGenerator<Uint8Array> {
    try {
      yield* buffered;
      yield* { [Symbol.asyncIterator]: () => input };
    } finally {
      await input.return(undefined);
    }
  }
  return { head, chunks: replay() };
}
