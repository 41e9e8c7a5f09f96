/**
 * `rerate sql --dialect duckdb` (SCALE.md): the query generated from the CUR and FOCUS readers' own
 * definitions, run by DuckDB over each billing file, gives a groups table that prices exactly as the
 * JavaScript readers' run — `rerate invoice groups.csv` prints the JSON, stderr and exit code of
 * `rerate invoice FILES` to the byte — for every golden scenario in CUR, the public CUR sample, the
 * demo month, the CUR 2.0 fixture (its `product` map as JSON text) and the FOCUS 1.2 fixture, with
 * their price books and under owner-only and account grain. Where the reader warns or skips row by
 * row (the public FOCUS sample's account ids, a FOCUS file with bad rows) the query counts per reason:
 * the invoices, controls, other issues and stderr are the same to the byte, the counts per issue code
 * the same, and the messages those of the groups reader (listed).
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { csvRow } from '../../src/cli/csvRow';
import { openDuckdb, rowsToCsv, type DuckdbSession } from '../../src/cli/duckdb/duckdbSession';
import { fileGroupsQuery } from '../../src/cli/duckdb/fileGroupsQuery';
import { captureIo } from '../helpers/captureIo';
import { focusWithBadRows } from './focusBadRows';

const REPO = path.resolve(__dirname, '..', '..');
const GOLDEN = path.join(REPO, 'test', 'golden');

let session: DuckdbSession;
let dir: string;
beforeAll(async () => {
  session = await openDuckdb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-sql-'));
});
afterAll(() => {
  session.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** DuckDB's groups of `files` (named as given, resolved against `cwd`) in one groups file. */
async function duckdbGroups(files: string[], cwd: string, name: string): Promise<string> {
  let text = '';
  for (const file of files) {
    const planned = await fileGroupsQuery(session, path.resolve(cwd, file), file);
    if ('reason' in planned) throw new Error(`${file}: ${planned.reason}`);
    const result = await session.rows(planned.sql);
    const csv = rowsToCsv(result.columns, result.rows, csvRow);
    text += text === '' ? csv : csv.slice(csv.indexOf('\n') + 1);
  }
  const out = path.join(dir, `${name}.groups.csv`);
  fs.writeFileSync(out, text);
  return out;
}

async function expectSameAsJavaScript(files: string[], options: string[], cwd: string, name: string): Promise<void> {
  const direct = await run(['invoice', ...files, ...options, '--format', 'json'], cwd);
  const groups = await duckdbGroups(files, cwd, name);
  const viaSql = await run(['invoice', groups, ...options, '--format', 'json'], cwd);
  expect(viaSql.out).toBe(direct.out);
  expect(viaSql.err).toBe(direct.err);
  expect(viaSql.code).toBe(direct.code);
}

const goldenCases = fs.readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(GOLDEN, entry.name, 'case.json')))
  .map((entry) => entry.name)
  .filter((name) => !name.startsWith('dbr-'))
  .sort();

