import {
  BUILT_IN_SUPPORT_PLANS, loadCustomers, loadFxRates, loadPriceBook, loadSupportPlans,
  type InvoiceRunConfig, type Settings,
} from '../engine';
import type { Issue, WithIssues } from '../engine/issues';
import type { TableRows } from '../engine/table';

/** The tables an invoice config is built from, as read (plain data: a worker thread gets them too). */
export interface ConfigTables {
  priceBook: TableRows | null;
  customers: TableRows | null;
  fxRates: TableRows | null;
  /** null: the built-in AWS plans. */
  supportPlans: TableRows | null;
}

/** The invoice config from its tables' rows and the settings; the loaders' issues go to `issues`. */
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
