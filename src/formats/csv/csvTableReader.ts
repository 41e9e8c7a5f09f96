import type { RecordSink } from '../records';
import { highByteBlocks } from './highBytes';
import { CsvScanner, type CsvScanOptions, type CsvScanSummary } from './scanCsv';

/** Decodes bytes to one character per byte (latin1), e.g. Node's `Buffer#latin1Slice`. */
export type Latin1Decode = (bytes: Uint8Array) => string;

/**
 * One CSV table from bytes to records: decodes as the bytes arrive and scans the text.
 * UTF-8 unless the bytes open with a UTF-16 byte-order mark (Excel's "Unicode text"); a BOM is
 * removed, and bytes that are not valid UTF-8 become U+FFFD.
 *
 * UTF-8 is decoded one of two ways, with the same records out: by a streaming `TextDecoder` (a
 * character split between two chunks is joined, never mangled), or — when the host gives a fast
 * latin1 decoder (the CLI passes Node's) — as byte text, which the scanner decodes field by field
 * where a field holds a byte ≥ 0x80 (`CsvScanOptions.byteText` says why that is faster).
 */
export class CsvTableReader {
  /** Bytes of this table pushed so far (decompressed bytes for a compressed source). */
  bytes = 0;
  /** The streaming decoder; null for byte text (once `scanner` is made) — then `latin1` decodes. */
  private decoder: TextDecoder | null = null;
  private head: Uint8Array | null = null;
  /** Made once the encoding is known (byte text or decoded text). */
  private scanner: CsvScanner | null = null;

  constructor(
    readonly name: string,
    private readonly sink: RecordSink,
    private readonly latin1?: Latin1Decode,
    private readonly options: CsvScanOptions = {},
  ) {}

  push(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    this.bytes += bytes.byteLength;
    if (this.stopped) return; // nothing more is read: spare the decoding
    if (this.scanner === null) {
      // The encoding is known from the first three bytes; wait for them if a chunk holds fewer.
      const head = this.head === null ? bytes : concat(this.head, bytes);
      if (head.byteLength < 3) {
        this.head = head;
        return;
      }
      this.head = null;
      bytes = this.start(head);
    }
    this.scan(bytes);
  }

  /** True once the scanner stopped at an overlong record: the caller may stop reading. */
  get stopped(): boolean {
    return this.scanner?.stoppedEarly ?? false;
  }

  /** The input is complete: scan the last record and return the totals. */
  finish(): CsvScanSummary {
    if (this.scanner === null) {
      const head = this.head ?? new Uint8Array(0);
      this.head = null;
      this.scan(this.start(head));
    }
    const tail = this.decoder?.decode() ?? '';
    const scanner = this.scanner as CsvScanner;
    if (tail.length > 0) scanner.push(tail);
    return scanner.end();
  }

  /** The input was cut off: drop the unfinished record and return the totals so far. */
  abandon(): CsvScanSummary {
    if (this.scanner === null) this.start(new Uint8Array(0));
    return (this.scanner as CsvScanner).abandon();
  }

  private scan(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    const decoder = this.decoder;
    const text = decoder === null ? (this.latin1 as Latin1Decode)(bytes) : decoder.decode(bytes, { stream: true });
    if (text.length > 0) (this.scanner as CsvScanner).push(text, decoder === null ? highByteBlocks(bytes) : undefined);
  }

  /** Picks the decoder and scanner for the first bytes and returns them without a UTF-8 BOM. */
  private start(head: Uint8Array): Uint8Array {
    const encoding = encodingOf(head);
    if (encoding === 'utf-8' && this.latin1 !== undefined) {
      this.scanner = new CsvScanner(this.sink, { ...this.options, byteText: true });
      return head[0] === 0xef && head[1] === 0xbb && head[2] === 0xbf ? head.subarray(3) : head;
    }
    this.decoder = new TextDecoder(encoding);
    this.scanner = new CsvScanner(this.sink, this.options);
    return head;
  }
}

/** The text encoding of CSV bytes from their first two: UTF-16 by its byte-order mark, else UTF-8. */
export function encodingOf(head: Uint8Array): string {
  if (head[0] === 0xff && head[1] === 0xfe) return 'utf-16le';
  if (head[0] === 0xfe && head[1] === 0xff) return 'utf-16be';
  return 'utf-8';
}

function concat(a: Uint8Array, b: Uint8Array): Uint8Array {
  const out = new Uint8Array(a.byteLength + b.byteLength);
  out.set(a);
  out.set(b, a.byteLength);
  return out;
}
