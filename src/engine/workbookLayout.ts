import { BILLING_LINES_HEADER, BILLING_LINES_SHADOW_HEADER } from './lines/billingLinesTable';

/**
 * The workbook model's layout (PRODUCT.md "Workbook model"), defined once: which sheet holds which
 * Excel table and the table's columns. The task pane writes these tables, `--format xlsx` writes
 * them, `--workbook` and the custom functions read them, and the engine's loaders match their
 * headers against the same column lists.
 *
 * Worked example: `MODEL_TABLES.fxRates` is `{ sheet: 'Settings', table: 'FxRates', columns:
 * ['Period', 'From', 'To', 'Rate'] }` — the FX table sits on the Settings sheet as the Excel table
 * `FxRates` with that header row.
 */
export interface ModelTable {
  /** The worksheet the table is on. */
  readonly sheet: string;
  /** The Excel table (ListObject) name; unique in a workbook. */
  readonly table: string;
  /** The header row, in the order it is written. */
  readonly columns: readonly string[];
}

export type ModelTableName = 'lines' | 'priceBook' | 'customers' | 'settings' | 'fxRates' | 'supportPlans';

export const PRICE_BOOK_COLUMNS = [
  'Rule', 'Customer', 'Account', 'ProductCode', 'UsageType', 'Operation', 'Region', 'ChargeKind', 'BillingEntity',
  'Basis', 'Method', 'Value', 'ValidFrom', 'ValidTo', 'Note',
] as const;
export const CUSTOMERS_COLUMNS = ['Customer', 'Account', 'SupportPlan', 'Currency'] as const;
export const SETTINGS_COLUMNS = ['Setting', 'Value'] as const;
export const FX_RATES_COLUMNS = ['Period', 'From', 'To', 'Rate'] as const;
export const SUPPORT_PLANS_COLUMNS = ['Plan', 'Minimum', 'Tiers', 'Scope'] as const;

/**
 * Columns the task pane adds to `Lines` after the canonical BillingLines columns: how many source
 * lines a row stands for (1 at the line grain; the group's count at the month grain), then the
 * shadow columns that keep decimals with more than 15 significant digits as exact text.
 */
export const LINES_EXTRA_COLUMNS: readonly string[] = ['LineCount', ...BILLING_LINES_SHADOW_HEADER];

export const MODEL_TABLES: Readonly<Record<ModelTableName, ModelTable>> = {
  lines: { sheet: 'Lines', table: 'BillingLines', columns: [...BILLING_LINES_HEADER, ...LINES_EXTRA_COLUMNS] },
  priceBook: { sheet: 'PriceBook', table: 'PriceBook', columns: PRICE_BOOK_COLUMNS },
  customers: { sheet: 'Customers', table: 'Customers', columns: CUSTOMERS_COLUMNS },
  settings: { sheet: 'Settings', table: 'Settings', columns: SETTINGS_COLUMNS },
  fxRates: { sheet: 'Settings', table: 'FxRates', columns: FX_RATES_COLUMNS },
  supportPlans: { sheet: 'Settings', table: 'SupportPlans', columns: SUPPORT_PLANS_COLUMNS },
};

/**
 * The sheet that records what `Lines` holds: one row per imported file (its content hash, the
 * rows it wrote and where), so re-importing a file replaces its rows instead of adding them again.
 */
export const IMPORTS_TABLE: ModelTable = {
  sheet: 'Imports',
  table: 'Imports',
  columns: ['File', 'Sha256', 'Format', 'Grain', 'FirstRow', 'Rows', 'SourceLines', 'UnblendedCost', 'ImportedAt'],
};

/** Sheets the add-in writes its results to. */
export const RESULT_SHEETS = { invoice: 'Invoice', reconcile: 'Reconcile', audit: 'Audit' } as const;
