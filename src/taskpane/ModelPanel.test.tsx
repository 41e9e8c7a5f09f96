/** @jest-environment jsdom */
import '../../test/helpers/paneGlobals';
import type { ReactElement } from 'react';
import { fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { RecordingExcel } from '../../test/addin/recordingExcel';
import { seedTable } from '../../test/addin/seedTable';
import { PRICE_BOOK_TEMPLATE_RULES, priceBookTemplateRows } from '../engine/modelTemplates';
import { MODEL_TABLES } from '../engine/workbookLayout';
import { ModelPanel } from './ModelPanel';
import { WorkbookActivityProvider, type RunExcel, type WorkbookActor } from './workbookActivity';
import { problemText } from './ModelCheck';


const LINES = MODEL_TABLES.lines;
const PRICE_BOOK = MODEL_TABLES.priceBook;

/** A workbook whose `Lines` table holds these accounts, as the importer writes them (text). */
function workbookWithLines(accounts: string[]): RecordingExcel {
  const excel = new RecordingExcel(['Sheet1']);
  const account = LINES.columns.indexOf('Account');
  seedTable(excel, LINES.sheet, LINES.table, [[...LINES.columns], ...accounts.map((a) => LINES.columns.map((_, c) => (c === account ? a : c === 0 ? 'x' : '')))], { format: '@' });
  return excel;
}

/** The panel as App renders it, over `run`; `active` says which panel's batch is running. */
function renderPanel(ui: ReactElement, run: RunExcel, active: WorkbookActor | null = null) {
  return render(<WorkbookActivityProvider value={{ active, runFor: { import: run, model: run, results: run } }}>{ui}</WorkbookActivityProvider>);
}

function button(name: string): HTMLButtonElement {
  return screen.getByRole('button', { name }) as HTMLButtonElement;
}

describe('ModelPanel', () => {
  test('the panel offers one radio per price-book template, labelled with its title, under "Price book template"; markup is chosen', () => {
    renderPanel(<ModelPanel />, new RecordingExcel().run);
    expect(screen.getByRole('region', { name: 'Price book & settings' })).toBeTruthy();
    const group = screen.getByRole('radiogroup', { name: 'Price book template' });
    const radios = within(group).getAllByRole('radio') as HTMLInputElement[];
    expect(radios.map((r) => r.value)).toEqual(['markup', 'margin-except-support', 'discount']);
    expect(screen.getByRole('radio', { name: PRICE_BOOK_TEMPLATE_RULES.markup.title })).toHaveProperty('checked', true);
    expect(button('Set up the model').disabled).toBe(false);
    expect(button('Check the model').disabled).toBe(false);
  });

  test('Set up the model creates the tables from the chosen template, Customers from Lines, and the outcome takes the focus', async () => {
    const excel = workbookWithLines(['000123456789', '111111111111']);
    renderPanel(<ModelPanel />, excel.run);
    fireEvent.click(screen.getByRole('radio', { name: PRICE_BOOK_TEMPLATE_RULES.discount.title }));
    fireEvent.click(button('Set up the model'));
    const result = await screen.findByTestId('model-result');
    expect(document.activeElement).toBe(result);
    expect(excel.tableValues('PriceBook')).toEqual([[...PRICE_BOOK.columns], ...priceBookTemplateRows('discount')]);
    expect(excel.tableValues('Customers').slice(1).map((row) => row[1])).toEqual(['000123456789', '111111111111']);
    expect(['Settings', 'FxRates', 'SupportPlans'].every((name) => excel.table(name) !== undefined)).toBe(true);
    expect(result.textContent).toContain('The model is set up');
    expect(result.textContent).toContain(`Created the PriceBook table on sheet PriceBook from the template "discount": ${PRICE_BOOK_TEMPLATE_RULES.discount.title}`);
    expect(result.textContent).toContain('Created the Customers table on sheet Customers with 2 accounts, each its own customer until you name it.');
  });

  test('Set up the model a second time keeps every table as it is and says so', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    renderPanel(<ModelPanel />, excel.run);
    fireEvent.click(button('Set up the model'));
    await screen.findByText('The model is set up');
    const before = excel.snapshot();
    fireEvent.click(button('Set up the model'));
    const result = await screen.findByText('The model was already set up');
    expect(result.closest('[data-testid="model-result"]')?.textContent).toContain('Kept the existing PriceBook table as it is.');
    expect(excel.snapshot()).toEqual(before);
  });

  test('a table whose place holds data is not created, and the outcome says where and why', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    seedTable(excel, 'PriceBook', 'Notes', [['my notes']]);
    renderPanel(<ModelPanel />, excel.run);
    fireEvent.click(button('Set up the model'));
    const result = await screen.findByTestId('model-result');
    expect(result.textContent).toContain('Some tables were not created');
    expect(result.textContent).toContain('Did not create the PriceBook table: PriceBook!A1:O2 already holds data');
    expect(excel.table('PriceBook')).toBeUndefined();
  });

  test('Check the model lists a bad rule at its cell with its code, message and value; choosing it selects the cell', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    renderPanel(<ModelPanel />, excel.run);
    fireEvent.click(button('Set up the model'));
    await screen.findByTestId('model-result');
    // The user types a method that does not exist into the first rule.
    const table = excel.table('PriceBook')!;
    const method = PRICE_BOOK.columns.indexOf('Method');
    table.sheet.cell(table.row + 1, table.column + method).value = 'bogus';

    fireEvent.click(button('Check the model'));
    const check = await screen.findByTestId('model-check');
    expect(document.activeElement).toBe(within(check).getByText('1 problem found').closest('[tabindex="-1"]'));
    const problems = within(check).getAllByRole('button');
    expect(problems).toHaveLength(1);
    // Method is column K of PriceBook!A1.
    expect(problems[0].textContent).toBe('PriceBook!K2: BAD_RULE Rule "markup" (PriceBook line 2): method "bogus" is not one of markup, margin, discount, rate, passthrough, exclude. (bogus)');
    expect(problems[0].tagName).toBe('BUTTON');
    expect(problems[0].tabIndex).toBe(0);

    fireEvent.click(problems[0]);
    await waitFor(() => expect(excel.selected).toBe('PriceBook!K2'));
    expect(excel.activeSheet).toBe('PriceBook');
  });

  test('Check the model on a good model says "The model has no problems."', async () => {
    const excel = workbookWithLines(['000123456789']);
    renderPanel(<ModelPanel />, excel.run);
    fireEvent.click(button('Set up the model'));
    await screen.findByTestId('model-result');
    fireEvent.click(button('Check the model'));
    const check = await screen.findByTestId('model-check');
    expect(check.textContent).toBe('The model has no problems.');
  });

  test('missing tables are listed without a cell to select (plain text, not buttons)', async () => {
    renderPanel(<ModelPanel />, new RecordingExcel(['Sheet1']).run);
    fireEvent.click(button('Check the model'));
    const check = await screen.findByTestId('model-check');
    expect(within(check).queryAllByRole('button')).toEqual([]);
    expect(within(check).getByText(/^PriceBook: BAD_TABLE There is no Excel table named PriceBook/)).toBeTruthy();
    expect(check.textContent).toContain('5 problems found');
    expect(check.textContent).toContain('3 warnings, 2 notes.');
  });

  test('a failed set-up shows its message in an error bar', async () => {
    const excel = new RecordingExcel(['Sheet1']);
    excel.failAtSync = 1;
    renderPanel(<ModelPanel />, excel.run);
    fireEvent.click(button('Set up the model'));
    const error = await screen.findByTestId('model-error');
    expect(error.textContent).toBe('The model could not be set upsync 1 failed (simulated)');
    expect(document.activeElement).toBe(error);
    expect(button('Set up the model').disabled).toBe(false);
  });

  test('blocked (another panel is changing the workbook): every control waits', () => {
    renderPanel(<ModelPanel />, new RecordingExcel().run, 'import');
    expect(button('Set up the model').disabled).toBe(true);
    expect(button('Check the model').disabled).toBe(true);
    expect((screen.getAllByRole('radio') as HTMLInputElement[]).every((r) => r.disabled)).toBe(true);
  });
});

describe('problemText', () => {
  const base = { code: 'BAD_VALUE', severity: 'error', table: 'FxRates', sheet: 'Settings', cell: 'G3', value: '-1', message: 'FX Rate "-1" in FxRates line 3 is not a positive number.' } as const;

  test('problemText(problem) is `Sheet!Cell: CODE message (value)`', () => {
    expect(problemText(base)).toBe('Settings!G3: BAD_VALUE FX Rate "-1" in FxRates line 3 is not a positive number. (-1)');
  });

  test('problemText quotes a sheet name with spaces, leaves out an empty value and escapes control characters', () => {
    expect(problemText({ ...base, sheet: "Bob's rates", value: '' })).toBe(`'Bob''s rates'!G3: BAD_VALUE ${base.message}`);
    expect(problemText({ ...base, value: 'x\x1b[2J\r\ny' })).toBe(`Settings!G3: BAD_VALUE ${base.message} (x\\x1b[2J\\r\\ny)`);
  });
});
