import { columnIndexes } from '../engine/table';
import { cellText } from '../engine/tableRowsFromCells';
import { MODEL_TABLES, type ModelTableName } from '../engine/workbookLayout';
import {
  customerRowsForAccounts, defaultSettingsRows, defaultSupportPlanRows, modelColumnFormats, priceBookTemplateRows,
  PRICE_BOOK_TEMPLATE_RULES, type PriceBookTemplate,
} from '../engine/modelTemplates';
import { cellAddress, parseRangeAddress } from './cellAddress';
import { readExcelTables } from './readExcelTables';
import { readLinesAccounts } from './readLinesAccounts';
import { writeTableChunked } from './writeTableChunked';

/** The tables model setup creates (PRODUCT.md task pane 2): all of the model but `Lines`. */
export type ModelSetupTable = Exclude<ModelTableName, 'lines'>;
export const MODEL_SETUP_TABLES: readonly ModelSetupTable[] = ['priceBook', 'customers', 'settings', 'fxRates', 'supportPlans'];

export interface ModelSetupOptions {
  /** The rules of a new PriceBook (an existing one is kept); default `markup`. */
  template?: PriceBookTemplate;
  /**
   * Accounts to list in Customers: true (default) the accounts of the `Lines` table, false none,
   * or these. A new table gets a row per account; an existing one gets the accounts it lacks.
   */
  accounts?: boolean | readonly string[];
}

export interface ModelSetupResult {
  /** Tables created, in MODEL_SETUP_TABLES order. */
  created: ModelSetupTable[];
  /** Tables that existed (by Excel table name, on any sheet): left exactly as they were. */
  kept: ModelSetupTable[];
  /** Tables not created because the cells they would take hold something: nothing was written there. */
  blocked: { name: ModelSetupTable; address: string }[];
  /** Accounts written to Customers: the rows of a new table, or rows appended to an existing one. */
  customersAdded: number;
  /** One sentence per outcome, for the task pane. */
  messages: string[];
}

interface TablePlan {
  name: ModelSetupTable;
  sheet: string;
  row: number;
  column: number;
  rows: string[][];
}

/**
 * Creates the model tables that are missing — PriceBook (from `template`), Customers (one row per
 * account), Settings (the defaults), FxRates (empty) and SupportPlans (AWS's published plans) — at
 * their places in MODEL_TABLES, and adds the accounts an existing Customers table lacks. Nothing
 * that exists is overwritten: an existing table is kept as it is, and a table whose cells hold
 * anything is not created (`blocked`).
 *
 * Every write goes cells' formats first, then values, with calculation suspended, and an Excel
 * table is made over its cells only once they are written: text columns (every column but
 * PriceBook's Value, FxRates' Rate and SupportPlans' Minimum) are `@` before a value lands, so an
 * account id keeps its leading zeros and a name such as `=HYPERLINK(…)` never becomes a formula.
 *
 * Example: on a workbook holding only `Lines` with accounts 000123456789 and 111111111111,
 * `setUpModel(context, { template: 'discount' })` adds sheets PriceBook (A1: one rule, 5% off list),
 * Customers (A1:D3, each account its own customer) and Settings (Settings at A1:B8, FxRates at
 * D1:G2 with one blank row, SupportPlans at I1:L5), and reports all five as created.
 */
