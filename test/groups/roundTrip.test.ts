/**
 * The groups table round trip (SCALE.md): `rerate groups FILES` → `rerate invoice groups.csv` prints
 * what `rerate invoice FILES` prints — the JSON to the byte (invoices, carried credits, issues with
 * their messages and lines, controls), stderr and the exit code — for every golden scenario, the
 * public samples, the demo month, the format fixtures and a file with bad rows; and under every
 * setting that changes which sums a group needs (bases, rate, owner-only, grain).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { zipSync, strToU8 } from 'fflate';
import Papa from 'papaparse';
import { main } from '../../src/cli/main';
import { captureIo } from '../helpers/captureIo';

const REPO = path.resolve(__dirname, '..', '..');
const GOLDEN = path.join(REPO, 'test', 'golden');

interface Run {
  code: number;
  out: string;
  err: string;
}

async function run(args: string[], cwd: string): Promise<Run> {
  const io = captureIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** The positional arguments before the first option are the billing files. */
function splitArgs(args: string[]): { files: string[]; options: string[] } {
  const first = args.findIndex((arg) => arg.startsWith('--'));
  return first < 0 ? { files: args, options: [] } : { files: args.slice(0, first), options: args.slice(first) };
}

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-groups-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

/** Runs `invoice FILES OPTIONS` directly and through a groups file, and expects the same output. */
async function expectRoundTrip(files: string[], options: string[], cwd: string, name: string): Promise<Run> {
  const direct = await run(['invoice', ...files, ...options, '--format', 'json'], cwd);
  const written = await run(['groups', ...files], cwd);
  // `rerate groups` exits 1 exactly when its read had errors: then so does the direct run.
  const rows = Papa.parse<Record<string, string>>(written.out, { header: true, skipEmptyLines: true }).data;
  const readErrors = rows.some((row) => row.rerate_groups_v1 === 'issue' && row.severity === 'error');
  expect(written.code).toBe(readErrors ? 1 : 0);
  if (readErrors) expect(direct.code).toBe(1);
  const groupsFile = path.join(dir, `${name}.groups.csv`);
  fs.writeFileSync(groupsFile, written.out);
  const viaGroups = await run(['invoice', groupsFile, ...options, '--format', 'json'], cwd);
  expect(viaGroups.out).toBe(direct.out);
  expect(viaGroups.err).toBe(direct.err);
  expect(viaGroups.code).toBe(direct.code);
  return direct;
}

const cases = fs.readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(GOLDEN, entry.name, 'case.json')))
  .map((entry) => entry.name)
  .sort();

