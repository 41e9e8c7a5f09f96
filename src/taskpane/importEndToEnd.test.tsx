/** @jest-environment jsdom */
import '../../test/helpers/paneGlobals';
import { readFileSync } from 'node:fs';
import { File as NodeFile } from 'node:buffer';
import { resolve } from 'node:path';
import { fireEvent, render, screen } from '@testing-library/react';
import { RecordingExcel } from '../../test/addin/recordingExcel';
import { captureIo } from '../../test/helpers/captureIo';
import { IMPORTS_TABLE, MODEL_TABLES } from '../engine/workbookLayout';
import { App } from './App';
import { inThreadSession } from './importSession';


const CUR = 'cur1-sample-2023-11.csv';

describe('the Import panel end to end in jsdom', () => {
  test('picking the public CUR sample, reading it on the page and importing every line puts its 1,281 rows in Lines', async () => {
    const { readBilling } = await import('../formats/readBilling');
    const excel = new RecordingExcel();
    render(<App host="Excel" dark={false} session={inThreadSession(readBilling)} runExcel={excel.run} />);
    // jsdom's File has no stream(): hand the input Node's, as a browser's File would be.
    const file = new NodeFile([readFileSync(resolve(__dirname, '../../samples/public', CUR))], CUR);
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file] } });
    const button = await screen.findByRole('button', { name: 'Import into Lines' }, { timeout: 20_000 });
    expect(document.querySelector('[data-fact="Rows"]')?.textContent).toBe('1,281');
    expect(screen.getByRole('radio', { name: 'Every line (1,281 rows)' })).toHaveProperty('checked', true);
    fireEvent.click(button);
    const result = await screen.findByTestId('import-result', {}, { timeout: 20_000 });
    expect(result.textContent).toBe('Imported 1,281 rows into Lines');
    expect(excel.tableValues(MODEL_TABLES.lines.table).length - 1).toBe(1281);
    expect(excel.tableValues(IMPORTS_TABLE.table)[1].slice(0, 2)).toEqual([CUR, expect.stringMatching(/^[0-9a-f]{64}$/)]);
  });

  test('the groups table `rerate groups` writes of it: the preview names what it is, every line is disabled, and its groups import as month rows', async () => {
    const { readBilling } = await import('../formats/readBilling');
    const { main } = await import('../cli/main');
    const io = captureIo(resolve(__dirname, '../../samples/public'));
    await main(['groups', CUR], io);
    const excel = new RecordingExcel();
    render(<App host="Excel" dark={false} session={inThreadSession(readBilling)} runExcel={excel.run} />);
    const file = new NodeFile([io.out], 'cur.groups.csv');
    fireEvent.change(screen.getByTestId('file-input'), { target: { files: [file] } });
    const button = await screen.findByRole('button', { name: 'Import into Lines' }, { timeout: 20_000 });
    const groups = io.out.split('\n').filter((row) => row.startsWith('group,')).length;
    expect(document.querySelector('[data-fact="Format"]')?.textContent).toBe(`groups table: ${groups} groups from 1 source file`);
    expect(document.querySelector('[data-fact="Rows"]')?.textContent).toBe('1,281');
    expect(screen.getByRole('radio', { name: 'Every line' })).toHaveProperty('disabled', true);
    const month = screen.getByRole('radio', { name: /^One row per pricing group and month/ });
    expect(month).toHaveProperty('checked', true);
    fireEvent.click(button);
    const result = await screen.findByTestId('import-result', {}, { timeout: 20_000 });
    const rows = excel.tableValues(MODEL_TABLES.lines.table).slice(1);
    expect(result.textContent).toBe(`Imported ${rows.length} rows into Lines`);
    expect(rows.length).toBeLessThanOrEqual(groups);
    const count = MODEL_TABLES.lines.columns.indexOf('LineCount');
    expect(rows.reduce((n, row) => n + Number(row[count]), 0)).toBe(1281);
    expect(excel.tableValues(IMPORTS_TABLE.table)[1].slice(0, 4)).toEqual(['cur.groups.csv', expect.stringMatching(/^[0-9a-f]{64}$/), 'rerate-groups', 'month']);
  });
});
