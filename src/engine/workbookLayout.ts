import { BILLING_LINES_HEADER, BILLING_LINES_SHADOW_HEADER } from './lines/billingLinesTable';

/**
 * The workbook model's layout (PRODUCT.md "Workbook model"), defined once: which sheet holds which
 * Excel table and the table's columns. The task pane writes these tables, `--format xlsx` writes
 * them, `--workbook` and the custom functions read them, and the engine's loaders match their
 * headers against the same column lists.
 *
 * Worked example: `MODEL_TABLES.fxRates` is `{ sheet: 'Settings', table: 'FxRates', at: 'D1',
 * columns: ['Period', 'From', 'To', 'Rate'] }` — the FX table sits on the Settings sheet as the Excel
 * table `FxRates`, its header row at D1:G1.
 *
 * The Settings sheet holds three tables side by side, each free to grow down: Settings at A1:B…,
 * FxRates at D1:G…, SupportPlans at I1:L… (a blank column between them). Readers find a table by
 * its Excel table name first, so a table the user moved is still found.
 */
export interface ModelTable {
  /** The worksheet the table is on. */
  readonly sheet: string;
  /** The Excel table (ListObject) name; unique in a workbook. */
  readonly table: string;
  /** The header row, in the order it is written. */
  readonly columns: readonly string[];
  /** Where the add-in puts the header's first cell when it creates the table (A1 notation). */
  readonly at: string;
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
  lines: { sheet: 'Lines', table: 'BillingLines', columns: [...BILLING_LINES_HEADER, ...LINES_EXTRA_COLUMNS], at: 'A1' },
  priceBook: { sheet: 'PriceBook', table: 'PriceBook', columns: PRICE_BOOK_COLUMNS, at: 'A1' },
  customers: { sheet: 'Customers', table: 'Customers', columns: CUSTOMERS_COLUMNS, at: 'A1' },
  settings: { sheet: 'Settings', table: 'Settings', columns: SETTINGS_COLUMNS, at: 'A1' },
  fxRates: { sheet: 'Settings', table: 'FxRates', columns: FX_RATES_COLUMNS, at: 'D1' },
  supportPlans: { sheet: 'Settings', table: 'SupportPlans', columns: SUPPORT_PLANS_COLUMNS, at: 'I1' },
};

/**
 * The sheet that records what `Lines` holds: one row per imported file (its content hash, the
 * rows it wrote and where), so re-importing a file replaces its rows instead of adding them again.
 */
export const IMPORTS_TABLE: ModelTable = {
  sheet: 'Imports',
  table: 'Imports',
  columns: ['File', 'Sha256', 'Format', 'Grain', 'FirstRow', 'Rows', 'SourceLines', 'RowsRead', 'RowsSkipped', 'UnblendedCost', 'UnblendedSkipped', 'ImportedAt'],
  at: 'A1',
};

/**
 * Sheets the results go to. `PriceLines` holds every contribution to every invoice line (one row
 * per pricing group, support charge or credit, with its rule and price); the accountant's `Invoice`
 * re-derives each invoice line from it with SUMIFS. It is not `Lines`: in the workbook model
 * `Lines` holds the billing lines themselves (table BillingLines).
 */
export const RESULT_SHEETS = { invoice: 'Invoice', reconcile: 'Reconcile', audit: 'Audit', priceLines: 'PriceLines' } as const;
