import type { SourceRef } from './line';

/**
 * The closed set of issue codes. Every message is one sentence for a person and names the
 * offending value and where it came from.
 */
export const ISSUE_CODES = [
  // Reading
  'UNKNOWN_FORMAT', 'EMPTY_FILE', 'BAD_ROW', 'BAD_NUMBER', 'BAD_DATE', 'BAD_CONTAINER',
  'SIZE_LIMIT', 'TRUNCATED', 'SKIPPED_ROW', 'PRECISION', 'UNREADABLE_FILE', 'DUPLICATE_FILE',
  // A file the SQL engine could not prove exact, read by the JavaScript readers instead (info)
  'ENGINE_FALLBACK',
  // Output and the unexpected
  'UNWRITABLE_FILE', 'INTERNAL',
  // Control totals
  'CONTROL_TOTAL_MISMATCH',
  // Tables and rating
  'BAD_TABLE', 'BAD_RULE', 'BAD_VALUE', 'MISSING_COLUMN', 'AMBIGUOUS_RULES', 'NO_RULE',
  'UNMAPPED_ACCOUNT', 'CURRENCY_CONFLICT', 'BASIS_UNAVAILABLE', 'POLICY_UNSUPPORTED',
  'SUPPORT_WITHOUT_PLAN', 'UNKNOWN_PLAN', 'FX_RATE_MISSING', 'CREDIT_CARRIED', 'MIXED_CURRENCY',
  // Commitments
  'UNKNOWN_INSTANCE_SIZE', 'BAD_RESERVATION', 'BAD_USAGE', 'BAD_PLAN',
] as const;

export type IssueCode = (typeof ISSUE_CODES)[number];

export type Severity = 'error' | 'warning' | 'info';

export interface Issue {
  code: IssueCode;
  severity: Severity;
  message: string;
  source?: SourceRef & { column?: string };
  /** How many occurrences this issue stands for (the first one is in `source`). */
  count?: number;
}

/** Batch work returns its result with every issue found; it never stops at the first bad row. */
export interface WithIssues<T> {
  result: T;
  issues: Issue[];
}

/** A single bad argument or a broken invariant throws this; faces map `code` to their errors. */
export class RerateError extends Error {
  constructor(readonly code: IssueCode, message: string, readonly source?: SourceRef & { column?: string }) {
    super(message);
    this.name = 'RerateError';
  }
}

/**
 * Collects issues, folding repeats of the same code and key into one issue with a count, so a
 * million bad rows give one line of output with the first place and the total.
 */
export class IssueLog {
  private readonly byKey = new Map<string, Issue>();
  private readonly order: Issue[] = [];

  /** Adds an issue; issues with the same `key` (default: code + message) are counted together. */
  add(issue: Issue, key?: string): void {
    const k = key ?? `${issue.code}\u0000${issue.message}`;
    const existing = this.byKey.get(k);
    if (existing) {
      existing.count = (existing.count ?? 1) + (issue.count ?? 1);
      return;
    }
    const copy: Issue = { ...issue, count: issue.count ?? 1 };
    this.byKey.set(k, copy);
    this.order.push(copy);
  }

  addAll(issues: readonly Issue[]): void {
    for (const issue of issues) this.add(issue);
  }

  /** Every issue with the key it is folded under, in order: what `absorb` takes (plain data). */
  entries(): [string, Issue][] {
    const keys = new Map<Issue, string>();
    for (const [key, issue] of this.byKey) keys.set(issue, key);
    return this.order.map((issue) => [keys.get(issue) as string, { ...issue }]);
  }

  /**
   * Folds in another log's `entries` (a later part of the same input, read elsewhere): an issue
   * already here by key gains the other's count, keeping this log's first place and message.
   */
  absorb(entries: readonly [string, Issue][]): void {
    for (const [key, issue] of entries) this.add(issue, key);
  }

  get issues(): Issue[] {
    return this.order.slice();
  }

  get hasErrors(): boolean {
    return this.order.some((i) => i.severity === 'error');
  }
}

/**
 * Control characters that would act on a terminal or change how a line reads: C0, DEL, C1, the
 * line and paragraph separators, and the bidi embeddings, overrides and isolates.
 */
