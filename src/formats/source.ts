import type { PricingGroup } from '../engine/groups/pricingGroup';

/**
 * Bytes in, from anywhere: a Node file stream, a browser `File.stream()`, a buffer in a test.
 * `size` is the total byte count when known (for progress); `slice` gives random access where the
 * platform has it (Parquet needs it: its footer is at the end).
 */
export interface ByteSource {
  /** The name issues and control totals use: a path, a File name, `archive.zip!inner.csv`. */
  name: string;
  size: number | null;
  chunks(): AsyncIterable<Uint8Array>;
  slice?(start: number, end: number): Promise<ArrayBuffer>;
}

export interface ReadProgress {
  file: string;
  bytesRead: number;
  bytesTotal: number | null;
}

/** The default of `ReadOptions.maxDecompressedBytes`: 64 GiB (it stops bombs, not big files). */
export const DEFAULT_MAX_DECOMPRESSED = 64 * 1024 ** 3;

export interface ReadOptions {
  /** Called now and then with bytes read (compressed bytes for a compressed file) of the total. */
  onProgress?: (progress: ReadProgress) => void;
  /** Stops decompression past this many output bytes (a decompression bomb); default 64 GiB. */
  maxDecompressedBytes?: number;
  /** Cancels the read: it stops at the next chunk and rejects with an AbortError. */
  signal?: AbortSignal;
  /**
   * A faster gzip inflater of the host, used instead of `DecompressionStream` (the CLI passes
   * node:zlib, ~30% faster on a 123 MB gzip; formats itself stays free of Node imports). It must
   * throw an error with code `Z_BUF_ERROR` or a message saying "unexpected end" on truncated input.
   */
  inflateGzip?: (input: AsyncIterable<Uint8Array>) => AsyncIterable<Uint8Array>;
  /**
   * The host's one-shot raw DEFLATE inflater for small zip entries (the CLI passes node:zlib's
   * `inflateRawSync`): one entry's compressed bytes → at most `size` inflated bytes, throwing on
   * anything amiss (fflate then reads the entry and reports what is wrong). Without it fflate's
   * `inflateSync` is used (`containers/unzipEntries.ts`).
   */
  inflateRaw?: (compressed: Uint8Array, size: number) => Uint8Array;
  /**
   * The host's fast latin1 decoder (one character per byte). With it, UTF-8 CSV is scanned as byte
   * text and only fields holding non-ASCII bytes are decoded: the same records, ≈1 s less per
   * 700 MB (the CLI passes Node's `latin1Slice`; browsers have no true latin1 `TextDecoder` —
   * theirs is windows-1252 — so the task pane decodes UTF-8 as it streams).
   */
  decodeLatin1?: (bytes: Uint8Array) => string;
  /**
   * Lines carry only what pricing reads (ids, kind, product, usage type, operation, region, billing
   * entity, currency, provider, commitment and the figures); the descriptive fields — invoice id,
   * availability zone, instance type, platform, tenancy, description, resource id, tags — are null,
   * and the CUR reader does not even ask the scanner for them. For `rerate invoice`; the task pane
   * keeps them all.
   */
  pricingFieldsOnly?: boolean;
  /**
   * For reading one part of a plain CSV file (the CLI splits a big file between two threads): the
   * source holds the file's header line and then the bytes from a later line start, and that first
   * line after the header is the file's line `resumeAtLine`, so issues name the file's real lines.
   */
  resumeAtLine?: number;
  /**
   * Takes the pricing groups of a groups table (`rerate-groups`, formats/groups): `rerate invoice` and
   * `reconcile` price them (`InvoiceRun.addGroup`). Without it a groups table is only counted
   * (`onLine` null, inspect) or refused (a caller that wants lines).
   */
  onGroup?: (group: PricingGroup) => void;
}

/** A source from bytes already in memory (tests, small uploads). */
export function bytesSource(name: string, bytes: Uint8Array, chunkSize = 1 << 16): ByteSource {
  return {
    name,
    size: bytes.byteLength,
    async *chunks() {
      for (let offset = 0; offset < bytes.byteLength; offset += chunkSize) {
        yield bytes.subarray(offset, Math.min(offset + chunkSize, bytes.byteLength));
      }
    },
    async slice(start: number, end: number) {
      const part = bytes.slice(start, end);
      return part.buffer.slice(part.byteOffset, part.byteOffset + part.byteLength) as ArrayBuffer;
    },
  };
}
