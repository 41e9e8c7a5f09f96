#!/usr/bin/env node
'use strict';
// npm run bench: the figures the issues ask for, printed (never asserted by a timed unit test).
//   1. rerate inspect on a generated 1,000,000-row CUR 1.0 file, plain and gzipped
//   2. rerate invoice on the same file with a 50-rule price book, a support plan, two currencies
//      and next-period credits — split between two worker threads, as the CLI does on two cores, then
//      in one thread (RERATE_THREADS=1) — and the one-thread run's ratio to inspect
//   3. RI allocation: 100,000 usage rows over 720 hourly buckets against 2,000 reservations
//   4. hostile inputs at full size (bench/hostile.js): time and peak RSS against issue 9's target
//   5. DBR.RERATE and DBR.INVOICE over 100,000 lines through the custom functions' own code
//      (bench/functions.js; its own --rows, not this one's)
//   6. the task pane's import into Lines through the UI in headless Chromium, against the recording
//      Excel fake: 100,000 rows at the line grain, 1,000,000 at the month grain (bench/import.js)
//   7. rerate invoice on each engine (js, DuckDB) against DuckDB's bare exact grouped sum, 1M and 10M rows
//      (bench/duckdb.js; the month as Parquet too, --no-parquet to skip; 10M generated on first use, --scale-rows 0 to skip)
// Options: --rows N (default 1000000), --only inspect|invoice|commitments|hostile|functions|import|duckdb, --repeat N (default 3:
// each command runs N times in fresh processes, interleaved; the median is reported with the range,
// because this VM's speed drifts by up to ±40% over minutes). A floor — reading the file and
// decoding it, no parsing — is measured between the runs, to show how fast the machine was.
const { spawnSync, execFileSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { pipeline } = require('node:stream/promises');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(__dirname, 'data');
const args = process.argv.slice(2);
const rows = Number(valueOf('--rows') ?? 1000000);
const only = valueOf('--only');
const repeat = Math.max(1, Number(valueOf('--repeat') ?? 3));

function valueOf(flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function ensureBuilt() {
  if (!fs.existsSync(path.join(root, 'dist/node/cli/main.js'))) {
    console.log('building the CLI (npm run build:cli)…');
    execFileSync('npm', ['run', 'build:cli'], { cwd: root, stdio: 'inherit' });
  }
}

/** Runs `rerate <args>` `repeat` times; returns the median run's report with the others' times. */
function measure(rerateArgs, env = {}) {
  const runs = [];
  for (let i = 0; i < repeat; i += 1) runs.push(measureOnce(rerateArgs, env));
  runs.sort((a, b) => a.seconds - b.seconds);
  const median = runs[Math.floor((runs.length - 1) / 2)];
  return { ...median, all: runs.map((r) => r.seconds), peakRssMb: Math.max(...runs.map((r) => r.peakRssMb)) };
}

/** Read + UTF-8 decode of `file` (no parsing) in a fresh process: the machine's speed right now. */
function floorSeconds(file) {
  const script = `const d=new TextDecoder();const t=process.hrtime.bigint();const s=require('fs').createReadStream(${JSON.stringify(file)},{highWaterMark:1<<20});
    (async()=>{for await(const c of s)d.decode(c,{stream:true});console.log(Number(process.hrtime.bigint()-t)/1e9)})()`;
  return Number(execFileSync(process.execPath, ['-e', script], { encoding: 'utf8' }).trim());
}

/** Runs `rerate <args>` through bench/measure.js in a fresh process; returns its JSON report. */
function measureOnce(rerateArgs, env) {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'measure.js'), ...rerateArgs], {
    cwd: root, encoding: 'utf8', maxBuffer: 1 << 26, env: { ...process.env, ...env },
  });
  const last = child.stderr.trim().split('\n').pop();
  let report;
  try {
    report = JSON.parse(last);
  } catch {
    throw new Error(`rerate ${rerateArgs.join(' ')} failed:\n${child.stderr}`);
  }
  if (report.code !== 0) console.log(`  (exit code ${report.code}: the run reported issues)`);
  return report;
}

function line(label, report, rowCount, bytes) {
  const rowsPerSecond = rowCount / report.seconds;
  const mbPerSecond = bytes / 1e6 / report.seconds;
  const range = report.all && report.all.length > 1 ? `  (median of ${report.all.length}: ${report.all.map((s) => s.toFixed(2)).join(' / ')} s)` : '';
  console.log(`${label.padEnd(34)} ${report.seconds.toFixed(2).padStart(6)} s  ${Math.round(rowsPerSecond).toLocaleString('en-US').padStart(9)} rows/s  ${mbPerSecond.toFixed(0).padStart(4)} MB/s  peak RSS ${report.peakRssMb.toFixed(0)} MB${range}`);
  return rowsPerSecond;
}

