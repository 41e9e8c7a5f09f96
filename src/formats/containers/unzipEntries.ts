import { Inflate, inflateSync, Unzip, type FlateError, type UnzipDecoder, type UnzipFile } from 'fflate';
import { ContainerError } from './containerError';
import { crc32 } from './crc32';
import { ZipFraming, type ZipEntryCheck } from './zipFraming';

/** fflate inflates synchronously: small slices bound each output burst (~1000:1). */
const SLICE = 64 * 1024;

/** Receives one zip entry's decompressed bytes, in order. */
export interface ZipEntrySink {
  push(bytes: Uint8Array): void;
  end(): void;
}

/**
 * Streams a zip archive entry by entry (fflate's `Unzip`, reading local headers as the bytes
 * arrive, so the archive is never held whole). `open(name)` is asked for every file entry and
 * returns a sink to read it, or null to skip it. Returns how many file entries were seen and the
 * names of the first 10 (what a message needs; an archive may hold 80,000).
 * Throws `ContainerError` `truncated` when the archive ends inside an entry, `corrupt` for bad
 * data, and rethrows whatever a sink throws (a `limit` error stops the archive there).
 *
 * Integrity: fflate checks neither the CRC-32 nor the size an entry's local header or data
 * descriptor states, so both are checked here for every entry read (`ZipFraming` follows the
 * same bytes to learn them). They are known only at the end of the entry, after its bytes went to
 * the sink: the sink is ended as usual, then `ContainerError('corrupt', …, entry)` is thrown.
 *
 * Memory stays flat whatever the entry count: nothing is kept per entry once it is done — fflate's `Unzip` keeps one array per entry it has seen (`k`), which is
 * cut back to the two it still uses after each entry (fflate 0.8; checked by a test of 80,000
 * entries).
 */
export async function unzipEntries(
  input: AsyncIterable<Uint8Array>,
  open: (name: string) => ZipEntrySink | null,
  inflateRaw?: RawInflater,
): Promise<{ count: number; names: string[] }> {
  const names: string[] = [];
  let count = 0;
  let failure: unknown = null;
  let current: { sink: ZipEntrySink; file: UnzipFile; name: string } | null = null;
  const framing = new ZipFraming();
  let fileIndex = -1;
  /** Entries read to their end whose data descriptor had not yet been seen. */
  const unchecked: { index: number; name: string; crc: number; size: number }[] = [];

  const check = (name: string, crc: number, size: number, want: ZipEntryCheck): void => {
    if (crc === want.crc && size === want.size) return;
    const what = size !== want.size
      ? `it inflates to ${size.toLocaleString('en-US')} bytes where the archive says ${want.size.toLocaleString('en-US')}`
      : `its CRC-32 is ${hex(crc)} where the archive says ${hex(want.crc)}`;
    throw new ContainerError('corrupt', what, name);
  };
  /** Checks the entries whose data descriptor has now been read. */
  const settle = (): void => {
    for (let k = 0; k < unchecked.length; ) {
      const entry = unchecked[k];
      const want = framing.expected.get(entry.index);
      if (want === undefined) {
        k++;
        continue;
      }
      framing.expected.delete(entry.index);
      unchecked.splice(k, 1);
      check(entry.name, entry.crc, entry.size, want);
    }
  };

  // eslint-disable-next-line prefer-const
  let unzip: Unzip;
  const onFile = (file: UnzipFile): void => {
    const index = ++fileIndex;
    // What fflate still holds for earlier entries, and what we learnt of them, is no longer needed.
    const held = (unzip as unknown as { k?: unknown[] }).k;
    if (Array.isArray(held) && held.length > 2) held.length = 2;
    for (const key of framing.expected.keys()) {
      if (key < index && !unchecked.some((entry) => entry.index === key)) framing.expected.delete(key);
      else break;
    }
    if (file.name.endsWith('/')) return; // a directory
    count += 1;
    if (names.length < 10) names.push(file.name);
    const sink = failure === null ? open(file.name) : null;
    if (sink === null) return;
    const entry = { sink, file, name: file.name };
    current = entry;
    let crc = 0;
    let size = 0;
    // fflate catches what a handler throws and hands it back as `error`: keep it, stop the entry.
    file.ondata = (error, data, final) => {
      if (failure !== null) return;
      try {
        if (error) throw error;
        if (data.byteLength > 0) {
          crc = crc32(data, crc);
          size += data.byteLength;
          sink.push(data);
        }
        if (final) {
          current = null;
          sink.end();
          const want = framing.expected.get(index);
          if (want === undefined) {
            unchecked.push({ index, name: file.name, crc, size });
          } else {
            framing.expected.delete(index);
            check(file.name, crc, size, want);
          }
        }
      } catch (caught) {
        failure = caught;
        file.terminate();
      }
    };
    file.start();
  };
  unzip = new Unzip(onFile);
  unzip.register(entryInflater(inflateRaw));

  const push = (chunk: Uint8Array, final: boolean): void => {
    try {
      framing.push(chunk);
      unzip.push(chunk, final);
      if (failure === null && unchecked.length > 0) settle();
    } catch (error) {
      if (failure === null) failure = error;
    }
    if (failure === null) return;
    // At the end, with an entry still open, fflate says "invalid zip data": the archive is cut.
    if (final && current !== null && typeof (failure as { code?: unknown }).code === 'number') {
      throw new ContainerError('truncated', `the archive ends inside ${(current as { name: string }).name}`);
    }
    throw asContainerError(failure);
  };

  for await (const chunk of input) {
    for (let offset = 0; offset < chunk.byteLength; offset += SLICE) {
      push(chunk.subarray(offset, Math.min(chunk.byteLength, offset + SLICE)), false);
    }
  }
  push(new Uint8Array(0), true);
  const open_ = current as { name: string } | null;
  if (open_ !== null) throw new ContainerError('truncated', `the archive ends inside ${open_.name}`);
  return { count, names };
}

