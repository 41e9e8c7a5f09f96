import type { SourceRef } from './line';

/**
 * The closed set of issue codes. Every message is one sentence for a person and names the
 * offending value and where it came from.
 */
export const ISSUE_CODES = [
  // Reading
  'UNKNOWN_FORMAT', 'EMPTY_FILE', 'BAD_ROW', 'BAD_NUMBER', 'BAD_DATE', 'BAD_CONTAINER',
  'SIZE_LIMIT', 'TRUNCATED', 'SKIPPED_ROW', 'PRECISION', 'UNREADABLE_FILE', 'DUPLICATE_FILE',
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
