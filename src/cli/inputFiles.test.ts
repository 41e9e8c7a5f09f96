import { copyFileSync, mkdtempSync, readFileSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { zipSync } from 'fflate';
import { captureIo } from '../../test/helpers/captureIo';
import { main } from './main';

const PUBLIC = path.resolve(__dirname, '../../samples/public');
const CUR = path.join(PUBLIC, 'cur1-sample-2023-11.csv');
const FOCUS = path.join(PUBLIC, 'focus-1.0-sample.csv');

interface ControlJson { file: string; format: string; rowsRead: number; rowsRated: number; rowsSkipped: number; unblendedRead: string; unblendedAccounted: string }
interface RunJson { controls: ControlJson[]; issues: { code: string; severity: string; message: string }[]; invoices?: unknown[]; walks?: unknown[] }

async function runJson(command: 'invoice' | 'reconcile', files: string[], cwd: string): Promise<{ code: number; json: RunJson; err: string }> {
  const io = captureIo(cwd);
  const code = await main([command, ...files, '--format', 'json'], io);
  return { code, json: JSON.parse(io.out) as RunJson, err: io.err };
}

/** Controls of one run with their file names swapped for `name(file)`. */
const renamed = (controls: ControlJson[], name: (file: string) => string) => controls.map((c) => ({ ...c, file: name(c.file) }));

describe('rerate invoice and reconcile on a zip of CSVs', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rerate-zip-'));
  writeFileSync(path.join(dir, 'one.zip'), zipSync({ 'a.csv': readFileSync(CUR) }));
  writeFileSync(path.join(dir, 'two.zip'), zipSync({ 'a.csv': readFileSync(CUR), 'b.csv': readFileSync(FOCUS) }));

  for (const command of ['invoice', 'reconcile'] as const) {
    it(`main(["${command}", zip of one CSV]) lists one control row "one.zip!a.csv" equal to the plain CSV's, exit 0`, async () => {
      const plain = await runJson(command, [CUR], dir);
      const zipped = await runJson(command, ['one.zip'], dir);
      expect(zipped.err).toBe('');
      expect(zipped.code).toBe(0);
      expect(zipped.json.controls).toEqual(renamed(plain.json.controls, () => 'one.zip!a.csv'));
      expect(zipped.json.controls[0]).toMatchObject({ rowsRead: 1281, rowsRated: 1281, unblendedRead: '1.6823086974', unblendedAccounted: '1.6823086974' });
    });

    it(`main(["${command}", zip of two CSVs]) lists one control row per CSV, each equal to the plain CSV's, exit 0`, async () => {
      const plain = await runJson(command, [CUR, FOCUS], dir);
      const zipped = await runJson(command, ['two.zip'], dir);
      expect(zipped.json.issues.filter((i) => i.code === 'CONTROL_TOTAL_MISMATCH')).toEqual([]);
      expect(zipped.code).toBe(plain.code);
      expect(zipped.json.controls).toEqual(renamed(plain.json.controls, (file) => (file === CUR ? 'two.zip!a.csv' : 'two.zip!b.csv')));
      expect(zipped.json.invoices ?? zipped.json.walks).toEqual(plain.json.invoices ?? plain.json.walks);
    });
  }
});

describe('the same billing file given twice', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rerate-dup-'));
  copyFileSync(CUR, path.join(dir, 'a.csv'));
  copyFileSync(CUR, path.join(dir, 'copy.csv'));
  symlinkSync(path.join(dir, 'a.csv'), path.join(dir, 'link.csv'));
  // Same size, different bytes: a different file, read in full.
  writeFileSync(path.join(dir, 'other.csv'), readFileSync(CUR, 'utf8').replace('qmooz4hg3j', 'qmooz4hg3k'));

  const cases: [string, string, RegExp][] = [
    ['the same path written two ways', './a.csv', /^DUPLICATE_FILE \.\/a\.csv is the same file as a\.csv; read once\.$/m],
    ['a symlink to it', 'link.csv', /^DUPLICATE_FILE link\.csv is the same file as a\.csv; read once\.$/m],
    ['a byte-identical copy', 'copy.csv', /^DUPLICATE_FILE copy\.csv has the same content as a\.csv; read once\.$/m],
  ];
  for (const [what, second, warning] of cases) {
    for (const command of ['invoice', 'reconcile'] as const) {
      it(`main(["${command}", "a.csv", ${what}]) reads a.csv once and warns DUPLICATE_FILE naming both, exit 0`, async () => {
        const once = await runJson(command, ['a.csv'], dir);
        const twice = await runJson(command, ['a.csv', second], dir);
        expect(twice.code).toBe(0);
        expect(twice.err).toMatch(warning);
        expect(twice.json.issues).toEqual([expect.objectContaining({ code: 'DUPLICATE_FILE', severity: 'warning' })]);
        expect(twice.json.controls).toEqual(once.json.controls);
        expect(twice.json.invoices ?? twice.json.walks).toEqual(once.json.invoices ?? once.json.walks);
      });
    }

    it(`main(["inspect", "a.csv", ${what}]) lists a.csv once and warns DUPLICATE_FILE, exit 0`, async () => {
      const io = captureIo(dir);
      expect(await main(['inspect', 'a.csv', second, '--format', 'json'], io)).toBe(0);
      expect(io.err).toMatch(warning);
      const json = JSON.parse(io.out) as { files: { file: string; rowsRead: number }[] };
      expect(json.files.map((f) => [f.file, f.rowsRead])).toEqual([['a.csv', 1281]]);
    });
  }

  it('main(["invoice", "a.csv", same size but other bytes]) reads both files, no DUPLICATE_FILE', async () => {
    const both = await runJson('invoice', ['a.csv', 'other.csv'], dir);
    expect(both.err).not.toContain('DUPLICATE_FILE');
    expect(both.json.controls.map((c) => c.file)).toEqual(['a.csv', 'other.csv']);
  });

  it('main(["invoice", "a.csv", "missing.csv"]) still reports the missing file, not a duplicate', async () => {
    const io = captureIo(dir);
    expect(await main(['invoice', 'a.csv', 'missing.csv', 'missing.csv'], io)).toBe(1);
    expect(io.err).toMatch(/UNREADABLE_FILE .*missing\.csv does not exist/);
  });
});
