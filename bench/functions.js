#!/usr/bin/env node
'use strict';
// DBR.RERATE and DBR.INVOICE over 100,000 BillingLines, in Node, through the same wrapper code
// Excel calls (src/functions/functions.ts compiled by bench/tsconfig.functions.json into
// bench/data/functions-build, with a stand-in for Excel's CustomFunctions global).
//   node bench/functions.js [--rows N] [--repeat N] [--no-build] [--numbers]
// The lines are a generated CUR (bench/generate-cur.js, N rows) read with readBilling, each line
// turned into cells with billingLineToRow (all text, as `rerate lines` writes them), header first;
// with --numbers, as the task pane writes Lines instead: SourceLine and the seven decimal columns
// as numbers, then LineCount (1) and the shadow columns (exact text where a decimal has more than
// 15 significant digits, else blank: the generated amounts have at most 13, so all blank);
// the price book (50 rules), customers and FX rates of bench/invoice-tables.js as cell grids.
// Each function runs in a fresh process (`--child rerate|invoice`), `repeat` times, interleaved:
//   cold   the first call in the process (tables converted and loaded, code not yet optimised)
//   again  a second call with one line changed and fresh copies of the same tables (as Excel
//          passes new arrays on every recalculation): the tables come from the content cache
// Medians are printed with all runs; peak RSS is the process's (process.resourceUsage().maxRSS),
// which includes the 100,000 × 32 cells of the argument and the spilled result.
const { execFileSync, spawnSync } = require('node:child_process');
const fs = require('node:fs');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(__dirname, 'data');
const buildDir = path.join(dataDir, 'functions-build');
const args = process.argv.slice(2);
const rows = Number(valueOf('--rows') ?? 100000);
const repeat = Math.max(1, Number(valueOf('--repeat') ?? 3));
const numbers = args.includes('--numbers');
const TARGETS = { rerate: 1, invoice: 2 };

