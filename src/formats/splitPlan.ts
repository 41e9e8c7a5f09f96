import type { BillingFormat } from '../engine/line';
import { detectContainer, type ContainerKind } from './containers/detectContainer';
import { encodingOf } from './csv/csvTableReader';
import { CsvScanner } from './csv/scanCsv';
import { detectFormat } from './detect';
import type { ByteSource } from './source';

/**
 * Where a plain CSV billing file can be read in two parts at once (the CLI's two threads,
 * src/cli/splitRead.ts): after its header line, and at a line start near the middle. Planned here,
 * beside the readers, with the readers' own detection (detectContainer, encodingOf, the CSV scanner,
 * detectFormat), so what is split is exactly what the readers would read as one table of a format
 * whose checks are row by row.
 */
export interface SplitPlan {
  /** The header line's bytes, newline included. */
  header: Uint8Array;
  /** The byte offset where the second part starts (just after an LF). */
  split: number;
  size: number;
}

/**
 * Formats whose reader checks nothing across rows: a part's controls and issues add up to the
 * file's. DBR is not one (its invoice totals span the file), nor the monthly report, nor a groups
 * table (its control rows describe the whole table).
 */
export const SPLIT_FORMATS: ReadonlySet<BillingFormat> = new Set<BillingFormat>(['cur1', 'cur2', 'focus']);

/** Bytes read at the start (the header) and at the middle (the next line start). */
const PROBE_BYTES = 1 << 16;

/**
 * The first part's share of the bytes: a little over half, because the second part first counts the
 * newlines before it (≈0.25 s for 370 MB) and so starts later.
 */
export const FIRST_SHARE = 0.52;

/** What the readers will make of a file, from its first bytes. */
export interface InputHead {
  container: ContainerKind;
  /** The CSV text encoding (`utf-8`, `utf-16le`, `utf-16be`); meaningful for `csv` only. */
  encoding: string;
  /** The first line, newline included, when it holds the whole header record of a plain UTF-8 CSV; else null. */
  headerLine: Uint8Array | null;
  /** The header's column names as the CSV scanner reads them; null when `headerLine` is. */
  names: string[] | null;
  /** The billing format those names detect (FORMATS.md), null when none or no header line. */
  format: BillingFormat | null;
}

/**
 * Reads a file's first bytes as the readers would: the container, the encoding, and for a plain
 * UTF-8 CSV whose header record is its first line (no quoted name spanning lines, no lone CR ending
 * it early), that line, its names and their format.
 * Example: `identity/LineItemId,bill/PayerAccountId,…\n1,…` → csv, utf-8, the names, `cur1`.
 */
export function readHead(head: Uint8Array): InputHead {
  const container = detectContainer(head);
  const encoding = encodingOf(head);
  const none = { container, encoding, headerLine: null, names: null, format: null };
  if (container !== 'csv' || encoding !== 'utf-8') return none;
  const headerEnd = head.indexOf(10);
  if (headerEnd < 0) return none;
  // A CR before the header's LF (other than a CRLF's) ends the header earlier.
  const cr = head.indexOf(13);
  if (cr >= 0 && cr < headerEnd - 1) return none;
  const headerLine = head.subarray(0, headerEnd + 1);
  const names = headerNames(headerLine);
  if (names === null) return none;
  return { container, encoding, headerLine, names, format: detectFormat(names) };
}

/**
 * Plans a two-part read of `source` (random access needed), or null when it should be read in one
 * piece: fewer than two `cores`, under `minBytes`, not a plain UTF-8 CSV whose first line is its
 * header, a format not in SPLIT_FORMATS, or no line start after the middle.
 */
export async function planSplit(source: ByteSource, options: { minBytes: number; cores: number }): Promise<SplitPlan | null> {
  const size = source.size;
  if (options.cores < 2 || size === null || size < options.minBytes || source.slice === undefined) return null;
  const head = readHead(new Uint8Array(await source.slice(0, Math.min(PROBE_BYTES, size))));
  if (head.headerLine === null || head.format === null || !SPLIT_FORMATS.has(head.format)) return null;
  const middle = Math.floor(size * FIRST_SHARE);
  const probe = new Uint8Array(await source.slice(middle, Math.min(size, middle + PROBE_BYTES)));
  const newline = probe.indexOf(10);
  if (newline < 0) return null;
  const split = middle + newline + 1;
  if (split <= head.headerLine.byteLength || split >= size) return null;
  return { header: Uint8Array.from(head.headerLine), split, size };
}

/**
 * The column names of a header line, read by the CSV scanner itself; null when the line does not
 * hold the whole header record (an odd number of quotes: a quoted name spanning lines).
 */
function headerNames(line: Uint8Array): string[] | null {
  let quotes = 0;
  for (const byte of line) if (byte === 0x22) quotes += 1;
  if (quotes % 2 !== 0) return null;
  let names: string[] | null = null;
  const scanner = new CsvScanner({
    header: (found) => {
      names = found;
      return [];
    },
    row: () => undefined,
    badRow: () => undefined,
  });
  scanner.push(new TextDecoder().decode(line));
  scanner.end();
  return names;
}
