/**
 * `rerate invoice --engine duckdb` (SCALE.md): the same stdout (JSON to the byte), stderr and exit
 * code as the JavaScript readers for every golden scenario, the public samples, the demo month, the
 * CUR 2.0 and FOCUS 1.2 fixtures, gzips, Parquet files (CUR 2.0, FOCUS) and a generated month; and
 * every fallback — a file DuckDB cannot prove exact goes through the JavaScript readers with one
 * ENGINE_FALLBACK info saying why, and the output is otherwise the same.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { gzipSync } from 'node:zlib';
import { zipSync } from 'fflate';
import Papa from 'papaparse';
import { main } from '../../src/cli/main';
import { openDuckdb, type DuckdbSession } from '../../src/cli/duckdb/duckdbSession';
import { captureIo } from '../helpers/captureIo';
import { focusWithBadRows } from './focusBadRows';

const REPO = path.resolve(__dirname, '..', '..');
const GOLDEN = path.join(REPO, 'test', 'golden');
const CUR1 = path.join(REPO, 'samples/public/cur1-sample-2023-11.csv');

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-duckdb-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(args: string[], cwd: string): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(cwd);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** Runs `invoice` both ways; `fallbacks` files must be read by the JavaScript readers with an ENGINE_FALLBACK info. */
async function expectSameAsJavaScript(files: string[], options: string[], cwd: string, fallbacks: Record<string, string> = {}): Promise<void> {
  const direct = await run(['invoice', ...files, ...options, '--format', 'json'], cwd);
  const duck = await run(['invoice', ...files, ...options, '--format', 'json', '--engine', 'duckdb'], cwd);
  const json = JSON.parse(duck.out) as { issues: { code: string; message: string; source?: { file: string } }[] };
  const infos = json.issues.filter((issue) => issue.code === 'ENGINE_FALLBACK');
  expect(Object.fromEntries(infos.map((issue) => [issue.source?.file, issue.message]))).toEqual(
    Object.fromEntries(Object.entries(fallbacks).map(([file, why]) => [file, expect.stringContaining(why)])),
  );
  json.issues = json.issues.filter((issue) => issue.code !== 'ENGINE_FALLBACK');
  expect(`${JSON.stringify(json, null, 2)}\n`).toBe(direct.out);
  expect(duck.err.split('\n').filter((line) => !line.includes('ENGINE_FALLBACK')).join('\n')).toBe(direct.err);
  expect(duck.code).toBe(direct.code);
}

const goldenCases = fs.readdirSync(GOLDEN, { withFileTypes: true })
  .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(GOLDEN, entry.name, 'case.json')))
  .map((entry) => entry.name)
  .sort();

const demo = ['--pricebook', 'samples/demo/pricebook.csv', '--customers', 'samples/demo/customers.csv', '--fx', 'samples/demo/fx.csv'];

/** Runs `sql` in a DuckDB session of its own (writing a Parquet file with COPY), and `then` over the same session before it closes. */
async function withDuckdb<T>(sql: string, then: (session: DuckdbSession) => Promise<T> = async () => undefined as T): Promise<T> {
  const session = await openDuckdb();
  try {
    await session.rows(sql);
    return await then(session);
  } finally {
    session.close();
  }
}

