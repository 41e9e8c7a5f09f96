import { inflateRawSync } from 'node:zlib';

/**
 * Node's zlib as the zip readers' one-shot inflater (`ReadOptions.inflateRaw`): one small zip
 * entry's compressed bytes in, its bytes out, in one native call. More than `size` bytes (what
 * the entry's local header states) is a RangeError, damaged data a zlib error: either way the
 * reader then inflates the entry with fflate and reports what fflate finds.
 */
export function nodeInflateRaw(compressed: Uint8Array, size: number): Uint8Array {
  return inflateRawSync(compressed, { maxOutputLength: Math.max(1, size), chunkSize: Math.max(64, Math.min(size, 1 << 20)) });
}
