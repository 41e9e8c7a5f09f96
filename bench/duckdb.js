#!/usr/bin/env node
'use strict';
// npm run bench -- --only duckdb (issue 13): rerate invoice on each engine against DuckDB's bare exact
// grouped sum over the same pricing key and file — the work any engine must do at least — on the
// bench's 1,000,000-row CUR (bench/data, made by run.js), then on a 10,000,000-row month for scaling
// (generated on first use: 7.3 GB; --scale-rows 0 skips it). Each command runs --repeat times in fresh
// processes (median, range); peak RSS is the process's. Prints rows/s, the ratio, peak RSS.
//   node bench/duckdb.js [--rows 1000000] [--scale-rows 10000000] [--repeat 3] [--no-parquet]
// Besides wall time it prints each process's CPU seconds (every thread): on this shared VM the wall
// time of a long run depends on other load; CPU per row is what says whether a bigger month costs more per row.
//   node bench/duckdb.js --bare FILE [--tuned]   (one bare run, its JSON report on stderr)
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(__dirname, 'data');
const args = process.argv.slice(2);
const valueOf = (flag) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
};

/** DuckDB's exact grouped sum over the engine's pricing key (GROUP_KEY_FIELDS, as CUR 1.0 columns): no validation, no kinds, no notes. */
async function bare(file) {
  const { DuckDBInstance } = require('@duckdb/node-api');
  const { CUR1_COLUMNS: c } = require(path.join(root, 'dist/node/formats/cur/curColumns.js'));
  const started = process.hrtime.bigint();
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const q = (name) => `"${name}"`;
  const relation = file.endsWith('.parquet') ? `read_parquet('${file}')` : `read_csv('${file}', all_varchar = true)`;
  const columns = (await connection.runAndReadAll(`DESCRIBE SELECT * FROM ${relation}`)).getRows().map((r) => String(r[0]).toLowerCase());
  const has = (name) => columns.includes(name.toLowerCase());
  const key = [c.payer, c.account, c.periodStart, c.lineItemType, c.productCode, c.productName, c.usageType, c.operation, c.region, c.billingEntity, c.currency, c.reservationArn]
    .map((names) => names.find(has)).filter((name) => name !== undefined).map(q);
  // --tuned: the 64-bit DECIMAL(18, 12) parse where a plain text fits it, widened (exact, as the groups
  // query does); DuckDB's 128-bit parse of DECIMAL(38, 18) otherwise.
  const tuned = args.includes('--tuned');
  const fits = (n) => `strpos(${n}, 'e') = 0 AND strpos(${n}, 'E') = 0 AND (CASE WHEN strpos(${n}, '.') = 0 THEN length(${n}) <= 6 ELSE strpos(${n}, '.') <= 7 AND length(${n}) - strpos(${n}, '.') <= 12 END)`;
  const exact = (n) => (tuned && !file.endsWith('.parquet')
    ? `CASE WHEN ${fits(n)} THEN CAST(CAST(${n} AS DECIMAL(18, 12)) AS DECIMAL(38, 18)) ELSE CAST(${n} AS DECIMAL(38, 18)) END`
    : `CAST(${n} AS DECIMAL(38, 18))`);
  const sums = [c.unblendedCost, c.blendedCost, c.listCost, c.usageAmount].map((names) => names.find(has)).filter((n) => n !== undefined)
    .map((name) => `sum(${exact(q(name))})`);
  const result = await connection.runAndReadAll(`SELECT ${key.join(', ')}, count(*), ${sums.join(', ')} FROM ${relation} GROUP BY ${key.join(', ')}`);
  const groups = result.getRows().length;
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = process.resourceUsage();
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stderr.write(`${JSON.stringify({ code: 0, seconds, cpuSeconds, peakRssMb: usage.maxRSS / 1024, groups })}\n`);
}

function once(script, scriptArgs, env = {}) {
  const child = spawnSync(process.execPath, [script, ...scriptArgs], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env } });
  const last = child.stderr.trim().split('\n').pop();
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`${path.basename(script)} ${scriptArgs.join(' ')} failed:\n${child.stderr}`);
  }
}

