import { Workbook, type CellValue } from 'exceljs';
import type { Cell, WorkbookModel } from '../workbook/workbookModel';

/**
 * Writes a WorkbookModel as .xlsx bytes. Strings are stored as strings (shared strings), so a
 * category such as `=HYPERLINK(…)` stays text; formulas are stored with no cached result, so
 * Excel and LibreOffice compute them on open (LibreOffice would keep a stale cached value);
 * numbers are the exact decimal text read as a double (≈ 15 significant digits; the exact text
 * sits beside it where it matters, e.g. PriceLines!PriceExact). Characters XML forbids were already
 * replaced with U+FFFD by `buildAccountantWorkbook` (src/workbook/xmlText.ts), which reports them.
 */
export async function writeXlsx(model: WorkbookModel): Promise<Uint8Array> {
  const workbook = new Workbook();
  workbook.calcProperties.fullCalcOnLoad = true;
  for (const sheet of model.sheets) {
    const ws = workbook.addWorksheet(sheet.name);
    ws.columns = sheet.columns.map((c) => ({ header: c.header, width: c.width ?? 12, ...(c.numFmt ? { style: { numFmt: c.numFmt } } : {}) }));
    ws.getRow(1).font = { bold: true };
    sheet.rows.forEach((row, r) => {
      row.forEach((cell, c) => {
        if (cell === null) return;
        const target = ws.getCell(r + 2, c + 1);
        target.value = cellValue(cell);
        if (typeof cell !== 'string' && cell.numFmt !== undefined) target.numFmt = cell.numFmt;
      });
    });
  }
  const buffer = await workbook.xlsx.writeBuffer();
  return new Uint8Array(buffer as ArrayBuffer);
}

function cellValue(cell: Exclude<Cell, null>): CellValue {
  if (typeof cell === 'string') return cell;
  if ('formula' in cell) return { formula: cell.formula } as CellValue;
  return Number(cell.number);
}
