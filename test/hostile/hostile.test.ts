import * as fs from 'node:fs';
import Decimal from 'decimal.js';
import { RerateError, type Issue } from '../../src/engine/issues';
import { main } from '../../src/cli/main';
import { exitCodeFor } from '../../src/cli/io';
import { fileSource } from '../../src/cli/fileSource';
import { NODE_READ_OPTIONS } from '../../src/cli/nodeReadOptions';
import { readBilling } from '../../src/formats/readBilling';
import { readWorkbookTables } from '../../src/cli/readWorkbookTables';
import { unzipSync } from 'fflate';
import { captureIo } from '../helpers/captureIo';
import { CASES, CLASSES, classesCovered, type ExpectedIssue, type HostileCase } from './cases';
import { Corpus } from './corpus';

/** What a run left: exit status, stdout, stderr, the issues and the controls. */
interface Outcome {
  exit: number;
  out: string;
  err: string;
  /** From the JSON on stdout when there is one, else parsed from the stderr lines. */
  issues: Issue[];
  /** Severity is known only for JSON issues. */
  fromJson: boolean;
  controls: { file: string; rowsRead: number; rowsSkipped: number; unblendedRead: string; unblendedAccounted: string }[] | null;
  ms: number;
}

/** `file:line: CODE message (N times)` back to an issue (no severity: stderr does not print it). */
function parseStderr(err: string): Issue[] {
  const issues: Issue[] = [];
  for (const line of err.split('\n')) {
    const match = /^(?:(.+?):(\d+): )?([A-Z][A-Z0-9_]+) (.*?)(?: \((\d+) times\))?$/.exec(line);
    if (!match) continue;
    const [, file, at, code, message, times] = match;
    issues.push({
      code: code as Issue['code'], severity: 'info', message,
      ...(file ? { source: { file, line: Number(at) } } : {}),
      ...(times ? { count: Number(times) } : {}),
    });
  }
  return issues;
}

type RunJson = { issues?: Issue[]; controls?: Outcome['controls']; files?: Outcome['controls'] };

function parseJson(text: string): RunJson | null {
  try {
    const value: unknown = JSON.parse(text);
    return typeof value === 'object' && value !== null ? (value as RunJson) : null;
  } catch {
    return null;
  }
}

async function run(test: HostileCase, corpus: Corpus): Promise<Outcome> {
  const sub = (text: string) => text.split('{dir}').join(corpus.dir);
  const start = Date.now();
  if (test.via) {
    const { read: what, file, maxDecompressedBytes } = test.via;
    const issues: Issue[] = [];
    let controls: Outcome['controls'] = null;
    try {
      if (what === 'billing') {
        const read = await readBilling(fileSource(sub(file)), null, { ...NODE_READ_OPTIONS, maxDecompressedBytes });
        issues.push(...read.issues);
        controls = read.controls;
      } else {
        issues.push(...(await readWorkbookTables(sub(file), { maxDecompressedBytes })).issues);
      }
    } catch (error) {
      if (!(error instanceof RerateError)) throw error;
      issues.push({ code: error.code, severity: 'error', message: error.message });
    }
    return { exit: exitCodeFor(issues), out: '', err: '', issues, fromJson: true, controls, ms: Date.now() - start };
  }
  const io = captureIo(corpus.dir);
  const exit = await main(test.args.map(sub), io);
  const ms = Date.now() - start;
  const json = parseJson(io.out);
  const fromJson = json !== null && Array.isArray(json.issues);
  return {
    exit, out: io.out, err: io.err, ms, fromJson,
    issues: fromJson ? (json?.issues ?? []) : parseStderr(io.err),
    controls: json?.controls ?? json?.files ?? null,
  };
}

function matches(issue: Issue, want: ExpectedIssue, sub: (s: string) => string, fromJson: boolean): boolean {
  if (issue.code !== want.code) return false;
  if (want.severity !== undefined && fromJson && issue.severity !== want.severity) return false;
  if (want.file !== undefined && issue.source?.file !== sub(want.file)) return false;
  if (want.line !== undefined && issue.source?.line !== want.line) return false;
  if (want.column !== undefined && fromJson && issue.source?.column !== want.column) return false;
  if (want.count !== undefined && (issue.count ?? 1) !== want.count) return false;
  if (want.message !== undefined && !want.message.test(issue.message)) return false;
  return true;
}

/** A short view of the issues for failure messages (messages cut, no control characters). */
function show(issues: Issue[]): string {
  return JSON.stringify(issues.map((i) => ({ ...i, message: i.message.slice(0, 160) })), null, 1).replace(/[\u0000-\u001f\u007f]/g, '?');
}

