import { strToU8, zipSync } from 'fflate';
import { readTables, type ReadTablesOptions } from '../formats/readTables';
import type { RecordSink } from '../formats/records';
import { bytesSource } from '../formats/source';
import { nodeInflateRaw } from './nodeInflateRaw';

/** Everything a read hands on: tables, issues and every header, row and bad row, in order. */
async function readAll(name: string, zip: Uint8Array, chunk: number, options: ReadTablesOptions = {}) {
  const events: unknown[] = [];
  const sinks = (table: string): RecordSink => ({
    header(names) {
      events.push([table, 'header', names]);
      return names.map((_, i) => i);
    },
    row(fields, line) {
      events.push([table, fields, line]);
    },
    badRow(line, count, expected) {
      events.push([table, 'bad', line, count, expected]);
    },
  });
  const result = await readTables(bytesSource(name, zip, chunk), sinks, options);
  return { ...result, events };
}

const u32at = (bytes: Uint8Array, at: number, value: number): void => {
  new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value >>> 0, true);
};

function csv(n: number, seed: number): string {
  let text = 'id,cost,note\n';
  for (let i = 1; i <= n; i++) text += `${i},${(i * seed) % 997}.${i % 100},"note ${i * seed}"\n`;
  return text;
}

describe('nodeInflateRaw (ReadOptions.inflateRaw)', () => {
  const files: Record<string, Uint8Array> = {};
  for (let i = 0; i < 40; i++) files[`t${i}.csv`] = strToU8(csv(1 + (i % 7) * 30, i + 3));
  files['big.csv'] = strToU8(csv(20_000, 11)); // compressed beyond one 64 KiB slice: streamed
  const good = zipSync(files, { level: 6 });
  const jan = zipSync({ 'jan.csv': strToU8(csv(50, 5)) }, { level: 6 });
  const janSize = new DataView(jan.buffer).getUint32(22, true);
  const damaged: [string, Uint8Array][] = [['good.zip', good], ['jan.zip', jan]];
  const understated = jan.slice();
  u32at(understated, 22, janSize - 1); // the header says one byte fewer than the entry inflates to
  const overstated = jan.slice();
  u32at(overstated, 22, janSize + 1);
  const badCrc = jan.slice();
  u32at(badCrc, 14, new DataView(jan.buffer).getUint32(14, true) ^ 1);
  const corrupt = jan.slice();
  corrupt[40] ^= 0xff; // inside the deflate stream
  const cut = good.slice(0, Math.floor(good.length / 3));
  const bigLie = jan.slice();
  u32at(bigLie, 22, 0xfffffff0); // an inflated size no deflate of this length can reach
  damaged.push(['understated.zip', understated], ['overstated.zip', overstated], ['crc.zip', badCrc], ['corrupt.zip', corrupt], ['cut.zip', cut], ['lie.zip', bigLie]);

  it.each(damaged)('%s reads the same through node:zlib as through fflate, whatever the chunking', async (name, zip) => {
    for (const chunk of [1 << 16, 4096, 333]) {
      const host = await readAll(name, zip, chunk, { inflateRaw: nodeInflateRaw });
      const fflate = await readAll(name, zip, chunk);
      expect(host).toEqual(fflate);
    }
  });

  it('a good zip read in one-shot entries equals the same zip streamed a few bytes at a time', async () => {
    const oneShot = await readAll('good.zip', good, 1 << 16, { inflateRaw: nodeInflateRaw });
    const streamed = await readAll('good.zip', good, 7);
    expect(oneShot.issues).toEqual([]);
    expect(oneShot).toEqual(streamed);
    expect(oneShot.tables).toHaveLength(41);
  });

  it('understated and overstated sizes are reported as the archive reader always did', async () => {
    const under = await readAll('u.zip', understated, 1 << 16, { inflateRaw: nodeInflateRaw });
    expect(under.issues[0].message).toContain(`it inflates to ${janSize.toLocaleString('en-US')} bytes where the archive says ${(janSize - 1).toLocaleString('en-US')}`);
    const over = await readAll('o.zip', overstated, 1 << 16, { inflateRaw: nodeInflateRaw });
    expect(over.issues[0].message).toContain(`it inflates to ${janSize.toLocaleString('en-US')} bytes where the archive says ${(janSize + 1).toLocaleString('en-US')}`);
  });
});
