#!/usr/bin/env node
'use strict';
// npm run bench -- --only hostile: the hostile inputs of issue 9 at full size, each run as the CLI
// runs it in a fresh process, with its wall time, peak RSS and exit code printed against the target
// (no input under 100 MB takes over 1 GB of memory or 20 s on this machine). The small versions of
// the same inputs are cases of the hostile corpus (test/hostile), which asserts the outcomes, never
// the times. Inputs are generated once under bench/data/hostile/ (git-ignored).
const { spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');
const zlib = require('node:zlib');
const { Zip, ZipDeflate, ZipPassThrough, unzipSync, zipSync } = require('fflate');

const root = path.resolve(__dirname, '..');
const dir = path.join(__dirname, 'data', 'hostile');
const SAMPLE = path.join(root, 'samples', 'public', 'cur1-sample-2023-11.csv');
const TARGET_SECONDS = 20;
const TARGET_MB = 1024;

/** The sample's header and first data row, split into fields (the sample has no quoted commas in them). */
function sampleRow() {
  const [header, first] = fs.readFileSync(SAMPLE, 'utf8').split('\n');
  return { header, names: header.split(','), fields: first.split(',') };
}

/** 12 rows whose unblended cost has 2,000,000 digits: 24 MB. */
function millionDigits(file) {
  const { header, names, fields } = sampleRow();
  const cost = names.indexOf('lineItem/UnblendedCost');
  const out = fs.openSync(file, 'w');
  fs.writeSync(out, `${header}\n`);
  for (let i = 0; i < 12; i += 1) {
    const row = fields.slice();
    row[cost] = '1'.repeat(2_000_000);
    fs.writeSync(out, `${row.join(',')}\n`);
  }
  fs.closeSync(out);
}

/** A zip of 80,000 deflated entries, each the sample's header and two rows. */
function manyEntries(file) {
  const lines = fs.readFileSync(SAMPLE, 'utf8').split('\n');
  const content = Buffer.from(`${lines.slice(0, 3).join('\n')}\n`);
  const files = {};
  for (let i = 0; i < 80_000; i += 1) files[`part-${i}.csv`] = [content, { level: 6 }];
  fs.writeFileSync(file, zipSync(files));
}

/** gzip of 1 GiB of NUL bytes (≈ 1 MB). */
function nulBomb(file) {
  const zero = Buffer.alloc(1 << 24);
  const gzip = zlib.createGzip({ level: 9 });
  const chunks = [];
  gzip.on('data', (c) => chunks.push(c));
  for (let i = 0; i < 64; i += 1) gzip.write(zero);
  return new Promise((resolve) => gzip.end(() => {
    fs.writeFileSync(file, Buffer.concat(chunks));
    resolve();
  }));
}

/** The demo's accountant workbook with one more part of `bytes` zeros (a media file) or a Lines sheet blown up to `bytes`. */
async function workbookWith(file, kind, bytes) {
  const base = path.join(dir, 'demo-workbook.xlsx');
  if (!fs.existsSync(base)) {
    const child = spawnSync(process.execPath, [path.join(root, 'bin', 'rerate.js'), 'demo', '--out', path.join(dir, 'demo')], { encoding: 'utf8' });
    if (child.status !== 0) throw new Error(`rerate demo failed: ${child.stderr}`);
    fs.copyFileSync(path.join(dir, 'demo', 'workbook.xlsx'), base);
  }
  const parts = unzipSync(fs.readFileSync(base));
  const out = fs.openSync(file, 'w');
  const zip = new Zip((error, data) => {
    if (error) throw error;
    fs.writeSync(out, data);
  });
  for (const [name, data] of Object.entries(parts)) {
    if (kind === 'sheet' && name === 'xl/worksheets/sheet1.xml') continue;
    const entry = new ZipPassThrough(name);
    zip.add(entry);
    entry.push(data, true);
  }
  const entry = new ZipDeflate(kind === 'sheet' ? 'xl/worksheets/sheet1.xml' : 'xl/media/pad.bin', { level: 6 });
  zip.add(entry);
  if (kind === 'sheet') {
    const xml = new TextDecoder().decode(parts['xl/worksheets/sheet1.xml']);
    const [head, rest] = xml.split('<sheetData>');
    const tail = `</sheetData>${rest.split('</sheetData>')[1]}`;
    entry.push(Buffer.from(`${head}<sheetData>`));
    let written = 0;
    for (let r = 1; written < bytes; r += 10_000) {
      let rows = '';
      for (let i = r; i < r + 10_000; i += 1) rows += `<row r="${i}"><c r="A${i}"><v>${i}</v></c><c r="B${i}"><v>1.5</v></c><c r="C${i}"><v>2</v></c></row>`;
      const chunk = Buffer.from(rows);
      entry.push(chunk);
      written += chunk.byteLength;
    }
    entry.push(Buffer.from(tail), true);
  } else {
    const zero = new Uint8Array(1 << 24);
    for (let done = 0; done < bytes; done += zero.byteLength) entry.push(zero, done + zero.byteLength >= bytes);
  }
  zip.end();
  fs.closeSync(out);
}

/** Runs `rerate <args>` through bench/measure.js in a fresh process. */
function run(args) {
  const child = spawnSync(process.execPath, [path.join(__dirname, 'measure.js'), ...args], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 28 });
  const last = child.stderr.trim().split('\n').pop();
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`rerate ${args.join(' ')} failed:\n${child.stderr.slice(-2000)}`);
  }
}

