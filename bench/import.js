#!/usr/bin/env node
'use strict';
// The task pane's import into Lines, through the UI, in headless Chromium (issue 11's performance):
//   node bench/import.js [--rows N] [--big-rows N] [--repeat N] [--no-build] [--no-big] [--trace PREFIX] [--threads] [--tasks] [--dist DIR]
// The production bundle (webpack's config, built into data/addin-build) is served on 127.0.0.1;
// office.js is replaced by test/browser/fakeOfficeScript.ts, whose Excel.run is the recording fake
// of test/addin/recordingExcel.ts in its light mode (`keepCells: false`: it serialises every
// operation to count its bytes, as office.js serialises a request, but keeps no cells).
//   1. a generated N-row CUR (default 100,000) at the line grain: pick the file, wait for the
//      preview (the worker reads it once: rows per grain, hash), click `Import into Lines`, wait
//      for `import-result` (the worker reads it again and streams rows; the page writes them)
//   2. a generated 1,000,000-row CUR at the month grain, the same way
// Each run is a fresh browser. Printed per case, medians over --repeat runs with all runs:
// seconds from picking to the preview, from the click to `import-result` (parse + write, the
// target), rows written, syncs, the largest sync's bytes and the longest main-thread task
// (PerformanceObserver 'longtask', registered before the files are picked; tasks under 50 ms are
// not reported by Chromium, so "none" means every task was shorter), CPU seconds of the page's
// main thread, the worker and all of Chromium while importing (Linux /proc: robust to other load,
// which stretches wall times), and the page renderer's peak memory. --trace PREFIX writes a Chromium
// performance trace with V8 CPU samples of each case's first import (PREFIX-<rows>-<grain>.json;
// open it in DevTools' Performance panel). --threads lists the other busy Chromium threads; --tasks
// lists every long task while importing (when after the click, how long).
const { execFileSync } = require('node:child_process');
const fs = require('node:fs');
const Module = require('node:module');
const path = require('node:path');

const root = path.resolve(__dirname, '..');
const dataDir = path.join(__dirname, 'data');
const CHROMIUM = '/usr/bin/chromium';
const OFFICE_CDN = 'https://appsforoffice.microsoft.com/';
const TARGETS = { seconds: 3, syncBytes: 2_000_000, longTaskMs: 100 };
const args = process.argv.slice(2);
const rows = Number(valueOf('--rows') ?? 100000);
const bigRows = Number(valueOf('--big-rows') ?? 1000000);
const repeat = Math.max(1, Number(valueOf('--repeat') ?? 3));
const tracePath = valueOf('--trace');
// --dist DIR: serve a bundle built already (e.g. dist/addin after `npm run build:addin`).
const prebuilt = valueOf('--dist');
const buildDir = prebuilt ? path.resolve(prebuilt) : path.join(dataDir, 'addin-build');

function valueOf(flag) {
  const i = args.indexOf(flag);
  return i >= 0 ? args[i + 1] : undefined;
}

/** A TypeScript file of test/ loaded as a CommonJS module (transpiled, not type-checked). */
function requireTs(file) {
  const ts = require('typescript');
  const { outputText } = ts.transpileModule(fs.readFileSync(file, 'utf8'), {
    compilerOptions: { module: ts.ModuleKind.CommonJS, target: ts.ScriptTarget.ES2022, esModuleInterop: true },
    fileName: file,
  });
  const module = new Module(file, null);
  module.filename = file;
  module.paths = Module._nodeModulePaths(path.dirname(file));
  module._compile(outputText, file);
  return module.exports;
}

function build() {
  if (prebuilt || (args.includes('--no-build') && fs.existsSync(path.join(buildDir, 'taskpane.html')))) return Promise.resolve();
  console.log(`building the add-in (production) → ${path.relative(root, buildDir)}…`);
  const webpack = require('webpack');
  const config = require(path.join(root, 'webpack.config.js'))({ outputPath: buildDir }, { mode: 'production' });
  return new Promise((done, fail) => {
    webpack(config, (error, stats) => {
      if (error) fail(error);
      else if (stats.hasErrors()) fail(new Error(stats.toString({ all: false, errors: true })));
      else done();
    });
  });
}

function generate(count) {
  const file = path.join(dataDir, `cur-${count}.csv`);
  if (!fs.existsSync(file)) {
    console.log(`generating ${count.toLocaleString('en-US')} CUR 1.0 rows → ${path.relative(root, file)}…`);
    execFileSync(process.execPath, [path.join(__dirname, 'generate-cur.js'), file, String(count)], { stdio: ['ignore', 'ignore', 'inherit'] });
  }
  return file;
}

