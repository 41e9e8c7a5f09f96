import type { Cell, WorkbookSheet } from '../workbook/workbookModel';
import { estimateRowBytes, type CellInput } from './estimateRowBytes';
import { stagingSheetName } from './replaceSheet';
import { DEFAULT_MAX_CHUNK_BYTES } from './writeTableChunked';

export interface WriteModelSheetsOptions {
  signal?: AbortSignal;
  onProgress?: (progress: { sheet: string; rowsWritten: number; rowsTotal: number }) => void;
  maxChunkBytes?: number;
  /** Queues more work on a staged sheet once it is filled (charts); it lands with the swap. */
  decorate?: (sheet: WorkbookSheet, staged: Excel.Worksheet) => void;
  /** Queues more changes into the swap batch itself (formulas turned into values elsewhere). */
  inSwap?: () => void;
  /** The sheet to show once swapped in (activated in the swap batch, so nothing follows it). */
  activate?: string;
}

export interface WriteModelSheetsResult {
  syncs: number;
  largestSyncBytes: number;
}

/** A model cell as the value Excel is sent and the number format set before it. */
function excelCell(cell: Cell): [CellInput, string] {
  if (cell === null) return ['', 'General'];
  if (typeof cell === 'string') return [cell, '@'];
  if ('formula' in cell) return [`=${cell.formula}`, cell.numFmt ?? 'General'];
  return [Number(cell.number), cell.numFmt ?? 'General'];
}

/**
 * Writes WorkbookModel sheets (src/workbook: the same plain data `rerate --format xlsx` writes with
 * exceljs) into the open workbook, all or nothing: each sheet is filled as a hidden `~Name` in
 * chunks of at most `maxChunkBytes` a sync (number formats before values, so a string cell is
 * text — `=HYPERLINK(…)` in a customer name stays text — and a formula cell is a formula), then
 * one batch replaces every old sheet of that name with its staged one, in the model's order.
 * A failure or a cancel deletes the staged sheets: the workbook is left as it was.
 */
export async function writeModelSheets(
  context: Excel.RequestContext,
  sheets: readonly WorkbookSheet[],
  options: WriteModelSheetsOptions = {},
): Promise<WriteModelSheetsResult> {
  const { signal } = options;
  const maxBytes = options.maxChunkBytes ?? DEFAULT_MAX_CHUNK_BYTES;
  const worksheets = context.workbook.worksheets;
  let syncs = 0;
  let largestSyncBytes = 0;
  const sync = async (bytes = 0) => {
    signal?.throwIfAborted();
    syncs += 1;
    largestSyncBytes = Math.max(largestSyncBytes, bytes);
    await context.sync();
  };
  signal?.throwIfAborted();

  // Leftovers of a crashed run go first.
  const leftovers = sheets.map((s) => worksheets.getItemOrNullObject(stagingSheetName(s.name)));
  for (const l of leftovers) l.load('isNullObject');
  await sync();
  for (const l of leftovers) if (!l.isNullObject) l.delete();
  const staged = sheets.map((s) => {
    const sheet = worksheets.add(stagingSheetName(s.name));
    sheet.visibility = 'Hidden';
    return sheet;
  });
  await sync();
  try {
    for (const [index, model] of sheets.entries()) {
      const sheet = staged[index];
      const width = Math.max(model.columns.length, ...model.rows.map((r) => r.length), 1);
      const pad = (cells: Cell[]): Cell[] => (cells.length === width ? cells : [...cells, ...new Array<Cell>(width - cells.length).fill(null)]);
      const all: Cell[][] = [pad(model.columns.map((c) => c.header)), ...model.rows.map(pad)];
      let top = 0;
      while (top < all.length) {
        const values: CellInput[][] = [];
        const formats: string[][] = [];
        let bytes = 0;
        while (top + values.length < all.length && (values.length === 0 || bytes < maxBytes)) {
          const converted = all[top + values.length].map(excelCell);
          const row = converted.map(([value]) => value);
          const rowFormats = converted.map(([, format]) => format);
          const rowBytes = estimateRowBytes(row) + rowFormats.reduce((sum, f) => sum + f.length + 3, 2);
          if (values.length > 0 && bytes + rowBytes > maxBytes) break;
          values.push(row);
          formats.push(rowFormats);
          bytes += rowBytes;
        }
        context.workbook.application.suspendApiCalculationUntilNextSync();
        const range = sheet.getRangeByIndexes(top, 0, values.length, width);
        range.numberFormat = formats;
        range.values = values;
        await sync(bytes);
        top += values.length;
        options.onProgress?.({ sheet: model.name, rowsWritten: top - 1, rowsTotal: model.rows.length });
      }
    }

    for (const [index, model] of sheets.entries()) options.decorate?.(model, staged[index]);
    // Swap in, one batch.
    const previous = sheets.map((s) => worksheets.getItemOrNullObject(s.name));
    for (const p of previous) p.load('isNullObject, position');
    await sync();
    context.workbook.application.suspendApiCalculationUntilNextSync();
    sheets.forEach((model, index) => {
      const sheet = staged[index];
      const old = previous[index];
      sheet.visibility = 'Visible';
      if (!old.isNullObject) old.delete();
      sheet.name = model.name;
      if (!old.isNullObject) sheet.position = old.position;
      if (model.name === options.activate) sheet.activate();
      sheet.getRangeByIndexes(0, 0, 1, Math.max(model.columns.length, 1)).format.autofitColumns();
    });
    options.inSwap?.();
    await sync();
    return { syncs, largestSyncBytes };
  } catch (error) {
    const stale = sheets.map((s) => worksheets.getItemOrNullObject(stagingSheetName(s.name)));
    for (const s of stale) s.load('isNullObject');
    await context.sync();
    for (const s of stale) if (!s.isNullObject) s.delete();
    await context.sync();
    throw error;
  }
}