async function ensure(file, make) {
  if (!fs.existsSync(file)) {
    process.stdout.write(`generating ${path.relative(root, file)}… `);
    await make(file);
    process.stdout.write('done\n');
  }
  return file;
}

async function main() {
  fs.mkdirSync(dir, { recursive: true });
  const digits = await ensure(path.join(dir, 'million-digits.csv'), millionDigits);
  const many = await ensure(path.join(dir, 'entries-80000.zip'), manyEntries);
  const bomb = await ensure(path.join(dir, 'nul-1gib.csv.gz'), nulBomb);
  const media = await ensure(path.join(dir, 'workbook-media-1gib.xlsx'), (f) => workbookWith(f, 'media', 1 << 30));
  const sheet = await ensure(path.join(dir, 'workbook-lines-240mb.xlsx'), (f) => workbookWith(f, 'sheet', 240 << 20));
  const cases = [
    ['costs of 2,000,000 digits (inspect)', digits, ['inspect', digits, '--format', 'json'], 'BAD_NUMBER'],
    ['costs of 2,000,000 digits (invoice)', digits, ['invoice', digits, '--format', 'json'], 'BAD_NUMBER'],
    ['zip of 80,000 entries (inspect)', many, ['inspect', many, '--format', 'json'], 'read'],
    ['zip of 80,000 entries (invoice)', many, ['invoice', many, '--format', 'json'], 'read'],
    ['gzip of 1 GiB of NULs (inspect)', bomb, ['inspect', bomb, '--format', 'json'], 'BAD_ROW'],
    ['--workbook inflating to 1 GiB', media, ['invoice', SAMPLE, '--workbook', media, '--format', 'json'], 'SIZE_LIMIT'],
    ['--workbook with a 240 MB Lines sheet', sheet, ['invoice', SAMPLE, '--workbook', sheet, '--format', 'json'], 'read'],
  ];
  console.log(`\nhostile inputs (target: under ${TARGET_SECONDS} s and ${TARGET_MB} MB each)\n`);
  for (const [label, file, args, expected] of cases) {
    const r = run(args);
    const mb = fs.statSync(file).size / 1e6;
    const ok = r.seconds <= TARGET_SECONDS && r.peakRssMb <= TARGET_MB ? 'ok' : 'OVER TARGET';
    console.log(`${label.padEnd(40)} ${mb.toFixed(1).padStart(6)} MB in  ${r.seconds.toFixed(2).padStart(6)} s  peak RSS ${r.peakRssMb.toFixed(0).padStart(5)} MB  exit ${r.code} (${expected})  ${ok}`);
    if (ok !== 'ok') process.exitCode = 1;
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