const CLOCK_TICKS = (() => {
  try {
    return Number(execFileSync('getconf', ['CLK_TCK'], { encoding: 'utf8' }).trim()) || 100;
  } catch {
    return 100;
  }
})();

/**
 * CPU seconds used so far by each thread of the Chromium processes this bench started (Linux
 * /proc; empty elsewhere): wall times on a loaded machine stretch, CPU times much less. Keyed by
 * thread id; `role` is `main` for the page's main thread (the renderer that runs the import
 * worker), `worker` for the worker, else `other`.
 */
function cpuByThread() {
  const threads = new Map();
  if (!fs.existsSync('/proc/self/stat')) return threads;
  const parentOf = new Map();
  for (const entry of fs.readdirSync('/proc')) {
    if (!/^[0-9]+$/.test(entry)) continue;
    try {
      const stat = fs.readFileSync(`/proc/${entry}/stat`, 'utf8');
      parentOf.set(Number(entry), Number(stat.slice(stat.lastIndexOf(')') + 2).split(' ')[1]));
    } catch {
      // The process ended meanwhile.
    }
  }
  const descends = (pid) => {
    for (let p = parentOf.get(pid), hops = 0; p !== undefined && p > 1 && hops < 10; p = parentOf.get(p), hops += 1) if (p === process.pid) return true;
    return false;
  };
  for (const pid of parentOf.keys()) {
    if (!descends(pid)) continue;
    let tasks;
    try {
      tasks = fs.readdirSync(`/proc/${pid}/task`).map((tid) => {
        const stat = fs.readFileSync(`/proc/${pid}/task/${tid}/stat`, 'utf8');
        const fields = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
        return { tid: Number(tid), name: fs.readFileSync(`/proc/${pid}/task/${tid}/comm`, 'utf8').trim(), seconds: (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS };
      });
    } catch {
      continue;
    }
    const runsWorker = tasks.some((t) => t.name.startsWith('DedicatedWorker'));
    if (runsWorker) {
      // The page's renderer: its peak resident memory (VmHWM) includes the worker's heap.
      const peak = /VmHWM:\s+([0-9]+) kB/.exec(fs.readFileSync(`/proc/${pid}/status`, 'utf8'));
      if (peak) threads.peakMb = Number(peak[1]) / 1024;
    }
    for (const t of tasks) {
      const role = runsWorker && t.tid === pid ? 'main' : t.name.startsWith('DedicatedWorker') ? 'worker' : 'other';
      threads.set(t.tid, { role, name: `${runsWorker ? 'page' : pid}/${t.name}`, seconds: t.seconds });
    }
  }
  return threads;
}

/** CPU seconds per role between two `cpuByThread` snapshots. */
function cpuBetween(before, after) {
  const used = { main: 0, worker: 0, all: 0, others: {} };
  for (const [tid, { role, name, seconds }] of after) {
    const delta = seconds - (before.get(tid)?.seconds ?? 0);
    if (role !== 'other') used[role] += delta;
    else used.others[name] = (used.others[name] ?? 0) + delta;
    used.all += delta;
  }
  return used;
}

/** Installed in the page before the files are picked: long tasks and the moments that matter. */
function instrumentPage() {
  const bench = { longTasks: [], marks: {} };
  window.__bench = bench;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) bench.longTasks.push({ start: entry.startTime, duration: entry.duration });
  }).observe({ type: 'longtask', buffered: true });
  document.addEventListener('change', (event) => {
    if (event.target instanceof HTMLInputElement && event.target.type === 'file') bench.marks.picked = performance.now();
  }, true);
  document.addEventListener('click', (event) => {
    const button = event.target instanceof Element ? event.target.closest('button') : null;
    if (button && button.textContent === 'Import into Lines') bench.marks.clicked = performance.now();
  }, true);
  new MutationObserver(() => {
    const now = performance.now();
    // The preview: the grain choice's `Every line (N rows)` (other panels have radio buttons too).
    if (bench.marks.previewed === undefined && [...document.querySelectorAll('label')].some((label) => label.textContent.startsWith('Every line ('))) bench.marks.previewed = now;
    if (bench.marks.clicked !== undefined && bench.marks.done === undefined && document.querySelector('[data-testid="import-result"], [data-testid="import-error"]')) bench.marks.done = now;
  }).observe(document.body, { childList: true, subtree: true });
}

