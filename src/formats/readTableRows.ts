import type { Issue, WithIssues } from '../engine/issues';
import type { TableRow, TableRows } from '../engine/table';
import { readTables } from './readTables';
import type { ByteSource, ReadOptions } from './source';

/**
 * A small user table (price book, customers, FX rates, reservations…) from a CSV file — plain,
 * gzipped or the first CSV of a zip — as `TableRows`: the header, and every record with its
 * physical line. Blank lines are skipped; a record whose field count differs from the header is
 * left out with a `BAD_ROW` error naming its line and both counts. An empty file gives an empty
 * table and `EMPTY_FILE`.
 */
export async function readTableRows(source: ByteSource, options?: ReadOptions): Promise<WithIssues<TableRows>> {
  const issues: Issue[] = [];
  const table: TableRows = { source: source.name, header: [], rows: [] };
  let tablesSeen = 0;
  const extraTables: string[] = [];
  const read = await readTables(
    source,
    (name) => {
      tablesSeen++;
      if (tablesSeen > 1) {
        extraTables.push(name);
        return { header: () => [], row: () => undefined, badRow: () => undefined };
      }
      table.source = name;
      return {
        header(names) {
          table.header = names;
          return names.map((_, index) => index);
        },
        row(values, line) {
          table.rows.push({ line, values } satisfies TableRow);
        },
        badRow(line, fieldCount, expected) {
          issues.push({
            code: 'BAD_ROW',
            severity: 'error',
            message: `${table.source} line ${line} has ${fieldCount} ${fieldCount === 1 ? 'field' : 'fields'} where the header has ${expected}, so the row was skipped.`,
            source: { file: table.source, line },
          });
        },
      };
    },
    options,
  );
  if (extraTables.length > 0) {
    issues.push({
      code: 'BAD_CONTAINER',
      severity: 'warning',
      message: `${source.name} holds more than one CSV; only ${table.source} was read, not ${extraTables.join(', ')}.`,
    });
  }
  return { result: table, issues: [...read.issues, ...issues] };
}