describe('rerate sql --dialect duckdb: DuckDB groups price as the JavaScript readers', () => {
  test.each(goldenCases)('golden %s', async (name) => {
    const spec = JSON.parse(fs.readFileSync(path.join(GOLDEN, name, 'case.json'), 'utf8')) as { args: string[] };
    const first = spec.args.findIndex((arg) => arg.startsWith('--'));
    const files = first < 0 ? spec.args : spec.args.slice(0, first);
    await expectSameAsJavaScript(files, first < 0 ? [] : spec.args.slice(first), path.join(GOLDEN, name), name);
  });

  const demo = ['--pricebook', 'samples/demo/pricebook.csv', '--customers', 'samples/demo/customers.csv', '--fx', 'samples/demo/fx.csv'];
  test.each([
    ['samples/public/cur1-sample-2023-11.csv'],
    ['samples/demo/cur-2023-10-11.csv'],
    ['test/fixtures/cur2/cur2-2023-12.csv'],
  ])('%s, with and without the demo tables, owner-only and account grain', async (file) => {
    await expectSameAsJavaScript([file], [], REPO, 'plain');
    await expectSameAsJavaScript([file], demo, REPO, 'demo');
    await expectSameAsJavaScript([file], [...demo, '--commitments', 'owner-only', '--grain', 'account', '--tax', 'pass-through'], REPO, 'owner');
  });

  test('rerate sql --dialect duckdb --from FILE prints the query; --dialect athena needs no file', async () => {
    const duck = await run(['sql', '--dialect', 'duckdb', '--from', 'samples/public/cur1-sample-2023-11.csv'], REPO);
    expect(duck.code).toBe(0);
    expect(duck.out).toContain("read_csv('");
    expect(duck.out).toContain('"lineItem/UnblendedCost"');
    const athena = await run(['sql', '--dialect', 'athena', '--from', 'cur_db.cur_table'], REPO);
    expect(athena.code).toBe(0);
    expect(athena.out).toContain('FROM cur_db.cur_table');
    expect(athena.out).toContain('"$path"');
    expect(athena.out).toContain('regexp_like(');
    const focus = await run(['sql', '--dialect', 'trino', '--from', 't', '--format', 'focus'], REPO);
    expect(focus.code).toBe(0);
    expect(focus.out).toContain('"BilledCost"');
    expect(focus.out).toContain("'focus' AS format");
    const duckFocus = await run(['sql', '--dialect', 'duckdb', '--from', 'test/fixtures/focus/focus-1.2-2025-01.csv'], REPO);
    expect(duckFocus.code).toBe(0);
    expect(duckFocus.out).toContain('"x_ServiceCode"');
    const dbr = await run(['sql', '--dialect', 'trino', '--from', 't', '--format', 'dbr'], REPO);
    expect(dbr.code).toBe(2);
    expect(dbr.err).toContain('--format must be cur1, cur2 or focus');
  });
});

/** The JSON of a run without its issues, as text; its issues; its stderr without the lines of `codes`. */
function parts(result: { out: string; err: string }, codes: string[]): { rest: string; issues: Issue[]; err: string } {
  const { issues, ...rest } = JSON.parse(result.out) as { issues: Issue[] };
  const err = result.err.split('\n').filter((line) => !codes.some((code) => line.includes(` ${code} `))).join('\n');
  return { rest: JSON.stringify(rest, null, 2), issues, err };
}

interface Issue { code: string; severity: string; message: string; count?: number; source?: { file: string; line: number; column?: string } }

/** Σ count per code and severity: what the reader reports row by row, the query counts per reason. */
function countsByCode(issues: Issue[]): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const issue of issues) counts[`${issue.code} ${issue.severity}`] = (counts[`${issue.code} ${issue.severity}`] ?? 0) + (issue.count ?? 1);
  return counts;
}

