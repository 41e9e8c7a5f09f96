import { existsSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { captureIo } from '../../test/helpers/captureIo';
import { NODE_FILE_OPS, openAtomicFile, writeFilesAtomically } from './atomicWrite';
import { main } from './main';

const CUR = path.resolve(__dirname, '../../samples/public/cur1-sample-2023-11.csv');
const COMMITMENTS = path.resolve(__dirname, '../../test/fixtures/commitments');

/** A CUR file of four rows whose second has the unblended cost `oops`: a BAD_NUMBER error, exit 1. */
function badCur(dir: string): string {
  const lines = readFileSync(CUR, 'utf8').split('\n').slice(0, 5);
  const header = lines[0].split(',');
  const column = header.indexOf('lineItem/UnblendedCost');
  const cells = lines[2].split(',');
  cells[column] = 'oops';
  lines[2] = cells.join(',');
  const file = path.join(dir, 'bad.csv');
  writeFileSync(file, `${lines.join('\n')}\n`);
  return file;
}

describe('--out is all or nothing', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rerate-out-'));
  });
  afterEach(() => jest.restoreAllMocks());

  for (const format of ['json', 'csv', 'table', 'xlsx']) {
    it(`main(["invoice", file with a BAD_NUMBER error, "--format", "${format}", "--out", existing F]) exits 1 and leaves F as it was`, async () => {
      writeFileSync(path.join(dir, 'out'), 'previous run\n');
      const io = captureIo(dir);
      expect(await main(['invoice', badCur(dir), '--format', format, '--out', 'out'], io)).toBe(1);
      expect(io.err).toMatch(/BAD_NUMBER/);
      expect(io.err).toContain('rerate invoice: out not written: the run has errors.');
      expect(readFileSync(path.join(dir, 'out'), 'utf8')).toBe('previous run\n');
      expect(readdirSync(dir).sort()).toEqual(['bad.csv', 'out']);
    });
  }

  it('main(["invoice", file with an error, "--out", new F]) exits 1 and creates no F; without --out the result still goes to stdout', async () => {
    const io = captureIo(dir);
    expect(await main(['invoice', badCur(dir), '--format', 'json', '--out', 'new.json'], io)).toBe(1);
    expect(io.out).toBe('');
    expect(existsSync(path.join(dir, 'new.json'))).toBe(false);
    const toStdout = captureIo(dir);
    expect(await main(['invoice', badCur(dir), '--format', 'json'], toStdout)).toBe(1);
    expect(JSON.parse(toStdout.out).issues[0]).toMatchObject({ code: 'BAD_NUMBER' });
  });

  it('main(["reconcile", file with an error, "--out", existing F]) exits 1 and leaves F as it was', async () => {
    writeFileSync(path.join(dir, 'walk.json'), 'old');
    const io = captureIo(dir);
    expect(await main(['reconcile', badCur(dir), '--format', 'json', '--out', 'walk.json'], io)).toBe(1);
    expect(readFileSync(path.join(dir, 'walk.json'), 'utf8')).toBe('old');
  });

  it('main(["invoice", …, "--out", F]) without errors writes F through a temp file and leaves nothing else', async () => {
    writeFileSync(path.join(dir, 'out.json'), 'old');
    const renames: [string, string][] = [];
    const rename = NODE_FILE_OPS.rename;
    jest.spyOn(NODE_FILE_OPS, 'rename').mockImplementation((from, to) => {
      renames.push([from, to]);
      rename(from, to);
    });
    const io = captureIo(dir);
    expect(await main(['invoice', CUR, '--format', 'json', '--out', 'out.json'], io)).toBe(0);
    expect(JSON.parse(readFileSync(path.join(dir, 'out.json'), 'utf8')).invoices).toHaveLength(1);
    expect(renames).toHaveLength(1);
    expect(path.dirname(renames[0][0])).toBe(dir);
    expect(renames[0][1]).toBe(path.join(dir, 'out.json'));
    expect(readdirSync(dir)).toEqual(['out.json']);
  });

  const usage: [string, (dir: string) => string, RegExp][] = [
    ['into a folder that does not exist', () => 'no-such-folder/out.json', /--out no-such-folder\/out\.json: the folder .*no-such-folder does not exist/],
    ['onto a folder', (d) => { mkdirSync(path.join(d, 'folder')); return 'folder'; }, /--out folder is a folder; name a file/],
    ['under a file', (d) => { writeFileSync(path.join(d, 'plain'), ''); return 'plain/out.json'; }, /--out plain\/out\.json: .*plain is not a folder/],
  ];
  for (const [what, out, message] of usage) {
    it(`main(["invoice", missing billing file, "--out" ${what}]) is bad usage (exit 2) naming the path, before any file is read`, async () => {
      const io = captureIo(dir);
      expect(await main(['invoice', 'missing.csv', '--format', 'json', '--out', out(dir)], io)).toBe(2);
      expect(io.err).toMatch(message);
      expect(io.err).not.toContain('UNREADABLE_FILE');
      expect(io.err).not.toMatch(/\n\s+at /);
    });
  }

  it('main(["rialloc", …, "--out" into a missing folder]) and main(["reconcile", …]) are bad usage (exit 2) too', async () => {
    const rialloc = captureIo(dir);
    expect(await main(['rialloc', '--usage', 'u.csv', '--reservations', 'r.csv', '--out', 'nope/x.json'], rialloc)).toBe(2);
    expect(rialloc.err).toMatch(/--out nope\/x\.json: the folder .*nope does not exist/);
    const reconcile = captureIo(dir);
    expect(await main(['reconcile', CUR, '--out', 'nope/x.json'], reconcile)).toBe(2);
  });

  for (const [step, format] of [['rename', 'json'], ['fsync', 'xlsx'], ['write', 'csv']] as const) {
    it(`main(["invoice", …, "--format", "${format}", "--out", F]) whose ${step} fails is UNWRITABLE_FILE (exit 1): F as it was, no temp file left`, async () => {
      writeFileSync(path.join(dir, 'out'), 'previous run\n');
      jest.spyOn(NODE_FILE_OPS, step).mockImplementation(() => {
        throw Object.assign(new Error('no space left on device'), { code: 'ENOSPC' });
      });
      const io = captureIo(dir);
      expect(await main(['invoice', CUR, '--format', format, '--out', 'out'], io)).toBe(1);
      expect(io.err).toBe('UNWRITABLE_FILE out could not be written (ENOSPC); nothing was written.\n');
      expect(readFileSync(path.join(dir, 'out'), 'utf8')).toBe('previous run\n');
      expect(readdirSync(dir)).toEqual(['out']);
    });
  }

  it('main(["rialloc", …, "--out", F]) whose write fails is UNWRITABLE_FILE (exit 1) with no temp file left', async () => {
    jest.spyOn(NODE_FILE_OPS, 'fsync').mockImplementation(() => {
      throw Object.assign(new Error('i/o error'), { code: 'EIO' });
    });
    const io = captureIo(dir);
    const code = await main(['rialloc', '--usage', path.join(COMMITMENTS, 'susan-bob-usage.csv'), '--reservations', path.join(COMMITMENTS, 'susan-bob-reservations.csv'),
      '--out', 'alloc.txt'], io);
    expect(code).toBe(1);
    expect(io.err).toContain('UNWRITABLE_FILE alloc.txt could not be written (EIO); nothing was written.');
    expect(readdirSync(dir)).toEqual([]);
  });

  it('main(["demo", "--out", DIR]) whose last file fails writes none of the three (exit 1)', async () => {
    const open = NODE_FILE_OPS.open;
    jest.spyOn(NODE_FILE_OPS, 'open').mockImplementation((file) => {
      if (file.includes('workbook.xlsx')) throw Object.assign(new Error('quota'), { code: 'EDQUOT' });
      return open(file);
    });
    const io = captureIo(dir);
    expect(await main(['demo', '--out', 'demo'], io)).toBe(1);
    expect(io.err).toMatch(/UNWRITABLE_FILE demo\/workbook\.xlsx could not be written \(EDQUOT\); nothing was written\./);
    expect(readdirSync(path.join(dir, 'demo'))).toEqual([]);
  });

  it('main(["demo", "--out", a file]) is bad usage (exit 2) naming it', async () => {
    writeFileSync(path.join(dir, 'taken'), '');
    const io = captureIo(dir);
    expect(await main(['demo', '--out', 'taken'], io)).toBe(2);
    expect(io.err).toMatch(/--out taken: cannot make the folder/);
  });

  it('writeFilesAtomically([a, b]) whose second open fails removes a\'s temp file and leaves a\'s target as it was', () => {
    writeFileSync(path.join(dir, 'a'), 'old a');
    let opens = 0;
    const open = NODE_FILE_OPS.open;
    const ops = { ...NODE_FILE_OPS, open: (file: string) => { opens += 1; if (opens === 2) throw Object.assign(new Error('x'), { code: 'EACCES' }); return open(file); } };
    expect(() => writeFilesAtomically([
      { path: path.join(dir, 'a'), name: 'a', data: 'new a' },
      { path: path.join(dir, 'b'), name: 'b', data: new Uint8Array([1, 2]) },
    ], ops)).toThrow('b could not be written (EACCES); nothing was written.');
    expect(readFileSync(path.join(dir, 'a'), 'utf8')).toBe('old a');
    expect(readdirSync(dir)).toEqual(['a']);
  });
});

