/** @jest-environment jsdom */
import '../../test/helpers/paneGlobals';
import { fireEvent, render, screen, waitFor } from '@testing-library/react';
import { RecordingExcel } from '../../test/addin/recordingExcel';
import type { ImportGrain } from '../engine/grain/aggregateLines';
import { MODEL_TABLES } from '../engine/workbookLayout';
import type { CellInput } from '../excel/estimateRowBytes';
import type { LinesCellsStats } from '../excel/linesCells';
import { App } from './App';
import type { AnalyzedFile } from './importCore';
import type { ImportSession } from './importSession';


const LINES = MODEL_TABLES.lines;

function analyzed(file: string, line: number, month: number, more: Partial<AnalyzedFile> = {}): AnalyzedFile {
  return {
    file, format: 'cur1', tables: 1, periods: ['2023-11'], payerAccounts: ['123456789012'], accounts: ['123456789012'],
    rowsRead: line, linesEmitted: line, rowsSkipped: 0, unblendedRead: '10.5', unblendedSkipped: '0', issues: [],
    sha256: file.padEnd(64, '0').slice(0, 64), bytes: 100, rowsAtGrain: { line, month }, ...more,
  };
}

function rejectOnAbort(signal: AbortSignal): Promise<never> {
  return new Promise((_resolve, reject) => {
    const stop = () => reject(new DOMException('The import was cancelled.', 'AbortError'));
    if (signal.aborted) stop();
    else signal.addEventListener('abort', stop, { once: true });
  });
}

interface FakeSessionOptions {
  /** The text of a row's first cell (its size drives the writer's chunks). */
  cell?: (file: string, index: number) => string;
  /** Rows stop coming after this many until `gate` resolves (or the import is cancelled). */
  pauseAfter?: number;
  gate?: Promise<void>;
  stats?: LinesCellsStats;
}

/**
 * A stand-in for the import worker: `analyze` answers with the AnalyzedFile of each picked file
 * (by name); `rows` yields, for each included file, as many Lines-wide rows as its grain writes.
 */
function fakeSession(known: AnalyzedFile[], options: FakeSessionOptions = {}) {
  let current: AnalyzedFile[] = [];
  const calls: { grain: ImportGrain; include: number[]; signal: AbortSignal }[] = [];
  const session: ImportSession = {
    async analyze(files) {
      current = files.map((f) => {
        const found = known.find((k) => k.file === f.name);
        if (!found) throw new Error(`no fixture for ${f.name}`);
        return found;
      });
      return current;
    },
    rows(grain, include, signal) {
      calls.push({ grain, include: [...include], signal });
      const files = current;
      let finished = false;
      async function* rows(): AsyncIterable<CellInput[]> {
        let sent = 0;
        for (const index of include) {
          for (let i = 0; i < files[index].rowsAtGrain[grain]; i += 1) {
            if (sent === options.pauseAfter) await Promise.race([options.gate, rejectOnAbort(signal)]);
            signal.throwIfAborted();
            const row: CellInput[] = LINES.columns.map(() => '');
            row[0] = options.cell?.(files[index].file, i) ?? `${files[index].file} ${i}`;
            sent += 1;
            yield row;
          }
        }
        finished = true;
      }
      return { rows: rows(), stats: () => (finished ? options.stats ?? { shadowCells: 0, cutCells: 0 } : null) };
    },
  };
  return { session, calls };
}

function pick(...names: string[]) {
  fireEvent.change(screen.getByTestId('file-input'), { target: { files: names.map((name) => new File(['x'], name)) } });
}

function radio(name: string | RegExp): HTMLInputElement {
  return screen.getByRole('radio', { name }) as HTMLInputElement;
}

function fact(label: string): string[] {
  return [...document.querySelectorAll(`[data-fact="${label}"]`)].map((cell) => cell.textContent ?? '');
}

async function importNow(): Promise<HTMLElement> {
  fireEvent.click(screen.getByRole('button', { name: 'Import into Lines' }));
  return screen.findByTestId('import-result');
}