function measure(script, scriptArgs, repeat, env) {
  const runs = [];
  for (let i = 0; i < repeat; i += 1) runs.push(once(script, scriptArgs, env));
  runs.sort((a, b) => a.seconds - b.seconds);
  return { ...runs[Math.floor((runs.length - 1) / 2)], all: runs.map((r) => r.seconds), peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

function report(label, r, rows) {
  const range = r.all.length > 1 ? `  (${r.all.map((s) => s.toFixed(2)).join(' / ')} s)` : '';
  const cpu = r.cpuSeconds === undefined ? '' : `  cpu ${r.cpuSeconds.toFixed(2)} s (${((r.cpuSeconds / rows) * 1e6).toFixed(2)} µs/row)`;
  console.log(`${label.padEnd(44)} ${r.seconds.toFixed(2).padStart(7)} s  ${Math.round(rows / r.seconds).toLocaleString('en-US').padStart(9)} rows/s  peak RSS ${r.peakRssMb.toFixed(0).padStart(4)} MB${cpu}${range}`);
}

function ensureFile(file, rows) {
  if (fs.existsSync(file)) return;
  console.log(`generating ${rows.toLocaleString('en-US')} CUR 1.0 rows → ${path.relative(root, file)}…`);
  execFileSync(process.execPath, [path.join(__dirname, 'generate-cur.js'), file, String(rows)], { stdio: 'inherit' });
}

function runSize(rows, repeat) {
  const file = path.join(dataDir, `cur-${rows}.csv`);
  ensureFile(file, rows);
  const tables = require('./invoice-tables.js').writeInvoiceTables(dataDir);
  const invoice = ['invoice', file, '--pricebook', tables.pricebook, '--customers', tables.customers, '--fx', tables.fx, '--credits', 'next-period', '--format', 'json'];
  const measureJs = path.join(__dirname, 'measure.js');
  console.log(`\n${rows.toLocaleString('en-US')} rows, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);
  const b = measure(__filename, ['--bare', file], repeat);
  report('DuckDB bare exact grouped sum', b, rows);
  const tuned = measure(__filename, ['--bare', file, '--tuned'], repeat);
  report('  the same, 64-bit parse where it fits', tuned, rows);
  const js = measure(measureJs, invoice, repeat);
  report('rerate invoice (engine js, default)', js, rows);
  // What the two-thread split of a big plain CSV earns (issue 13, item 6): the same run on one thread.
  const one = measure(measureJs, invoice, repeat, { RERATE_THREADS: '1' });
  report('rerate invoice, one thread (RERATE_THREADS=1)', one, rows);
  const duck = measure(measureJs, [...invoice, '--engine', 'duckdb'], repeat);
  report('rerate invoice --engine duckdb', duck, rows);
  console.log(`  ratio to the bare sum: js ${(js.seconds / b.seconds).toFixed(2)}×, one thread ${(one.seconds / b.seconds).toFixed(2)}×, duckdb ${(duck.seconds / b.seconds).toFixed(2)}× (target ≤ 1.1×, peak RSS < 400 MB); to the tuned bare sum: js ${(js.seconds / tuned.seconds).toFixed(2)}×`);
  console.log(`  the split: wall ${(js.seconds / one.seconds).toFixed(2)}× one thread's, cpu ${(js.cpuSeconds / one.cpuSeconds).toFixed(2)}×, peak RSS ${js.peakRssMb.toFixed(0)} vs ${one.peakRssMb.toFixed(0)} MB`);
  return { rows, bare: b, tuned, js, one, duck, invoice, measureJs };
}

/** The same month as Parquet (DuckDB-written, typed columns: DOUBLE costs, TIMESTAMP periods), on each engine. */
async function runParquet(size, repeat) {
  const file = path.join(dataDir, `cur-${size.rows}.parquet`);
  if (!fs.existsSync(file)) {
    const { DuckDBInstance } = require('@duckdb/node-api');
    const connection = await (await DuckDBInstance.create(':memory:')).connect();
    await connection.run(`COPY (SELECT * FROM read_csv('${path.join(dataDir, `cur-${size.rows}.csv`)}')) TO '${file}' (FORMAT parquet)`);
  }
  const invoice = size.invoice.map((arg) => (arg.endsWith(`cur-${size.rows}.csv`) ? file : arg));
  console.log(`\n${size.rows.toLocaleString('en-US')} rows as Parquet, ${(fs.statSync(file).size / 1e6).toFixed(0)} MB`);
  const b = measure(__filename, ['--bare', file], repeat);
  report('DuckDB bare exact grouped sum', b, size.rows);
  const js = measure(size.measureJs, invoice, repeat);
  report('rerate invoice (engine js, default)', js, size.rows);
  const duck = measure(size.measureJs, [...invoice, '--engine', 'duckdb'], repeat);
  report('rerate invoice --engine duckdb', duck, size.rows);
  console.log(`  ratio to the bare sum: js ${(js.seconds / b.seconds).toFixed(2)}×, duckdb ${(duck.seconds / b.seconds).toFixed(2)}×`);
}

async function main() {
  const bareFile = valueOf('--bare');
  if (bareFile !== undefined) return bare(bareFile);
  if (!fs.existsSync(path.join(root, 'dist/node/cli/main.js'))) execFileSync('npm', ['run', 'build:cli'], { cwd: root, stdio: 'inherit' });
  fs.mkdirSync(dataDir, { recursive: true });
  const repeat = Math.max(1, Number(valueOf('--repeat') ?? 3));
  const rows = Number(valueOf('--rows') ?? 1000000);
  const scaleRows = Number(valueOf('--scale-rows') ?? 10000000);
  console.log('rerate invoice by engine against DuckDB\'s bare exact grouped sum (bench/duckdb.js)');
  const small = runSize(rows, repeat);
  if (!args.includes('--no-parquet')) await runParquet(small, repeat);
  if (scaleRows > rows) {
    const big = runSize(scaleRows, Math.min(repeat, 1));
    const ratio = (r10, r1, key) => (r10[key] / scaleRows) / (r1[key] / rows);
    for (const [name, key] of [['js', 'js'], ['one thread', 'one'], ['duckdb', 'duck']]) {
      console.log(`  scaling ${rows.toLocaleString('en-US')} → ${scaleRows.toLocaleString('en-US')} (${name}): wall per row ×${ratio(big[key], small[key], 'seconds').toFixed(2)}, cpu per row ×${ratio(big[key], small[key], 'cpuSeconds').toFixed(2)}; peak RSS ${small[key].peakRssMb.toFixed(0)} → ${big[key].peakRssMb.toFixed(0)} MB`);
    }
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
