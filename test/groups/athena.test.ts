/**
 * Proof without a cloud (SCALE.md): the query `rerate sql --dialect athena` (and `trino`) prints is
 * (1) parsed by a Trino-grammar SQL parser (dt-sql-parser's TrinoSQL, built from Trino's own grammar),
 * and (2) run by DuckDB over tables shaped like AWS's Athena CUR tables — snake_case columns, DOUBLE
 * costs, TIMESTAMP billing periods, a MAP product column, a `"$path"` column — with two shims for the
 * Trino functions DuckDB spells otherwise (`regexp_like`, `element_at` on a MAP); and over FOCUS tables
 * (FOCUS names, DOUBLE costs, TIMESTAMP periods, a Tags MAP) with `--format focus`. Its groups, priced
 * by `rerate invoice groups.csv`, give the invoices, carried credits and controls the JavaScript
 * readers give on the same table written as Parquet, to the byte, and the same issues but for the line
 * numbers Athena cannot supply. DuckDB's DOUBLE → VARCHAR is checked to give JavaScript's value for
 * random doubles; Athena's own (Java's Double.toString) is not run here.
 */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as os from 'node:os';
import * as path from 'node:path';
import { TrinoSQL } from 'dt-sql-parser';
import fc from 'fast-check';
import { main } from '../../src/cli/main';
import { csvRow } from '../../src/cli/csvRow';
import { openDuckdb, rowsToCsv, sqlText, type DuckdbSession } from '../../src/cli/duckdb/duckdbSession';
import { CUR2_COLUMNS } from '../../src/formats/cur/curColumns';
import { FOCUS_COLUMNS, type FocusField } from '../../src/formats/focus/focusColumns';
import { groupsSql } from '../../src/formats/sql/groupsSql';
import { Decimal } from '../../src/engine/money';
import { captureIo } from '../helpers/captureIo';
import { focusWithBadRows } from './focusBadRows';

const REPO = path.resolve(__dirname, '..', '..');

let session: DuckdbSession;
let dir: string;
beforeAll(async () => {
  session = await openDuckdb();
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rerate-athena-'));
  // Trino's functions that DuckDB spells otherwise: the only shims between the query and DuckDB.
  await session.rows('CREATE MACRO regexp_like(s, p) AS regexp_matches(s, p)');
  await session.rows('CREATE MACRO element_at(m, k) AS map_extract_value(m, k)');
});
afterAll(() => {
  session.close();
  fs.rmSync(dir, { recursive: true, force: true });
});

async function run(args: string[]): Promise<{ code: number; out: string; err: string }> {
  const io = captureIo(REPO);
  const code = await main(args, io);
  return { code, out: io.out, err: io.err };
}

/** AWS's Athena name of a CUR 1.0 column: `lineItem/UnblendedCost` → `line_item_unblended_cost`. */
function athenaName(name: string): string {
  return name.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`).replace(/\//g, '_').replace(/:/g, '_').replace(/_+/g, '_').replace(/^_/, '');
}

/** The numeric columns the reader reads, as DOUBLE in Athena. */
const DOUBLES = new Set(['usageAmount', 'unblendedRate', 'unblendedCost', 'blendedRate', 'blendedCost', 'listCost', 'riEffectiveCost',
  'riUnusedUpfront', 'riUnusedRecurring', 'spEffectiveCost', 'spTotalCommitment', 'spUsedCommitment']
  .flatMap((field) => CUR2_COLUMNS[field as keyof typeof CUR2_COLUMNS] as string[]));

/**
 * A billing CSV as AWS's Athena CUR table holds it: snake_case names, DOUBLE costs, TIMESTAMP dates,
 * `product` a MAP; written as Parquet (what the JavaScript reader reads) and loaded as table `cur`
 * with `"$path"` = the Parquet file's name, as Athena gives the S3 object's.
 */
async function athenaTable(csv: string, name: string): Promise<string> {
  const described = await session.columns(`read_csv(${sqlText(csv)}, all_varchar = true)`);
  const select = described.map(({ name: column }) => {
    const snake = athenaName(column);
    const source = `"${column.replace(/"/g, '""')}"`;
    if (DOUBLES.has(snake)) return `TRY_CAST(${source} AS DOUBLE) AS ${snake}`;
    if (snake.endsWith('_date')) return `TRY_CAST(${source} AS TIMESTAMP) AS ${snake}`;
    if (snake === 'product') return `CAST(json(${source}) AS MAP(VARCHAR, VARCHAR)) AS ${snake}`;
    return `${source} AS ${snake}`;
  });
  const parquet = path.join(dir, `${name}.parquet`);
  await session.rows(`COPY (SELECT ${select.join(', ')} FROM read_csv(${sqlText(csv)}, all_varchar = true)) TO ${sqlText(parquet)} (FORMAT parquet)`);
  await session.rows(`CREATE OR REPLACE TABLE cur AS SELECT *, ${sqlText(parquet)} AS "$path" FROM read_parquet(${sqlText(parquet)})`);
  return parquet;
}

