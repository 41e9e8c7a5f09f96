import type { Issue } from '../../engine/issues';
import type { InvoiceRun } from '../../engine';
import { checkColumns } from '../../formats/columns';
import type { FileControl } from '../../formats/fileControl';
import { readBilling } from '../../formats/readBilling';
import { bytesSource } from '../../formats/source';
import { GROUPS_RECORD_COLUMN } from '../../engine/groups/groupsTable';
import { csvRow } from '../csvRow';
import { rowsToCsv, type DuckdbSession } from './duckdbSession';
import { fileGroupsQuery, firstLine } from './fileGroupsQuery';
import { countLines } from './countLineEnds';

/** What DuckDB read of one file: its controls and issues, or why the JavaScript readers must read it. */
export type DuckdbRead = { controls: FileControl[]; issues: Issue[] } | { fallback: string; afterQuery: boolean };

/**
 * `rerate invoice --engine duckdb` for one local file (SCALE.md): DuckDB runs `groupsSql`'s query over
 * it and the run takes its groups (`InvoiceRun.addGroup`) — unless anything in it cannot be proven to
 * give what the JavaScript readers give, and then it says why and adds nothing: a container or
 * format the SQL does not cover, a file DuckDB cannot read as RFC 4180 (a row with the wrong field
 * count, bad UTF-8), a header lacking a column the reader would warn about, a skipped row or a
 * warning the reader gives per row (a bad number or date, more decimals than the scale, an unknown
 * line item type, an account id not 12 digits, a map that is not JSON), or rows that cannot be
 * numbered as the reader numbers its lines (a quoted field spanning lines, blank lines).
 */
export async function readWithDuckdb(
  session: DuckdbSession, path: string, name: string, run: InvoiceRun, onProgress?: (fraction: number) => void,
): Promise<DuckdbRead> {
  const planned = await fileGroupsQuery(session, path, name);
  if ('reason' in planned) return { fallback: planned.reason, afterQuery: false };
  const check = checkColumns(planned.rules, planned.columns.map((c) => c.name), false);
  if (check.missing.length > 0 || check.fallbacks.length > 0) return { fallback: 'its header lacks a column the reader warns about', afterQuery: false };
  // Counting the file's lines runs beside DuckDB's query (its threads are native).
  const lines = planned.kind === 'parquet' ? Promise.resolve(null) : countLines(path, planned.kind === 'gzip');
  let result;
  try {
    result = await session.rows(planned.sql, onProgress);
  } catch (error) {
    await lines.catch(() => null);
    return { fallback: `DuckDB could not read it (${firstLine(error)})`, afterQuery: false };
  }
  const lineCount = await lines;
  const record = result.columns.indexOf(GROUPS_RECORD_COLUMN);
  const reason = result.columns.indexOf('reason');
  const count = result.columns.indexOf('lines');
  let rowsRead = 0;
  const found: string[] = [];
  for (const row of result.rows) {
    if (row[record] !== 'control') continue;
    if (row[reason] === null) rowsRead += Number(row[count]);
    else found.push(`${row[count]} ${row[reason]}`);
  }
  if (found.length > 0) return { fallback: `it has rows the SQL path cannot prove exact (${found.join(', ')})`, afterQuery: true };
  if (lineCount !== null && lineCount !== rowsRead + 1) {
    return {
      fallback: `its ${rowsRead} rows are not its ${Math.max(0, lineCount - 1)} lines after the header (a quoted field spans lines, or blank lines), so DuckDB cannot give the reader's line numbers`,
      afterQuery: true,
    };
  }
  const csv = rowsToCsv(result.columns, result.rows, csvRow);
  const read = await readBilling(bytesSource(`${name} (DuckDB)`, new TextEncoder().encode(csv)), null, { onGroup: (group) => run.addGroup(group) });
  return { controls: read.controls, issues: read.issues };
}
