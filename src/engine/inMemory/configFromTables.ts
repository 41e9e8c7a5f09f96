import type { Issue, WithIssues } from '../issues';
import type { TableRows } from '../table';
import type { Settings } from '../settings';
import type { InvoiceRunConfig } from '../invoice/invoiceTypes';
import { loadPriceBook } from '../pricebook/loadPriceBook';
import { loadCustomers } from '../customers/loadCustomers';
import { loadFxRates } from '../fx/loadFxRates';
import { loadSupportPlans } from '../support/loadSupportPlans';
import { BUILT_IN_SUPPORT_PLANS } from '../support/supportPlans';

/**
 * The tables an invoice config is built from, as read: CSV files or workbook sheets in the CLI,
 * cell ranges in the custom functions (plain data: a worker thread gets them too).
 */
export interface ConfigTables {
  priceBook: TableRows | null;
  customers: TableRows | null;
  fxRates: TableRows | null;
  /** null: the built-in AWS plans. */
  supportPlans: TableRows | null;
}

/**
 * The invoice config from its tables' rows and the settings; the loaders' issues go to `issues`.
 * The one validation of the tables for both faces: `rerate invoice` and DBR.INVOICE call it.
 */
export function configFromTables(tables: ConfigTables, settings: Settings, issues: Issue[]): InvoiceRunConfig {
  const load = <T>(table: TableRows | null, loader: (rows: TableRows) => WithIssues<T>): T | null => {
    if (table === null) return null;
    const loaded = loader(table);
    issues.push(...loaded.issues);
    return loaded.result;
  };
  return {
    priceBook: load(tables.priceBook, loadPriceBook),
    customers: load(tables.customers, loadCustomers),
    fxRates: load(tables.fxRates, loadFxRates),
    supportPlans: load(tables.supportPlans, loadSupportPlans) ?? BUILT_IN_SUPPORT_PLANS,
    settings,
  };
}