describe('rerate sql --dialect duckdb over FOCUS: DuckDB groups price as the JavaScript FOCUS reader', () => {
  const demo = ['--pricebook', 'samples/demo/pricebook.csv', '--customers', 'samples/demo/customers.csv', '--fx', 'samples/demo/fx.csv'];
  const fixture = 'test/fixtures/focus/focus-1.2-2025-01.csv';

  test('the FOCUS 1.2 fixture (every kind, a Savings Plan, a reservation, support, another provider), with the demo tables, owner-only and account grain', async () => {
    await expectSameAsJavaScript([fixture], [], REPO, 'focus-plain');
    await expectSameAsJavaScript([fixture], demo, REPO, 'focus-demo');
    await expectSameAsJavaScript([fixture], [...demo, '--commitments', 'owner-only', '--grain', 'account', '--tax', 'pass-through'], REPO, 'focus-owner');
    for (const basis of ['amortized', 'list', 'blended']) {
      const book = path.join(dir, `book-${basis}.csv`);
      fs.writeFileSync(book, `Rule,ProductCode,Basis,Method,Value\nall,,${basis},margin,10%\n`);
      await expectSameAsJavaScript([fixture], ['--pricebook', book], REPO, `focus-${basis}`);
    }
  });

  test('the public FOCUS 1.0 sample: the same invoices and controls to the byte; its 942 AWS rows with 13- and 11-digit account ids are one note', async () => {
    const file = 'samples/public/focus-1.0-sample.csv';
    for (const [name, options] of [['sample', []], ['sample-demo', demo], ['sample-owner', [...demo, '--commitments', 'owner-only', '--grain', 'account']]] as const) {
      const direct = await run(['invoice', file, ...options, '--format', 'json'], REPO);
      const groups = await duckdbGroups([file], REPO, name);
      const viaSql = await run(['invoice', groups, ...options, '--format', 'json'], REPO);
      const a = parts(direct, ['BAD_VALUE']);
      const b = parts(viaSql, ['BAD_VALUE']);
      expect(b.rest).toBe(a.rest);
      expect(b.err).toBe(a.err);
      expect(viaSql.code).toBe(direct.code);
      expect(b.issues.filter((i) => i.code !== 'BAD_VALUE')).toEqual(a.issues.filter((i) => i.code !== 'BAD_VALUE'));
      // The reader warns per column (both ids are bad on every AWS row); the query counts rows with a bad id.
      expect(a.issues.filter((i) => i.code === 'BAD_VALUE').map((i) => [i.source?.column, i.count])).toEqual([['BillingAccountId', 942], ['SubAccountId', 942]]);
      expect(b.issues.filter((i) => i.code === 'BAD_VALUE').map((i) => [i.severity, i.count, i.message])).toEqual([['warning', 942,
        `942 rows of ${file} (counted by the query that wrote ${groups}) have an account id that is not 12 digits; they are billed under the id as written.`]]);
    }
  });

  test('bad rows: the first bad cell in the reader\'s order decides the reason, `??` reads PricingQuantity only for a null ConsumedQuantity, notes count what the reader warns about', async () => {
    const file = focusWithBadRows(path.join(dir, 'focus-bad-2025-01.csv'));
    for (const [name, options] of [['bad', []], ['bad-demo', demo]] as const) {
      const direct = await run(['invoice', file, ...options, '--format', 'json'], REPO);
      const groups = await duckdbGroups([file], REPO, name);
      const viaSql = await run(['invoice', groups, ...options, '--format', 'json'], REPO);
      const codes = ['BAD_VALUE', 'BAD_NUMBER', 'BAD_DATE'];
      const a = parts(direct, codes);
      const b = parts(viaSql, codes);
      expect(b.rest).toBe(a.rest);
      expect(b.err).toBe(a.err);
      expect(viaSql.code).toBe(direct.code);
      expect(b.issues.filter((i) => !codes.includes(i.code))).toEqual(a.issues.filter((i) => !codes.includes(i.code)));
      expect(countsByCode(b.issues.filter((i) => codes.includes(i.code)))).toEqual(countsByCode(a.issues.filter((i) => codes.includes(i.code))));
      expect(a.issues.filter((i) => codes.includes(i.code)).map((i) => [i.code, i.source?.column, i.source?.line, i.count])).toEqual([
        ['BAD_NUMBER', 'EffectiveCost', 2, 1],
        ['BAD_DATE', 'BillingPeriodStart', 3, 1],
        ['BAD_NUMBER', 'ConsumedQuantity', 4, 1],
        ['BAD_NUMBER', 'PricingQuantity', 5, 1],
        ['BAD_VALUE', 'ChargeCategory', 7, 1],
        ['BAD_VALUE', 'SubAccountId', 10, 2],
        ['BAD_VALUE', 'Tags', 11, 1],
        ['BAD_VALUE', 'BillingAccountId', 16, 1],
      ]);
      const by = `${file} (counted by the query that wrote ${groups})`;
      expect(b.issues.filter((i) => codes.includes(i.code)).map((i) => [i.code, i.severity, i.count, i.message])).toEqual([
        ['BAD_DATE', 'error', 1, `1 row of ${file} was skipped by the query that wrote ${groups} (BAD_DATE).`],
        ['BAD_NUMBER', 'error', 3, `3 rows of ${file} were skipped by the query that wrote ${groups} (BAD_NUMBER); their unblended cost 0.96 is accounted as skipped.`],
        ['BAD_VALUE', 'warning', 1, `1 row of ${by} has a line item type or charge category FORMATS.md does not map; they are read as fees.`],
        ['BAD_VALUE', 'warning', 3, `3 rows of ${by} have an account id that is not 12 digits; they are billed under the id as written.`],
        ['BAD_VALUE', 'warning', 1, `1 row of ${by} has a product or tags cell that is not a JSON object; it is ignored.`],
      ]);
    }
  });
});
