import { parseArgs } from 'node:util';
import { UsageError } from './io';

/** The options `rerate invoice` and `rerate reconcile` share (PRODUCT.md). */
export const INVOICE_OPTIONS = {
  pricebook: { type: 'string' },
  customers: { type: 'string' },
  fx: { type: 'string' },
  'support-plans': { type: 'string' },
  settings: { type: 'string' },
  currency: { type: 'string' },
  rounding: { type: 'string' },
  credits: { type: 'string' },
  tax: { type: 'string' },
  commitments: { type: 'string' },
  grain: { type: 'string' },
  period: { type: 'string' },
  format: { type: 'string' },
  out: { type: 'string' },
  workbook: { type: 'string' },
  engine: { type: 'string' },
} as const;

export const INVOICE_OPTIONS_USAGE = `options:
  --pricebook F        price-book rules (CSV: Rule, Customer, Account, ProductCode, UsageType, Operation,
                       Region, ChargeKind, BillingEntity, Basis, Method, Value, ValidFrom, ValidTo, Note);
                       without it every line passes through at unblended cost
  --customers F        Customer, Account, SupportPlan, Currency
  --fx F               Period, From, To, Rate (units of To per one From)
  --support-plans F    Plan, Minimum, Tiers, Scope (default: AWS's published plans)
  --settings F         Setting, Value (flags below override it)
  --currency CODE      invoice currency where the customers table names none (default USD)
  --rounding half-up|half-even                (default half-up)
  --credits same-period|next-period|retain    (default next-period)
  --tax exclude|pass-through                  (default exclude)
  --commitments as-billed|owner-only          (default as-billed)
  --grain service|account                     (default service)
  --period YYYY-MM     invoice only this period
  --format json|csv|table|xlsx                (default table; xlsx: the accountant's workbook, needs --out)
  --out F              write the result to F instead of stdout
  --workbook F.xlsx    read PriceBook, Customers, Settings, FxRates and SupportPlans from a workbook built
                       with the add-in or by --format xlsx; a table flag given explicitly (--pricebook F…)
                       wins over the workbook's table, and setting flags override its Settings
  --engine js|duckdb   who reads the billing files (default js): duckdb
                       groups local CUR CSV, .csv.gz and Parquet files with an exact SQL query and prices
                       its groups — the same output; a file it cannot prove exact is read by the
                       JavaScript readers (an ENGINE_FALLBACK info says why)`;

export type InvoiceFormat = 'json' | 'csv' | 'table' | 'xlsx';

export interface InvoiceArgs {
  files: string[];
  values: { [K in keyof typeof INVOICE_OPTIONS]?: string };
  format: InvoiceFormat;
}

/** `allowXlsx`: only `rerate invoice` writes the accountant's workbook. */
export function parseInvoiceArgs(args: string[], allowXlsx = false): InvoiceArgs {
  const { values, positionals } = parseArgs({ args, options: INVOICE_OPTIONS, allowPositionals: true, strict: true });
  if (positionals.length === 0) throw new UsageError('name at least one billing file');
  const format = values.format ?? 'table';
  if (format !== 'json' && format !== 'csv' && format !== 'table' && !(allowXlsx && format === 'xlsx')) {
    throw new UsageError(`--format "${format}" is not one of json, csv, table${allowXlsx ? ', xlsx' : ''}`);
  }
  if (format === 'xlsx' && !values.out) throw new UsageError('xlsx needs --out F.xlsx');
  if (values.engine !== undefined && values.engine !== 'js' && values.engine !== 'duckdb') throw new UsageError(`--engine "${values.engine}" is not js or duckdb`);
  return { files: positionals, values, format };
}