/** Issues as Athena's run can give them: no line numbers (SCALE.md: "say where it cannot"). */
function withoutLines(json: { issues: { code: string; severity: string; message: string; source?: unknown; count?: number }[] }): unknown {
  return json.issues.map((issue) => [issue.code, issue.severity, issue.count, issue.message.replace(/\blines? [\d, ]+/g, 'line N')]).sort();
}

/** The FOCUS columns the reader reads as numbers and dates: DOUBLE and TIMESTAMP in an Athena FOCUS table. */
const FOCUS_DOUBLES = new Set<string>(['billed', 'effective', 'list', 'consumed', 'pricing'].flatMap((field) => FOCUS_COLUMNS[field as FocusField]));

/**
 * A FOCUS CSV as an Athena table of AWS's FOCUS export holds it: the FOCUS names, DOUBLE costs and
 * quantities, TIMESTAMP periods, `Tags` a MAP; written as Parquet and loaded as table `cur`.
 */
async function athenaFocusTable(csv: string, name: string): Promise<string> {
  const described = await session.columns(`read_csv(${sqlText(csv)}, all_varchar = true)`);
  const select = described.map(({ name: column }) => {
    const source = `"${column.replace(/"/g, '""')}"`;
    if (FOCUS_DOUBLES.has(column)) return `TRY_CAST(${source} AS DOUBLE) AS ${source}`;
    if (/Period(Start|End)$/.test(column)) return `TRY_CAST(replace(${source}, 'Z', '') AS TIMESTAMP) AS ${source}`;
    // A MAP holds no text that is not a JSON object: such a cell is null in the table.
    if (column === 'Tags') return `CASE WHEN json_valid(${source}) AND json_type(${source}) = 'OBJECT' THEN CAST(json(${source}) AS MAP(VARCHAR, VARCHAR)) END AS ${source}`;
    return `${source}`;
  });
  const parquet = path.join(dir, `${name}.parquet`);
  await session.rows(`COPY (SELECT ${select.join(', ')} FROM read_csv(${sqlText(csv)}, all_varchar = true)) TO ${sqlText(parquet)} (FORMAT parquet)`);
  await session.rows(`CREATE OR REPLACE TABLE cur AS SELECT *, ${sqlText(parquet)} AS "$path" FROM read_parquet(${sqlText(parquet)})`);
  return parquet;
}

async function expectAthenaAsJavaScript(csv: string, name: string, options: string[], format: 'cur2' | 'focus' = 'cur2'): Promise<void> {
  const parquet = format === 'focus' ? await athenaFocusTable(csv, name) : await athenaTable(csv, name);
  const columns = await session.columns('cur');
  for (const dialect of ['athena', 'trino'] as const) {
    const sql = groupsSql({ dialect, format, from: 'cur', columns });
    expect(new TrinoSQL().validate(sql)).toEqual([]);
    const result = await session.rows(sql);
    const groups = path.join(dir, `${name}-${dialect}.groups.csv`);
    fs.writeFileSync(groups, rowsToCsv(result.columns, result.rows, csvRow));
    const direct = await run(['invoice', parquet, ...options, '--format', 'json']);
    const viaAthena = await run(['invoice', groups, ...options, '--format', 'json']);
    const a = JSON.parse(direct.out);
    const b = JSON.parse(viaAthena.out);
    expect(b.invoices).toEqual(a.invoices);
    expect(b.carriedCredits).toEqual(a.carriedCredits);
    expect(b.controls).toEqual(a.controls);
    expect(b.retainedBenefits).toEqual(a.retainedBenefits);
    expect(withoutLines(b)).toEqual(withoutLines(a));
    expect(viaAthena.code).toBe(direct.code);
  }
}

