import { open } from 'node:fs/promises';
import { detectContainer } from '../../formats/containers/detectContainer';
import { detectFormat } from '../../formats/detect';
import type { ColumnRules } from '../../formats/columns';
import { CUR1_COLUMN_RULES, CUR2_COLUMN_RULES } from '../../formats/cur/curColumns';
import { FOCUS_COLUMN_RULES } from '../../formats/focus/focusColumns';
import { groupsSql, SQL_FORMATS, type SqlColumn, type SqlFormat } from '../../formats/sql/groupsSql';
import { duckdbRelation, type DuckdbSession } from './duckdbSession';

/** The groups query of one local file for DuckDB, or why there is none (the file then goes through the JavaScript readers). */
export type FileGroupsQuery =
  | { sql: string; format: SqlFormat; kind: 'csv' | 'gzip' | 'parquet'; columns: SqlColumn[]; rules: ColumnRules }
  | { reason: string };

/** The columns each format's reader needs or warns about (src/formats/README.md "Required columns"). */
const RULES: Record<SqlFormat, ColumnRules> = { cur1: CUR1_COLUMN_RULES, cur2: CUR2_COLUMN_RULES, focus: FOCUS_COLUMN_RULES };

/**
 * Plans DuckDB's reading of a local billing file: its container from its first bytes, its format
 * from its column names (FORMATS.md detection), then the query `groupsSql` writes for it, with the
 * name issues and controls use as its `source`.
 */
export async function fileGroupsQuery(session: DuckdbSession, path: string, name: string): Promise<FileGroupsQuery> {
  const head = Buffer.alloc(4);
  const handle = await open(path, 'r');
  try {
    await handle.read(head, 0, 4, 0);
  } finally {
    await handle.close();
  }
  const container = detectContainer(head);
  if (container === 'zip') return { reason: 'a zip archive, which DuckDB does not read' };
  const kind = container === 'parquet' ? 'parquet' : container === 'gzip' ? 'gzip' : 'csv';
  const relation = duckdbRelation(path, kind);
  let columns: SqlColumn[];
  try {
    columns = await session.columns(relation);
  } catch (error) {
    return { reason: `DuckDB could not read its header (${firstLine(error)})` };
  }
  const detected = detectFormat(columns.map((c) => c.name));
  const format = SQL_FORMATS.find((f) => f === detected);
  if (format === undefined) return { reason: `its format is ${detected ?? 'not a billing format'}, which the SQL path does not cover (cur1, cur2 and focus only)` };
  const sql = groupsSql({
    dialect: 'duckdb', format, from: relation, columns, source: name, lineNumbers: kind === 'parquet' ? 'file_row_number' : 'row_number',
  });
  return { sql, format, kind, columns, rules: RULES[format] };
}

export function firstLine(error: unknown): string {
  const text = error instanceof Error ? error.message : String(error);
  const line = text.split('\n')[0];
  return line.length > 200 ? `${line.slice(0, 200)}…` : line;
}