describe('rerate groups → rerate invoice groups.csv equals rerate invoice FILES', () => {
  test.each(cases)('golden %s', async (name) => {
    const spec = JSON.parse(fs.readFileSync(path.join(GOLDEN, name, 'case.json'), 'utf8')) as { command: string; args: string[] };
    const { files, options } = splitArgs(spec.args);
    const direct = await expectRoundTrip(files, options, path.join(GOLDEN, name), name);
    expect(direct.out.length).toBeGreaterThan(0);
  });

  const samples = [
    ['samples/public/cur1-sample-2023-11.csv'],
    ['samples/public/focus-1.0-sample.csv'],
    ['samples/demo/cur-2023-10-11.csv'],
    ['test/fixtures/cur2/cur2-2023-12.csv', 'test/fixtures/focus/focus-1.2-2025-01.csv'],
    ['test/fixtures/dbr/dbr-2017-05.csv', 'test/fixtures/dbr/dbr-standalone-2017-06.csv', 'test/fixtures/dbr/monthly-2016-01.csv'],
    ['test/fixtures/dbr/dbr-mismatch-2017-07.csv'],
  ];
  const demoTables = ['--pricebook', 'samples/demo/pricebook.csv', '--customers', 'samples/demo/customers.csv', '--fx', 'samples/demo/fx.csv'];
  const settings: [string, string[]][] = [
    ['defaults', []],
    ['demo tables', demoTables],
    ['owner-only, grain account, same-period credits, tax pass-through', [...demoTables, '--commitments', 'owner-only', '--grain', 'account', '--credits', 'same-period', '--tax', 'pass-through']],
  ];
  test.each(samples.flatMap((files) => settings.map(([label, options]) => [files.join(' + '), label, files, options] as const)))(
    '%s (%s)', async (label, setting, files, options) => {
      await expectRoundTrip(files, options, REPO, `${label}-${setting}`.replace(/[^a-z0-9]+/gi, '-'));
    },
  );

  test('every basis and the rate method, from a price book written for the demo month', async () => {
    const book = [
      'Rule,Customer,Account,ProductCode,UsageType,Operation,Region,ChargeKind,BillingEntity,Basis,Method,Value,ValidFrom,ValidTo,Note',
      'ec2-list,,,AmazonEC2,,,,,,list,discount,5%,,,',
      's3-rate,,,AmazonS3,,,,,,,rate,0.02,,,',
      'rds-blended,,,AmazonRDS,,,,,,blended,markup,10%,,,',
      'all-amortized,,,,,,,,,amortized,margin,15%,,,',
    ].join('\n');
    fs.writeFileSync(path.join(dir, 'bases.csv'), `${book}\n`);
    for (const files of samples) {
      await expectRoundTrip(files, ['--pricebook', path.join(dir, 'bases.csv'), '--customers', 'samples/demo/customers.csv'], REPO, 'bases');
    }
  });

  test('a file with bad rows and bad numbers: the issues and skipped costs come through the groups file', async () => {
    const parsed = Papa.parse<string[]>(fs.readFileSync(path.join(REPO, 'samples/public/cur1-sample-2023-11.csv'), 'utf8'), { skipEmptyLines: true });
    const header = parsed.data[0];
    const cost = header.indexOf('lineItem/UnblendedCost');
    const usage = header.indexOf('lineItem/UsageAmount');
    const rows = parsed.data.slice(0, 40).map((row) => row.slice());
    rows[7][usage] = '12 units';
    rows[9][usage] = '3,5';
    rows[11][cost] = '12 USD';
    const lines = rows.map((row) => Papa.unparse([row]));
    lines[5] = lines[5].split(',').slice(0, 10).join(',');
    const damaged = lines;
    fs.writeFileSync(path.join(dir, 'damaged-2023-11.csv'), `${damaged.join('\n')}\n`);
    const direct = await expectRoundTrip([path.join(dir, 'damaged-2023-11.csv')], [], REPO, 'damaged');
    expect(direct.code).toBe(1);
    expect(direct.out).toContain('BAD_NUMBER');
    expect(direct.out).toContain('BAD_ROW');
  });

  test('a zip of two CSVs: one control row and group set per entry', async () => {
    const zip = zipSync({
      'cur1.csv': fs.readFileSync(path.join(REPO, 'samples/public/cur1-sample-2023-11.csv')),
      'focus.csv': fs.readFileSync(path.join(REPO, 'samples/public/focus-1.0-sample.csv')),
      'notes.csv': strToU8('a,b\n1,2\n'),
    });
    fs.writeFileSync(path.join(dir, 'two.zip'), zip);
    await expectRoundTrip([path.join(dir, 'two.zip')], demoTables, REPO, 'zip');
  });
});

describe('rerate groups --out', () => {
  test('writes what stdout gets; with error issues exit 1, the file not written (an existing one stays), stderr says so', async () => {
    const out = path.join(dir, 'out.groups.csv');
    const toStdout = await run(['groups', 'samples/public/cur1-sample-2023-11.csv'], REPO);
    const toFile = await run(['groups', 'samples/public/cur1-sample-2023-11.csv', '--out', out], REPO);
    expect(toFile.code).toBe(0);
    expect(toFile.out).toBe('');
    expect(fs.readFileSync(out, 'utf8')).toBe(toStdout.out);
    fs.writeFileSync(out, 'before');
    const failed = await run(['groups', 'test/fixtures/dbr/dbr-mismatch-2017-07.csv', '--out', out], REPO);
    expect(failed.code).toBe(1);
    expect(failed.err.endsWith(`rerate groups: ${out} not written: the run has errors.\n`)).toBe(true);
    expect(fs.readFileSync(out, 'utf8')).toBe('before');
    expect(fs.readdirSync(dir).filter((name) => name.startsWith('out.groups.csv') && name !== 'out.groups.csv')).toEqual([]);
  });
});