const demo = ['--pricebook', 'samples/demo/pricebook.csv', '--customers', 'samples/demo/customers.csv', '--fx', 'samples/demo/fx.csv'];

describe('the Athena/Trino query, parsed as Trino and run by DuckDB over Athena-shaped CUR and FOCUS tables', () => {
  test('the public CUR 1.0 sample, as AWS\'s Athena CUR table', async () => {
    await expectAthenaAsJavaScript(path.join(REPO, 'samples/public/cur1-sample-2023-11.csv'), 'cur1-sample', demo);
  });

  test('the demo month and the CUR 2.0 fixture (its product MAP), under owner-only and account grain', async () => {
    await expectAthenaAsJavaScript(path.join(REPO, 'samples/demo/cur-2023-10-11.csv'), 'demo', [...demo, '--commitments', 'owner-only', '--grain', 'account']);
    await expectAthenaAsJavaScript(path.join(REPO, 'test/fixtures/cur2/cur2-2023-12.csv'), 'cur2', demo);
  });

  test('the FOCUS 1.2 fixture as an Athena FOCUS table (DOUBLE costs, TIMESTAMP periods, a Tags MAP), under owner-only and account grain', async () => {
    await expectAthenaAsJavaScript(path.join(REPO, 'test/fixtures/focus/focus-1.2-2025-01.csv'), 'focus', demo, 'focus');
    await expectAthenaAsJavaScript(path.join(REPO, 'test/fixtures/focus/focus-1.2-2025-01.csv'), 'focus-owner', [...demo, '--commitments', 'owner-only', '--grain', 'account'], 'focus');
  });

  test('the public FOCUS 1.0 sample and a FOCUS table with bad rows, as Athena tables: the same invoices and controls, the issues counted per code', async () => {
    const bad = focusWithBadRows(path.join(dir, 'focus-bad-2025-01.csv'));
    for (const [csv, name] of [[path.join(REPO, 'samples/public/focus-1.0-sample.csv'), 'focus-sample'], [bad, 'focus-bad']]) {
      const parquet = await athenaFocusTable(csv, name);
      const sql = groupsSql({ dialect: 'athena', format: 'focus', from: 'cur', columns: await session.columns('cur') });
      expect(new TrinoSQL().validate(sql)).toEqual([]);
      const result = await session.rows(sql);
      const groups = path.join(dir, `${name}.groups.csv`);
      fs.writeFileSync(groups, rowsToCsv(result.columns, result.rows, csvRow));
      const a = JSON.parse((await run(['invoice', parquet, ...demo, '--format', 'json'])).out);
      const b = JSON.parse((await run(['invoice', groups, ...demo, '--format', 'json'])).out);
      expect(b.invoices).toEqual(a.invoices);
      expect(b.carriedCredits).toEqual(a.carriedCredits);
      expect(b.controls).toEqual(a.controls);
      // DOUBLE and MAP columns hold no bad number or JSON: of the bad rows, the two bad dates remain.
      expect(a.controls[0].rowsSkipped).toBe(name === 'focus-bad' ? 2 : 0);
      const perCode = (json: { issues: { code: string; severity: string; count?: number }[] }) => {
        const counts: Record<string, number> = {};
        for (const i of json.issues) counts[`${i.code} ${i.severity}`] = (counts[`${i.code} ${i.severity}`] ?? 0) + (i.count ?? 1);
        return counts;
      };
      // The sample: 942 rows with both ids bad — two warnings of the reader (one per column), one note of the query.
      if (name === 'focus-sample') {
        expect(perCode(a)['BAD_VALUE warning']).toBe(2 * 942);
        expect(perCode(b)['BAD_VALUE warning']).toBe(942);
        delete a.issues;
        delete b.issues;
      } else {
        expect(perCode(b)).toEqual(perCode(a));
      }
    }
  });

  test('a generated month of 20,000 rows (bench/generate-cur.js)', async () => {
    const month = path.join(dir, 'generated-2023-11.csv');
    execFileSync(process.execPath, [path.join(REPO, 'bench/generate-cur.js'), month, '20000'], { stdio: 'ignore' });
    await expectAthenaAsJavaScript(month, 'generated', demo);
  });

  test('rows the reader warns about (an unknown line item type, an account id not 12 digits) become notes: same invoices and controls, BAD_VALUE warnings', async () => {
    const csv = path.join(dir, 'noted-2023-12.csv');
    const text = fs.readFileSync(path.join(REPO, 'test/fixtures/cur2/cur2-2023-12.csv'), 'utf8').split('\n');
    const header = text[0].split(',');
    const type = header.indexOf('line_item_line_item_type');
    const account = header.indexOf('line_item_usage_account_id');
    const changed = text.map((line, index) => {
      if (index !== 2 && index !== 3) return line;
      const cells = line.split(',');
      if (index === 2) cells[type] = 'MysteryCharge';
      if (index === 3) cells[account] = '12345';
      return cells.join(',');
    });
    expect(changed[2].split(',')[type]).toBe('MysteryCharge');
    fs.writeFileSync(csv, changed.join('\n'));
    const parquet = await athenaTable(csv, 'noted');
    const sql = groupsSql({ dialect: 'athena', format: 'cur2', from: 'cur', columns: await session.columns('cur') });
    const result = await session.rows(sql);
    const groups = path.join(dir, 'noted.groups.csv');
    fs.writeFileSync(groups, rowsToCsv(result.columns, result.rows, csvRow));
    const a = JSON.parse((await run(['invoice', parquet, ...demo, '--format', 'json'])).out);
    const b = JSON.parse((await run(['invoice', groups, ...demo, '--format', 'json'])).out);
    expect(b.invoices).toEqual(a.invoices);
    expect(b.controls).toEqual(a.controls);
    const warnings = (json: { issues: { code: string; severity: string; count?: number }[] }) => json.issues
      .filter((i) => i.code === 'BAD_VALUE').map((i) => [i.severity, i.count]).sort();
    expect(warnings(b)).toEqual(warnings(a));
    expect(warnings(a)).toEqual([['warning', 1], ['warning', 1]]);
  });

  test('DuckDB\'s DOUBLE → VARCHAR is a text of the same value as JavaScript\'s String(n), the text the Parquet reader sums', async () => {
    const doubles = fc.sample(fc.oneof(
      fc.double({ noNaN: true, noDefaultInfinity: true, min: -1e12, max: 1e12 }),
      fc.integer({ min: -(10 ** 9), max: 10 ** 9 }).map((n) => n / 10 ** 10),
      fc.double({ noNaN: true, min: 1e-12, max: 1e-3 }),
    ), { numRuns: 3000, seed: 13 });
    // From text: a numeric literal would be a DECIMAL first, and DECIMAL → DOUBLE is not always the nearest double.
    const values = doubles.map((d) => `('${String(d)}'::DOUBLE)`).join(', ');
    const result = await session.rows(`SELECT CAST(v AS VARCHAR) FROM (VALUES ${values}) AS t(v)`);
    const differ = result.rows.map((row, i) => [String(doubles[i]), row[0] ?? ''])
      .filter(([js, duck]) => !new Decimal(js).eq(new Decimal(duck)));
    expect(differ).toEqual([]);
  });

  test('the Trino parser refuses what Trino refuses: DuckDB-only syntax', () => {
    expect(new TrinoSQL().validate('SELECT a FROM t GROUP BY ALL WHERE')).not.toEqual([]);
    expect(new TrinoSQL().validate(groupsSql({ dialect: 'trino', format: 'cur1', from: 'db.t' }))).toEqual([]);
  });
});