/**
 * A host's one-shot raw DEFLATE inflater (`ReadOptions.inflateRaw`): the whole of one entry's
 * compressed bytes → its inflated bytes, at most `size` of them. It throws on anything amiss
 * (damaged data, more than `size` bytes); the entry is then read by fflate, whose errors are reported.
 */
export type RawInflater = (compressed: Uint8Array, size: number) => Uint8Array;

/**
 * The zip entries' DEFLATE decoder. An entry whose compressed bytes arrive in one push (it fits
 * in the slice being read, ≤ 64 KiB, so ≤ ~64 MB out) and whose inflated size the local header
 * states is inflated in one call: by the host's `inflateRaw` when given, else by fflate's
 * `inflateSync` into a buffer of that size (+1, to see a header that understates). Anything else —
 * an entry spread over several pushes, one with a data descriptor, one the one-shot call refuses —
 * goes through fflate's streaming `Inflate`, as `UnzipInflate` does, so errors, truncation and
 * oversize entries are reported exactly as before. Per entry this saves the streaming inflater's
 * 32 KiB window and its growth to 128 KiB+ per block: a zip of 80,000 small CSVs inflates ~5×
 * faster (containers/README.md).
 */
function entryInflater(inflateRaw: RawInflater | undefined): { new (name: string, size?: number, originalSize?: number): UnzipDecoder; compression: number } {
  return class EntryInflate implements UnzipDecoder {
    static readonly compression = 8;
    ondata: UnzipDecoder['ondata'] = () => {};
    private stream: Inflate | null = null;
    private readonly originalSize: number;

    constructor(_name: string, _size?: number, originalSize?: number) {
      this.originalSize = originalSize ?? -1;
    }

    push(chunk: Uint8Array, final: boolean): void {
      if (this.stream === null && final && this.originalSize >= 0) {
        const whole = oneShot(chunk, this.originalSize, inflateRaw);
        if (whole !== null) {
          this.ondata(null, whole as Uint8Array<ArrayBuffer>, true);
          return;
        }
      }
      this.stream ??= new Inflate((data, last) => this.ondata(null, data as Uint8Array<ArrayBuffer>, last));
      try {
        this.stream.push(chunk, final);
      } catch (error) {
        this.ondata(error as FlateError, null as unknown as Uint8Array<ArrayBuffer>, final);
      }
    }
  };
}

/** One entry inflated in one call, or null when that did not work out (the stream then reads it). */
function oneShot(compressed: Uint8Array, size: number, inflateRaw: RawInflater | undefined): Uint8Array | null {
  // DEFLATE gives at most ~1032 bytes a byte: a header stating more lies (no buffer that big is made).
  if (size > compressed.byteLength * 1032 + 1024) return null;
  try {
    if (inflateRaw !== undefined) {
      const out = inflateRaw(compressed, size);
      return out.byteLength <= size ? out : null;
    }
    // Writes past the buffer's end are dropped: a result of size + 1 bytes means "more than stated".
    const out = inflateSync(compressed, { out: new Uint8Array(size + 1) });
    return out.byteLength <= size ? out : null;
  } catch {
    return null;
  }
}

function hex(n: number): string {
  return `0x${n.toString(16).toUpperCase().padStart(8, '0')}`;
}

function asContainerError(error: unknown): unknown {
  if (error instanceof ContainerError) return error;
  const { code, message } = (error ?? {}) as { code?: unknown; message?: unknown };
  if (typeof code === 'number') {
    return new ContainerError(code === 0 ? 'truncated' : 'corrupt', typeof message === 'string' ? message : String(error));
  }
  return error;
}
