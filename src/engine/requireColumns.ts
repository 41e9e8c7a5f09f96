import type { Issue } from './issues';
import { columnIndexes, type TableRows } from './table';

/**
 * The column indexes of a user table, with a MISSING_COLUMN error for each required column that
 * is absent. `what` names the table in messages ("a price book").
 */
export function requireColumns<K extends string>(
  table: TableRows,
  names: readonly K[],
  required: readonly K[],
  what: string,
): { columns: Record<K, number>; issues: Issue[] } {
  const columns = columnIndexes(table.header, names);
  const issues: Issue[] = [];
  for (const name of required) {
    if (columns[name] < 0) {
      issues.push({
        code: 'MISSING_COLUMN',
        severity: 'error',
        message: `${table.source} has no ${name} column; ${what} has the columns ${names.join(', ')}.`,
        source: { file: table.source, line: 1, column: name },
      });
    }
  }
  return { columns, issues };
}
