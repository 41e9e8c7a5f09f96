import { RecordingExcel, type RecordedOp } from '../../test/addin/recordingExcel';
import { seedCells, seedTable } from '../../test/addin/seedTable';
import { MODEL_TABLES } from '../engine/workbookLayout';
import { defaultSettingsRows, defaultSupportPlanRows, priceBookTemplateRows, PRICE_BOOK_TEMPLATES } from '../engine/modelTemplates';
import { setUpModel } from './modelSetup';
import { validateModel } from './validateModel';

const LINES = MODEL_TABLES.lines;

/** A workbook whose `Lines` table holds these accounts (as the importer writes them: text). */
function workbookWithLines(accounts: unknown[]): RecordingExcel {
  const excel = new RecordingExcel(['Sheet1']);
  const accountColumn = LINES.columns.indexOf('Account');
  const row = (account: unknown) => LINES.columns.map((_, c) => (c === accountColumn ? account : c === 0 ? 'x' : ''));
  seedTable(excel, LINES.sheet, LINES.table, [[...LINES.columns], ...accounts.map(row)], { format: '@' });
  return excel;
}

/** Every recorded operation, with the number of its sync and its place in it. */
function opsInOrder(excel: RecordingExcel): (RecordedOp & { sync: number; index: number })[] {
  return excel.syncs.flatMap((sync, s) => sync.ops.map((op, index) => ({ ...op, sync: s, index })));
}

const overlaps = (a: [number, number, number, number], b: [number, number, number, number]) =>
  a[0] < b[0] + b[2] && b[0] < a[0] + a[2] && a[1] < b[1] + b[3] && b[1] < a[1] + a[3];

