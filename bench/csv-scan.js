#!/usr/bin/env node
'use strict';
// Measures the CSV scanner against PapaParse on one file (make one with bench/generate-cur.js):
//   npm run build:cli && node bench/csv-scan.js bench/data/cur-1000000.csv [--modes m1,m2] [--from dist/node] [--mb 200]
// Each mode runs in a fresh process (so peak RSS is its own) and prints wall time, rows/s, MB/s
// (file bytes / wall time), CPU time and peak RSS:
//   decode       read + UTF-8 decode only: the floor under every text parser
//   scan         read + decode + CsvScanner, 20 CUR columns wanted, counting rows
//   scan-all     the same, every column wanted
//   scan-bytes   read + latin1 + highByteBlocks + CsvScanner in byte-text mode (the CLI's path), 20 columns
//   papa         read + decode + PapaParse (header: false, step), counting rows
//   readTables   readTables(fileSource(file)) with 20 columns and an exact BigInt Σ of
//                lineItem/UnblendedCost, checked against the generator's FILE.json (works on .gz too)
//   in-memory    the scanner alone over the first --mb MB already decoded in memory (CPU time)
//   gunzip-platform / gunzip-fflate / gunzip-zlib   decompression alone (give a .gz file):
//                gunzipChunks with DecompressionStream or fflate, and node:zlib for reference
// Not part of `npm test`: timings depend on the machine and its load.
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const valueOf = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : fallback;
};
const from = path.resolve(root, valueOf('--from', 'dist/node'));
const WANTED = [
  'bill/PayerAccountId', 'bill/BillingPeriodStartDate', 'bill/InvoiceId', 'lineItem/UsageAccountId', 'lineItem/LineItemType',
  'lineItem/ProductCode', 'lineItem/UsageType', 'lineItem/Operation', 'lineItem/AvailabilityZone', 'lineItem/UsageAmount',
  'lineItem/UnblendedRate', 'lineItem/UnblendedCost', 'lineItem/BlendedRate', 'lineItem/BlendedCost', 'lineItem/CurrencyCode',
  'product/ProductName', 'product/region', 'pricing/publicOnDemandCost', 'reservation/EffectiveCost', 'savingsPlan/SavingsPlanARN',
];

function load(relative) {
  const file = path.join(from, relative);
  if (!fs.existsSync(file)) {
    console.error(`missing ${path.relative(root, file)}: run \`npm run build:cli\` first (or pass --from DIR)`);
    process.exit(2);
  }
  return require(file);
}

async function* decodedChunks(file) {
  const decoder = new TextDecoder();
  for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
    const text = decoder.decode(chunk, { stream: true });
    if (text) yield text;
  }
  const tail = decoder.decode();
  if (tail) yield tail;
}

function wantedOf(names, all) {
  return all ? names.map((_, i) => i) : WANTED.map((w) => names.indexOf(w)).filter((i) => i >= 0);
}

/** Exact Σ of decimal texts at 10 decimals (the generator writes at most 10). */
function scaled(text) {
  const m = /^([+-]?)(\d*)(?:\.(\d*))?(?:[eE]([+-]?\d+))?$/.exec(text);
  if (!m || text === '') return 0n;
  const digits = BigInt(`${m[2] || '0'}${m[3] || ''}`);
  const exponent = Number(m[4] || 0) - (m[3] || '').length + 10;
  const value = exponent >= 0 ? digits * 10n ** BigInt(exponent) : digits / 10n ** BigInt(-exponent);
  return m[1] === '-' ? -value : value;
}

function plain(units) {
  const negative = units < 0n;
  const digits = (negative ? -units : units).toString().padStart(11, '0');
  let fraction = digits.slice(-10).replace(/0+$/, '');
  if (fraction === '') fraction = '0';
  return `${negative ? '-' : ''}${digits.slice(0, -10)}.${fraction}`;
}

