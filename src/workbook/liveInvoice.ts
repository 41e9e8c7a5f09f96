import { MODEL_TABLES, RESULT_SHEETS } from '../engine/workbookLayout';
import type { WorkbookSheet } from './workbookModel';

/**
 * The formula of the live `Invoice` sheet: DBR.INVOICE over the whole of each model table (header
 * row included, `[#All]`), by Excel table name, so rows added to a table are priced too and editing
 * a margin in PriceBook or a rate in FxRates reprices at once. Its spill is the JSON contract's
 * invoices in order — per customer and period its lines, then Total and Residual — with the issues
 * a run reports after the last invoice (src/functions/README.md).
 */
export const LIVE_INVOICE_FORMULA = `DBR.INVOICE(${[
  MODEL_TABLES.lines, MODEL_TABLES.priceBook, MODEL_TABLES.customers, MODEL_TABLES.settings, MODEL_TABLES.fxRates, MODEL_TABLES.supportPlans,
].map((t) => `${t.table}[#All]`).join(',')})`;

/** Where the spill starts: A3, under the title row and a blank row. */
export const LIVE_INVOICE_ANCHOR = 'A3';

/** The live Invoice sheet: a title in A1, the DBR.INVOICE formula in A3 spilling its table. */
export function liveInvoiceSheet(): WorkbookSheet {
  return {
    name: RESULT_SHEETS.invoice,
    columns: [{ header: 'Invoices, live: DBR.INVOICE over Lines and the model tables. Edit PriceBook, Customers, Settings or FxRates and they reprice.', width: 20 }],
    rows: [[], [{ formula: LIVE_INVOICE_FORMULA }]],
  };
}
