import { detectContainer } from './detectContainer';

describe('detectContainer', () => {
  it('detectContainer(head) recognises gzip, zip (local file, empty, spanned), Parquet, and takes the rest for CSV', () => {
    expect(detectContainer(new Uint8Array([0x1f, 0x8b, 8, 0]))).toBe('gzip');
    expect(detectContainer(new Uint8Array([0x50, 0x4b, 3, 4]))).toBe('zip');
    expect(detectContainer(new Uint8Array([0x50, 0x4b, 5, 6]))).toBe('zip');
    expect(detectContainer(new Uint8Array([0x50, 0x4b, 7, 8]))).toBe('zip');
    expect(detectContainer(new TextEncoder().encode('PAR1'))).toBe('parquet');
    expect(detectContainer(new TextEncoder().encode('PK,x\n'))).toBe('csv');
    expect(detectContainer(new TextEncoder().encode('PAR'))).toBe('csv');
    expect(detectContainer(new Uint8Array([0x1f]))).toBe('csv');
    expect(detectContainer(new Uint8Array(0))).toBe('csv');
  });
});
