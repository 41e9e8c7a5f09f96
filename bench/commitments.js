#!/usr/bin/env node
'use strict';
// RI allocation at scale (ENGINE.md §11): 100,000 usage rows over 720 hourly buckets against 2,000
// reservations, through the compiled engine in dist/node (npm run build:cli). Prints the time to
// load the tables from text cells, the time to allocate, rows/s and peak RSS.
// Targets: allocation under 2 s and 300 MB.   Usage: node bench/commitments.js [--rows N] [--reservations N]
const path = require('node:path');
const fs = require('node:fs');
const { execFileSync } = require('node:child_process');

const root = path.resolve(__dirname, '..');
const args = process.argv.slice(2);
const option = (flag, fallback) => {
  const i = args.indexOf(flag);
  return i >= 0 ? Number(args[i + 1]) : fallback;
};
const ROWS = option('--rows', 100000);
const RESERVATIONS = option('--reservations', 2000);
const HOURS = 720;

const compiled = path.join(root, 'dist/node/engine/commitments/index.js');
if (!fs.existsSync(compiled)) {
  console.log('building the engine (npm run build:cli)…');
  try {
    execFileSync('npm', ['run', 'build:cli'], { cwd: root, stdio: 'inherit' });
  } catch {
    // tsc still emits when files elsewhere have type errors; the check below decides.
  }
  if (!fs.existsSync(compiled)) throw new Error(`${compiled} is missing after npm run build:cli`);
}
const { allocateReservations, loadRiUsage, loadReservations } = require(compiled);

// A deterministic generator (mulberry32), so every run measures the same input.
let seed = 20231101;
function random() {
  seed = (seed + 0x6d2b79f5) | 0;
  let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
  t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
  return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
}
const pick = (list) => list[Math.floor(random() * list.length)];

const accounts = Array.from({ length: 60 }, (_, i) => String(100000000000 + i * 7919));
const regions = ['us-east-1', 'us-west-2', 'eu-west-1'];
const zones = regions.flatMap((r) => ['a', 'b', 'c'].map((z) => [r + z, r]));
const types = ['m5', 'c5', 'r5', 't3', 'm5d'].flatMap((f) => ['large', 'xlarge', '2xlarge', '4xlarge'].map((s) => `${f}.${s}`));
const platforms = ['Linux/UNIX', 'Linux/UNIX', 'Linux/UNIX', 'Linux/UNIX', 'Linux/UNIX', 'Linux/UNIX', 'Linux/UNIX', 'Linux/UNIX', 'Windows', 'RHEL'];
const tenancy = () => (random() < 0.05 ? 'dedicated' : 'default');
const quantities = ['1', '1', '1', '2', '3', '0.5', '4'];

const usageTable = {
  source: 'bench-usage.csv',
  header: ['Hour', 'Account', 'InstanceType', 'Platform', 'Tenancy', 'AvailabilityZone', 'Region', 'Quantity'],
  rows: Array.from({ length: ROWS }, (_, i) => {
    const hour = i % HOURS;
    const label = `2023-11-${String(1 + Math.floor(hour / 24)).padStart(2, '0')}T${String(hour % 24).padStart(2, '0')}`;
    const [zone, region] = pick(zones);
    return { line: i + 2, values: [label, pick(accounts), pick(types), pick(platforms), tenancy(), zone, region, pick(quantities)] };
  }),
};
const reservationTable = {
  source: 'bench-reservations.csv',
  header: ['Reservation', 'Owner', 'InstanceType', 'Platform', 'Tenancy', 'Scope', 'Location', 'Count', 'Hours'],
  rows: Array.from({ length: RESERVATIONS }, (_, i) => {
    const [zone, region] = pick(zones);
    const zonal = random() < 0.3;
    return {
      line: i + 2,
      values: [`ri-${i + 1}`, pick(accounts), pick(types), pick(platforms), tenancy(), zonal ? 'zonal' : 'regional', zonal ? zone : region, String(1 + Math.floor(random() * 3)), '1'],
    };
  }),
};

const rssBefore = process.memoryUsage().rss;
let started = process.hrtime.bigint();
const usage = loadRiUsage(usageTable);
const reservations = loadReservations(reservationTable);
const loadSeconds = Number(process.hrtime.bigint() - started) / 1e9;
if (usage.issues.length || reservations.issues.length) throw new Error(JSON.stringify([...usage.issues, ...reservations.issues]));

