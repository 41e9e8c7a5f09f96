import { parseRangeAddress } from './cellAddress';

/** An Excel table's cells as read, and where they are. */
export interface ExcelTableCells {
  /** The table's name as looked up. */
  table: string;
  sheet: string;
  /** Zero-based row and column of the header's first cell. */
  row: number;
  column: number;
  /** The header row first, then the body rows, as `range.values` gives them. */
  values: unknown[][];
}

/**
 * Reads the named Excel tables (ListObjects, found by name wherever they are) in two syncs: which
 * exist, then their header and body values and addresses. A missing table maps to null.
 */
export async function readExcelTables(context: Excel.RequestContext, names: readonly string[]): Promise<Map<string, ExcelTableCells | null>> {
  const tables = names.map((name) => {
    const table = context.workbook.tables.getItemOrNullObject(name);
    table.load('isNullObject');
    return { name, table };
  });
  await context.sync();
  const ranges = tables.map(({ name, table }) => ({ name, range: table.isNullObject ? null : table.getRange().load('values, address') }));
  if (ranges.some((r) => r.range !== null)) await context.sync();
  const result = new Map<string, ExcelTableCells | null>();
  for (const { name, range } of ranges) {
    if (range === null) {
      result.set(name, null);
      continue;
    }
    const place = parseRangeAddress(range.address);
    result.set(name, { table: name, sheet: place.sheet ?? '', row: place.row, column: place.column, values: range.values });
  }
  return result;
}
