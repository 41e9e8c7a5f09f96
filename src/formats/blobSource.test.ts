import { BLOB_CHUNK_BYTES, blobSource } from './blobSource';

describe('blobSource', () => {
  it('blobSource(blob, name) streams the blob bytes and reports its size and name', async () => {
    const text = 'a,b\n1,2\n'.repeat(20000);
    const source = blobSource(new Blob([text]), 'upload.csv');
    expect(source.name).toBe('upload.csv');
    expect(source.size).toBe(text.length);
    const parts: Uint8Array[] = [];
    for await (const chunk of source.chunks()) parts.push(chunk);
    expect(Buffer.concat(parts).toString()).toBe(text);
    // Handed on in views of at most 64 KiB, none empty.
    expect(Math.max(...parts.map((p) => p.byteLength))).toBeLessThanOrEqual(BLOB_CHUNK_BYTES);
    expect(parts.every((p) => p.byteLength > 0)).toBe(true);
  });

  it('blobSource(blob, name).slice(start, end) gives the bytes of that range', async () => {
    const source = blobSource(new Blob(['0123456789']), 'x');
    expect(Buffer.from(await source.slice!(3, 7)).toString()).toBe('3456');
  });

  it('blobSource(blob, name).chunks() can be left early without error', async () => {
    const source = blobSource(new Blob([new Uint8Array(1 << 20)]), 'x');
    let seen = 0;
    for await (const chunk of source.chunks()) {
      seen += chunk.byteLength;
      break;
    }
    expect(seen).toBeGreaterThan(0);
  });
});
