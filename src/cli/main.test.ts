import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { captureIo } from '../../test/helpers/captureIo';
import { RerateError } from '../engine/issues';
import type { Command } from './io';
import { main } from './main';

const ROOT = path.resolve(__dirname, '../..');
const CUR = path.join(ROOT, 'samples/public/cur1-sample-2023-11.csv');

/** A command table whose `boom` command fails as a bug would. */
function failing(thrown: unknown): Record<string, () => Promise<Command>> {
  return {
    boom: async () => ({
      usage: 'usage: rerate boom',
      run: async () => {
        throw thrown;
      },
    }),
  };
}

const INTERNAL_LINE = /^INTERNAL rerate boom failed unexpectedly \(TypeError: cannot read property "x"\); please report this with the command you ran\. Run again with --debug for details\.\n$/;

describe('rerate main: no stack trace', () => {
  it('main(["boom"]) whose command throws an Error prints one INTERNAL line and no stack (exit 1)', async () => {
    const io = captureIo();
    expect(await main(['boom'], io, failing(new TypeError('cannot read property "x"\nsecond line')))).toBe(1);
    expect(io.err).toMatch(INTERNAL_LINE);
    expect(io.out).toBe('');
  });

  it('main(["boom", "--debug"]) and main(["--debug", "boom"]) print the INTERNAL line, then the stack', async () => {
    for (const argv of [['boom', '--debug'], ['--debug', 'boom']]) {
      const io = captureIo();
      const error = new TypeError('cannot read property "x"');
      expect(await main(argv, io, failing(error))).toBe(1);
      const [first, ...rest] = io.err.split('\n');
      expect(`${first}\n`).toMatch(INTERNAL_LINE);
      expect(rest.join('\n')).toContain(error.stack as string);
    }
  });

  it('main(["boom"]) whose command throws a non-Error (null, a string) still gives one INTERNAL line (exit 1)', async () => {
    for (const [thrown, detail] of [[null, 'null'], ['plain text', 'plain text'], [undefined, 'undefined']] as const) {
      const io = captureIo();
      expect(await main(['boom', '--debug'], io, failing(thrown))).toBe(1);
      expect(io.err.split('\n')[0]).toBe(`INTERNAL rerate boom failed unexpectedly (${detail}); please report this with the command you ran. Run again with --debug for details.`);
    }
  });

  it('main(["boom"]) whose command module fails to load is INTERNAL too (exit 1)', async () => {
    const io = captureIo();
    const commands = { boom: () => Promise.reject(new Error('Cannot find module ./commands/boom')) };
    expect(await main(['boom'], io, commands)).toBe(1);
    expect(io.err).toMatch(/^INTERNAL rerate boom failed unexpectedly \(Error: Cannot find module \.\/commands\/boom\); please report/);
  });

  it('main(["inspect", F, "--debug", "--format", "json"]) runs as without --debug: the flag never reaches the command', async () => {
    const io = captureIo();
    expect(await main(['inspect', CUR, '--debug', '--format', 'json'], io)).toBe(0);
    expect(JSON.parse(io.out).files[0].rowsRead).toBe(1281);
  });

  it('main(["boom"]) whose command throws a RerateError keeps its code and message (exit 1)', async () => {
    const io = captureIo();
    expect(await main(['boom'], io, failing(new RerateError('UNREADABLE_FILE', 'x.csv cannot be read (EIO).')))).toBe(1);
    expect(io.err).toBe('UNREADABLE_FILE x.csv cannot be read (EIO).\n');
  });

  it('main(["__proto__"]) is an unknown command (exit 2), not a crash', async () => {
    const io = captureIo();
    expect(await main(['__proto__'], io)).toBe(2);
    expect(io.err).toMatch(/^rerate: unknown command "__proto__"/);
  });
});

describe('bin/rerate.js: no stack trace for a rejected promise', () => {
  const dir = mkdtempSync(path.join(tmpdir(), 'rerate-bin-'));
  beforeAll(() => {
    if (!existsSync(path.join(ROOT, 'dist/node/cli/main.js'))) execFileSync('npm', ['run', 'build:cli'], { cwd: ROOT, stdio: 'ignore' });
  });

  /** Runs the launcher with `hook` preloaded (it replaces the compiled main or rejects a promise). */
  function run(hook: string, args: string[]) {
    const file = path.join(dir, `hook-${Math.random().toString(36).slice(2)}.js`);
    writeFileSync(file, hook);
    return spawnSync(process.execPath, ['-r', file, path.join(ROOT, 'bin/rerate.js'), ...args], { encoding: 'utf8' });
  }
  const replaceMain = (body: string) => `const cli = require(${JSON.stringify(path.join(ROOT, 'dist/node/cli/main.js'))}); cli.main = ${body};`;

  it('a main() that rejects prints one INTERNAL line (exit 1); with --debug the stack follows', () => {
    const hook = replaceMain(`() => Promise.reject(new Error('boom\\nmore'))`);
    const plain = run(hook, ['inspect', 'x.csv']);
    expect(plain.status).toBe(1);
    expect(plain.stderr).toBe('INTERNAL rerate failed unexpectedly (Error: boom); please report this with the command you ran. Run again with --debug for details.\n');
    const debug = run(hook, ['inspect', 'x.csv', '--debug']);
    expect(debug.status).toBe(1);
    expect(debug.stderr).toMatch(/\n {4}at /);
  });

  it('a promise rejected outside main() prints one INTERNAL line, no stack (exit 1)', () => {
    const result = run(`${replaceMain('() => new Promise(() => { Promise.reject(new RangeError("stray")); setTimeout(() => {}, 1000); })')}`, ['inspect']);
    expect(result.status).toBe(1);
    expect(result.stderr).toBe('INTERNAL rerate failed unexpectedly (RangeError: stray); please report this with the command you ran. Run again with --debug for details.\n');
  });
});