export async function setUpModel(context: Excel.RequestContext, options: ModelSetupOptions = {}): Promise<ModelSetupResult> {
  const template = options.template ?? 'markup';
  const result: ModelSetupResult = { created: [], kept: [], blocked: [], customersAdded: 0, messages: [] };

  const tables = MODEL_SETUP_TABLES.map((name) => ({ name, probe: context.workbook.tables.getItemOrNullObject(MODEL_TABLES[name].table).load('isNullObject') }));
  const sheetNames = [...new Set(MODEL_SETUP_TABLES.map((name) => MODEL_TABLES[name].sheet))];
  const sheets = sheetNames.map((sheet) => ({ sheet, probe: context.workbook.worksheets.getItemOrNullObject(sheet).load('isNullObject') }));
  await context.sync();
  const existingSheets = new Set(sheets.filter((s) => !s.probe.isNullObject).map((s) => s.sheet));

  const accountsFromLines = options.accounts === undefined || options.accounts === true;
  const accounts = options.accounts === false ? []
    : accountsFromLines ? (await readLinesAccounts(context)) ?? []
    : sortedDistinct(options.accounts as readonly string[]);

  const plans: TablePlan[] = [];
  for (const { name, probe } of tables) {
    if (!probe.isNullObject) {
      result.kept.push(name);
      continue;
    }
    const model = MODEL_TABLES[name];
    const at = parseRangeAddress(model.at);
    const rows = rowsOf(name, template, accounts);
    // A table has at least one body row: a blank one, formatted, for the user to fill in.
    plans.push({ name, sheet: model.sheet, row: at.row, column: at.column, rows: rows.length > 0 ? rows : [model.columns.map(() => '')] });
  }

  const writable = await unblockedPlans(context, plans, existingSheets, result);
  for (const sheet of new Set(writable.map((plan) => plan.sheet))) {
    if (!existingSheets.has(sheet)) context.workbook.worksheets.add(sheet);
  }
  if (writable.length > 0) await context.sync();

  for (const plan of writable) {
    const sheet = context.workbook.worksheets.getItem(plan.sheet);
    await writeTableChunked(context, sheet, MODEL_TABLES[plan.name].columns, plan.rows, {
      startRow: plan.row, startColumn: plan.column, numberFormats: modelColumnFormats(plan.name), suspendCalculation: true,
    });
  }
  if (writable.length > 0) {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    for (const plan of writable) {
      const sheet = context.workbook.worksheets.getItem(plan.sheet);
      const range = sheet.getRangeByIndexes(plan.row, plan.column, plan.rows.length + 1, MODEL_TABLES[plan.name].columns.length);
      sheet.tables.add(range, true).name = MODEL_TABLES[plan.name].table;
      range.format.autofitColumns();
    }
    await context.sync();
  }
  for (const plan of writable) {
    result.created.push(plan.name);
    result.messages.push(createdMessage(plan.name, template, plan.name === 'customers' ? accounts.length : 0));
    if (plan.name === 'customers') result.customersAdded = accounts.length;
  }
  for (const name of result.kept) result.messages.push(`Kept the existing ${MODEL_TABLES[name].table} table as it is.`);
  if (result.kept.includes('customers') && accounts.length > 0) {
    result.customersAdded = await appendCustomers(context, accounts, accountsFromLines ? 'Lines' : 'the list given', result.messages);
  }
  if (accountsFromLines && accounts.length === 0 && (result.created.includes('customers') || result.kept.includes('customers'))) {
    result.messages.push(`No accounts were found in a ${MODEL_TABLES.lines.table} table to list in Customers; import billing files first, or type them in.`);
  }
  return result;
}

/** The rows a new table starts with. */
function rowsOf(name: ModelSetupTable, template: PriceBookTemplate, accounts: readonly string[]): string[][] {
  switch (name) {
    case 'priceBook': return priceBookTemplateRows(template);
    case 'customers': return customerRowsForAccounts(accounts);
    case 'settings': return defaultSettingsRows();
    case 'supportPlans': return defaultSupportPlanRows();
    case 'fxRates': return [];
  }
}

/**
 * The plans whose cells are free: on a new sheet always; on an existing sheet when every cell the
 * table would take is blank (one sync loads them all). The others go to `result.blocked`.
 */
async function unblockedPlans(context: Excel.RequestContext, plans: TablePlan[], existingSheets: ReadonlySet<string>, result: ModelSetupResult): Promise<TablePlan[]> {
  const checks = plans.filter((plan) => existingSheets.has(plan.sheet)).map((plan) => ({
    plan,
    range: context.workbook.worksheets.getItem(plan.sheet)
      .getRangeByIndexes(plan.row, plan.column, plan.rows.length + 1, MODEL_TABLES[plan.name].columns.length).load('values'),
  }));
  if (checks.length > 0) await context.sync();
  const blocked = new Set<TablePlan>();
  for (const { plan, range } of checks) {
    if (range.values.every((row) => row.every((value) => value === '' || value === null))) continue;
    blocked.add(plan);
    const address = `${quoteSheet(plan.sheet)}!${blockAddress(plan.row, plan.column, plan.rows.length + 1, MODEL_TABLES[plan.name].columns.length)}`;
    result.blocked.push({ name: plan.name, address });
    const table = MODEL_TABLES[plan.name].table;
    result.messages.push(`Did not create the ${table} table: ${address} already holds data, and it is never overwritten. Clear those cells, or make them an Excel table named ${table}.`);
  }
  return plans.filter((plan) => !blocked.has(plan));
}

