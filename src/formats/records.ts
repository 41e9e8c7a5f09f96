/**
 * The seam between the table readers (CSV scanner, Parquet) and the format mappers: a reader
 * calls a sink with the header, then with each record's wanted fields. Asking only for the
 * columns a format maps keeps a 94-column CUR row from costing 94 substrings.
 */
export interface RecordSink {
  /** Called once with the header names (BOM removed); returns the column indexes to deliver. */
  header(names: string[], line: number): number[];
  /**
   * Called for each data record with the wanted fields in the order `header` returned, and the
   * record's 1-based physical line (where it starts; a quoted field may span lines).
   */
  row(fields: string[], line: number): void;
  /** A record whose field count differs from the header's: it is skipped (issue `BAD_ROW`). */
  badRow(line: number, fieldCount: number, expected: number): void;
}

/** Makes one sink per table found in a source: a zip may hold several CSVs. */
export type SinkFactory = (tableName: string) => RecordSink;