describe('setUpModel', () => {
  test('setUpModel(context) creates the five tables at their places with their headers and defaults, Customers from the accounts in Lines', async () => {
    const excel = workbookWithLines(['111111111111', '000123456789', '111111111111', '', '000000000042']);
    const result = await excel.run((context) => setUpModel(context, { template: 'markup' }));

    expect(result.created).toEqual(['priceBook', 'customers', 'settings', 'fxRates', 'supportPlans']);
    expect(result.kept).toEqual([]);
    expect(result.blocked).toEqual([]);
    expect(result.customersAdded).toBe(3);
    expect(excel.sheets.map((s) => s.name)).toEqual(['Sheet1', 'Lines', 'PriceBook', 'Customers', 'Settings']);

    const place = (name: string) => { const t = excel.table(name)!; return [t.sheet.name, t.row, t.column, t.rows, t.columns]; };
    expect(place('PriceBook')).toEqual(['PriceBook', 0, 0, 2, 15]);
    expect(place('Customers')).toEqual(['Customers', 0, 0, 4, 4]);
    expect(place('Settings')).toEqual(['Settings', 0, 0, 8, 2]);
    expect(place('FxRates')).toEqual(['Settings', 0, 3, 2, 4]);
    expect(place('SupportPlans')).toEqual(['Settings', 0, 8, 5, 4]);

    expect(excel.tableValues('PriceBook')).toEqual([[...MODEL_TABLES.priceBook.columns], ...priceBookTemplateRows('markup')]);
    expect(excel.tableValues('Settings')).toEqual([['Setting', 'Value'], ...defaultSettingsRows()]);
    expect(excel.tableValues('Settings')).toContainEqual(['currency', 'USD']);
    expect(excel.tableValues('FxRates')).toEqual([['Period', 'From', 'To', 'Rate'], ['', '', '', '']]);
    expect(excel.tableValues('SupportPlans')).toEqual([['Plan', 'Minimum', 'Tiers', 'Scope'], ...defaultSupportPlanRows()]);
    expect(excel.tableValues('SupportPlans')[2]).toEqual(['business', '100', '0:0.1, 10000:0.07, 80000:0.05, 250000:0.03', 'account']);
    // Distinct, sorted, the blank left out, leading zeros kept, each account its own customer.
    expect(excel.tableValues('Customers')).toEqual([
      ['Customer', 'Account', 'SupportPlan', 'Currency'],
      ['000000000042', '000000000042', '', ''],
      ['000123456789', '000123456789', '', ''],
      ['111111111111', '111111111111', '', ''],
    ]);
    expect(excel.formatsOf('Customers').slice(1).every((row) => row.every((format) => format === '@'))).toBe(true);
    expect(result.messages).toContain('Created the Customers table on sheet Customers with 3 accounts, each its own customer until you name it.');
  });

  test('setUpModel formats text cells before their values, suspends calculation in every write and makes tables after their data', async () => {
    const excel = workbookWithLines(['000123456789']);
    await excel.run((context) => setUpModel(context));
    const ops = opsInOrder(excel);
    const writes = ops.filter((op) => op.kind === 'values' && op.sheet !== 'Lines');
    expect(writes.length).toBeGreaterThan(0);
    for (const write of writes) {
      const sameSync = ops.filter((op) => op.sync === write.sync);
      // Calculation is suspended at the start of the batch.
      expect(sameSync.findIndex((op) => op.kind === 'suspendCalculation')).toBeLessThan(write.index);
      // Text formats land before the values they protect, in the same batch.
      const formats = sameSync.filter((op) => op.kind === 'numberFormat' && op.sheet === write.sheet && overlaps(op.block!, write.block!));
      expect(formats.length).toBeGreaterThan(0);
      expect(formats.every((op) => op.index < write.index)).toBe(true);
    }
    const tables = ops.filter((op) => op.kind === 'addTable');
    expect(tables).toHaveLength(5);
    const lastWrite = writes[writes.length - 1];
    expect(tables.every((op) => op.sync > lastWrite.sync)).toBe(true);
    const tableSync = excel.syncs[tables[0].sync].ops.map((op) => op.kind);
    expect(tableSync[0]).toBe('suspendCalculation');
    expect(tableSync.filter((kind) => kind === 'autofit')).toHaveLength(5);
    // The columns that hold numbers are left General; every other cell of the model is text.
    const formats = excel.formatsOf('Settings');
    expect(formats[1].slice(0, 2)).toEqual(['@', '@']);
    expect(formats[1].slice(8, 12)).toEqual(['@', 'General', '@', '@']);
    expect(formats[1].slice(3, 7)).toEqual(['@', '@', '@', 'General']);
  });

  test('setUpModel writes account text from Lines as text: a formula-like id never becomes a formula', async () => {
    const excel = workbookWithLines(['=HYPERLINK("http://x","y")', '+cmd', '@SUM(1)', '-1+1', 123456789012]);
    await excel.run((context) => setUpModel(context));
    expect(excel.formulasOf('Customers')).toEqual([]);
    expect(excel.tableValues('Customers').slice(1).map((row) => row[1])).toEqual(['+cmd', '-1+1', '123456789012', '=HYPERLINK("http://x","y")', '@SUM(1)']);
  });

  test('setUpModel keeps every table that exists, wherever it is, and says so', async () => {
    const excel = workbookWithLines(['111111111111']);
    const priceBook = [[...MODEL_TABLES.priceBook.columns], MODEL_TABLES.priceBook.columns.map((c) => (c === 'Method' ? 'passthrough' : c === 'Rule' ? 'mine' : ''))];
    seedTable(excel, 'PriceBook', 'PriceBook', priceBook);
    seedTable(excel, 'My settings', 'Settings', [['Setting', 'Value'], ['currency', 'EUR']], { row: 4, column: 2 });
    const before = excel.snapshot() as { sheets: { name: string; cells: unknown[] }[] };

    const result = await excel.run((context) => setUpModel(context, { template: 'discount', accounts: false }));
    expect(result.kept).toEqual(['priceBook', 'settings']);
    expect(result.created).toEqual(['customers', 'fxRates', 'supportPlans']);
    expect(result.customersAdded).toBe(0);
    expect(result.messages).toEqual(expect.arrayContaining(['Kept the existing PriceBook table as it is.', 'Kept the existing Settings table as it is.']));
    const after = excel.snapshot() as { sheets: { name: string; cells: unknown[] }[] };
    for (const name of ['PriceBook', 'My settings', 'Lines']) {
      expect(after.sheets.find((s) => s.name === name)).toEqual(before.sheets.find((s) => s.name === name));
    }
    expect(excel.tableValues('PriceBook')).toEqual(priceBook);
    // FxRates and SupportPlans go to their places on a new Settings sheet; no Settings table is made there.
    expect(excel.table('FxRates')!.sheet.name).toBe('Settings');
    expect(excel.tables.filter((t) => t.name === 'Settings')).toHaveLength(1);
    expect(excel.tableValues('Customers')).toEqual([['Customer', 'Account', 'SupportPlan', 'Currency'], ['', '', '', '']]);
  });

  test('setUpModel appends to an existing Customers table only the accounts it lacks, as text, and resizes it', async () => {
    const excel = workbookWithLines(['000000000001', '000000000002', '000000000003']);
    seedTable(excel, 'Customers', 'Customers', [['Account', 'Customer', 'Note'], ['000000000002', 'Acme', 'keep me']], { format: '@' });
    const result = await excel.run((context) => setUpModel(context));
    expect(result.kept).toContain('customers');
    expect(result.customersAdded).toBe(2);
    expect(result.messages).toContain('Added 2 accounts from Lines to the Customers table (Customer = the account id until you name it).');
    expect(excel.tableValues('Customers')).toEqual([
      ['Account', 'Customer', 'Note'],
      ['000000000002', 'Acme', 'keep me'],
      ['000000000001', '000000000001', ''],
      ['000000000003', '000000000003', ''],
    ]);
    expect(excel.formatsOf('Customers').slice(2).every((row) => row.every((format) => format === '@'))).toBe(true);

    const again = await excel.run((context) => setUpModel(context));
    expect(again.customersAdded).toBe(0);
    expect(again.kept).toEqual(['priceBook', 'customers', 'settings', 'fxRates', 'supportPlans']);
    expect(again.messages).toContain('Every account in Lines is already in the Customers table.');
    expect(excel.tableValues('Customers')).toHaveLength(4);
  });

  test('setUpModel fills a Customers table’s blank last row before adding rows under it', async () => {
    const excel = workbookWithLines(['000000000001', '000000000002']);
    await excel.run((context) => setUpModel(context, { accounts: false }));
    expect(excel.tableValues('Customers')).toEqual([['Customer', 'Account', 'SupportPlan', 'Currency'], ['', '', '', '']]);
    const result = await excel.run((context) => setUpModel(context));
    expect(result.customersAdded).toBe(2);
    expect(excel.tableValues('Customers')).toEqual([
      ['Customer', 'Account', 'SupportPlan', 'Currency'],
      ['000000000001', '000000000001', '', ''],
      ['000000000002', '000000000002', '', ''],
    ]);
  });

  test('setUpModel never writes over cells that hold data: a table whose place is taken is not created', async () => {
    const excel = workbookWithLines([]);
    seedCells(excel, 'Settings', [['Setting', 'Value'], ['currency', 'GBP']]);
    seedTable(excel, 'Customers', 'Customers', [['Customer', 'Account'], ['Acme', '000000000001']]);
    seedCells(excel, 'Customers', [['a note under the table']], 3, 0);
    const result = await excel.run((context) => setUpModel(context, { accounts: ['000000000002', '000000000003'] }));
    expect(result.blocked).toEqual([{ name: 'settings', address: 'Settings!A1:B8' }]);
    expect(result.created).toEqual(['priceBook', 'fxRates', 'supportPlans']);
    expect(excel.valuesOf('Settings').slice(0, 2).map((row) => row.slice(0, 2))).toEqual([['Setting', 'Value'], ['currency', 'GBP']]);
    expect(result.customersAdded).toBe(0);
    expect(result.messages).toContain('Did not add 2 accounts to the Customers table: the cells under it hold data, and they are never overwritten.');
    expect(excel.valuesOf('Customers')[3][0]).toBe('a note under the table');
  });

  test.each(PRICE_BOOK_TEMPLATES)('a model set up with the %s template validates with no problem', async (template) => {
    const excel = workbookWithLines(['000123456789']);
    await excel.run((context) => setUpModel(context, { template }));
    expect(excel.tableValues('PriceBook').slice(1)).toEqual(priceBookTemplateRows(template));
    await expect(excel.run((context) => validateModel(context))).resolves.toEqual([]);
  });
});
