import fc from 'fast-check';
import { HIGH_BLOCK, highByteBlocks } from './highBytes';

/** The plain answer: the 16-byte block start of every byte ≥ 0x80, once each. */
function naive(bytes: Uint8Array): number[] {
  const blocks = new Set<number>();
  bytes.forEach((b, i) => {
    if (b >= 0x80) blocks.add(i - (i % HIGH_BLOCK));
  });
  return [...blocks];
}

describe('highByteBlocks', () => {
  it('highByteBlocks(40 bytes with é at 17–18) is [16]', () => {
    const bytes = new Uint8Array(40).fill(0x61);
    bytes.set([0xc3, 0xa9], 17);
    expect(highByteBlocks(bytes)).toEqual([16]);
  });

  it('highByteBlocks(pure ASCII) is [] and a high byte in a short last block is listed by its start', () => {
    expect(highByteBlocks(new TextEncoder().encode('a,b,c\n'.repeat(50)))).toEqual([]);
    const bytes = new Uint8Array(37).fill(0x20);
    bytes[36] = 0xff;
    expect(highByteBlocks(bytes)).toEqual([32]);
  });

  it('highByteBlocks(any bytes at any offset of their buffer) lists exactly the blocks holding a byte ≥ 0x80', () => {
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.integer({ min: 0, max: 7 }), fc.integer({ min: 0, max: 20 }), (raw, offset, sparsity) => {
        // Mostly ASCII, like billing text: clear the high bit of most bytes.
        const body = raw.map((b, i) => (sparsity > 0 && i % (sparsity + 1) !== 0 ? b & 0x7f : b));
        const buffer = new Uint8Array(offset + body.length);
        buffer.set(body, offset);
        const bytes = buffer.subarray(offset);
        expect(highByteBlocks(bytes)).toEqual(naive(bytes));
      }),
      { numRuns: 500 },
    );
  });
});
