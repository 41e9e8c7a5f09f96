'use strict';
// Runs one `rerate` command in this process and reports its wall time and peak RSS as one JSON line
// on stderr, so `npm run bench` measures the real CLI code path without external timing tools.
// Usage: node bench/measure.js <rerate args...>
const path = require('node:path');

// As bin/rerate.js runs the CLI: with V8's allocation-site pretenuring off.
require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');
const { main } = require(path.resolve(__dirname, '../dist/node/cli/main.js'));
const started = process.hrtime.bigint();
let stdoutBytes = 0;
const io = {
  stdout: (text) => { stdoutBytes += Buffer.byteLength(text); },
  stderr: (text) => { if (process.env.BENCH_VERBOSE) process.stderr.write(text); },
  stderrIsTty: false,
  cwd: process.cwd(),
};
main(process.argv.slice(2), io).then((code) => {
  const seconds = Number(process.hrtime.bigint() - started) / 1e9;
  const usage = process.resourceUsage();
  const peakRssMb = usage.maxRSS / 1024;
  // CPU of every thread of the process (the split's worker included): the figure load does not inflate.
  const cpuSeconds = (usage.userCPUTime + usage.systemCPUTime) / 1e6;
  process.stderr.write(`${JSON.stringify({ code, seconds, cpuSeconds, peakRssMb, stdoutBytes })}\n`);
  process.exitCode = code;
});