/**
 * Appends to the existing Customers table the accounts it does not list yet (Customer = the
 * account), text-formatted first, into its blank last rows and the rows under it, then resizes the
 * table over them. Nothing is written when the table has no Account column or the cells under it
 * hold anything. Returns how many were added.
 */
async function appendCustomers(context: Excel.RequestContext, accounts: readonly string[], from: string, messages: string[]): Promise<number> {
  const name = MODEL_TABLES.customers.table;
  const table = (await readExcelTables(context, [name])).get(name);
  if (!table) return 0;
  const header = table.values[0].map((cell, column) => cellText(name, cell, 1, column, undefined));
  const columns = columnIndexes(header, ['Customer', 'Account'] as const);
  if (columns.Account < 0 || columns.Customer < 0) {
    messages.push(`The ${name} table has no ${columns.Account < 0 ? 'Account' : 'Customer'} column, so no accounts were added to it.`);
    return 0;
  }
  const text = (cell: unknown, row: number, column: number) => cellText(name, cell, row + 1, column, header[column]).trim();
  const body = table.values.slice(1);
  const listed = new Set(body.map((row, i) => text(row[columns.Account], i + 1, columns.Account)));
  const missing = accounts.filter((account) => !listed.has(account));
  if (missing.length === 0) {
    messages.push(`Every account in ${from} is already in the ${name} table.`);
    return 0;
  }
  // Blank rows at the end of the table (a new table has one) are filled before rows are added.
  let used = body.length;
  while (used > 0 && body[used - 1].every((cell, column) => text(cell, used, column) === '')) used -= 1;
  const top = table.row + 1 + used;
  const width = header.length;
  const below = table.row + table.values.length;
  const extra = top + missing.length - below;
  const sheet = context.workbook.worksheets.getItem(table.sheet);
  if (extra > 0) {
    const under = sheet.getRangeByIndexes(below, table.column, extra, width).load('values');
    await context.sync();
    if (!under.values.every((row) => row.every((value) => value === '' || value === null))) {
      messages.push(`Did not add ${missing.length} accounts to the ${name} table: the cells under it hold data, and they are never overwritten.`);
      return 0;
    }
  }
  const rows = missing.map((account) => header.map((_, column) => (column === columns.Customer || column === columns.Account ? account : '')));
  await writeTableChunked(context, sheet, header, rows, {
    noHeader: true, startRow: top, startColumn: table.column, numberFormats: header.map(() => '@'), suspendCalculation: true,
  });
  if (extra > 0) {
    context.workbook.application.suspendApiCalculationUntilNextSync();
    context.workbook.tables.getItem(name).resize(sheet.getRangeByIndexes(table.row, table.column, table.values.length + extra, width));
    await context.sync();
  }
  messages.push(`Added ${missing.length} ${missing.length === 1 ? 'account' : 'accounts'} from ${from} to the ${name} table (Customer = the account id until you name it).`);
  return missing.length;
}

function createdMessage(name: ModelSetupTable, template: PriceBookTemplate, accounts: number): string {
  const { table, sheet } = MODEL_TABLES[name];
  const where = `Created the ${table} table on sheet ${sheet}`;
  switch (name) {
    case 'priceBook': return `${where} from the template "${template}": ${PRICE_BOOK_TEMPLATE_RULES[template].title}`;
    case 'customers': return accounts === 0 ? `${where}, empty.` : `${where} with ${accounts} ${accounts === 1 ? 'account' : 'accounts'}, each its own customer until you name it.`;
    case 'settings': return `${where} with the default settings.`;
    case 'fxRates': return `${where}, empty: add a rate for each period and currency pair you invoice in another currency.`;
    case 'supportPlans': return `${where} with AWS's published support plans.`;
  }
}

function sortedDistinct(accounts: readonly string[]): string[] {
  return [...new Set(accounts.map((a) => a.trim()).filter((a) => a !== ''))].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0));
}

function blockAddress(row: number, column: number, rows: number, columns: number): string {
  return `${cellAddress(row, column)}:${cellAddress(row + rows - 1, column + columns - 1)}`;
}

/** A sheet name as an address writes it: quoted unless it is letters, digits and `_`. */
function quoteSheet(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}
