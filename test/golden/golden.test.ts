/**
 * The golden runner: every folder under test/golden with a `case.json` is one scenario, run through
 * the real CLI (`main`, in-process) and compared with its hand-computed `expected.json`.
 *
 * Worked example — test/golden/methods/case.json:
 *   { "proves": "…", "command": "invoice", "args": ["lines.csv", "--pricebook", "pricebook.csv"], "exitCode": 0 }
 * runs `main(['invoice', 'lines.csv', '--pricebook', 'pricebook.csv', '--format', 'json'], io)` with
 * `io.cwd` = the scenario folder, parses stdout, and compares:
 *   - `invoices` exactly, in the contract's order; lines reduced to the contract's fields
 *     category/account/cost/price/amount, so extra fields such as `rules` are ignored. Rounded
 *     figures (amount, total, residual) are compared as strings; precise figures (cost, price,
 *     preciseTotal) must be plain notation and are compared by exact value, so `"1.5"` and
 *     `"1.5000000000"` agree (PRODUCT.md's sample pads precise figures to 10 decimals) but
 *     `"1.5"` and `"1.50000000001"` or `"1.5e0"` do not;
 *   - `carriedCredits` the same way (amount by exact value), as a set (the contract gives no order);
 *   - `issues` as a multiset of `{code, severity, count}` (count defaults to 1), every message
 *     non-empty, and each expected `messageIncludes` found in the message of a matching issue;
 *   - the exit code.
 * Expected files are written by hand from the spec (see each folder's NOTES.md) and change only
 * after a person has read the diff: never paste the engine's output into them.
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

interface GoldenCase {
  proves: string;
  command: string;
  args: string[];
  exitCode: number;
}

interface ExpectedIssue {
  code: string;
  severity: string;
  count?: number;
  messageIncludes?: string[];
}

interface Expected {
  invoices: unknown[];
  carriedCredits: unknown[];
  issues: ExpectedIssue[];
}

interface ActualIssue {
  code: string;
  severity: string;
  message?: string;
  count?: number;
}

const GOLDEN_DIR = __dirname;
const REPO_ROOT = path.resolve(__dirname, '..', '..');

function findCases(): { name: string; dir: string; spec: GoldenCase }[] {
  return fs
    .readdirSync(GOLDEN_DIR, { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && fs.existsSync(path.join(GOLDEN_DIR, entry.name, 'case.json')))
    .map((entry) => entry.name)
    .sort()
    .map((name) => {
      const dir = path.join(GOLDEN_DIR, name);
      const spec = JSON.parse(fs.readFileSync(path.join(dir, 'case.json'), 'utf8')) as GoldenCase;
      return { name, dir, spec };
    });
}

/** The command module exists only once its author has landed it; until then the cases skip. */
function commandExists(command: string): boolean {
  return fs.existsSync(path.join(REPO_ROOT, 'src', 'cli', 'commands', `${command}.ts`));
}

async function runCli(argv: string[], cwd: string): Promise<{ exitCode: number; stdout: string; stderr: string }> {
  // Loaded lazily so this file stays valid while the CLI commands are still being written.
  const { main } = await import('../../src/cli/main');
  let stdout = '';
  let stderr = '';
  const exitCode = await main(argv, {
    stdout: (text: string) => {
      stdout += text;
    },
    stderr: (text: string) => {
      stderr += text;
    },
    stderrIsTty: false,
    cwd,
  });
  return { exitCode, stdout, stderr };
}

const LINE_FIELDS = ['category', 'account', 'cost', 'price', 'amount'] as const;
const INVOICE_FIELDS = ['customer', 'period', 'currency', 'total', 'preciseTotal', 'residual'] as const;
const CARRIED_FIELDS = ['customer', 'fromPeriod', 'toPeriod', 'category', 'amount'] as const;
/** A carried amount may be a precise credit or a rounded floor amount: compared by value either way. */
const CARRIED_PRECISE: ReadonlySet<string> = new Set(['amount']);

const PRECISE_FIELDS: ReadonlySet<string> = new Set(['cost', 'price', 'preciseTotal']);
const PLAIN_DECIMAL = /^-?\d+(\.\d+)?$/;

/**
 * The exact value of a precise figure in one spelling: trailing zeros dropped, `-0` → `0`.
 * Anything that is not plain decimal notation (a number, `1e-8`, `1,5`) is kept and flagged.
 */
