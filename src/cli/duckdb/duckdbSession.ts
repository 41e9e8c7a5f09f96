import type { SqlColumn } from '../../formats/sql/groupsSql';

/**
 * One in-process DuckDB (`@duckdb/node-api`, a CLI dependency only: the add-in never loads it), opened
 * when a command first needs it and closed by `close`. The module is imported lazily, so every other
 * command starts without it.
 */
export interface DuckdbSession {
  /**
   * Runs one statement and gives its rows as text (NULL as null); `onProgress` is told DuckDB's own
   * estimate of the share done (0–1; 0 while it has none) every PROGRESS_POLL_MS while it runs.
   */
  rows(sql: string, onProgress?: (fraction: number) => void): Promise<{ columns: string[]; rows: (string | null)[][] }>;
  /** The columns (name, type) a relation such as `read_csv(…)` has. */
  columns(relation: string): Promise<SqlColumn[]>;
  close(): void;
}

/** How often a running query's progress is read. */
const PROGRESS_POLL_MS = 200;

export async function openDuckdb(): Promise<DuckdbSession> {
  const { DuckDBInstance } = await import('@duckdb/node-api');
  const instance = await DuckDBInstance.create(':memory:');
  const connection = await instance.connect();
  // DuckDB tracks a query's progress only with its progress bar on; it must not print it.
  await connection.run('SET enable_progress_bar = true');
  await connection.run('SET enable_progress_bar_print = false');
  return sessionOn(connection, () => instance.closeSync());
}

/** What a session uses of a DuckDB connection (a fake one in tests). */
export interface DuckdbConnectionLike {
  runAndReadAll(sql: string): Promise<{ getRows(): unknown[][]; columnNames(): string[] }>;
  readonly progress: { percentage: number };
  closeSync(): void;
}

/** A session over an open connection; `closeInstance` runs after the connection closes. */
export function sessionOn(connection: DuckdbConnectionLike, closeInstance: () => void): DuckdbSession {
  const rows: DuckdbSession['rows'] = async (sql, onProgress) => {
    // The query runs on DuckDB's own threads, so this thread is free to poll it.
    const timer = onProgress === undefined ? null : setInterval(() => {
      // -1: no estimate (yet); a query with a window, as the groups query's line numbers, reports 0 until its last stage.
      const { percentage } = connection.progress;
      onProgress(Math.min(1, Math.max(0, percentage) / 100));
    }, PROGRESS_POLL_MS);
    let result;
    try {
      result = await connection.runAndReadAll(sql);
    } finally {
      if (timer !== null) clearInterval(timer);
    }
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
      closeInstance();
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
