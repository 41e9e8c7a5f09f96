import type { PartRunner } from './splitRead';
import { formatIssueLine, type Issue } from '../engine/issues';

/** Where a command writes: stdout for the result only, stderr for issues and progress. */
export interface CliIo {
  stdout: (text: string) => void;
  stderr: (text: string) => void;
  /** True when stderr is a terminal: then a progress bar is drawn there. */
  stderrIsTty: boolean;
  cwd: string;
  /** How `rerate invoice` splits big files between threads (tests set it; default: splitRead.ts). */
  split?: SplitSettings;
}

/** A split read's runner for the second half (null: never split), the smallest file split, the cores. */
export interface SplitSettings {
  runner: PartRunner | null;
  minBytes: number;
  cores: number;
}

export const EXIT_OK = 0;
export const EXIT_ISSUES = 1;
export const EXIT_USAGE = 2;

/** Thrown for bad usage; main prints the message and the command's usage, and exits 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

/**
 * Thrown when a command cannot go on (an unreadable table or billing file): main prints the
 * issues and exits 1, so a missing price book never silently invoices at cost.
 */
export class IssuesError extends Error {
  constructor(readonly issues: Issue[]) {
    super(issues.map((i) => i.message).join(' '));
    this.name = 'IssuesError';
  }
}

/** Issue lines are formed in one place for the CLI and the task pane (src/engine/issues.ts). */
export { formatIssueLine };

/** Each issue as one `formatIssueLine` line on stderr, text from files escaped. */
export function printIssues(io: CliIo, issues: readonly Issue[]): void {
  for (const issue of issues) io.stderr(`${formatIssueLine(issue)}\n`);
}

export function exitCodeFor(issues: readonly Issue[]): number {
  return issues.some((i) => i.severity === 'error') ? EXIT_ISSUES : EXIT_OK;
}

/** A subcommand: argument conversion, one engine call, result conversion (main.ts runs it by name). */
export interface Command {
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}