describe('ImportPanel: preview, grain, import into Lines', () => {
  test('the preview shows each file\'s rows at each grain and the grain choice with the totals of the files to import; every line is preselected', async () => {
    const { session } = fakeSession([analyzed('a.csv', 1281, 57), analyzed('b.csv', 2000, 100)]);
    render(<App host="Excel" dark={false} session={session} runExcel={new RecordingExcel().run} />);
    pick('a.csv', 'b.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    expect(fact('Rows at each grain')).toEqual([
      '1,281 every line · 57 per pricing group and month',
      '2,000 every line · 100 per pricing group and month',
    ]);
    expect(radio('Every line (3,281 rows)').checked).toBe(true);
    expect(radio('Every line (3,281 rows)').disabled).toBe(false);
    expect(radio('One row per pricing group and month (157 rows)').checked).toBe(false);
    expect(screen.queryByTestId('left-out')).toBeNull();
    expect((screen.getByRole('button', { name: 'Import into Lines' }) as HTMLButtonElement).disabled).toBe(false);
  });

  test('past Excel\'s 1,048,576 rows every line is disabled with the reason, and one row per group and month is preselected', async () => {
    const { session } = fakeSession([analyzed('big.csv', 600_000, 12_000), analyzed('bigger.csv', 448_576, 8_000)]);
    render(<App host="Excel" dark={false} session={session} runExcel={new RecordingExcel().run} />);
    pick('big.csv', 'bigger.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    const line = radio('Every line (1,048,576 rows)');
    expect(line.disabled).toBe(true);
    expect(line.checked).toBe(false);
    expect(radio('One row per pricing group and month (20,000 rows)').checked).toBe(true);
    expect(screen.getByText('Every line needs 1,048,576 rows, more than a sheet\'s 1,048,575. One row per pricing group and month keeps every invoice exact.')).toBeTruthy();
    expect((screen.getByRole('button', { name: 'Import into Lines' }) as HTMLButtonElement).disabled).toBe(false);
  });

  test('when even one row per group and month is past the limit, both grains and Import are disabled and the hint says what to do', async () => {
    const { session } = fakeSession([analyzed('huge.csv', 3_000_000, 1_048_576)]);
    render(<App host="Excel" dark={false} session={session} runExcel={new RecordingExcel().run} />);
    pick('huge.csv');
    const button = await screen.findByRole('button', { name: 'Import into Lines' });
    expect(radio('Every line (3,000,000 rows)').disabled).toBe(true);
    expect(radio('One row per pricing group and month (1,048,576 rows)').disabled).toBe(true);
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText(/^Even one row per pricing group and month needs 1,048,576 rows, more than a sheet's 1,048,575: import fewer files at a time, or use the rerate command line\.$/)).toBeTruthy();
  });

  test('exactly 1,048,575 rows (and the header) still fit at every line', async () => {
    const { session } = fakeSession([analyzed('edge.csv', 1_048_575, 10)]);
    render(<App host="Excel" dark={false} session={session} runExcel={new RecordingExcel().run} />);
    pick('edge.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    expect(radio('Every line (1,048,575 rows)').disabled).toBe(false);
    expect(radio('Every line (1,048,575 rows)').checked).toBe(true);
  });

  test('a file with the same bytes as an earlier pick, and one with no billing lines, are shown as left out and not counted', async () => {
    const first = analyzed('a.csv', 10, 2);
    const copy = { ...analyzed('copy-of-a.csv', 10, 2), sha256: first.sha256 };
    const notBilling = analyzed('notes.csv', 0, 0, { format: null });
    const { session } = fakeSession([first, copy, notBilling]);
    render(<App host="Excel" dark={false} session={session} runExcel={new RecordingExcel().run} />);
    pick('a.csv', 'copy-of-a.csv', 'notes.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    expect(radio('Every line (10 rows)').checked).toBe(true);
    expect(radio('One row per pricing group and month (2 rows)')).toBeTruthy();
    const summaries = screen.getAllByTestId('file-summary');
    expect(summaries.map((s) => s.querySelector('[data-testid="left-out"]')?.textContent ?? null)).toEqual([
      null,
      'Left out: the same bytes as a.csv, imported once',
      'Left out: no billing lines to import',
    ]);
  });

  test('nothing to import: the Import button is disabled and says why', async () => {
    const { session } = fakeSession([analyzed('notes.csv', 0, 0, { format: null })]);
    render(<App host="Excel" dark={false} session={session} runExcel={new RecordingExcel().run} />);
    pick('notes.csv');
    const button = await screen.findByRole('button', { name: 'Import into Lines' });
    expect((button as HTMLButtonElement).disabled).toBe(true);
    expect(screen.getByText('None of these files has billing lines to import.')).toBeTruthy();
  });

  test('importing at the chosen grain writes its rows into Lines, says so, and moves the focus to the message', async () => {
    const excel = new RecordingExcel();
    const { session, calls } = fakeSession([analyzed('a.csv', 1281, 57), analyzed('b.csv', 20, 3)]);
    render(<App host="Excel" dark={false} session={session} runExcel={excel.run} />);
    pick('a.csv', 'b.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    fireEvent.click(radio('One row per pricing group and month (60 rows)'));
    expect(radio('One row per pricing group and month (60 rows)').checked).toBe(true);
    const result = await importNow();
    expect(result.textContent).toBe('Imported 60 rows into Lines');
    expect(document.activeElement).toBe(result);
    expect(calls.map((c) => [c.grain, c.include])).toEqual([['month', [0, 1]]]);
    expect(excel.tableValues(LINES.table).length - 1).toBe(60);
    expect(screen.queryByRole('progressbar', { name: 'Importing into Lines' })).toBeNull();
  });

  test('the success message counts earlier rows kept, the import replaced, values kept exact, cells cut and files left out', async () => {
    const excel = new RecordingExcel();
    const a = analyzed('a.csv', 3, 2);
    const b = analyzed('b.csv', 2, 1);
    const again = { ...analyzed('a-again.csv', 3, 2), sha256: a.sha256 };
    const empty = analyzed('empty.csv', 0, 0);
    const stats = { shadowCells: 0, cutCells: 0 };
    const { session } = fakeSession([a, b, again, empty], { stats });
    render(<App host="Excel" dark={false} session={session} runExcel={excel.run} />);

    pick('a.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    expect((await importNow()).textContent).toBe('Imported 3 rows into Lines');

    pick('b.csv');
    await waitFor(() => expect(screen.queryByTestId('import-result')).toBeNull());
    expect((await importNow()).textContent).toBe('Imported 2 rows into Lines · 3 earlier rows kept');

    Object.assign(stats, { shadowCells: 2, cutCells: 1 });
    pick('a-again.csv', 'empty.csv');
    await waitFor(() => expect(screen.queryByTestId('import-result')).toBeNull());
    expect((await importNow()).textContent).toBe(
      'Imported 3 rows into Lines · 2 earlier rows kept · replaced the earlier import of a.csv'
      + ' · 2 values with more than 15 significant digits kept exact in the …Exact columns'
      + ' · 1 cell cut to Excel\'s 32,767 characters · left out empty.csv (no billing lines to import)',
    );
    expect(excel.tableValues(LINES.table).length - 1).toBe(5);
  });

  test('while importing: a determinate bar of rows written, the rows and MB sent; Cancel stops it and leaves the workbook unchanged', async () => {
    const excel = new RecordingExcel();
    const { session: earlier } = fakeSession([analyzed('earlier.csv', 4, 1)]);
    const first = render(<App host="Excel" dark={false} session={earlier} runExcel={excel.run} />);
    pick('earlier.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    await importNow();
    first.unmount();
    const before = excel.snapshot();

    // Rows of ~100 KB: the writer's 2 MB syncs hold about 19 of them; the rows stop coming after 25.
    const { session, calls } = fakeSession([analyzed('big.csv', 50, 5)], {
      cell: (_file, i) => `${i}`.padEnd(100_000, 'x'),
      pauseAfter: 25,
      gate: new Promise<void>(() => undefined),
    });
    render(<App host="Excel" dark={false} session={session} runExcel={excel.run} />);
    pick('big.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    fireEvent.click(screen.getByRole('button', { name: 'Import into Lines' }));
    const caption = await screen.findByText(/^Writing \d+ of 50 rows · \d+\.\d MB sent$/);
    const [, written, megabytes] = /^Writing (\d+) of 50 rows · (\d+\.\d) MB sent$/.exec(caption.textContent ?? '')!;
    expect(Number(written)).toBeGreaterThan(0);
    expect(Number(written)).toBeLessThan(26);
    expect(Number(megabytes)).toBeGreaterThan(Number(written) * 0.1 - 0.1);
    const bar = screen.getByRole('progressbar', { name: 'Importing into Lines' });
    expect(Number(bar.getAttribute('aria-valuenow'))).toBeCloseTo(Number(written) / 50, 10);
    expect(caption.getAttribute('aria-live')).toBe('polite');
    // Nothing can be picked or chosen while the write runs.
    expect((screen.getByRole('button', { name: 'Choose files…' }) as HTMLButtonElement).disabled).toBe(true);
    expect((screen.getByRole('button', { name: 'Import into Lines' }) as HTMLButtonElement).disabled).toBe(true);

    fireEvent.click(screen.getByRole('button', { name: 'Cancel' }));
    const cancelled = await screen.findByText('Import cancelled: the workbook is unchanged.');
    expect(calls[0].signal.aborted).toBe(true);
    expect(excel.snapshot()).toEqual(before);
    expect(excel.sheets.map((s) => s.name)).not.toContain('~Lines');
    expect(document.activeElement).toBe(screen.getByTestId('import-cancelled'));
    expect(cancelled).toBeTruthy();
    expect(screen.queryByRole('progressbar', { name: 'Importing into Lines' })).toBeNull();
    // The files are still there to import again.
    expect((screen.getByRole('button', { name: 'Import into Lines' }) as HTMLButtonElement).disabled).toBe(false);
  });

  test('a write that fails mid-way shows its message in an error bar and leaves the workbook unchanged, an earlier Lines included', async () => {
    const excel = new RecordingExcel();
    const { session } = fakeSession([analyzed('earlier.csv', 4, 1), analyzed('a.csv', 30, 3)]);
    render(<App host="Excel" dark={false} session={session} runExcel={excel.run} />);
    pick('earlier.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    await importNow();
    const before = excel.snapshot();
    pick('a.csv');
    await waitFor(() => expect(screen.queryByTestId('import-result')).toBeNull());
    // Fail the first sync that carries rows into the staging sheet.
    let failed = 0;
    excel.onSync = (n) => {
      if (failed === 0 && excel.syncs[n - 1].ops.some((op) => op.kind === 'values' && op.sheet === '~Lines' && (op.block?.[0] ?? 0) > 0)) {
        failed = n;
        excel.failAtSync = n;
      }
    };
    fireEvent.click(screen.getByRole('button', { name: 'Import into Lines' }));
    const error = await screen.findByTestId('import-error');
    expect(failed).toBeGreaterThan(0);
    expect(error.textContent).toBe(`Nothing was imported: the workbook is unchanged` + `sync ${failed} failed (simulated)`);
    expect(document.activeElement).toBe(error);
    expect(excel.snapshot()).toEqual(before);
  });

  test('a RerateError from the write is shown as its message, as is', async () => {
    const excel = new RecordingExcel(['Lines']);
    const { session } = fakeSession([analyzed('a.csv', 3, 1)]);
    render(<App host="Excel" dark={false} session={session} runExcel={excel.run} />);
    pick('a.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    fireEvent.click(screen.getByRole('button', { name: 'Import into Lines' }));
    expect(await screen.findByText('Sheet Lines exists but holds no BillingLines table, so Rerate will not overwrite it; rename the sheet and import again.')).toBeTruthy();
  });

  test('a groups table says what it holds; every line is disabled with the reason, read with the grains; month is preselected and imports', async () => {
    const groups = analyzed('groups.csv', 0, 388, { rowsRead: 1281, groupsTable: { groups: 390, sources: 1, lines: 1281 } });
    const { session, calls } = fakeSession([groups, analyzed('a.csv', 3, 1)]);
    const excel = new RecordingExcel();
    render(<App host="Excel" dark={false} session={session} runExcel={excel.run} />);
    pick('groups.csv', 'a.csv');
    await screen.findByRole('button', { name: 'Import into Lines' });
    expect(fact('Format')).toEqual(['groups table: 390 groups from 1 source file', 'cur1']);
    expect(fact('Rows at each grain')[0]).toBe('388 per pricing group and month, for 1,281 source lines · none every line: a groups table holds sums, not lines');
    const line = radio('Every line');
    const month = radio('One row per pricing group and month (389 rows)');
    expect([line.disabled, line.checked, month.disabled, month.checked]).toEqual([true, false, false, true]);
    const reason = 'Every line is not available: groups.csv is a groups table, which holds sums per pricing group, not billing lines. One row per pricing group and month keeps every invoice exact.';
    const hint = screen.getByText(reason);
    // The reason is the radio group's description, as the row-limit reason is: a screen reader reads it with the grains.
    expect(screen.getByRole('radiogroup').getAttribute('aria-describedby')?.split(' ')).toContain(hint.id);
    expect(month.tabIndex).toBeGreaterThanOrEqual(0);
    expect(screen.queryByTestId('left-out')).toBeNull();
    await importNow();
    expect(calls.map((c) => [c.grain, c.include])).toEqual([['month', [0, 1]]]);
    expect(excel.tableValues(LINES.table).length - 1).toBe(389);
  });

  test('every control is keyboard reachable with a name: drop zone, Choose files, the two grains, Import into Lines', async () => {
    const { session } = fakeSession([analyzed('a.csv', 3, 1)]);
    render(<App host="Excel" dark={false} session={session} runExcel={new RecordingExcel().run} />);
    pick('a.csv');
    const button = await screen.findByRole('button', { name: 'Import into Lines' });
    const group = screen.getByRole('radiogroup');
    expect(group.getAttribute('aria-labelledby') ?? group.getAttribute('aria-label')).toBeTruthy();
    for (const control of [
      screen.getByRole('button', { name: 'Drop billing files here, or press Enter to choose files' }),
      screen.getByRole('button', { name: 'Choose files…' }),
      radio('Every line (3 rows)'),
      radio('One row per pricing group and month (1 rows)'),
      button,
    ]) {
      expect(control.tabIndex).toBeGreaterThanOrEqual(0);
    }
  });
});
