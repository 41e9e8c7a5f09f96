import * as zlib from 'node:zlib';
import fc from 'fast-check';
import { crc32 } from './crc32';

describe('crc32', () => {
  it('crc32(bytes) gives the check value of "123456789" and 0 for nothing', () => {
    expect(crc32(new TextEncoder().encode('123456789'))).toBe(0xcbf43926);
    expect(crc32(new Uint8Array(0))).toBe(0);
  });

  it('crc32(bytes, crc) agrees with node:zlib on any bytes cut anywhere', () => {
    const zlibCrc = (zlib as unknown as { crc32?: (data: Uint8Array) => number }).crc32;
    fc.assert(
      fc.property(fc.uint8Array({ maxLength: 300 }), fc.nat(), (bytes, at) => {
        const cut = bytes.length === 0 ? 0 : at % bytes.length;
        const whole = crc32(bytes);
        expect(crc32(bytes.subarray(cut), crc32(bytes.subarray(0, cut)))).toBe(whole);
        if (zlibCrc) expect(whole).toBe(zlibCrc(bytes));
      }),
    );
    expect(typeof zlibCrc).toBe('function');
  });
});
