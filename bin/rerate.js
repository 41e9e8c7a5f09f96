#!/usr/bin/env node
'use strict';
// The `rerate` command: a thin launcher for the compiled CLI (`npm run build` makes dist/node).
// main() never throws; this launcher makes sure nothing else prints a stack trace either — a missing
// build, a rejected promise or an error thrown outside main() is one line, exit 1 (stack with --debug).
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
