import { Inflate } from 'fflate';

/**
 * What a `--workbook` may inflate to: 256 MiB. Billing files stream, so their limit
 * (`maxDecompressedBytes`, 64 GiB by default in src/formats/readTables.ts) only stops bombs; exceljs
 * holds every part of a workbook whole and builds an object per cell, so a workbook is held to the
 * lower of the two. A model workbook (PriceBook, Customers, Settings, FxRates, SupportPlans and a
 * Lines sheet of a few hundred thousand rows) is far below it; past it, export the tables as CSV
 * and pass them with --pricebook, --customers, --fx, --support-plans.
 */
export const WORKBOOK_MAX_INFLATED = 256 * 1024 ** 2;

/** Compressed bytes handed to the inflater at a time: at most ≈ 1032 × this comes out at once. */
const PUSH_BYTES = 16 * 1024;

export type InflateVerdict =
  | { ok: true; inflated: number }
  | { ok: false; why: 'declared' | 'inflated'; bytes: number }
  | { ok: false; why: 'not-zip' };

/**
 * How many bytes an .xlsx (a zip) inflates to, checked before exceljs inflates it — exceljs holds
 * each part whole, as one string, so a small workbook that inflates to gigabytes takes gigabytes.
 * First the sizes the central directory declares (free); then, since those can lie, each entry is
 * inflated here with a counter and the output dropped, stopping as soon as the total passes
 * `limit` (entries are found as JSZip, exceljs's unzipper, finds them: through the central
 * directory). A zip this cannot make sense of is `not-zip`: exceljs will say what is wrong with it.
 */
export function checkInflatedSize(bytes: Uint8Array, limit: number): InflateVerdict {
  const entries = centralDirectory(bytes);
  if (entries === null) return { ok: false, why: 'not-zip' };
  let declared = 0;
  for (const entry of entries) declared += entry.size;
  if (declared > limit) return { ok: false, why: 'declared', bytes: declared };
  let inflated = 0;
  for (const entry of entries) {
    const start = dataStart(bytes, entry.localHeader);
    if (start === null) return { ok: false, why: 'not-zip' };
    const data = bytes.subarray(start, Math.min(bytes.byteLength, start + entry.compressedSize));
    if (entry.method === 0) {
      inflated += data.byteLength;
    } else if (entry.method === 8) {
      let over = false;
      const inflate = new Inflate((chunk) => {
        inflated += chunk.byteLength;
        if (inflated > limit) over = true;
      });
      try {
        for (let at = 0; at < data.byteLength && !over; at += PUSH_BYTES) {
          inflate.push(data.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= data.byteLength);
        }
      } catch {
        // Corrupt deflate data: exceljs will report it; what came out so far is counted.
      }
    }
    if (inflated > limit) return { ok: false, why: 'inflated', bytes: inflated };
  }
  return { ok: true, inflated };
}

export interface CentralEntry {
  /** The entry's name as the central directory gives it (UTF-8). */
  name: string;
  method: number;
  compressedSize: number;
  size: number;
  localHeader: number;
}

const NAMES = new TextDecoder();

const u16 = (b: Uint8Array, at: number) => b[at] | (b[at + 1] << 8);
const u32 = (b: Uint8Array, at: number) => (b[at] | (b[at + 1] << 8) | (b[at + 2] << 16)) + b[at + 3] * 0x1000000;
const u64 = (b: Uint8Array, at: number) => u32(b, at) + u32(b, at + 4) * 0x100000000;

/** The central directory's entries (zip64 sizes and offsets included), or null when there is none. */
export function centralDirectory(b: Uint8Array): CentralEntry[] | null {
  let eocd = -1;
  for (let at = b.byteLength - 22; at >= Math.max(0, b.byteLength - 22 - 0xffff); at -= 1) {
    if (u32(b, at) === 0x06054b50) {
      eocd = at;
      break;
    }
  }
  if (eocd < 0) return null;
  let count = u16(b, eocd + 10);
  let offset = u32(b, eocd + 16);
  if ((count === 0xffff || offset === 0xffffffff) && eocd >= 20 && u32(b, eocd - 20) === 0x07064b50) {
    const zip64 = u64(b, eocd - 20 + 8);
    if (zip64 + 56 > b.byteLength || u32(b, zip64) !== 0x06064b50) return null;
    count = u64(b, zip64 + 32);
    offset = u64(b, zip64 + 48);
  }
  const entries: CentralEntry[] = [];
  let at = offset;
  for (let i = 0; i < count; i += 1) {
    if (at + 46 > b.byteLength || u32(b, at) !== 0x02014b50) return null;
    const nameLength = u16(b, at + 28);
    const entry: CentralEntry = {
      name: NAMES.decode(b.subarray(at + 46, Math.min(b.byteLength, at + 46 + nameLength))),
      method: u16(b, at + 10), compressedSize: u32(b, at + 20), size: u32(b, at + 24), localHeader: u32(b, at + 42),
    };
    const extraLength = u16(b, at + 30);
    const commentLength = u16(b, at + 32);
    // Zip64: the fields set to 0xFFFFFFFF follow in the extra field 0x0001, in this order.
    let extra = at + 46 + nameLength;
    const extraEnd = Math.min(b.byteLength, extra + extraLength);
    while (extra + 4 <= extraEnd) {
      const id = u16(b, extra);
      const length = u16(b, extra + 2);
      if (id === 0x0001) {
        let field = extra + 4;
        const next = () => {
          const value = field + 8 <= extraEnd ? u64(b, field) : 0xffffffff;
          field += 8;
          return value;
        };
        if (entry.size === 0xffffffff) entry.size = next();
        if (entry.compressedSize === 0xffffffff) entry.compressedSize = next();
        if (entry.localHeader === 0xffffffff) entry.localHeader = next();
      }
      extra += 4 + length;
    }
    entries.push(entry);
    at += 46 + nameLength + extraLength + commentLength;
  }
  return entries;
}

/** Where an entry's data starts: after its local header, whose name and extra lengths are its own. */
function dataStart(b: Uint8Array, localHeader: number): number | null {
  if (localHeader + 30 > b.byteLength || u32(b, localHeader) !== 0x04034b50) return null;
  return localHeader + 30 + u16(b, localHeader + 26) + u16(b, localHeader + 28);
}

/**
 * An entry's bytes, inflated (stored and deflated entries), or null when its data cannot be found
 * or inflated. With `max`, inflating stops once more than `max` bytes came out: what came out so far
 * is returned, so `result.byteLength > max` says the entry is bigger than `max`.
 */
export function readEntry(b: Uint8Array, entry: CentralEntry, max = Infinity): Uint8Array | null {
  const start = dataStart(b, entry.localHeader);
  if (start === null) return null;
  const data = b.subarray(start, Math.min(b.byteLength, start + entry.compressedSize));
  if (entry.method === 0) return data.subarray(0, Math.min(data.byteLength, max + 1));
  if (entry.method !== 8) return null;
  const chunks: Uint8Array[] = [];
  let length = 0;
  const inflate = new Inflate((chunk) => {
    chunks.push(chunk);
    length += chunk.byteLength;
  });
  try {
    for (let at = 0; at < data.byteLength && length <= max; at += PUSH_BYTES) {
      inflate.push(data.subarray(at, at + PUSH_BYTES), at + PUSH_BYTES >= data.byteLength);
    }
  } catch {
    return null;
  }
  const out = new Uint8Array(length);
  let at = 0;
  for (const chunk of chunks) {
    out.set(chunk, at);
    at += chunk.byteLength;
  }
  return out;
}
