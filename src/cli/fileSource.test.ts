import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { RerateError } from '../engine/issues';
import { fileSource } from './fileSource';

describe('fileSource', () => {
  let dir: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'rerate-filesource-'));
  });
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('fileSource(path) streams every byte of a file larger than one chunk, in order', async () => {
    const bytes = new Uint8Array(3 * (1 << 20) + 17);
    for (let i = 0; i < bytes.length; i++) bytes[i] = (i * 31) & 0xff;
    const path = join(dir, 'big.bin');
    writeFileSync(path, bytes);
    const source = fileSource(path);
    expect(source.name).toBe(path);
    expect(source.size).toBe(bytes.length);
    const parts: Uint8Array[] = [];
    for await (const chunk of source.chunks()) parts.push(chunk);
    expect(parts.length).toBe(4);
    expect(parts[0].byteLength).toBe(1 << 20);
    const joined = Buffer.concat(parts);
    expect(joined.equals(Buffer.from(bytes))).toBe(true);
  });

  it('fileSource(path).slice(start, end) reads exactly that range, clipped at the end of the file', async () => {
    const path = join(dir, 'small.txt');
    writeFileSync(path, 'hello, parquet footer');
    const source = fileSource(path);
    expect(Buffer.from(await source.slice!(7, 14)).toString()).toBe('parquet');
    expect(Buffer.from(await source.slice!(15, 100)).toString()).toBe('footer');
    expect((await source.slice!(5, 5)).byteLength).toBe(0);
  });

  it('fileSource(path) throws UNREADABLE_FILE naming a missing path or a directory', () => {
    const missing = join(dir, 'nope.csv');
    expect(() => fileSource(missing)).toThrow(RerateError);
    expect(() => fileSource(missing)).toThrow(`${missing} does not exist.`);
    try {
      fileSource(dir);
      throw new Error('expected a throw');
    } catch (error) {
      expect((error as RerateError).code).toBe('UNREADABLE_FILE');
      expect((error as Error).message).toBe(`${dir} is not a file.`);
    }
  });
});