async function generateCur(file) {
  if (fs.existsSync(file)) return;
  console.log(`generating ${rows.toLocaleString('en-US')} CUR 1.0 rows → ${path.relative(root, file)}…`);
  execFileSync(process.execPath, [path.join(__dirname, 'generate-cur.js'), file, String(rows)], { stdio: 'inherit' });
}

async function gzipFile(from, to) {
  if (fs.existsSync(to)) return;
  console.log(`gzipping → ${path.relative(root, to)}…`);
  await pipeline(fs.createReadStream(from), zlib.createGzip({ level: 6 }), fs.createWriteStream(to));
}

async function main() {
  ensureBuilt();
  fs.mkdirSync(dataDir, { recursive: true });
  const csv = path.join(dataDir, `cur-${rows}.csv`);
  const gz = `${csv}.gz`;
  console.log(`machine: ${require('node:os').cpus().length} cores, node ${process.version}\n`);

  let inspectRate = null;
  if (!only || only === 'inspect' || only === 'invoice') {
    await generateCur(csv);
    const bytes = fs.statSync(csv).size;
    console.log(`input: ${rows.toLocaleString('en-US')} rows, ${(bytes / 1e6).toFixed(0)} MB`);
    const floors = [floorSeconds(csv), floorSeconds(csv), floorSeconds(csv)].sort((a, b) => a - b);
    console.log(`floor (read + UTF-8 decode, no parsing): ${floors[1].toFixed(2)} s (${floors.map((f) => f.toFixed(2)).join(' / ')})\n`);
    const inspect = measure(['inspect', csv, '--format', 'json']);
    inspectRate = line('rerate inspect (.csv)', inspect, rows, bytes);
    if (!only || only === 'inspect') {
      await gzipFile(csv, gz);
      const gzInspect = measure(['inspect', gz, '--format', 'json']);
      const gzRate = line('rerate inspect (.csv.gz)', gzInspect, rows, bytes);
      console.log(`  gzip slowdown: ${(inspectRate / gzRate).toFixed(2)}× (target ≤ 1.3×); targets: ≥ 300,000 rows/s, ≥ 200 MB/s, < 200 MB RSS`);
    }
    if (!only || only === 'invoice') {
      const tables = require('./invoice-tables.js').writeInvoiceTables(dataDir);
      const invoiceArgs = ['invoice', csv, '--pricebook', tables.pricebook, '--customers', tables.customers,
        '--fx', tables.fx, '--credits', 'next-period', '--format', 'json'];
      // As a user runs it: split between two worker threads on a machine with two cores or more
      // (src/cli/splitRead.ts); then in one thread, for the cost of rating beyond reading.
      const invoice = measure(invoiceArgs);
      const invoiceRate = line('rerate invoice (50 rules, 2 ccy)', invoice, rows, bytes);
      const oneThread = measure(invoiceArgs, { RERATE_THREADS: '1' });
      const oneRate = line('  … one thread (RERATE_THREADS=1)', oneThread, rows, bytes);
      console.log(`  two threads: ${(invoiceRate / oneRate).toFixed(2)}× one; one-thread invoice / inspect time: ${(inspectRate / oneRate).toFixed(2)}×; targets: ≥ 250,000 rows/s, < 300 MB RSS`);
    }
  }
  if (!only || only === 'commitments') {
    console.log('');
    const child = spawnSync(process.execPath, [path.join(__dirname, 'commitments.js')], { cwd: root, stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = 1;
  }
  if (!only || only === 'hostile') {
    const child = spawnSync(process.execPath, [path.join(__dirname, 'hostile.js')], { cwd: root, stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = 1;
  }
  if (!only || only === 'functions') {
    console.log('');
    const child = spawnSync(process.execPath, [path.join(__dirname, 'functions.js'), '--repeat', String(repeat)], { cwd: root, stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = 1;
  }
  if (!only || only === 'duckdb') {
    console.log('');
    const child = spawnSync(process.execPath, [path.join(__dirname, 'duckdb.js'), '--rows', String(rows), '--repeat', String(repeat), ...(valueOf('--scale-rows') ? ['--scale-rows', valueOf('--scale-rows')] : []), ...(args.includes('--no-parquet') ? ['--no-parquet'] : [])], { cwd: root, stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = 1;
  }
  if (!only || only === 'import') {
    console.log('');
    const child = spawnSync(process.execPath, [path.join(__dirname, 'import.js'), '--repeat', String(repeat)], { cwd: root, stdio: 'inherit' });
    if (child.status !== 0) process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
