import type { SqlColumn } from '../../formats/sql/groupsSql';

/**
 * One in-process DuckDB (`@duckdb/node-api`, a CLI dependency only: the add-in never loads it), opened
 * when a command first needs it and closed by `close`. The module is imported lazily, so every other
 * command starts without it.
 */
export interface DuckdbSession {
  /** Runs one statement and gives its rows as text (NULL as null). */
  rows(sql: string): Promise<{ columns: string[]; rows: (string | null)[][] }>;
  /** The columns (name, type) a relation such as `read_csv(…)` has. */
  columns(relation: string): Promise<SqlColumn[]>;
  close(): void;
}

export async function openDuckdb(): Promise<DuckdbSession> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  const rows: DuckdbSession['rows'] = async (sql) => {
    const result = await connection.runAndReadAll(sql);
    const texts = result.getRows().map((row) => row.map((value) => (value === null || value === undefined ? null : String(value))));
    return { columns: result.columnNames(), rows: texts };
  };
  return {
    rows,
    async columns(relation) {
      const described = await rows(`DESCRIBE SELECT * FROM ${relation}`);
      const name = described.columns.indexOf('column_name');
      const type = described.columns.indexOf('column_type');
      return described.rows.map((row) => ({ name: row[name] ?? '', type: row[type] ?? undefined }));
    },
    close() {
      connection.closeSync();
      instance.closeSync();
    },
  };
}

/** A DuckDB string literal. */
export function sqlText(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

/**
 * The relation DuckDB reads a local file as: CSV (plain or .gz, every column as text, as the
 * JavaScript reader sees them) or Parquet (with its row numbers), chosen by the file's first bytes.
 */
export function duckdbRelation(path: string, kind: 'csv' | 'gzip' | 'parquet'): string {
  if (kind === 'parquet') return `read_parquet(${sqlText(path)}, file_row_number = true)`;
  const compression = kind === 'gzip' ? 'gzip' : 'none';
  return `read_csv(${sqlText(path)}, all_varchar = true, header = true, delim = ',', quote = '"', escape = '"', strict_mode = true, compression = '${compression}')`;
}

/** A query's rows as the groups table's CSV text (header first), as `rerate groups` writes it. */
export function rowsToCsv(columns: readonly string[], rows: readonly (string | null)[][], csvRow: (cells: readonly string[]) => string): string {
  let text = csvRow(columns);
  for (const row of rows) text += csvRow(row.map((cell) => cell ?? ''));
  return text;
}