describe('rerate invoice --engine duckdb gives what the JavaScript readers give', () => {
  test.each(goldenCases)('golden %s', async (name) => {
    const spec = JSON.parse(fs.readFileSync(path.join(GOLDEN, name, 'case.json'), 'utf8')) as { args: string[] };
    const first = spec.args.findIndex((arg) => arg.startsWith('--'));
    const files = first < 0 ? spec.args : spec.args.slice(0, first);
    // The DBR scenario is the one format the SQL path does not cover.
    const fallbacks = name.startsWith('dbr-') ? Object.fromEntries(files.map((file) => [file, 'its format is dbr'])) : {};
    await expectSameAsJavaScript(files, first < 0 ? [] : spec.args.slice(first), path.join(GOLDEN, name), fallbacks);
  });

  test.each([
    [['samples/public/cur1-sample-2023-11.csv'], {}],
    [['samples/demo/cur-2023-10-11.csv'], {}],
    [['test/fixtures/cur2/cur2-2023-12.csv'], {}],
    [['test/fixtures/focus/focus-1.2-2025-01.csv'], {}],
    // Its AWS rows' ids are 13 and 11 digits: warnings the reader gives per row.
    [['samples/public/focus-1.0-sample.csv'], { 'samples/public/focus-1.0-sample.csv': 'cannot prove exact (942 BAD_ACCOUNT_ID)' }],
  ] as [string[], Record<string, string>][])('%s, with the demo tables and under owner-only and account grain', async (files, fallbacks) => {
    await expectSameAsJavaScript(files, [], REPO, fallbacks);
    await expectSameAsJavaScript(files, demo, REPO, fallbacks);
    await expectSameAsJavaScript(files, [...demo, '--commitments', 'owner-only', '--grain', 'account', '--credits', 'same-period'], REPO, fallbacks);
  });

  test('a .csv.gz and a Parquet file written by DuckDB (DOUBLE costs, TIMESTAMP periods, a product MAP)', async () => {
    const gz = path.join(dir, 'cur1-2023-11.csv.gz');
    fs.writeFileSync(gz, gzipSync(fs.readFileSync(CUR1)));
    await expectSameAsJavaScript([gz], demo, REPO);
    const parquet = path.join(dir, 'cur2-2023-12.parquet');
    await withDuckdb(`COPY (SELECT * REPLACE (
          CAST(bill_billing_period_start_date AS TIMESTAMP) AS bill_billing_period_start_date,
          CAST(line_item_unblended_cost AS DOUBLE) AS line_item_unblended_cost, CAST(line_item_blended_cost AS DOUBLE) AS line_item_blended_cost,
          CAST(line_item_usage_amount AS DOUBLE) AS line_item_usage_amount, CAST(pricing_public_on_demand_cost AS DOUBLE) AS pricing_public_on_demand_cost,
          CAST(json(product) AS MAP(VARCHAR, VARCHAR)) AS product)
        FROM read_csv('${path.join(REPO, 'test/fixtures/cur2/cur2-2023-12.csv')}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    await expectSameAsJavaScript([parquet], demo, REPO);
  });

  test('a FOCUS .csv.gz and a FOCUS Parquet file written by DuckDB (DOUBLE costs, TIMESTAMP periods)', async () => {
    const focus = path.join(REPO, 'test/fixtures/focus/focus-1.2-2025-01.csv');
    const gz = path.join(dir, 'focus-2025-01.csv.gz');
    fs.writeFileSync(gz, gzipSync(fs.readFileSync(focus)));
    await expectSameAsJavaScript([gz], demo, REPO);
    const parquet = path.join(dir, 'focus-2025-01.parquet');
    await withDuckdb(`COPY (SELECT * REPLACE (
          CAST(replace(BillingPeriodStart, 'Z', '') AS TIMESTAMP) AS BillingPeriodStart,
          TRY_CAST(BilledCost AS DOUBLE) AS BilledCost, TRY_CAST(EffectiveCost AS DOUBLE) AS EffectiveCost,
          TRY_CAST(ListCost AS DOUBLE) AS ListCost, TRY_CAST(ConsumedQuantity AS DOUBLE) AS ConsumedQuantity)
        FROM read_csv('${focus}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
    await expectSameAsJavaScript([parquet], [...demo, '--commitments', 'owner-only'], REPO);
  });

  test('a generated month (bench/generate-cur.js, 20,000 rows)', async () => {
    const month = path.join(dir, 'generated-2023-11.csv');
    execFileSync(process.execPath, [path.join(REPO, 'bench/generate-cur.js'), month, '20000'], { stdio: 'ignore' });
    const tables = ['--pricebook', path.join(dir, 'book.csv'), '--customers', 'samples/demo/customers.csv'];
    fs.writeFileSync(path.join(dir, 'book.csv'), 'Rule,ProductCode,Basis,Method,Value\nec2,AmazonEC2,list,discount,5%\ns3,AmazonS3,,rate,0.02\nall,,amortized,margin,15%\n');
    await expectSameAsJavaScript([month], tables, REPO);
    await expectSameAsJavaScript([month], ['--commitments', 'owner-only', '--grain', 'account'], REPO);
  });

  test('the generated month as Parquet typed by DuckDB itself (TIMESTAMP WITH TIME ZONE periods, DOUBLE costs), as the bench writes it: read by DuckDB, no fallback', async () => {
    const month = path.join(dir, 'typed-2023-11.csv');
    execFileSync(process.execPath, [path.join(REPO, 'bench/generate-cur.js'), month, '5000'], { stdio: 'ignore' });
    const parquet = path.join(dir, 'typed-2023-11.parquet');
    const types = await withDuckdb(`COPY (SELECT * FROM read_csv('${month}')) TO '${parquet}' (FORMAT parquet)`,
      (session) => session.rows(`SELECT column_type FROM (DESCRIBE SELECT * FROM read_parquet('${parquet}')) WHERE column_name = 'bill/BillingPeriodStartDate'`));
    expect(types.rows).toEqual([['TIMESTAMP WITH TIME ZONE']]);
    fs.writeFileSync(path.join(dir, 'typed-book.csv'), 'Rule,ProductCode,Basis,Method,Value\nec2,AmazonEC2,list,discount,5%\nall,,amortized,margin,15%\n');
    await expectSameAsJavaScript([parquet], ['--pricebook', path.join(dir, 'typed-book.csv'), '--customers', 'samples/demo/customers.csv'], REPO);
  });

  describe('fallbacks: the file goes through the JavaScript readers, with the reason', () => {
    const parsed = Papa.parse<string[]>(fs.readFileSync(CUR1, 'utf8'), { skipEmptyLines: true }).data;
    const header = parsed[0];
    const column = (name: string): number => header.indexOf(name);
    /** The CUR sample's first 60 rows with `change` applied, as a file. */
    const damaged = (name: string, change: (rows: string[][]) => void): string => {
      const rows = parsed.slice(0, 61).map((row) => row.slice());
      change(rows);
      const file = path.join(dir, name);
      fs.writeFileSync(file, `${Papa.unparse(rows, { newline: '\n' })}\n`);
      return file;
    };

    test('more decimals than the scale (19), a bad number, an unknown line item type, an account id that is not 12 digits', async () => {
      const precise = damaged('precise-2023-11.csv', (rows) => { rows[3][column('lineItem/UnblendedCost')] = '0.0000000000000000001'; });
      const bad = damaged('bad-2023-11.csv', (rows) => { rows[4][column('lineItem/UsageAmount')] = '12 units'; });
      const unknown = damaged('unknown-2023-11.csv', (rows) => { rows[5][column('lineItem/LineItemType')] = 'MysteryCharge'; });
      const account = damaged('account-2023-11.csv', (rows) => { rows[6][column('lineItem/UsageAccountId')] = '1.23412E+11'; });
      await expectSameAsJavaScript([precise, bad, unknown, account], demo, REPO, {
        [precise]: '1 PRECISION', [bad]: '1 BAD_NUMBER', [unknown]: '1 UNKNOWN_KIND', [account]: '1 BAD_ACCOUNT_ID',
      });
    });

    test('FOCUS: bad rows and warnings; SubAccountId missing (BillingAccountId stands in, a MISSING_COLUMN warning)', async () => {
      const bad = focusWithBadRows(path.join(dir, 'focus-bad-2025-01.csv'));
      const text = fs.readFileSync(path.join(REPO, 'test/fixtures/focus/focus-1.2-2025-01.csv'), 'utf8');
      const noSubAccount = path.join(dir, 'focus-payer-2025-01.csv');
      fs.writeFileSync(noSubAccount, text.replace(',SubAccountId,', ',SubAccountIdentifier,'));
      await expectSameAsJavaScript([bad, noSubAccount], demo, REPO, {
        [bad]: 'cannot prove exact (1 BAD_DATE, 3 BAD_NUMBER, 1 UNKNOWN_KIND, 3 BAD_ACCOUNT_ID, 1 BAD_JSON)',
        [noSubAccount]: 'its header lacks a column the reader warns about',
      });
    });

    test('numbers at the edges of the fast 64-bit parse (12 decimals, 6 integer digits, exponent forms) sum exactly as the readers sum them, as text and as Parquet DOUBLE', async () => {
      const values = ['0.123456789012', '0.1234567890123', '999999.999999999999', '1000000.5', '-999999.5', '1.04e-08', '1.5e-11', '1.25e-11',
        '9e-10', '12345.6e-3', '+.5', '1.', '1E-8', '-2.5e-7', '0.000000000001', '123456.000000000001'];
      const cost = column('lineItem/UnblendedCost');
      const edges = damaged('edges-2023-11.csv', (rows) => values.forEach((value, i) => { rows[i + 1][cost] = value; }));
      await expectSameAsJavaScript([edges], demo, REPO);
      const parquet = path.join(dir, 'edges-2023-11.parquet');
      await withDuckdb(`COPY (SELECT * REPLACE (CAST("lineItem/UnblendedCost" AS DOUBLE) AS "lineItem/UnblendedCost") FROM read_csv('${edges}', all_varchar = true)) TO '${parquet}' (FORMAT parquet)`);
      await expectSameAsJavaScript([parquet], demo, REPO);
    });

    test('CUR 2.0 map cells the reader takes as no map (blank, NULL, JSON null) are read by DuckDB; text that is not a JSON object falls back (BAD_JSON)', async () => {
      const cur2 = Papa.parse<string[]>(fs.readFileSync(path.join(REPO, 'test/fixtures/cur2/cur2-2023-12.csv'), 'utf8'), { skipEmptyLines: true }).data;
      const tags = cur2[0].indexOf('resource_tags');
      const write = (name: string, cells: string[]): string => {
        const rows = cur2.map((row) => row.slice());
        cells.forEach((cell, i) => { rows[i + 1][tags] = cell; });
        const file = path.join(dir, name);
        fs.writeFileSync(file, `${Papa.unparse(rows, { newline: '\n' })}\n`);
        return file;
      };
      const none = write('cur2-null-maps-2023-12.csv', ['NULL', 'null', ' null ', '', '{}']);
      const bad = write('cur2-bad-map-2023-12.csv', ['NULL', 'not json']);
      await expectSameAsJavaScript([none, bad], demo, REPO, { [bad]: '1 BAD_JSON' });
    });

    test('a malformed row, a quoted field spanning lines, a zip and a DBR', async () => {
      const malformed = damaged('malformed-2023-11.csv', (rows) => { rows[7] = rows[7].slice(0, 20); });
      const spanning = damaged('spanning-2023-11.csv', (rows) => { rows[8][column('lineItem/LineItemDescription')] = 'two\nlines'; });
      const zip = path.join(dir, 'cur1.zip');
      fs.writeFileSync(zip, zipSync({ 'cur1-2023-11.csv': fs.readFileSync(CUR1) }));
      const dbr = 'test/fixtures/dbr/dbr-2017-05.csv';
      await expectSameAsJavaScript([malformed, spanning, zip, dbr], demo, REPO, {
        [malformed]: 'DuckDB could not read it', [spanning]: 'cannot give the reader\'s line numbers', [zip]: 'a zip archive', [dbr]: 'its format is dbr',
      });
    });
  });
});
