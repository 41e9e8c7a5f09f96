import { parseArgs } from 'node:util';
import type { Issue, WithIssues } from '../../engine/issues';
import type { TableRows } from '../../engine/table';
import { EXIT_ISSUES, printIssues, UsageError, type CliIo } from '../io';
import { checkOutPath } from '../atomicWrite';
import { loadTableFile } from '../loadTable';
import { deliver, renderSections } from '../writeOutput';

/** What `rialloc` and `spalloc` share: options, the two input tables, the output. */

export type AllocationFormat = 'json' | 'table' | 'csv';

export function allocationFormat(text: string | undefined): AllocationFormat {
  if (text === 'json' || text === 'table' || text === 'csv') return text;
  throw new UsageError(`--format must be json, table or csv, not "${text}"`);
}

/** `--no-sharing 111111111111,222222222222` → the ids; blanks dropped. */
export function accountList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
}

type Section = { header: string[]; rows: string[][]; numeric: number[] };

/** One allocation command: its second table's flag, loaders, the engine call and its output. */
export interface AllocationSpec<U, T, A, J> {
  /** `rialloc` or `spalloc`, for messages. */
  command: string;
  /** `reservations` or `plans`: the flag naming the commitments table. */
  tableFlag: string;
  loadUsage: (table: TableRows) => WithIssues<U[]>;
  loadCommitments: (table: TableRows) => WithIssues<T[]>;
  allocate: (usage: U[], commitments: T[], options: { noSharingAccounts: string[] }) => WithIssues<A>;
  toJson: (allocation: A) => J;
  /** The JSON as tables for `--format table|csv`; list cells joined with `listSeparator`. */
  sections: (json: J, listSeparator: string) => Section[];
}

/** Parses the options, loads both tables, allocates and writes the result; exit code as PRODUCT.md. */
export async function runAllocation<U, T, A, J>(args: string[], io: CliIo, spec: AllocationSpec<U, T, A, J>): Promise<number> {
  const { values } = parseArgs({
    args,
    options: {
      usage: { type: 'string' },
      [spec.tableFlag]: { type: 'string' },
      'no-sharing': { type: 'string' },
      format: { type: 'string', default: 'table' },
      out: { type: 'string' },
    },
    strict: true,
  });
  const usagePath = values.usage as string | undefined;
  const tablePath = values[spec.tableFlag] as string | undefined;
  if (!usagePath) throw new UsageError('--usage F is required');
  if (!tablePath) throw new UsageError(`--${spec.tableFlag} F is required`);
  const format = allocationFormat(values.format as string | undefined);
  const outName = values.out as string | undefined;
  const out = outName === undefined ? undefined : { path: checkOutPath(outName, io.cwd), name: outName };

  const issues: Issue[] = [];
  const usage = await loadTableFile(usagePath, spec.loadUsage, issues);
  const commitments = await loadTableFile(tablePath, spec.loadCommitments, issues);
  if (!usage || !commitments) {
    printIssues(io, issues);
    return EXIT_ISSUES;
  }
  const allocated = spec.allocate(usage, commitments, { noSharingAccounts: accountList(values['no-sharing'] as string | undefined) });
  issues.push(...allocated.issues);
  const json = spec.toJson(allocated.result);
  const text = format === 'json'
    ? `${JSON.stringify(json, null, 2)}\n`
    : renderSections(format, spec.sections(json, format === 'csv' ? ';' : ', '));
  return deliver(io, spec.command, out, issues, () => text);
}