function readResults() {
  const { marks, longTasks } = window.__bench;
  const excel = window.__rerate.excel;
  const lines = excel.table('BillingLines');
  const during = (from, to) => longTasks.filter((t) => t.start + t.duration > from && t.start < to);
  const summary = (tasks) => ({ max: tasks.reduce((m, t) => Math.max(m, t.duration), 0), over100: tasks.filter((t) => t.duration > 100).length, count: tasks.length });
  const error = document.querySelector('[data-testid="import-error"]');
  return {
    readSeconds: (marks.previewed - marks.picked) / 1000,
    importSeconds: (marks.done - marks.clicked) / 1000,
    result: document.querySelector('[data-testid="import-result"]')?.textContent ?? null,
    error: error ? error.textContent : null,
    rowsWritten: lines ? lines.rows - 1 : 0,
    syncs: excel.syncs.length,
    largestSync: excel.syncs.reduce((m, s) => Math.max(m, s.bytes), 0),
    bytesSent: excel.syncs.reduce((sum, s) => sum + s.bytes, 0),
    reading: summary(during(marks.picked, marks.previewed)),
    importing: summary(during(marks.clicked, marks.done)),
    // Every long task while importing: ms after the click, and how long it ran.
    importTasks: during(marks.clicked, marks.done).map((t) => [Math.round(t.start - marks.clicked), Math.round(t.duration)]),
  };
}

