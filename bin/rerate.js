#!/usr/bin/env node
'use strict';
// The `rerate` command: a thin launcher for the compiled CLI (`npm run build` makes dist/node).
require('../dist/node/cli/main.js').main(process.argv.slice(2)).then((code) => { process.exitCode = code; });
