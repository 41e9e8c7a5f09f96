/** The block size of `highByteBlocks`. */
export const HIGH_BLOCK = 16;

/**
 * Where the bytes ≥ 0x80 may be, found fast: the starts of the 16-byte blocks of `bytes` that
 * hold at least one, ascending (a block outside the list is pure ASCII; a short last block is
 * listed by its start). Worked example: 40 bytes with `é` (C3 A9) at offsets 17–18 give `[16]`.
 *
 * Why blocks: the byte-text scanner (`CsvScanOptions.byteText`) must decode a field as UTF-8 when
 * it holds such a byte, and on a 732 MB CUR a regex hunt for them through the text took 0.7 s;
 * this loop reads 4 × 32 bits per test and takes ≈0.2 s, and the scanner checks exactly only the
 * fields that overlap a listed block.
 */
export function highByteBlocks(bytes: Uint8Array): number[] {
  const blocks: number[] = [];
  const words = bytes.byteLength >>> 2;
  const view = bytes.byteOffset % 4 === 0 ? new Int32Array(bytes.buffer, bytes.byteOffset, words) : new Int32Array(bytes.slice(0, words * 4).buffer);
  const whole = words & ~3;
  for (let i = 0; i < whole; i += 4) {
    if (((view[i] | view[i + 1] | view[i + 2] | view[i + 3]) & 0x80808080) !== 0) blocks.push(i * 4);
  }
  const tail = whole * 4;
  for (let i = tail; i < bytes.byteLength; i++) {
    if (bytes[i] >= 0x80) {
      blocks.push(tail);
      break;
    }
  }
  return blocks;
}
