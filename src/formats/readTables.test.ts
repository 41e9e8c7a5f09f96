import { gzipSync, strToU8, Zip, ZipDeflate, zipSync } from 'fflate';
import type { RecordSink } from './records';
import { readBilling } from './readBilling';
import { readTables, type ReadTablesOptions } from './readTables';
import { bytesSource, type ByteSource, type ReadProgress } from './source';

type Event = [string, 'header', string[]] | [string, 'row', string[], number] | [string, 'bad', number, number, number];

function recorder() {
  const events: Event[] = [];
  const opened: string[] = [];
  const sinks = (name: string): RecordSink => {
    opened.push(name);
    return {
      header(names) {
        events.push([name, 'header', names]);
        return names.map((_, i) => i);
      },
      row(fields, line) {
        events.push([name, 'row', fields, line]);
      },
      badRow(line, count, expected) {
        events.push([name, 'bad', line, count, expected]);
      },
    };
  };
  return { events, opened, sinks };
}

async function read(source: ByteSource, options?: ReadTablesOptions) {
  const r = recorder();
  const result = await readTables(source, r.sinks, options);
  return { ...result, ...r };
}

/** `id,cost` then rows `i,0.i` for i = 1..n. */
function numberedCsv(n: number): string {
  let text = 'id,cost\n';
  for (let i = 1; i <= n; i++) text += `${i},0.${i}\n`;
  return text;
}

const engines = ['platform', 'fflate'] as const;

/** Sinks taking every column that abort the read at the 10th row; `rows()` counts the rows seen. */
function abortingAtRow10() {
  const controller = new AbortController();
  let seen = 0;
  const sinks = (): RecordSink => ({
    header: (names) => names.map((_, i) => i),
    row: () => {
      if (++seen === 10) controller.abort();
    },
    badRow: () => undefined,
  });
  return { controller, sinks, rows: () => seen };
}

