/**
 * `rerate sql --dialect duckdb` (SCALE.md): the query generated from the CUR reader's own
 * definitions, run by DuckDB over each billing file, gives a groups table that prices exactly as the
 * JavaScript readers' run — `rerate invoice groups.csv` prints the JSON, stderr and exit code of
 * `rerate invoice FILES` to the byte — for every golden scenario in CUR, the public CUR sample, the
 * demo month and the CUR 2.0 fixture (its `product` map as JSON text), with their price books and
 * under owner-only and account grain.
 */
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { main } from '../../src/cli/main';
import { csvRow } from '../../src/cli/commands/lines';
import { openDuckdb, rowsToCsv, type DuckdbSession } from '../../src/cli/duckdb/duckdbSession';
import { fileGroupsQuery } from '../../src/cli/duckdb/fileGroupsQuery';
import { captureIo } from '../helpers/captureIo';

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
    expect(focus.code).toBe(2);
    expect(focus.err).toContain('CUR 1.0 and 2.0 only');
  });
});
