import * as path from 'node:path';
import { captureIo } from '../../../test/helpers/captureIo';
import { main } from '../main';
import { writePrettyJson } from './inspect';

const PUBLIC = path.resolve(__dirname, '../../../samples/public');
const FIXTURES = path.resolve(__dirname, '../../../test/fixtures');


describe('rerate inspect', () => {
  it('main(["inspect", cur1 sample, "--format", "json"]) prints the format, periods, accounts, rows and exact totals', async () => {
    const io = captureIo();
    const file = path.join(PUBLIC, 'cur1-sample-2023-11.csv');
    const code = await main(['inspect', file, '--format', 'json'], io);
    expect(code).toBe(0);
    expect(io.err).toBe('');
    const json = JSON.parse(io.out);
    expect(json.issues).toEqual([]);
    expect(json.files).toHaveLength(1);
    expect(json.files[0]).toMatchObject({
      file, format: 'cur1', periods: ['2023-11'], payerAccounts: ['123412340534'], accounts: ['123412340534'],
      rowsRead: 1281, rowsRated: 1281, rowsSkipped: 0, linesEmitted: 1281, skippedByReason: {},
      unblendedRead: '1.6823086974', unblendedAccounted: '1.6823086974', checks: [],
    });
    expect(json.files[0].unblendedByKind).toMatchObject({ usage: '1.6023086974', tax: '0.0800000000', credit: '0.0000000000' });
  });

  it('main(["inspect", DBR that does not reconcile]) exits 1, lists the checks and prints file:line: CODE on stderr', async () => {
    const io = captureIo();
    const file = path.join(FIXTURES, 'dbr/dbr-mismatch-2017-07.csv');
    const code = await main(['inspect', file, '--format', 'json'], io);
    expect(code).toBe(1);
    const json = JSON.parse(io.out);
    expect(json.files[0]).toMatchObject({ format: 'dbr', rowsRead: 6, rowsRated: 2, rowsSkipped: 0, unblendedRead: '1.0200000000', unblendedAccounted: '1.0200000000' });
    expect(json.files[0].checks.map((c: { scope: string; basis: string; ok: boolean }) => [c.scope, c.basis, c.ok])).toEqual([
      ['account', 'unblended', false], ['account', 'blended', false],
      ['invoice', 'unblended', true], ['invoice', 'blended', true],
      ['statement', 'unblended', true], ['statement', 'blended', true],
    ]);
    expect(json.issues.map((i: { code: string }) => i.code)).toEqual(['CONTROL_TOTAL_MISMATCH', 'CONTROL_TOTAL_MISMATCH']);
    expect(io.err.split('\n')[0]).toBe(
      `${file}:5: CONTROL_TOTAL_MISMATCH The AccountTotal row at line 5 of ${file} states unblended cost 1.03 for account 012345678901, but its rows sum to 1.02 (difference -0.01).`,
    );
  });

  it('main(["inspect", DBR, FOCUS, "--format", "json"]) prints every control figure with at least 10 decimals, as invoice does', async () => {
    const io = captureIo();
    await main(['inspect', path.join(FIXTURES, 'dbr/dbr-mismatch-2017-07.csv'), path.join(FIXTURES, 'focus/focus-1.2-2025-01.csv'), '--format', 'json'], io);
    const [dbr, focus] = JSON.parse(io.out).files;
    expect(dbr.unblendedByKind).toMatchObject({ usage: '1.0175000000', 'ri-covered': '0.0000000000', rounding: '0.0025000000', total: '3.0700000000' });
    expect(dbr.byProvider).toEqual({ AWS: { lines: 3, unblended: '1.0200000000' } });
    expect(dbr.checks[0]).toMatchObject({ stated: '1.0300000000', summed: '1.0200000000', difference: '-0.0100000000', ok: false });
    expect(focus.byProvider.Microsoft).toEqual({ lines: 1, unblended: '12.5000000000' });
    const figures = [dbr, focus].flatMap((f) => [f.unblendedRead, f.unblendedAccounted, ...Object.values(f.unblendedByKind),
      ...Object.values(f.byProvider).map((p) => (p as { unblended: string }).unblended),
      ...f.checks.flatMap((c: { stated: string; summed: string; difference: string }) => [c.stated, c.summed, c.difference])]);
    for (const figure of figures) expect(figure).toMatch(/^-?\d+\.\d{10,}$/);
  });

  it('main(["inspect", file]) prints a table for people', async () => {
    const io = captureIo();
    const code = await main(['inspect', path.join(FIXTURES, 'dbr/dbr-2017-05.csv')], io);
    expect(code).toBe(0);
    expect(io.out).toContain('  format    dbr\n');
    expect(io.out).toContain('  accounts  2 (012345678901, 222233334444)\n');
    expect(io.out).toContain('  rows      17 read, 11 rated, 0 skipped\n');
    expect(io.out).toContain('  unblended read 421.73, accounted 421.73\n');
    expect(io.out).toContain('  by kind   usage        2.42730419\n');
    expect(io.out).toContain('line 18 statement blended: stated 421.61, rows 421.61 ok');
  });

  it('main(["inspect"]) without files or with a bad --format is bad usage (exit 2)', async () => {
    const io = captureIo();
    expect(await main(['inspect'], io)).toBe(2);
    expect(await main(['inspect', 'x.csv', '--format', 'xml'], io)).toBe(2);
    expect(await main(['inspect', 'x.csv', '--bogus'], io)).toBe(2);
    expect(io.out).toBe('');
  });

  it('main(["inspect", missing file]) reports the file and exits 1', async () => {
    const io = captureIo();
    expect(await main(['inspect', '/no/such/file.csv', '--format', 'json'], io)).toBe(1);
    expect(JSON.parse(io.out).issues[0]).toMatchObject({ severity: 'error', message: '/no/such/file.csv does not exist.' });
  });
  it('main(["inspect", focus sample, "--format", "json"]) gives 1,000 rows and Σ BilledCost per provider (AWS 18.0066386184)', async () => {
    const io = captureIo();
    const code = await main(['inspect', path.join(PUBLIC, 'focus-1.0-sample.csv'), '--format', 'json'], io);
    expect(code).toBe(0);
    const [file] = JSON.parse(io.out).files;
    expect(file).toMatchObject({ format: 'focus', rowsRead: 1000, rowsSkipped: 0, unblendedRead: '20.52022672899', unblendedAccounted: '20.52022672899' });
    expect(file.byProvider).toEqual({
      AWS: { lines: 942, unblended: '18.0066386184' },
      Microsoft: { lines: 51, unblended: '1.97651418586' },
      Oracle: { lines: 7, unblended: '0.53707392473' },
    });
  });
});

describe('writePrettyJson', () => {
  it('writes what JSON.stringify(…, null, 2) writes, in parts', () => {
    const nested = { a: 1, b: [1, { c: 'x\ny "q"' }], d: {}, e: [], f: null, g: { h: { i: ['j'] } } };
    const cases: [string, unknown[]][][] = [
      [],
      [['files', []], ['issues', []]],
      [['files', [nested]], ['issues', []]],
      [['files', [nested, 'text', 3, [], {}]], ['issues', [{ code: 'X', message: 'a\u2028b' }]]],
    ];
    for (const fields of cases) {
      let written = '';
      writePrettyJson((text) => (written += text), fields.map(([key, items]) => [key, items, (item: unknown) => item]));
      expect(written).toBe(`${JSON.stringify(Object.fromEntries(fields), null, 2)}\n`);
    }
  });
});