describe('readTables', () => {
  it('readTables(source, sinks) reads a plain CSV as one table named after the source', async () => {
    const { events, opened, issues, tables } = await read(bytesSource('march.csv', strToU8('a,b\r\n1,"x, y"\r\n2,3,4\r\n'), 5));
    expect(opened).toEqual(['march.csv']);
    expect(events).toEqual([
      ['march.csv', 'header', ['a', 'b']],
      ['march.csv', 'row', ['1', 'x, y'], 2],
      ['march.csv', 'bad', 3, 3, 2],
    ]);
    expect(issues).toEqual([]);
    expect(tables).toEqual([{ name: 'march.csv', bytes: 22, rows: 1, badRows: 1 }]);
  });

  it('readTables(source, sinks) reports EMPTY_FILE for no bytes, a lone BOM or whitespace', async () => {
    for (const bytes of [new Uint8Array(0), strToU8('\uFEFF'), strToU8('\uFEFF \r\n\n\t\n')]) {
      const { events, issues } = await read(bytesSource('empty.csv', bytes));
      expect(events).toEqual([]);
      expect(issues).toEqual([
        { code: 'EMPTY_FILE', severity: 'error', message: 'empty.csv is empty: it has no header line and no rows.', source: { file: 'empty.csv', line: 1 } },
      ]);
    }
  });

  it('readTables(source, sinks) reads a header-only file as a table of zero rows without issues', async () => {
    const { events, issues, tables } = await read(bytesSource('h.csv', strToU8('a,b\n')));
    expect(events).toEqual([['h.csv', 'header', ['a', 'b']]]);
    expect(issues).toEqual([]);
    expect(tables).toEqual([{ name: 'h.csv', bytes: 4, rows: 0, badRows: 0 }]);
  });

  it('readTables(source, sinks) reads UTF-16 text that opens with its byte-order mark', async () => {
    const text = 'nom,pays\r\nZoë,日本\r\n';
    const bytes = new Uint8Array(2 + text.length * 2);
    bytes.set([0xff, 0xfe]);
    for (let i = 0; i < text.length; i++) {
      bytes[2 + 2 * i] = text.charCodeAt(i) & 0xff;
      bytes[3 + 2 * i] = text.charCodeAt(i) >> 8;
    }
    const { events } = await read(bytesSource('unicode.csv', bytes, 3));
    expect(events).toEqual([['unicode.csv', 'header', ['nom', 'pays']], ['unicode.csv', 'row', ['Zoë', '日本'], 2]]);
  });

  it.each(engines)('readTables(source, sinks) recognises gzip by its magic bytes, whatever the name (%s inflater)', async (engine) => {
    const { events, tables, issues } = await read(bytesSource('export.bin', gzipSync(strToU8(numberedCsv(3))), 7), { gunzip: engine });
    expect(issues).toEqual([]);
    expect(events).toEqual([
      ['export.bin', 'header', ['id', 'cost']],
      ['export.bin', 'row', ['1', '0.1'], 2],
      ['export.bin', 'row', ['2', '0.2'], 3],
      ['export.bin', 'row', ['3', '0.3'], 4],
    ]);
    expect(tables).toEqual([{ name: 'export.bin', bytes: numberedCsv(3).length, rows: 3, badRows: 0 }]);
  });

  it.each(engines)('readTables(source, sinks) reports a truncated gzip as TRUNCATED and keeps the rows before the cut (%s inflater)', async (engine) => {
    const csv = numberedCsv(20000);
    const gz = gzipSync(strToU8(csv));
    const cut = gz.subarray(0, Math.floor(gz.length / 2));
    const { events, issues, tables } = await read(bytesSource('cur.csv.gz', cut), { gunzip: engine });
    const rows = events.filter((e) => e[1] === 'row');
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows.length).toBeLessThan(20000);
    // Every row delivered is whole: row i is `i,0.i` on line i + 1; the cut record is dropped.
    expect(rows).toEqual(rows.map((_, i) => ['cur.csv.gz', 'row', [String(i + 1), `0.${i + 1}`], i + 2]));
    expect(events.some((e) => e[1] === 'bad')).toBe(false);
    expect(tables[0].rows).toBe(rows.length);
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'TRUNCATED', severity: 'error', source: { file: 'cur.csv.gz', line: rows.length + 2 } });
    expect(issues[0].message).toContain('cur.csv.gz is cut off: its compressed data ends early');
    expect(issues[0].message).toContain(`${rows.length.toLocaleString('en-US')} rows were read`);
  });

  it('readTables(source, sinks) reports damaged gzip data as BAD_CONTAINER', async () => {
    const gz = gzipSync(strToU8(numberedCsv(5000)));
    gz[300] ^= 0xff;
    gz[301] ^= 0xff;
    const { issues } = await read(bytesSource('bad.csv.gz', gz));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'BAD_CONTAINER', severity: 'error' });
    expect(issues[0].message).toMatch(/^bad\.csv\.gz holds damaged compressed data \(.+\); .* rows were read before the damage\.$/);
  });

  it('readTables(source, sinks) reads every CSV of a zip as its own table, skipping other entries', async () => {
    const zip = zipSync({
      'reports/a.csv': strToU8('x,y\n1,2\n'),
      'notes.txt': strToU8('hello'),
      '__MACOSX/reports/._a.csv': strToU8('junk'),
      'B.CSV': [strToU8('q\n7\n8\n'), { level: 0 }], // stored, not deflated
    });
    const { events, opened, issues, tables } = await read(bytesSource('dbr.csv.zip', zip, 11));
    expect(issues).toEqual([]);
    expect(opened).toEqual(['dbr.csv.zip!reports/a.csv', 'dbr.csv.zip!B.CSV']);
    expect(events).toEqual([
      ['dbr.csv.zip!reports/a.csv', 'header', ['x', 'y']],
      ['dbr.csv.zip!reports/a.csv', 'row', ['1', '2'], 2],
      ['dbr.csv.zip!B.CSV', 'header', ['q']],
      ['dbr.csv.zip!B.CSV', 'row', ['7'], 2],
      ['dbr.csv.zip!B.CSV', 'row', ['8'], 3],
    ]);
    expect(tables).toEqual([
      { name: 'dbr.csv.zip!reports/a.csv', bytes: 8, rows: 1, badRows: 0 },
      { name: 'dbr.csv.zip!B.CSV', bytes: 6, rows: 2, badRows: 0 },
    ]);
  });

  it('readTables(source, sinks) reads a zip written by a streaming zipper (sizes after the data)', async () => {
    const parts: Uint8Array[] = [];
    const zip = new Zip((error, chunk) => {
      if (error) throw error;
      parts.push(chunk);
    });
    const entry = new ZipDeflate('month.csv', { level: 6 });
    zip.add(entry);
    entry.push(strToU8(numberedCsv(50)), true);
    zip.end();
    const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
    parts.reduce((offset, p) => (bytes.set(p, offset), offset + p.length), 0);
    const { issues, tables } = await read(bytesSource('streamed.zip', bytes, 100));
    expect(issues).toEqual([]);
    expect(tables).toEqual([{ name: 'streamed.zip!month.csv', bytes: numberedCsv(50).length, rows: 50, badRows: 0 }]);
  });

  it('readTables(source, sinks) reports a zip without CSV as BAD_CONTAINER listing the entries seen', async () => {
    const zip = zipSync({ 'readme.txt': strToU8('x'), 'data/report.xlsx': strToU8('y') });
    const { issues, opened } = await read(bytesSource('archive.zip', zip));
    expect(opened).toEqual([]);
    expect(issues).toEqual([
      {
        code: 'BAD_CONTAINER',
        severity: 'error',
        message: 'archive.zip is a zip archive with no .csv entry to read (entries seen: readme.txt, data/report.xlsx).',
      },
    ]);
  });

  it('readTables(source, sinks) reports a zip cut inside a CSV entry as TRUNCATED naming the entry', async () => {
    const zip = zipSync({ 'big.csv': strToU8(numberedCsv(20000)) }, { level: 1 });
    const { issues, events } = await read(bytesSource('cut.zip', zip.subarray(0, Math.floor(zip.length * 0.6))));
    const rows = events.filter((e) => e[1] === 'row');
    expect(rows.length).toBeGreaterThan(1000);
    expect(rows).toEqual(rows.map((_, i) => ['cut.zip!big.csv', 'row', [String(i + 1), `0.${i + 1}`], i + 2]));
    expect(issues).toHaveLength(1);
    expect(issues[0]).toMatchObject({ code: 'TRUNCATED', source: { file: 'cut.zip!big.csv', line: rows.length + 2 } });
  });

  it('readTables(source, sinks, { maxZipTables }) reads that many CSV entries of a zip, then SIZE_LIMIT naming the next', async () => {
    const files: Record<string, Uint8Array> = { 'notes.txt': strToU8('x') };
    for (let i = 1; i <= 5; i++) files[`part-${i}.csv`] = strToU8(`id\n${i}\n`);
    const { issues, tables } = await read(bytesSource('many.zip', zipSync(files), 50), { maxZipTables: 3 });
    expect(tables.map((t) => [t.name, t.rows])).toEqual([['many.zip!part-1.csv', 1], ['many.zip!part-2.csv', 1], ['many.zip!part-3.csv', 1]]);
    expect(issues).toEqual([
      {
        code: 'SIZE_LIMIT',
        severity: 'error',
        message: 'many.zip holds more than 3 CSV entries (the limit), so reading stopped before many.zip!part-4.csv; the tables before it were read.',
      },
    ]);
  });

  it('readTables(source, sinks) reads a zip of 20,000 tiny entries, and names 10 of them when none is a CSV', async () => {
    const files: Record<string, Uint8Array> = {};
    for (let i = 0; i < 20000; i++) files[`p${i}.csv`] = strToU8(`id\n${i}\n`);
    const { issues, tables } = await read(bytesSource('many.zip', zipSync(files), 1 << 16));
    expect(issues).toEqual([]);
    expect(tables).toHaveLength(20000);
    expect(tables[19999]).toEqual({ name: 'many.zip!p19999.csv', bytes: 9, rows: 1, badRows: 0 });
    const texts: Record<string, Uint8Array> = {};
    for (let i = 0; i < 12; i++) texts[`t${i}.txt`] = strToU8('x');
    const none = await read(bytesSource('texts.zip', zipSync(texts)));
    expect(none.issues[0].message).toBe('texts.zip is a zip archive with no .csv entry to read (entries seen: t0.txt, t1.txt, t2.txt, t3.txt, t4.txt, t5.txt, t6.txt, t7.txt, t8.txt, t9.txt and 2 more).');
  });

  describe('content of only NUL bytes', () => {
    const mib = 1 << 20;
    const overlong = /line 1 starts a record longer than 16,777,216 characters \(an unclosed quote\?\), so reading stopped there\.$/;

    it.each(engines)('readTables(source, sinks, { maxDecompressedBytes }) reports a gzip of NUL bytes past the limit as SIZE_LIMIT only (%s inflater)', async (engine) => {
      const { issues, tables } = await read(bytesSource('nul.csv.gz', gzipSync(new Uint8Array(4 * mib))), { maxDecompressedBytes: mib, gunzip: engine });
      expect(issues).toMatchObject([{ code: 'SIZE_LIMIT', severity: 'error', source: { file: 'nul.csv.gz', line: 1 } }]);
      expect(tables).toEqual([{ name: 'nul.csv.gz', bytes: mib, rows: 0, badRows: 0 }]);
    });

    it('readTables(source, sinks, { maxDecompressedBytes }) reports a zip entry of NUL bytes past the limit as SIZE_LIMIT only', async () => {
      const { issues } = await read(bytesSource('nul.zip', zipSync({ 'a.csv': new Uint8Array(4 * mib) })), { maxDecompressedBytes: mib });
      expect(issues).toMatchObject([{ code: 'SIZE_LIMIT', severity: 'error', source: { file: 'nul.zip!a.csv', line: 1 } }]);
    });

    it('readBilling(source) of NUL bytes under 16 Mi and the limit is UNKNOWN_FORMAT naming the file, not a silent success', async () => {
      for (const [name, bytes] of [['nul.csv', new Uint8Array(1000)], ['nul.csv.gz', gzipSync(new Uint8Array(mib))]] as const) {
        const { issues, control } = await readBilling(bytesSource(name, bytes), null);
        expect(issues).toMatchObject([{ code: 'UNKNOWN_FORMAT', severity: 'error' }]);
        expect(issues[0].message).toContain(`The header of ${name} (`);
        expect(control.rowsRead).toBe(0);
      }
    });

    it('readTables(source, sinks) reports 20 MiB of NUL bytes (no line end) as one overlong record, not EMPTY_FILE, and stops reading a gzip there', async () => {
      const nul = new Uint8Array(20 * mib);
      for (const [name, bytes] of [['nul.csv', nul], ['nul.csv.gz', gzipSync(nul)], ['nul.zip', zipSync({ 'a.csv': nul })]] as const) {
        const { issues, tables } = await read(bytesSource(name, bytes, mib));
        expect(issues).toHaveLength(1);
        expect(issues[0]).toMatchObject({ code: 'BAD_ROW', severity: 'error' });
        expect(issues[0].message).toMatch(overlong);
        if (name !== 'nul.zip') expect(tables[0].bytes).toBeLessThan(18 * mib);
      }
    });
  });

  describe('zip integrity (CRC-32 and size of each entry)', () => {
    const u32at = (bytes: Uint8Array, at: number, value: number): void => {
      new DataView(bytes.buffer, bytes.byteOffset).setUint32(at, value >>> 0, true);
    };
    /** Where `text` first occurs in `bytes`. */
    const find = (bytes: Uint8Array, text: string): number => Buffer.from(bytes).indexOf(text);
    const jan = 'id,cost\n1,0.5\n2,0.25\n';
    const feb = 'id,cost\n3,1\n4,MARK\n';

    it('readTables(source, sinks) reports a stored entry with a flipped byte as BAD_CONTAINER naming it; rows before are kept', async () => {
      const zip = zipSync({ 'jan.csv': [strToU8(jan), { level: 0 }], 'feb.csv': [strToU8(feb), { level: 0 }] });
      zip[find(zip, 'MARK')] ^= 0x20; // 'MARK' → 'mARK': still inflates (stored), the CRC no longer matches
      const { issues, tables, events } = await read(bytesSource('two.zip', zip, 7));
      expect(issues).toEqual([
        {
          code: 'BAD_CONTAINER',
          severity: 'error',
          message: expect.stringMatching(/^two\.zip!feb\.csv is damaged: its CRC-32 is 0x[0-9A-F]{8} where the archive says 0x[0-9A-F]{8}\. Its rows were read/),
          source: { file: 'two.zip!feb.csv', line: 1 },
        },
      ]);
      expect(tables.map((t) => [t.name, t.rows])).toEqual([['two.zip!jan.csv', 2], ['two.zip!feb.csv', 2]]);
      expect(events.filter((e) => e[0] === 'two.zip!feb.csv' && e[1] === 'row').map((e) => e[2])).toEqual([['3', '1'], ['4', 'mARK']]);
    });

    it('readTables(source, sinks) checks deflated entries: a wrong CRC-32 or size in the local header is BAD_CONTAINER', async () => {
      const good = zipSync({ 'jan.csv': strToU8(jan) }, { level: 6 });
      expect((await read(bytesSource('ok.zip', good))).issues).toEqual([]);
      const badCrc = good.slice();
      u32at(badCrc, 14, new DataView(good.buffer).getUint32(14, true) ^ 1);
      const crcRead = await read(bytesSource('crc.zip', badCrc));
      expect(crcRead.issues).toMatchObject([{ code: 'BAD_CONTAINER', source: { file: 'crc.zip!jan.csv' } }]);
      expect(crcRead.issues[0].message).toContain('its CRC-32 is');
      expect(crcRead.tables[0].rows).toBe(2);
      const badSize = good.slice();
      u32at(badSize, 22, jan.length + 1);
      const sizeRead = await read(bytesSource('size.zip', badSize));
      expect(sizeRead.issues).toMatchObject([{ code: 'BAD_CONTAINER', source: { file: 'size.zip!jan.csv' } }]);
      expect(sizeRead.issues[0].message).toContain(`it inflates to ${jan.length} bytes where the archive says ${jan.length + 1}`);
      // A header stating fewer bytes than the entry holds: the one-shot inflate sees it and streams the entry instead.
      const smallSize = good.slice();
      u32at(smallSize, 22, jan.length - 1);
      for (const chunk of [1 << 16, 5]) {
        const smallRead = await read(bytesSource('small.zip', smallSize, chunk));
        expect(smallRead.issues).toMatchObject([{ code: 'BAD_CONTAINER', source: { file: 'small.zip!jan.csv' } }]);
        expect(smallRead.issues[0].message).toContain(`it inflates to ${jan.length} bytes where the archive says ${jan.length - 1}`);
        expect(smallRead.tables[0].rows).toBe(2);
      }
    });

    it('readTables(source, sinks) checks entries written with a data descriptor, whatever the chunking', async () => {
      const parts: Uint8Array[] = [];
      const zip = new Zip((error, chunk) => {
        if (error) throw error;
        parts.push(chunk);
      });
      for (const [name, text] of [['jan.csv', jan], ['feb.csv', feb]]) {
        const entry = new ZipDeflate(name, { level: 6 });
        zip.add(entry);
        entry.push(strToU8(text), true);
      }
      zip.end();
      const bytes = new Uint8Array(parts.reduce((n, p) => n + p.length, 0));
      parts.reduce((offset, p) => (bytes.set(p, offset), offset + p.length), 0);
      for (const chunk of [1, 3, 7, 1000]) expect((await read(bytesSource('dd.zip', bytes, chunk))).issues).toEqual([]);
      // The second entry's descriptor (PK 07 08, then CRC-32) says another CRC.
      const second = Buffer.from(bytes).indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08]), Buffer.from(bytes).indexOf(Buffer.from([0x50, 0x4b, 0x07, 0x08])) + 4);
      const bad = bytes.slice();
      bad[second + 4] ^= 0xff;
      for (const chunk of [1, 5, 1000]) {
        const { issues, tables } = await read(bytesSource('dd.zip', bad, chunk));
        expect(issues).toMatchObject([{ code: 'BAD_CONTAINER', severity: 'error', source: { file: 'dd.zip!feb.csv' } }]);
        expect(tables.map((t) => t.rows)).toEqual([2, 2]);
      }
    });
  });

  describe('a decompression bomb', () => {
    // 8 MB of CSV that compresses to a few KB: past a 1 MB limit.
    const bomb = strToU8(`a,b\n${'0,0\n'.repeat(2_000_000)}`);
    const limit = 1_000_000;

    it.each(engines)('readTables(source, sinks, { maxDecompressedBytes }) stops a gzip bomb with SIZE_LIMIT (%s inflater)', async (engine) => {
      const gz = gzipSync(bomb, { level: 9 });
      expect(gz.length).toBeLessThan(40_000);
      const { issues, tables } = await read(bytesSource('bomb.csv.gz', gz), { maxDecompressedBytes: limit, gunzip: engine });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'SIZE_LIMIT', severity: 'error', source: { file: 'bomb.csv.gz' } });
      expect(issues[0].message).toMatch(/^bomb\.csv\.gz decompresses to more than 1,000,000 bytes \(the limit\), so reading stopped at line \d+; [\d,]+ decompressed bytes and [\d,]+ rows were read\.$/);
      expect(tables[0].bytes).toBeLessThanOrEqual(limit);
      expect(tables[0].rows).toBeGreaterThan(0);
      expect(tables[0].rows).toBeLessThan(limit / 4);
    });

    it('readTables(source, sinks, { maxDecompressedBytes }) stops a zip bomb with SIZE_LIMIT naming the entry', async () => {
      const zip = zipSync({ 'bomb.csv': bomb }, { level: 9 });
      const { issues, tables } = await read(bytesSource('bomb.zip', zip), { maxDecompressedBytes: limit });
      expect(issues).toHaveLength(1);
      expect(issues[0]).toMatchObject({ code: 'SIZE_LIMIT', source: { file: 'bomb.zip!bomb.csv' } });
      expect(issues[0].message).toContain('bomb.zip!bomb.csv decompresses to more than 1,000,000 bytes (the limit)');
      expect(tables[0].bytes).toBeLessThanOrEqual(limit);
    });
  });

  it('readTables(source, sinks, { onProgress }) reports growing byte counts that reach the total', async () => {
    const bytes = strToU8(numberedCsv(400_000)); // ~5 MB
    const seen: ReadProgress[] = [];
    await read(bytesSource('big.csv', bytes, 1 << 16), { onProgress: (p) => seen.push({ ...p }) });
    expect(seen.length).toBeGreaterThanOrEqual(5);
    expect(seen.length).toBeLessThan(20);
    for (let i = 1; i < seen.length; i++) expect(seen[i].bytesRead).toBeGreaterThan(seen[i - 1].bytesRead);
    expect(seen[seen.length - 1]).toEqual({ file: 'big.csv', bytesRead: bytes.length, bytesTotal: bytes.length });
  });

  it('readTables(source, sinks, { onProgress }) counts compressed bytes for a gzip', async () => {
    const gz = gzipSync(strToU8(numberedCsv(1000)));
    const seen: ReadProgress[] = [];
    await read(bytesSource('c.csv.gz', gz), { onProgress: (p) => seen.push({ ...p }) });
    expect(seen[seen.length - 1]).toEqual({ file: 'c.csv.gz', bytesRead: gz.length, bytesTotal: gz.length });
  });

  it('readTables(source, sinks, { signal }) rejects with AbortError when aborted while reading', async () => {
    const { controller, sinks, rows } = abortingAtRow10();
    const source = bytesSource('big.csv', strToU8(numberedCsv(200_000)), 4096);
    await expect(readTables(source, sinks, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(rows()).toBeLessThan(1000);
  });

  it('readTables(source, sinks, { signal }) stops a gzip mid-stream when aborted, and rejects at once when already aborted', async () => {
    const { controller, sinks, rows } = abortingAtRow10();
    const gz = gzipSync(strToU8(numberedCsv(300_000)));
    await expect(readTables(bytesSource('big.csv.gz', gz, 4096), sinks, { signal: controller.signal })).rejects.toMatchObject({ name: 'AbortError' });
    expect(rows()).toBeLessThan(100_000);
    await expect(readTables(bytesSource('x.csv', strToU8('a\n1\n')), sinks, { signal: AbortSignal.abort() })).rejects.toMatchObject({ name: 'AbortError' });
  });

  it('readTables(source, sinks) reports a quote never closed as BAD_ROW at the line where it opened', async () => {
    const { issues, events } = await read(bytesSource('q.csv', strToU8('a,b\n1,2\n3,"open\n4,5\n')));
    expect(events.slice(1)).toEqual([['q.csv', 'row', ['1', '2'], 2], ['q.csv', 'bad', 3, 2, 2]]);
    expect(issues).toEqual([
      {
        code: 'BAD_ROW',
        severity: 'error',
        message: 'q.csv line 3 opens a quoted field that is never closed, so the rest of the file was read as that one record and skipped.',
        source: { file: 'q.csv', line: 3 },
      },
    ]);
  });

  it('readTables(source, sinks) warns once about text after closing quotes, with the count', async () => {
    const { issues } = await read(bytesSource('s.csv', strToU8('a,b\n"x"y,1\n2,"p"q\n')));
    expect(issues).toEqual([
      { code: 'BAD_ROW', severity: 'warning', message: 's.csv line 2 has text after a closing quote (2 fields in all); it was kept as part of the field.', source: { file: 's.csv', line: 2 } },
    ]);
  });

  it('readTables(source, sinks) passes the error of a source that cannot be read', async () => {
    const source: ByteSource = {
      name: 'broken.csv',
      size: null,
      async *chunks() {
        yield strToU8('a,b\n1,2\n');
        throw new Error('disk on fire');
      },
    };
    await expect(readTables(source, recorder().sinks)).rejects.toThrow('disk on fire');
  });
});