function valueOf(flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

// ---- the child: one function, timed in this process ------------------------------------------

/** Excel's CustomFunctions global, as test/addin/fakeCustomFunctions.ts installs it for Jest. */
function installCustomFunctions() {
  class ExcelError {
    constructor(code, message) {
      this.code = code;
      this.message = message;
    }
  }
  globalThis.CustomFunctions = {
    Error: ExcelError,
    ErrorCode: { invalidValue: '#VALUE!', notAvailable: '#N/A', divisionByZero: '#DIV/0!', invalidNumber: '#NUM!' },
    associate() {},
  };
}

/** A CSV of bench/invoice-tables.js (no quoted fields) as the cell grid Excel would pass. */
function csvGrid(file) {
  return fs.readFileSync(file, 'utf8').trim().split('\n').map((line) => line.split(','));
}

const copy = (grid) => grid.map((row) => row.slice());

async function child(which, csv) {
  installCustomFunctions();
  const { readBilling } = require(path.join(buildDir, 'formats/readBilling.js'));
  const { fileSource } = require(path.join(buildDir, 'cli/fileSource.js'));
  const { NODE_READ_OPTIONS } = require(path.join(buildDir, 'cli/nodeReadOptions.js'));
  const { BILLING_LINES_HEADER, billingLineToRow } = require(path.join(buildDir, 'engine/index.js'));
  const { BILLING_LINES_COLUMNS, BILLING_LINES_SHADOW_HEADER } = require(path.join(buildDir, 'engine/lines/index.js'));
  const functions = require(path.join(buildDir, 'functions/functions.js'));
  const { tableCache } = require(path.join(buildDir, 'functions/adapter.js'));

  const lines = [numbers ? [...BILLING_LINES_HEADER, 'LineCount', ...BILLING_LINES_SHADOW_HEADER] : [...BILLING_LINES_HEADER]];
  // The columns the task pane writes as numbers: SourceLine and the decimals (each with a shadow).
  const decimals = BILLING_LINES_COLUMNS.flatMap((c, i) => (['money', 'quantity', 'rate'].includes(c.kind) ? [i] : []));
  const sourceLine = BILLING_LINES_HEADER.indexOf('SourceLine');
  const significant = (text) => text.replace(/[eE].*$/, '').replace(/[^0-9]/g, '').replace(/^0+/, '').replace(/0+$/, '').length;
  const taskPaneRow = (row) => {
    const shadows = decimals.map((i) => (row[i] !== '' && significant(row[i]) > 15 ? row[i] : ''));
    const cells = row.map((text, i) => (i === sourceLine || (decimals.includes(i) && text !== '') ? Number(text) : text));
    return [...cells, 1, ...shadows];
  };
  await readBilling(fileSource(csv), (line) => lines.push(numbers ? taskPaneRow(billingLineToRow(line)) : billingLineToRow(line)), NODE_READ_OPTIONS);
  const tables = require('./invoice-tables.js').writeInvoiceTables(dataDir);
  const priceBook = csvGrid(tables.pricebook);
  const customers = csvGrid(tables.customers);
  const fx = csvGrid(tables.fx);
  const settings = [['Setting', 'Value'], ['credits', 'next-period']];

  // DBR.RERATE takes no FX table (PRODUCT.md's signature): its customers are all invoiced in USD
  // here, else the EUR customers' lines would all be #N/A (no FX rate).
  const usdCustomers = customers.map((row, i) => (i === 0 ? row : [...row.slice(0, 3), 'USD']));
  const call = which === 'rerate'
    ? (cells, t) => functions.rerateLines(cells, t.priceBook, t.usdCustomers)
    : (cells, t) => functions.invoiceOf(cells, t.priceBook, t.customers, t.settings, t.fx);
  const time = async (cells, t) => {
    const started = process.hrtime.bigint();
    const out = await call(cells, t);
    return { seconds: Number(process.hrtime.bigint() - started) / 1e9, out };
  };

  const first = await time(lines, { priceBook, customers, usdCustomers, settings, fx });
  const afterFirst = { hits: tableCache.hits, misses: tableCache.misses };
  // One line changed (its cost), every table a fresh array with the same cells.
  const changed = lines.slice();
  const at = Math.floor(lines.length / 2);
  const costColumn = BILLING_LINES_HEADER.indexOf('UnblendedCost');
  changed[at] = lines[at].slice();
  changed[at][costColumn] = numbers ? 123.4567 : '123.4567';
  const again = await time(changed, {
    priceBook: copy(priceBook), customers: copy(customers), usdCustomers: copy(usdCustomers), settings: copy(settings), fx: copy(fx),
  });
  const errors = (out) => out.reduce((n, row) => n + row.filter((cell) => typeof cell === 'object').length, 0);
  const report = {
    which,
    lines: lines.length - 1,
    cold: first.seconds,
    again: again.seconds,
    outRows: first.out.length,
    errorCells: errors(first.out),
    issueRows: first.out.filter((row) => row[0] === 'Issue').length,
    cacheAfterFirst: afterFirst,
    cacheAfterSecond: { hits: tableCache.hits, misses: tableCache.misses },
    peakRssMb: process.resourceUsage().maxRSS / 1024,
  };
  process.stderr.write(`${JSON.stringify(report)}\n`);
}

// ---- the parent: build, generate, run the children, print medians ---------------------------

function runChild(which, csv) {
  const result = spawnSync(process.execPath, [__filename, '--child', which, '--csv', csv, ...(numbers ? ['--numbers'] : [])], { cwd: root, encoding: 'utf8', maxBuffer: 1 << 26 });
  const last = result.stderr.trim().split('\n').pop();
  try {
    return JSON.parse(last);
  } catch {
    throw new Error(`bench/functions.js --child ${which} failed:\n${result.stderr}`);
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const seconds = (values) => `${median(values).toFixed(3)} s (${values.map((v) => v.toFixed(3)).join(' / ')})`;

function main() {
  fs.mkdirSync(dataDir, { recursive: true });
  if (!args.includes('--no-build')) {
    console.log('compiling src/functions for Node (bench/tsconfig.functions.json)…');
    execFileSync(process.execPath, [require.resolve('typescript/bin/tsc'), '-p', path.join(__dirname, 'tsconfig.functions.json')], { cwd: root, stdio: 'inherit' });
  }
  const csv = path.join(dataDir, `cur-${rows}.csv`);
  if (!fs.existsSync(csv)) {
    console.log(`generating ${rows.toLocaleString('en-US')} CUR 1.0 rows → ${path.relative(root, csv)}…`);
    execFileSync(process.execPath, [path.join(__dirname, 'generate-cur.js'), csv, String(rows)], { stdio: 'inherit' });
  }
  const runs = { rerate: [], invoice: [] };
  for (let i = 0; i < repeat; i += 1) {
    for (const which of ['rerate', 'invoice']) runs[which].push(runChild(which, csv));
  }
  const cells = numbers ? 'cells as the task pane writes them: 8 number columns, LineCount and 7 shadow columns, 40 columns' : 'cells as text, 32 columns';
  console.log(`DBR.RERATE / DBR.INVOICE over ${rows.toLocaleString('en-US')} lines (${cells}), 50-rule price book, 4 customers, 2 currencies; fresh process per run, median of ${repeat}`);
  for (const which of ['rerate', 'invoice']) {
    const r = runs[which];
    const name = `DBR.${which.toUpperCase()}`;
    const cold = median(r.map((x) => x.cold));
    console.log(`${name.padEnd(12)} first call ${seconds(r.map((x) => x.cold))}  target < ${TARGETS[which]} s: ${cold < TARGETS[which] ? 'met' : 'NOT met'}`);
    console.log(`${''.padEnd(12)} one line changed, same tables ${seconds(r.map((x) => x.again))}`);
    const [last] = r.slice(-1);
    console.log(`${''.padEnd(12)} table cache after the first call ${last.cacheAfterFirst.hits} hits / ${last.cacheAfterFirst.misses} misses, after the second ${last.cacheAfterSecond.hits} / ${last.cacheAfterSecond.misses}`);
    console.log(`${''.padEnd(12)} ${last.outRows.toLocaleString('en-US')} output rows, ${last.errorCells} error cells, ${last.issueRows} issue rows; peak RSS ${Math.round(median(r.map((x) => x.peakRssMb)))} MB (max ${Math.round(Math.max(...r.map((x) => x.peakRssMb)))} MB)`);
  }
}

if (args.includes('--child')) {
  child(valueOf('--child'), valueOf('--csv')).catch((error) => {
    console.error(error);
    process.exitCode = 1;
  });
} else {
  try {
    main();
  } catch (error) {
    console.error(error);
    process.exitCode = 1;
  }
}
