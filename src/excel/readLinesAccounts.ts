import { columnIndexes } from '../engine/table';
import { cellText } from '../engine/tableRowsFromCells';
import { MODEL_TABLES } from '../engine/workbookLayout';
import { parseRangeAddress } from './cellAddress';

/** Rows of the Account column read per sync: 50,000 ids are about 1 MB of response. */
export const ACCOUNT_CHUNK_ROWS = 50_000;

/**
 * The distinct accounts of the `Lines` table (`BillingLines`), sorted by code unit, read from its
 * Account column only, `chunkRows` rows a sync (the table may hold a million rows; the other
 * columns are never read). Cells become text as every table cell does (`cellText`: an id the
 * importer wrote as text stays as is; one typed as a number gives its digits). Null when there is
 * no `BillingLines` table or it has no Account column.
 */
export async function readLinesAccounts(context: Excel.RequestContext, chunkRows = ACCOUNT_CHUNK_ROWS): Promise<string[] | null> {
  const table = context.workbook.tables.getItemOrNullObject(MODEL_TABLES.lines.table);
  table.load('isNullObject');
  await context.sync();
  if (table.isNullObject) return null;
  const header = table.getHeaderRowRange().load('values, address');
  const body = table.getDataBodyRange().load('rowCount');
  await context.sync();
  const column = columnIndexes(header.values[0].map(String), ['Account']).Account;
  if (column < 0) return null;
  const place = parseRangeAddress(header.address);
  const sheet = table.worksheet;
  const accounts = new Set<string>();
  for (let start = 0; start < body.rowCount; start += chunkRows) {
    const rows = Math.min(chunkRows, body.rowCount - start);
    const cells = sheet.getRangeByIndexes(place.row + 1 + start, place.column + column, rows, 1).load('values');
    await context.sync();
    cells.values.forEach((row, i) => {
      const account = cellText(MODEL_TABLES.lines.table, row[0], start + i + 2, column, 'Account').trim();
      if (account !== '') accounts.add(account);
    });
  }
  return [...accounts].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}