function check(test: HostileCase, outcome: Outcome, corpus: Corpus, before: string | null): void {
  const sub = (text: string) => text.split('{dir}').join(corpus.dir);
  const { expect: want } = test;
  const context = `${test.id}: exit ${outcome.exit}\nstderr: ${outcome.err.slice(0, 600)}\nissues: ${show(outcome.issues)}`;
  expect({ exit: outcome.exit, context }).toEqual({ exit: want.exit, context });
  for (const issue of want.issues ?? []) {
    const found = outcome.issues.some((i) => matches(i, issue, sub, outcome.fromJson));
    expect({ found, want: { ...issue, message: issue.message?.source }, context }).toEqual({ found: true, want: { ...issue, message: issue.message?.source }, context });
  }
  if (want.exact) {
    const codes = outcome.issues.map((i) => i.code).sort();
    expect({ codes, context }).toEqual({ codes: (want.issues ?? []).map((i) => i.code).sort(), context });
  }
  for (const code of want.without ?? []) expect(outcome.issues.map((i) => i.code)).not.toContain(code);
  if (want.controls) {
    const controls = (outcome.controls ?? []).map((c) => ({
      file: c.file, rowsRead: c.rowsRead, rowsSkipped: c.rowsSkipped,
      unblendedRead: new Decimal(c.unblendedRead).toString(), unblendedAccounted: new Decimal(c.unblendedAccounted).toString(),
    }));
    expect({ controls, context }).toEqual({
      controls: want.controls.map((c) => ({ ...c, file: sub(c.file), unblendedRead: new Decimal(c.unblendedRead).toString(), unblendedAccounted: new Decimal(c.unblendedAccounted).toString() })),
      context,
    });
  }
  if (want.out) {
    const file = sub(want.out.file);
    const exists = fs.existsSync(file);
    if (want.out.state === 'absent') expect({ exists, file }).toEqual({ exists: false, file });
    if (want.out.state === 'unchanged') expect(fs.readFileSync(file, 'utf8')).toBe(before);
    if (want.out.state === 'written') {
      expect({ exists, file }).toEqual({ exists: true, file });
      const now = fs.readFileSync(file, 'latin1');
      expect(now.length).toBeGreaterThan(0);
      if (before !== null) expect(now).not.toBe(before);
    }
  }
  if (want.xlsxMust || want.xlsxMustNot) {
    const parts = unzipSync(new Uint8Array(fs.readFileSync(sub(want.out?.file ?? ''))));
    const xml = Object.values(parts).map((bytes) => Buffer.from(bytes).toString('utf8')).join('\n');
    for (const re of want.xlsxMust ?? []) expect({ re: re.source, ok: re.test(xml) }).toMatchObject({ ok: true });
    for (const re of want.xlsxMustNot ?? []) expect({ re: re.source, ok: !re.test(xml) }).toMatchObject({ ok: true });
  }
  if (want.folder) expect(corpus.list()).toEqual(want.folder);
  for (const re of want.stdoutMust ?? []) expect({ stdout: outcome.out.slice(0, 2000), re: re.source, ok: re.test(outcome.out) }).toMatchObject({ ok: true });
  for (const re of want.stdoutMustNot ?? []) expect({ stdout: outcome.out.slice(0, 2000), re: re.source, ok: !re.test(outcome.out) }).toMatchObject({ ok: true });
  for (const re of want.stderrMust ?? []) expect({ stderr: outcome.err.slice(0, 2000), re: re.source, ok: re.test(outcome.err) }).toMatchObject({ ok: true });
  for (const re of want.stderrMustNot ?? []) expect({ stderr: outcome.err.slice(0, 2000), re: re.source, ok: !re.test(outcome.err) }).toMatchObject({ ok: true });
}

describe('the hostile corpus', () => {
  it(`has at least 60 cases, unique ids, covering every class (${CLASSES.join(', ')})`, () => {
    expect(CASES.length).toBeGreaterThanOrEqual(60);
    expect(new Set(CASES.map((c) => c.id)).size).toBe(CASES.length);
    expect([...classesCovered()].sort()).toEqual([...CLASSES].sort());
    for (const c of CASES) expect(c.why.length).toBeGreaterThan(10);
  });

  for (const test of CASES) {
    it(`${test.id}: ${test.why}`, async () => {
      // Every run reads in one piece (no worker threads from the TypeScript sources).
      const corpus = Corpus.create();
      try {
        test.setup(corpus);
        const outFile = test.expect.out ? test.expect.out.file.split('{dir}').join(corpus.dir) : null;
        const before = outFile !== null && fs.existsSync(outFile) ? fs.readFileSync(outFile, outFile.endsWith('.xlsx') ? 'latin1' : 'utf8') : null;
        const outcome = await run(test, corpus);
        if (process.env.HOSTILE_PROBE) {
          process.stdout.write(`PROBE ${test.id} exit=${outcome.exit} ms=${outcome.ms}\n  issues=${show(outcome.issues).replace(/\n/g, '')}\n  controls=${JSON.stringify(outcome.controls)?.replace(/"periods".*?"rowsRead"/g, '"rowsRead"').slice(0, 400)}\n  err=${JSON.stringify(outcome.err.slice(0, 300))}\n  out=${JSON.stringify(outcome.out.slice(0, 200))}\n`);
        }
        check(test, outcome, corpus, before);
      } finally {
        corpus.remove();
      }
    });
  }
});
