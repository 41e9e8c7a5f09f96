import { FakeSheet, type RecordingExcel } from './recordingExcel';

/**
 * Puts an Excel table straight into a recording fake's workbook, as if the user had made it (no
 * sync is recorded): `values` (header first) at the zero-based `row` and `column` of sheet `sheet`,
 * made if missing, each cell in number format `format`. Seeded cells are never formulas.
 */
export function seedTable(
  excel: RecordingExcel, sheet: string, name: string, values: unknown[][], at: { row?: number; column?: number; format?: string } = {},
): void {
  const target = sheetOf(excel, sheet);
  const row = at.row ?? 0;
  const column = at.column ?? 0;
  values.forEach((cells, r) => cells.forEach((value, c) => {
    Object.assign(target.cell(row + r, column + c), { value, format: at.format ?? 'General', formula: false });
  }));
  excel.tables.push({ name, sheet: target, row, column, rows: values.length, columns: Math.max(...values.map((r) => r.length)) });
}

/** Plain cells on a sheet (made if missing), top-left at the zero-based `row` and `column`; no table. */
export function seedCells(excel: RecordingExcel, sheet: string, values: unknown[][], row = 0, column = 0): void {
  const target = sheetOf(excel, sheet);
  values.forEach((cells, r) => cells.forEach((value, c) => { target.cell(row + r, column + c).value = value; }));
}

function sheetOf(excel: RecordingExcel, name: string): FakeSheet {
  const existing = excel.sheet(name);
  if (existing) return existing;
  const sheet = new FakeSheet(name);
  excel.sheets.push(sheet);
  return sheet;
}
