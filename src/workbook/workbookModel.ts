/**
 * A spreadsheet as plain data, so the engine's results become a workbook without any spreadsheet
 * library: the CLI writes it with exceljs, the task pane may write it with Office.js.
 * A string cell is always text — never parsed as a number or a formula, whatever it starts with.
 */
export type Cell =
  | string
  /** Exact decimal text; a spreadsheet stores it as a number (about 15 significant digits). */
  | { number: string; numFmt?: string }
  /** A native formula without the leading `=`, stored without a cached result. */
  | { formula: string; numFmt?: string }
  | null;

export interface WorkbookColumn {
  header: string;
  width?: number;
  numFmt?: string;
}

export interface WorkbookSheet {
  name: string;
  columns: WorkbookColumn[];
  /** Rows under the header row (the header is row 1, so rows[0] is spreadsheet row 2). */
  rows: Cell[][];
}

export interface WorkbookModel {
  sheets: WorkbookSheet[];
}
