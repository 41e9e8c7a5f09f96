#!/usr/bin/env node
'use strict';
// The `rerate` command: a thin launcher for the compiled CLI (`npm run build` makes dist/node).
// main() never throws; this launcher makes sure nothing else prints a stack trace either — a missing
// build, a rejected promise or an error thrown outside main() is one line, exit 1 (stack with --debug).
// V8 moves objects it expects to live long straight into old space (allocation-site pretenuring);
// reading tens of thousands of small tables (a zip of 80,000 CSVs) fooled it into promoting ~1 GB of
// short-lived objects: off, that run takes 7.7 s and 640 MB instead of 12.5 s and 1.03 GB, and a
// 300,000-row CUR invoice is unchanged (farm-bench A/B wall 1.00, peak 189 vs 188 MiB; bench/README.md).
require('node:v8').setFlagsFromString('--no-allocation-site-pretenuring');
const debug = process.argv.slice(2, process.argv.includes('--') ? process.argv.indexOf('--') : undefined).includes('--debug');

function fail(error) {
  let detail;
  try {
    detail = (error instanceof Error ? `${error.name}: ${error.message}` : String(error)).split(/\r\n|\r|\n/, 1)[0].trim().slice(0, 200);
  } catch {
    detail = 'an unprintable value was thrown';
  }
  // The form of issueFromError (src/engine/issues.ts), which may not be built.
  process.stderr.write(`INTERNAL rerate failed unexpectedly (${detail}); please report this with the command you ran. Run again with --debug for details.\n`);
  if (debug) process.stderr.write(`${error instanceof Error && error.stack ? error.stack : String(error)}\n`);
  process.exitCode = 1;
}

process.on('uncaughtException', (error) => {
  fail(error);
  process.exit(1);
});
process.on('unhandledRejection', (reason) => {
  fail(reason);
  process.exit(1);
});

let cli;
try {
  cli = require('../dist/node/cli/main.js');
} catch (error) {
  if (error && error.code === 'MODULE_NOT_FOUND' && String(error.message).includes('dist/node/cli/main.js')) {
    process.stderr.write('rerate: the CLI is not built; run `npm run build:cli` first.\n');
    process.exitCode = 1;
    return;
  }
  throw error;
}
cli.main(process.argv.slice(2)).then((code) => { process.exitCode = code; }, fail);