function canonicalPrecise(value: unknown): unknown {
  if (typeof value !== 'string' || !PLAIN_DECIMAL.test(value)) return `(not a plain decimal string) ${JSON.stringify(value)}`;
  let text = value.includes('.') ? value.replace(/0+$/, '').replace(/\.$/, '') : value;
  text = text.replace(/^(-?)0+(?=\d)/, '$1');
  return text === '-0' ? '0' : text;
}

function pick(record: unknown, fields: readonly string[], precise: ReadonlySet<string> = PRECISE_FIELDS): Record<string, unknown> {
  const source = (record ?? {}) as Record<string, unknown>;
  const picked: Record<string, unknown> = {};
  for (const field of fields) {
    if (!(field in source)) picked[field] = '(missing)';
    else picked[field] = precise.has(field) ? canonicalPrecise(source[field]) : source[field];
  }
  return picked;
}

/** Keeps only the contract's fields, so extra engine fields never fail a golden case. */
function contractInvoices(invoices: unknown): unknown[] {
  if (!Array.isArray(invoices)) return [`not an array: ${JSON.stringify(invoices)}`];
  return invoices.map((invoice) => {
    const lines = (invoice as { lines?: unknown }).lines;
    return {
      ...pick(invoice, INVOICE_FIELDS),
      lines: Array.isArray(lines) ? lines.map((line) => pick(line, LINE_FIELDS)) : `not an array: ${JSON.stringify(lines)}`,
    };
  });
}

function contractCarried(carried: unknown): unknown[] {
  if (!Array.isArray(carried)) return [`not an array: ${JSON.stringify(carried)}`];
  return carried
    .map((entry) => pick(entry, CARRIED_FIELDS, CARRIED_PRECISE))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

function issueKey(issue: { code: string; severity: string; count?: number }): string {
  return `${issue.code} ${issue.severity} ×${issue.count ?? 1}`;
}

/** Pairs each expected `messageIncludes` with a distinct actual issue of the same key; lists misses. */
function unmatchedMessageExpectations(expected: ExpectedIssue[], actual: ActualIssue[]): string[] {
  const used = new Set<number>();
  const misses: string[] = [];
  for (const want of expected) {
    if (!want.messageIncludes?.length) continue;
    const index = actual.findIndex(
      (got, i) =>
        !used.has(i) &&
        issueKey(got) === issueKey(want) &&
        want.messageIncludes!.every((text) => (got.message ?? '').includes(text)),
    );
    if (index < 0) misses.push(`${issueKey(want)} with a message containing ${JSON.stringify(want.messageIncludes)}`);
    else used.add(index);
  }
  return misses;
}

const cases = findCases();

describe('golden invoice scenarios', () => {
  test('at least one scenario is present', () => {
    expect(cases.length).toBeGreaterThan(0);
  });

  for (const { name, dir, spec } of cases) {
    const run = commandExists(spec.command) ? test : test.skip;
    run(`${name}: ${spec.proves}`, async () => {
      const expected = JSON.parse(fs.readFileSync(path.join(dir, 'expected.json'), 'utf8')) as Expected;
      const { exitCode, stdout, stderr } = await runCli([spec.command, ...spec.args, '--format', 'json'], dir);

      let output: { invoices?: unknown; carriedCredits?: unknown; issues?: unknown };
      try {
        output = JSON.parse(stdout);
      } catch {
        throw new Error(`${name}: stdout is not JSON (exit ${exitCode}).\nstdout:\n${stdout}\nstderr:\n${stderr}`);
      }

      expect(contractInvoices(output.invoices)).toEqual(contractInvoices(expected.invoices));
      expect(contractCarried(output.carriedCredits)).toEqual(contractCarried(expected.carriedCredits));

      const actualIssues = (Array.isArray(output.issues) ? output.issues : []) as ActualIssue[];
      expect(actualIssues.map(issueKey).sort()).toEqual(expected.issues.map(issueKey).sort());
      expect(actualIssues.filter((issue) => !(typeof issue.message === 'string' && issue.message.trim() !== ''))).toEqual([]);
      expect(unmatchedMessageExpectations(expected.issues, actualIssues)).toEqual([]);

      expect({ exitCode, stderr: exitCode === spec.exitCode ? '' : stderr }).toEqual({ exitCode: spec.exitCode, stderr: '' });
    });
  }
});