const UNTRUSTED_CONTROL = /[\u0000-\u001f\u007f-\u009f\u2028\u2029\u202a-\u202e\u2066-\u2069]/g;
const NAMED_ESCAPES: Record<string, string> = { '\n': '\\n', '\r': '\\r', '\t': '\\t' };

/**
 * Text from a file as a terminal or a text table may show it: each control character above
 * becomes a visible escape (`\x1b`, `\n`, `\r`, `\t`, `\u202e`), so a product name cannot clear
 * the screen, start a forged issue line or reverse the text after it. A backslash stays as it
 * is, so the result is for people to read, not to parse back. Anything else (accents, CJK,
 * emoji) is kept. `escapeUntrusted('a\x1b[2Jb')` → `a\x1b[2Jb` with a literal backslash.
 */
export function escapeUntrusted(text: string): string {
  return text.replace(UNTRUSTED_CONTROL, (c) => {
    const named = NAMED_ESCAPES[c];
    if (named !== undefined) return named;
    const code = c.charCodeAt(0);
    return code <= 0xff ? `\\x${code.toString(16).padStart(2, '0')}` : `\\u${code.toString(16).padStart(4, '0')}`;
  });
}

/**
 * One issue as one line, the form the CLI prints on stderr and the task pane lists:
 * `file:line: CODE message` (PRODUCT.md), with `(N times)` when the issue stands for several —
 * unless the message states that count itself ("has 5679 AWS Support lines …"). The file and the
 * message pass through `escapeUntrusted`, so the line is always exactly one line.
 */
export function formatIssueLine(issue: Issue): string {
  const where = issue.source ? `${escapeUntrusted(issue.source.file)}:${issue.source.line}: ` : '';
  const several = issue.count !== undefined && issue.count > 1;
  const stated = several && new RegExp(`(^|\\D)${issue.count}(\\D|$)`).test(issue.message);
  const count = several && !stated ? ` (${issue.count} times)` : '';
  return `${where}${issue.code} ${escapeUntrusted(issue.message)}${count}`;
}

/** An issue as JSON (the CLI's `issues` arrays, PRODUCT.md): code, severity, message, and source and count when known. */
export function issueToJson(issue: Issue): Issue {
  const json: Issue = { code: issue.code, severity: issue.severity, message: issue.message };
  if (issue.source) json.source = { ...issue.source };
  if (issue.count !== undefined) json.count = issue.count;
  return json;
}

/** Longest part of an unexpected error's own message an INTERNAL issue quotes. */
const INTERNAL_DETAIL_MAX = 200;

export interface IssueFromErrorOptions {
  /** What was running, named in an INTERNAL issue: `rerate invoice`, `the import`. */
  during?: string;
}

/**
 * An error caught at a boundary as an issue: a RerateError keeps its code, message and source
 * (severity error); anything else — a bug, an exhausted resource — becomes one `INTERNAL` error
 * with a short one-line message ("rerate invoice failed unexpectedly (TypeError: x is not a
 * function); please report this with the command you ran."), never a stack.
 */
export function issueFromError(error: unknown, options: IssueFromErrorOptions = {}): Issue {
  if (error instanceof RerateError) {
    return { code: error.code, severity: 'error', message: error.message, ...(error.source ? { source: error.source } : {}) };
  }
  const what = options.during ?? 'Rerate';
  return {
    code: 'INTERNAL',
    severity: 'error',
    message: `${what} failed unexpectedly (${describeError(error)}); please report this with the command you ran.`,
  };
}

/** `Name: first line of the message`, shortened; never throws, whatever was thrown. */
function describeError(error: unknown): string {
  let text: string;
  try {
    text = error instanceof Error ? `${error.name}: ${error.message}` : String(error);
  } catch {
    text = 'an unprintable value was thrown';
  }
  const first = text.split(/\r\n|\r|\n/, 1)[0].trim() || 'no message';
  if (first.length <= INTERNAL_DETAIL_MAX) return first;
  const cut = /[\ud800-\udbff]/.test(first[INTERNAL_DETAIL_MAX - 1]) ? INTERNAL_DETAIL_MAX - 1 : INTERNAL_DETAIL_MAX;
  return `${first.slice(0, cut)}…`;
}