describe('openAtomicFile: one file written in parts, all or nothing', () => {
  let dir: string;
  beforeEach(() => {
    dir = mkdtempSync(path.join(tmpdir(), 'rerate-parts-'));
    writeFileSync(path.join(dir, 'out.csv'), 'before');
  });
  const target = () => ({ path: path.join(dir, 'out.csv'), name: 'out.csv' });

  it('parts then commit: the target is the parts joined, no temp file left', () => {
    const file = openAtomicFile(target());
    file.write('a,b\r\n');
    file.write('1,2\r\n');
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('before');
    file.commit();
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('a,b\r\n1,2\r\n');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('abort: the target stays as it was and the temp file is gone', () => {
    const file = openAtomicFile(target());
    file.write('half');
    file.abort();
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('before');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });

  it('a write that fails (ENOSPC) throws UNWRITABLE_FILE naming the file; the temp file is removed, the target kept', () => {
    const file = openAtomicFile(target(), { ...NODE_FILE_OPS, write: () => { throw Object.assign(new Error('no space'), { code: 'ENOSPC' }); } });
    expect(() => file.write('x')).toThrow(expect.objectContaining({ code: 'UNWRITABLE_FILE', message: 'out.csv could not be written (ENOSPC); nothing was written.' }));
    expect(readFileSync(path.join(dir, 'out.csv'), 'utf8')).toBe('before');
    expect(readdirSync(dir)).toEqual(['out.csv']);
  });
});
