#!/usr/bin/env node
'use strict';
// Issue 12's figures: the task pane's Rate and Share with accountant over a 100,000-line workbook,
// against the recording Excel fake (test/addin/recordingExcel.ts) in Node — the pane's own code
// (src/excel/resultSheets.ts, compiled by bench/tsconfig.results.json into bench/data/results-build)
// — and `rerate invoice --format xlsx` over 100,000 and 1,000,000 lines, its peak memory.
//   node bench/results.js [--rows N] [--no-build] [--skip-cli]
// The workbook: a generated CUR (bench/generate-cur.js) imported at the line grain through the
// pane's import code into a recording workbook, the model set up from the markup template. Then,
// each timed alone: rate(), shareWithAccountant(). Printed: seconds, syncs, the largest sync's
// bytes (the target is ≤ 2,000,000), and the fake's own share (it stores every cell in a Map).
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(__dirname, 'data');
const buildDir = path.join(dataDir, 'results-build');
const args = process.argv.slice(2);
const rows = Number(valueOf('--rows') ?? 100000);

function valueOf(flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

function ensureData(count) {
  const file = path.join(dataDir, `cur-${count}.csv`);
  if (!fs.existsSync(file)) {
    fs.mkdirSync(dataDir, { recursive: true });
    execFileSync(process.execPath, [path.join(__dirname, 'generate-cur.js'), file, String(count)], { stdio: 'inherit' });
  }
  return file;
}

async function child(file) {
  const load = (p) => require(path.join(buildDir, p));
  const { RecordingExcel } = load('test/addin/recordingExcel.js');
  const { readBilling } = load('src/formats/readBilling.js');
  const { inThreadSession } = load('src/taskpane/importSession.js');
  const { importToWorkbook } = load('src/taskpane/importToWorkbook.js');
  const { setUpModel } = load('src/excel/modelSetup.js');
  const { rate, shareWithAccountant } = load('src/excel/resultSheets.js');
  const excel = new RecordingExcel(['Sheet1']);
  const session = inThreadSession(readBilling);
  const signal = new AbortController().signal;
  const blob = new File([fs.readFileSync(file)], path.basename(file));
  const t0 = performance.now();
  const files = await session.analyze([blob], { signal, onProgress: () => undefined });
  await importToWorkbook(session, files, 'line', { signal, run: excel.run });
  await excel.run((context) => setUpModel(context, { template: 'markup' }));
  const prepared = (performance.now() - t0) / 1000;
  const timed = async (action) => {
    const before = excel.syncs.length;
    const start = performance.now();
    const outcome = await excel.run(action);
    const seconds = (performance.now() - start) / 1000;
    const syncs = excel.syncs.slice(before);
    return { seconds, syncs: syncs.length, largestSyncBytes: Math.max(...syncs.map((s) => s.bytes)), outcome };
  };
  const rated = await timed((context) => rate(context));
  const shared = await timed((context) => shareWithAccountant(context, { nativeWaterfall: true }));
  const out = {
    rows: excel.tableValues('BillingLines').length - 1,
    prepared,
    rate: { seconds: rated.seconds, syncs: rated.syncs, largestSyncBytes: rated.largestSyncBytes },
    share: { seconds: shared.seconds, syncs: shared.syncs, largestSyncBytes: shared.largestSyncBytes, sheets: shared.outcome.sheets, priceLines: excel.valuesOf('PriceLines').length - 1 },
    peakRssMb: Math.round(process.resourceUsage().maxRSS / 1024),
  };
  console.log(JSON.stringify(out));
}

function measureCli(file) {
  const out = path.join(dataDir, 'results-invoice.xlsx');
  const tables = require('./invoice-tables.js').writeInvoiceTables(dataDir);
  const child = spawnSync(process.execPath, [path.join(__dirname, 'measure.js'), 'invoice', file, '--pricebook', tables.pricebook,
    '--customers', tables.customers, '--fx', tables.fx, '--format', 'xlsx', '--out', out], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const report = JSON.parse(child.stderr.trim().split('\n').pop());
  if (report.code !== 0) throw new Error(`rerate invoice --format xlsx exited ${report.code}`);
  return report;
}

async function mainBench() {
  if (args.includes('--child')) return child(valueOf('--child'));
  if (!args.includes('--no-build')) {
    console.log('building the pane code for Node (bench/tsconfig.results.json)…');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, 'tsconfig.results.json')], { cwd: root, stdio: 'inherit' });
  }
  const file = ensureData(rows);
  const run = spawnSync(process.execPath, ['--max-old-space-size=6144', __filename, '--child', file], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  if (run.status !== 0) throw new Error(`the results child failed: ${run.stderr}`);
  const r = JSON.parse(run.stdout.trim().split('\n').pop());
  const ok = (s) => (s < 10 ? 'under' : 'OVER');
  console.log(`\nRate / Share with accountant over ${r.rows.toLocaleString('en-US')} lines (recording Excel fake, Node; target < 10 s each, no sync over 2 MB)`);
  console.log(`  workbook prepared (import + model)  ${r.prepared.toFixed(2)} s`);
  console.log(`  Rate                 ${r.rate.seconds.toFixed(2)} s (${ok(r.rate.seconds)} 10 s)  syncs ${r.rate.syncs}  largest sync ${r.rate.largestSyncBytes.toLocaleString('en-US')} B`);
  console.log(`  Share with accountant ${r.share.seconds.toFixed(2)} s (${ok(r.share.seconds)} 10 s)  syncs ${r.share.syncs}  largest sync ${r.share.largestSyncBytes.toLocaleString('en-US')} B  PriceLines rows ${r.share.priceLines.toLocaleString('en-US')}`);
  console.log(`  peak RSS of the process (fake workbook included) ${r.peakRssMb} MB`);
  if (args.includes('--skip-cli')) return;
  console.log('\nrerate invoice --format xlsx: peak memory against lines (flat: the workbook holds groups, not lines)');
  for (const count of [100000, 1000000]) {
    const m = measureCli(ensureData(count));
    console.log(`  ${count.toLocaleString('en-US').padStart(9)} lines  ${m.seconds.toFixed(2)} s  peak RSS ${Math.round(m.peakRssMb)} MB`);
  }
}

mainBench().catch((error) => {
  console.error(error);
  process.exit(1);
});
