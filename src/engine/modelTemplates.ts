import { DEFAULT_SETTINGS, settingRows } from './settings';
import { BUILT_IN_SUPPORT_PLANS } from './support/supportPlans';
import { supportPlanRows } from './support/loadSupportPlans';
import { CUSTOMERS_COLUMNS, MODEL_TABLES, PRICE_BOOK_COLUMNS, type ModelTableName } from './workbookLayout';

/**
 * What the add-in writes into a new workbook model (PRODUCT.md task pane 2): the price-book
 * templates, the default Settings, the built-in SupportPlans and Customers pre-filled with
 * accounts — as rows of text in the columns of `MODEL_TABLES`, each of which the engine's loader
 * reads without an issue.
 *
 * Worked example: `priceBookTemplateRows('margin-except-support')` gives two rules (other columns
 * blank): `margin` with Method margin, Value 10% — every chargeable line at cost ÷ 0.9 — and
 * `support at cost` with ChargeKind support, Method passthrough, which outranks it on support
 * lines (a ChargeKind is more specific than nothing, ENGINE.md §5). Support-plan charges are never
 * priced by the price book (§7); the rule covers the AWS support lines of accounts without a plan.
 */
export type PriceBookTemplate = 'markup' | 'margin-except-support' | 'discount';

export const PRICE_BOOK_TEMPLATES: readonly PriceBookTemplate[] = ['markup', 'margin-except-support', 'discount'];

type PriceBookColumn = (typeof PRICE_BOOK_COLUMNS)[number];
type TemplateRule = Partial<Record<PriceBookColumn, string>>;

/** Each template's rules and a sentence saying what it does (for the task pane's choice). */
export const PRICE_BOOK_TEMPLATE_RULES: Readonly<Record<PriceBookTemplate, { title: string; rules: readonly TemplateRule[] }>> = {
  markup: {
    title: 'Markup on everything: every chargeable line at unblended cost + 10%.',
    rules: [{ Rule: 'markup', Method: 'markup', Value: '10%', Note: 'Every chargeable line: unblended cost × 1.10.' }],
  },
  'margin-except-support': {
    title: 'Margin except support: a 10% margin on every chargeable line, AWS support at cost.',
    rules: [
      { Rule: 'margin', Method: 'margin', Value: '10%', Note: 'Every chargeable line: unblended cost ÷ 0.90, a 10% margin on the price.' },
      { Rule: 'support at cost', ChargeKind: 'support', Method: 'passthrough', Note: 'AWS support lines of accounts without a support plan, at cost.' },
    ],
  },
  discount: {
    title: 'Discount off list: every chargeable line at the public on-demand price less 5%.',
    rules: [{ Rule: 'list less 5%', Basis: 'list', Method: 'discount', Value: '5%', Note: 'Public on-demand price × 0.95; the commitment savings stay with you.' }],
  },
};

/** A template's rules as PriceBook rows, in `PRICE_BOOK_COLUMNS` order. */
export function priceBookTemplateRows(template: PriceBookTemplate): string[][] {
  return PRICE_BOOK_TEMPLATE_RULES[template].rules.map((rule) => PRICE_BOOK_COLUMNS.map((column) => rule[column] ?? ''));
}

/** The Settings table of a new model: every setting at its default (`period` blank: every period). */
export function defaultSettingsRows(): string[][] {
  return settingRows(DEFAULT_SETTINGS);
}

/** The SupportPlans table of a new model: AWS's published plans (ENGINE.md §7), editable. */
export function defaultSupportPlanRows(): string[][] {
  return supportPlanRows(BUILT_IN_SUPPORT_PLANS);
}

/** Customers rows for accounts not yet named: Customer = the account id until the user names it. */
export function customerRowsForAccounts(accounts: readonly string[]): string[][] {
  return accounts.map((account) => CUSTOMERS_COLUMNS.map((column) => (column === 'Customer' || column === 'Account' ? account : '')));
}

/**
 * Columns the add-in leaves as numbers; every other column of a model table is formatted as text
 * before anything is written, so ids keep their leading zeros, `2023-11` stays a period rather than
 * a date, `0:0.1, 10000:0.07` is not read as a time, and a name starting with `=` stays a name.
 */
export const MODEL_NUMBER_COLUMNS: Readonly<Partial<Record<ModelTableName, readonly string[]>>> = {
  priceBook: ['Value'],
  fxRates: ['Rate'],
  supportPlans: ['Minimum'],
};

/** The number format of each column of a model table: `@` (text), or null for a number column. */
export function modelColumnFormats(name: ModelTableName): (string | null)[] {
  const numbers = MODEL_NUMBER_COLUMNS[name] ?? [];
  return MODEL_TABLES[name].columns.map((column) => (numbers.includes(column) ? null : '@'));
}