// The first run is the figure that counts (the CLI allocates once, JIT cold); two more runs show
// the warm speed. CPU time (user + system, GC threads included) is printed beside wall time,
// because the machine is shared. Peak RSS is read after the first run.
const runs = [];
let allocation;
let peakRssMb = 0;
for (let run = 0; run < 3; run += 1) {
  const cpu = process.cpuUsage();
  started = process.hrtime.bigint();
  allocation = allocateReservations(usage.result, reservations.result);
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const used = process.cpuUsage(cpu);
  runs.push({ seconds, cpuSeconds: (used.user + used.system) / 1e6 });
  if (run === 0) peakRssMb = process.resourceUsage().maxRSS / 1024;
}
const [first] = runs;
const warm = Math.min(runs[1].seconds, runs[2].seconds);
const { result, issues } = allocation;

let covered = 0;
let onDemand = 0;
for (const row of result.usage) {
  covered += row.covered.toNumber(); // a summary for people only: never money, never compared
  onDemand += row.onDemand.toNumber();
}
const format = (n) => Math.round(n).toLocaleString('en-US');
console.log(`RI allocation: ${format(ROWS)} usage rows, ${HOURS} buckets, ${format(RESERVATIONS)} reservations (${issues.length} issues)`);
console.log(`  load tables   ${loadSeconds.toFixed(2).padStart(6)} s  ${format(ROWS / loadSeconds).padStart(9)} rows/s`);
console.log(`  allocate      ${first.seconds.toFixed(2).padStart(6)} s  ${format(ROWS / first.seconds).padStart(9)} rows/s  (first run, CPU ${first.cpuSeconds.toFixed(2)} s; warm ${warm.toFixed(2)} s)`);
console.log(`  total         ${(loadSeconds + first.seconds).toFixed(2).padStart(6)} s  peak RSS ${peakRssMb.toFixed(0)} MB (${(rssBefore / 1048576).toFixed(0)} MB before loading: the generated input tables)`);
console.log(`  instance-hours covered ${format(covered)}, on demand ${format(onDemand)}; targets: allocate < 2 s, < 300 MB`);

// Savings Plans, for information (no target): the same rows priced per unit against 200 plans.
const { allocateSavingsPlans, loadSpUsage, loadSavingsPlans } = require(compiled);
const spUsage = loadSpUsage({
  source: 'bench-sp-usage.csv',
  header: ['Hour', 'Account', 'Usage', 'InstanceFamily', 'Region', 'Quantity', 'OnDemandRate', 'SpRate'],
  rows: usageTable.rows.map((row) => {
    const [hour, account, type, , , , region, quantity] = row.values;
    const fargate = random() < 0.2;
    return { line: row.line, values: [hour, account, fargate ? 'Fargate vCPU-hours' : type, fargate ? '' : type.split('.')[0], region, quantity, pick(['0.096', '0.192', '0.34', '0.04048']), pick(['0.06', '0.12', '0.2', '0.02833'])] };
  }),
});
const spPlans = loadSavingsPlans({
  source: 'bench-plans.csv',
  header: ['Plan', 'Owner', 'Type', 'Commitment', 'InstanceFamily', 'Region'],
  rows: Array.from({ length: 200 }, (_, i) => {
    const compute = random() < 0.5;
    return { line: i + 2, values: [`sp-${i + 1}`, pick(accounts), compute ? 'compute' : 'ec2-instance', pick(['0.05', '0.1', '0.2']), compute ? '' : pick(types).split('.')[0], compute ? '' : pick(regions)] };
  }),
});
const spCpu = process.cpuUsage();
started = process.hrtime.bigint();
const sp = allocateSavingsPlans(spUsage.result, spPlans.result);
const spSeconds = Number(process.hrtime.bigint() - started) / 1e9;
const spCpuUsed = process.cpuUsage(spCpu);
console.log(`SP allocation (information, no target): ${format(ROWS)} rows, ${HOURS} buckets, 200 plans (${sp.issues.length} issues)`);
console.log(`  allocate      ${spSeconds.toFixed(2).padStart(6)} s  ${format(ROWS / spSeconds).padStart(9)} rows/s  (CPU ${((spCpuUsed.user + spCpuUsed.system) / 1e6).toFixed(2)} s); cost ${sp.result.totals.cost.toFixed(2)} vs ${sp.result.totals.onDemandCost.toFixed(2)} on demand`);