async function runMode(mode, file) {
  let rows = 0;
  const extra = {};
  if (mode === 'decode') {
    for await (const text of decodedChunks(file)) rows += text.length > 0 ? 0 : 0;
  } else if (mode === 'scan' || mode === 'scan-all') {
    const { scanCsv } = load('formats/csv/scanCsv.js');
    await scanCsv(decodedChunks(file), {
      header: (names) => wantedOf(names, mode === 'scan-all'),
      row: () => { rows++; },
      badRow: () => { extra.badRows = (extra.badRows || 0) + 1; },
    });
  } else if (mode === 'scan-bytes') {
    const { CsvScanner } = load('formats/csv/scanCsv.js');
    const { highByteBlocks } = load('formats/csv/highBytes.js');
    const scanner = new CsvScanner({
      header: (names) => wantedOf(names, false),
      row: () => { rows++; },
      badRow: () => { extra.badRows = (extra.badRows || 0) + 1; },
    }, { byteText: true });
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) scanner.push(chunk.toString('latin1'), highByteBlocks(chunk));
    scanner.end();
  } else if (mode === 'papa') {
    const Papa = require('papaparse');
    let first = true;
    await new Promise((resolve, reject) => {
      Papa.parse(fs.createReadStream(file, { encoding: 'utf8', highWaterMark: 1 << 20 }), {
        delimiter: ',', header: false, skipEmptyLines: true,
        step: () => { if (first) first = false; else rows++; },
        complete: resolve, error: reject,
      });
    });
  } else if (mode === 'readTables') {
    const { readTables } = load('formats/readTables.js');
    const { fileSource } = load('cli/fileSource.js');
    let costAt = -1;
    let sum = 0n;
    const result = await readTables(fileSource(file), () => ({
      header: (names) => {
        const wanted = wantedOf(names, false);
        costAt = wanted.indexOf(names.indexOf('lineItem/UnblendedCost'));
        return wanted;
      },
      row: (fields) => { rows++; sum += scaled(fields[costAt]); },
      badRow: () => { extra.badRows = (extra.badRows || 0) + 1; },
    }));
    extra.unblendedTotal = plain(sum);
    extra.issues = result.issues.length;
    const summaryFile = `${file.replace(/\.gz$/, '')}.json`;
    if (fs.existsSync(summaryFile)) {
      const expected = JSON.parse(fs.readFileSync(summaryFile, 'utf8')).unblendedTotal;
      extra.totalMatchesGenerator = expected === extra.unblendedTotal;
    }
  } else if (mode === 'gunzip-platform' || mode === 'gunzip-fflate') {
    const { gunzipChunks } = load('formats/containers/gunzipChunks.js');
    let out = 0;
    const input = fs.createReadStream(file, { highWaterMark: 1 << 20 });
    for await (const chunk of gunzipChunks(input, mode.slice('gunzip-'.length))) out += chunk.length;
    extra.decompressedBytes = out;
  } else if (mode === 'gunzip-zlib') {
    const zlib = require('node:zlib');
    let out = 0;
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 }).pipe(zlib.createGunzip())) out += chunk.length;
    extra.decompressedBytes = out;
  } else if (mode === 'in-memory') {
    const { CsvScanner } = load('formats/csv/scanCsv.js');
    const limit = Number(valueOf('--mb', '200')) * 1e6;
    const texts = [];
    let bytes = 0;
    const decoder = new TextDecoder();
    for await (const chunk of fs.createReadStream(file, { highWaterMark: 1 << 20 })) {
      texts.push(decoder.decode(chunk, { stream: true }));
      bytes += chunk.length;
      if (bytes >= limit) break;
    }
    let best = null;
    for (let round = 0; round < 5; round++) {
      let n = 0;
      const scanner = new CsvScanner({ header: (names) => wantedOf(names, false), row: () => { n++; }, badRow: () => {} });
      const cpu = process.cpuUsage();
      const started = process.hrtime.bigint();
      for (const text of texts) scanner.push(text);
      scanner.abandon(); // the cut at --mb leaves a partial record
      const wall = Number(process.hrtime.bigint() - started) / 1e9;
      const used = process.cpuUsage(cpu);
      const cpuSeconds = (used.user + used.system) / 1e6;
      if (!best || cpuSeconds < best.cpuSeconds) best = { wall, cpuSeconds, rows: n };
    }
    return { mode, bytes, rows: best.rows, seconds: best.wall, cpuSeconds: best.cpuSeconds, bestOf: 5 };
  } else {
    throw new Error(`unknown mode ${mode}`);
  }
  return { mode, rows, ...extra };
}

function child(mode, file) {
  const cpu = process.cpuUsage();
  const started = process.hrtime.bigint();
  runMode(mode, file).then((report) => {
    const seconds = report.seconds ?? Number(process.hrtime.bigint() - started) / 1e9;
    const used = process.cpuUsage(cpu);
    const out = { cpuSeconds: (used.user + used.system) / 1e6, ...report, seconds, peakRssMb: process.resourceUsage().maxRSS / 1024 };
    process.stdout.write(`${JSON.stringify(out)}\n`);
  });
}

function main() {
  if (args[0] === '--child') return child(args[1], args[2]);
  const file = args.find((a, i) => !a.startsWith('--') && (i === 0 || !args[i - 1].startsWith('--')));
  if (!file) {
    console.error('usage: node bench/csv-scan.js FILE [--modes decode,scan,scan-all,scan-bytes,papa,readTables,in-memory] [--from dist/node] [--mb 200]');
    process.exit(2);
  }
  const modes = valueOf('--modes', 'decode,scan,scan-all,scan-bytes,papa,readTables,in-memory').split(',');
  const bytes = fs.statSync(file).size;
  console.log(`${path.relative(process.cwd(), file)}: ${(bytes / 1e6).toFixed(0)} MB; node ${process.version}; load average ${require('node:os').loadavg().map((l) => l.toFixed(2)).join(' ')}`);
  for (const mode of modes) {
    const run = spawnSync(process.execPath, [__filename, '--child', mode, file, ...args.filter((a) => a === '--from' || a === '--mb' || args[args.indexOf(a) - 1] === '--from' || args[args.indexOf(a) - 1] === '--mb')], { encoding: 'utf8', maxBuffer: 1 << 24 });
    if (run.status !== 0) {
      console.log(`${mode}: failed\n${run.stderr}`);
      continue;
    }
    const r = JSON.parse(run.stdout.trim().split('\n').pop());
    const size = r.bytes ?? bytes;
    const rate = r.rows ? `${Math.round(r.rows / r.seconds).toLocaleString('en-US').padStart(9)} rows/s` : ''.padStart(16);
    const { mode: _m, rows: _r, seconds: _s, cpuSeconds: _c, peakRssMb: _p, bytes: _b, ...rest } = r;
    console.log(`${mode.padEnd(11)} ${r.seconds.toFixed(2).padStart(6)} s  ${rate}  ${(size / 1e6 / r.seconds).toFixed(0).padStart(4)} MB/s  cpu ${r.cpuSeconds.toFixed(2)} s (${(size / 1e6 / r.cpuSeconds).toFixed(0)} MB/s)  peak RSS ${r.peakRssMb.toFixed(0)} MB  ${Object.keys(rest).length ? JSON.stringify(rest) : ''}`);
  }
}

main();
