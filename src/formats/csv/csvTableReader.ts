import type { RecordSink } from '../records';
import { CsvScanner, type CsvScanOptions, type CsvScanSummary } from './scanCsv';

/**
 * One CSV table from bytes to records: decodes as the bytes arrive (a streaming `TextDecoder`,
 * so a character split between two chunks is joined, never mangled) and scans the text.
 * UTF-8 unless the bytes open with a UTF-16 byte-order mark (Excel's "Unicode text"); the
 * decoder removes the BOM, and bytes that are not valid UTF-8 become U+FFFD.
 */
export class CsvTableReader {
  /** Bytes of this table pushed so far (decompressed bytes for a compressed source). */
  bytes = 0;
  private decoder: TextDecoder | null = null;
  private head: Uint8Array | null = null;
  private readonly scanner: CsvScanner;

  constructor(readonly name: string, sink: RecordSink, options?: CsvScanOptions) {
    this.scanner = new CsvScanner(sink, options);
  }

  push(bytes: Uint8Array): void {
    if (bytes.byteLength === 0) return;
    this.bytes += bytes.byteLength;
    if (this.decoder === null) {
      // The encoding is known from the first two bytes; wait for them if a chunk holds one.
      const head = this.head === null ? bytes : concat(this.head, bytes);
      if (head.byteLength < 2) {
        this.head = head;
        return;
      }
      this.head = null;
      this.decoder = new TextDecoder(encodingOf(head));
      bytes = head;
    }
    const text = this.decoder.decode(bytes, { stream: true });
    if (text.length > 0) this.scanner.push(text);
  }

  /** The input is complete: scan the last record and return the totals. */
  finish(): CsvScanSummary {
    if (this.decoder === null && this.head !== null) {
      this.decoder = new TextDecoder('utf-8');
      this.scanner.push(this.decoder.decode(this.head, { stream: true }));
    }
    const tail = this.decoder?.decode() ?? '';
    if (tail.length > 0) this.scanner.push(tail);
    return this.scanner.end();
  }

  /** The input was cut off: drop the unfinished record and return the totals so far. */
  abandon(): CsvScanSummary {
    return this.scanner.abandon();
  }
}

function encodingOf(head: Uint8Array): string {
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