async function runOnce({ chromium, server, fakeOffice }, file, grain, trace) {
  const browser = await chromium.launch({
    executablePath: CHROMIUM,
    args: ['--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  try {
    const context = await browser.newContext({ viewport: { width: 360, height: 900 } });
    const page = await context.newPage();
    const errors = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await context.route('**/*', (route) => {
      const url = route.request().url();
      if (url.startsWith(server.url)) return route.continue();
      if (url.startsWith(OFFICE_CDN)) return route.fulfill({ status: 200, contentType: 'text/javascript', body: fakeOffice });
      return route.abort('internetdisconnected');
    });
    await page.goto(`${server.url}/taskpane.html`);
    await page.getByRole('heading', { name: 'Rerate', level: 1 }).waitFor();
    await page.evaluate(instrumentPage);
    await page.setInputFiles('input[type=file]', file);
    const label = grain === 'line' ? /^Every line \(/ : /^One row per pricing group and month \(/;
    const radio = page.getByRole('radio', { name: label });
    await radio.waitFor({ timeout: 900_000 });
    await radio.check();
    const cpuBefore = cpuByThread();
    if (trace) {
      await browser.startTracing(page, {
        path: trace,
        screenshots: false,
        categories: ['devtools.timeline', 'disabled-by-default-devtools.timeline', 'v8.execute', 'disabled-by-default-v8.cpu_profiler', 'toplevel'],
      });
    }
    await page.getByRole('button', { name: 'Import into Lines' }).click();
    await page.locator('[data-testid="import-result"], [data-testid="import-error"]').first().waitFor({ timeout: 900_000 });
    const cpuAfter = cpuByThread();
    const cpu = { ...cpuBetween(cpuBefore, cpuAfter), peakMb: cpuAfter.peakMb ?? 0 };
    if (trace) await browser.stopTracing();
    const result = { ...(await page.evaluate(readResults)), cpu };
    if (result.error || errors.length > 0) throw new Error(`the import failed: ${result.error ?? errors.join('; ')}`);
    return result;
  } finally {
    await browser.close();
  }
}

const median = (values) => [...values].sort((a, b) => a - b)[Math.floor((values.length - 1) / 2)];
const seconds = (values) => `${median(values).toFixed(2)} s (${values.map((v) => v.toFixed(2)).join(' / ')})`;
// 0: no long task (Chromium reports tasks of 50 ms or more only).
const msText = (v) => (v === 0 ? '<50' : String(Math.round(v)));
const ms = (values) => `${msText(median(values))} ms (${values.map(msText).join(' / ')})`;
const group = (n) => n.toLocaleString('en-US');

function report(title, runs, timed) {
  const longest = (phase) => runs.map((r) => r[phase].max);
  const over100 = (phase) => runs.map((r) => r[phase].over100).join(' / ');
  const largest = Math.max(...runs.map((r) => r.largestSync));
  const importSeconds = runs.map((r) => r.importSeconds);
  console.log(title);
  console.log(`  pick → preview (worker reads the file once)     ${seconds(runs.map((r) => r.readSeconds))}`);
  console.log(`  click → import-result (parse + write)            ${seconds(importSeconds)}${timed ? `  target < ${TARGETS.seconds} s: ${median(importSeconds) < TARGETS.seconds ? 'met' : 'NOT met'}` : ''}`);
  console.log(`  rows written ${group(runs[0].rowsWritten)}, syncs ${group(runs[0].syncs)}, ${(runs[0].bytesSent / 1e6).toFixed(0)} MB sent; largest sync ${group(largest)} bytes  target ≤ ${group(TARGETS.syncBytes)}: ${largest <= TARGETS.syncBytes ? 'met' : 'NOT met'}`);
  if (runs[0].cpu.peakMb > 0) console.log(`  peak memory of the page's renderer process (worker included) ${Math.round(Math.max(...runs.map((r) => r.cpu.peakMb)))} MB`);
  if (runs[0].cpu.all > 0) {
    console.log(`  CPU while importing: page main thread ${seconds(runs.map((r) => r.cpu.main))}, import worker ${seconds(runs.map((r) => r.cpu.worker))}, all Chromium ${seconds(runs.map((r) => r.cpu.all))}`);
    if (args.includes('--threads')) {
      const others = Object.entries(runs[0].cpu.others).filter(([, v]) => v >= 0.05).sort((a, b) => b[1] - a[1]);
      console.log(`    other threads (first run): ${others.map(([name, v]) => `${name} ${v.toFixed(2)} s`).join(', ')}`);
    }
  }
  const longestImport = longest('importing');
  console.log(`  longest main-thread task while importing        ${longestImport.every((v) => v === 0) ? 'none over 50 ms' : ms(longestImport)}; over 100 ms: ${over100('importing')}  target < ${TARGETS.longTaskMs} ms: ${Math.max(...longestImport) < TARGETS.longTaskMs ? 'met' : 'NOT met'}`);
  if (args.includes('--tasks')) {
    for (const [i, r] of runs.entries()) console.log(`    run ${i + 1}: long tasks while importing (ms after the click: ms) ${r.importTasks.map(([at, d]) => `${at}: ${d}`).join(', ') || 'none'}`);
  }
  const longestRead = longest('reading');
  console.log(`  longest main-thread task while reading          ${longestRead.every((v) => v === 0) ? 'none over 50 ms' : ms(longestRead)}; over 100 ms: ${over100('reading')}`);
}

async function main() {
  if (!fs.existsSync(CHROMIUM)) {
    console.log(`import bench skipped: ${CHROMIUM} is absent (apt-get install -y chromium)`);
    return;
  }
  fs.mkdirSync(dataDir, { recursive: true });
  await build();
  const { chromium } = require('playwright-core');
  const { serveStatic } = requireTs(path.join(root, 'test/browser/serveStatic.ts'));
  const { fakeOfficeScript } = requireTs(path.join(root, 'test/browser/fakeOfficeScript.ts'));
  const load = () => require('node:os').loadavg()[0].toFixed(1);
  console.log(`import into Lines through the task pane: ${require('node:os').cpus().length} cores, load average ${load()} (other work on the machine stretches wall times; CPU times stretch less)`);
  const server = await serveStatic(buildDir);
  const env = { chromium, server, fakeOffice: fakeOfficeScript('Excel', { keepCells: false }) };
  try {
    const cases = [{ rows, grain: 'line', timed: true }];
    if (!args.includes('--no-big')) cases.push({ rows: bigRows, grain: 'month', timed: false });
    for (const { rows: count, grain, timed } of cases) {
      const file = generate(count);
      const bytes = fs.statSync(file).size;
      const runs = [];
      const trace = tracePath ? `${tracePath}-${count}-${grain}.json` : undefined;
      for (let i = 0; i < repeat; i += 1) runs.push(await runOnce(env, file, grain, i === 0 ? trace : undefined));
      if (trace) console.log(`  trace of the first run's import: ${path.relative(root, trace)}`);
      console.log(`load average now ${load()}`);
      report(`import ${group(count)} rows (${(bytes / 1e6).toFixed(0)} MB) at the ${grain} grain, headless Chromium, median of ${repeat}`, runs, timed);
    }
  } finally {
    await server.close();
  }
}

main().catch((error) => {
  console.error(error);
  process.exitCode = 1;
});
