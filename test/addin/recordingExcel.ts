/**
 * A recording fake of the Excel JavaScript API for the code in src/excel: it queues every operation
 * until `context.sync()` like Excel does, records each sync (its operations, their bytes, the block
 * shapes), keeps cell values and number formats per sheet, Excel tables (ListObjects) and the
 * selection, and turns strings starting with = + - @ into formulas unless the cell is
 * text-formatted — as Excel does. It can fail a chosen sync (nothing of that batch is applied).
 * Properties must be loaded and synced before they are read, as in Excel.
 *
 * It has no imports, so the browser test can load it into the page as a plain script.
 */
export interface RecordedOp {
  kind:
    | 'values' | 'numberFormat' | 'addSheet' | 'deleteSheet' | 'renameSheet' | 'position' | 'visibility' | 'load'
    | 'addTable' | 'renameTable' | 'resizeTable' | 'deleteTable' | 'copyFrom' | 'clear' | 'select' | 'activate'
    | 'suspendCalculation' | 'autofit' | 'freeze' | 'formulas' | 'addChart' | 'chartTitle' | 'chartPosition' | 'deleteSeries' | 'clearSeriesFill';
  sheet: string;
  /** Top-left row, column and the block's rows × columns, for range operations. */
  block?: [number, number, number, number];
  bytes: number;
}

export interface RecordedSync {
  ops: RecordedOp[];
  bytes: number;
}

export interface FakeCell {
  value: unknown;
  format: string;
  formula: boolean;
  /** What Excel computed for a formula cell (set by a test with `setFormulaResult`); `values` reads it. */
  result?: unknown;
}

/** A chart as recorded: where, what type, its source range, title, position and series changes. */
export interface FakeChart {
  sheet: FakeSheet;
  type: string;
  source: string;
  seriesBy: string;
  title: string;
  position: [string, string] | null;
  deletedSeries: number[];
  clearedSeries: number[];
}

export class FakeSheet {
  /** Cells by row, then column (sparse arrays): the fake holds 100,000s of rows in the benches. */
  private grid: (FakeCell | undefined)[][] = [];
  visibility = 'Visible';
  /** The cells as a map keyed `row,column` (zero-based), for tests that look at one cell. */
  readonly cells = {
    get: (key: string): FakeCell | undefined => { const [r, c] = key.split(',').map(Number); return this.at(r, c); },
    delete: (key: string): boolean => { const [r, c] = key.split(',').map(Number); return this.remove(r, c); },
    keys: (): string[] => [...this.each()].map(([r, c]) => `${r},${c}`),
    values: (): FakeCell[] => [...this.each()].map(([, , cell]) => cell),
    entries: (): [string, FakeCell][] => [...this.each()].map(([r, c, cell]) => [`${r},${c}`, cell]),
  };

  constructor(public name: string) {}

  at(row: number, column: number): FakeCell | undefined {
    return this.grid[row]?.[column];
  }

  cell(row: number, column: number): FakeCell {
    const cells = (this.grid[row] ??= []);
    let cell = cells[column];
    if (!cell) {
      cell = { value: '', format: 'General', formula: false };
      cells[column] = cell;
    }
    return cell;
  }

  remove(row: number, column: number): boolean {
    const cells = this.grid[row];
    if (!cells?.[column]) return false;
    cells[column] = undefined;
    return true;
  }

  /** Every stored cell as [row, column, cell], row by row. */
  *each(): IterableIterator<[number, number, FakeCell]> {
    for (let r = 0; r < this.grid.length; r += 1) {
      const cells = this.grid[r];
      if (!cells) continue;
      for (let c = 0; c < cells.length; c += 1) {
        const cell = cells[c];
        if (cell) yield [r, c, cell];
      }
    }
  }

  /** [rows, columns] of the used area from A1 (0 × 0 when empty). */
  extent(): [number, number] {
    let rows = 0;
    let columns = 0;
    for (const [r, c, cell] of this.each()) {
      if (cell.value === '' && cell.format === 'General') continue;
      rows = Math.max(rows, r + 1);
      columns = Math.max(columns, c + 1);
    }
    return [rows, columns];
  }
}

export interface FakeTable {
  name: string;
  sheet: FakeSheet;
  /** Header row and first column, zero-based; rows counts the header. */
  row: number;
  column: number;
  rows: number;
  columns: number;
}

type Block = [number, number, number, number];

const FORMULA_START = /^[=+\-@]/;

/** `B7` → [6, 1]; `A1:C3` → [0, 0, 3, 3]. */
export function parseAddress(address: string): Block {
  const local = address.includes('!') ? address.slice(address.lastIndexOf('!') + 1) : address;
  const parts = local.replace(/\$/g, '').split(':');
  const cell = (text: string): [number, number] => {
    const match = /^([A-Z]+)([0-9]+)$/i.exec(text);
    if (!match) throw new Error(`InvalidArgument: address ${address}`);
    let column = 0;
    for (const letter of match[1].toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
    return [Number(match[2]) - 1, column - 1];
  };
  const [r1, c1] = cell(parts[0]);
  const [r2, c2] = parts.length > 1 ? cell(parts[1]) : [r1, c1];
  return [Math.min(r1, r2), Math.min(c1, c2), Math.abs(r2 - r1) + 1, Math.abs(c2 - c1) + 1];
}

/** Zero-based column → letters: 0 → A, 27 → AB. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

function addressOf(sheet: string, [row, column, rows, columns]: Block): string {
  const first = `${columnLetters(column)}${row + 1}`;
  const last = `${columnLetters(column + columns - 1)}${row + rows}`;
  const quoted = /^[A-Za-z0-9_]+$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
  return rows === 1 && columns === 1 ? `${quoted}!${first}` : `${quoted}!${first}:${last}`;
}

interface SheetRef { name: string }

export interface RecordingExcelOptions {
  /**
   * false: record syncs, operations and bytes but keep no cell values or formats (the bench's
   * light mode for 100,000s of rows). Tables, sheets and loads still work; cells read back blank.
   */
  keepCells?: boolean;
}

export class RecordingExcel {
  readonly syncs: RecordedSync[] = [];
  /** Sheets in workbook order. */
  readonly sheets: FakeSheet[] = [];
  readonly tables: FakeTable[] = [];
  readonly charts: FakeChart[] = [];
  /** The last selected range, as `Sheet!A1:B2`. */
  selected: string | null = null;
  activeSheet: string | null = null;
  /** Set to a 1-based sync number to make that sync reject. */
  failAtSync: number | null = null;
  /** Called at the start of every sync (a test can cancel an import mid-way from here). */
  onSync: ((sync: number) => void) | null = null;
  private pending: { op: RecordedOp; apply: () => void }[] = [];
  readonly context: Excel.RequestContext;
  readonly keepCells: boolean;

  constructor(sheetNames: string[] = ['Sheet1'], options: RecordingExcelOptions = {}) {
    this.keepCells = options.keepCells ?? true;
    for (const name of sheetNames) this.sheets.push(new FakeSheet(name));
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const excel = this;
    this.context = {
      workbook: {
        worksheets: this.worksheets(),
        tables: { getItemOrNullObject: (name: string) => this.tableProxy(name), getItem: (name: string) => this.tableProxy(name, true) },
        application: {
          suspendApiCalculationUntilNextSync() { excel.queue({ kind: 'suspendCalculation', sheet: '' }, undefined, () => undefined); },
        },
      },
      sync: () => this.sync(),
    } as unknown as Excel.RequestContext;
  }

  /** `Excel.run` over this workbook. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const result = await batch(this.context);
    await this.sync();
    return result;
  };

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name.toLowerCase() === name.toLowerCase());
  }

  table(name: string): FakeTable | undefined {
    return this.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
  }

  /** A sheet's used cells as rows of values (blanks as ''), top-left at A1. */
  valuesOf(name: string): unknown[][] {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const [rows, columns] = sheet.extent();
    return this.block(sheet, [0, 0, rows, columns]).map((r) => r.map((c) => c.value));
  }

  /** Makes a cell a formula whose computed value is `result` (what Excel would show). */
  setFormulaResult(sheetName: string, row: number, column: number, formula: string, result: unknown): void {
    const cell = this.findSheet(sheetName).cell(row, column);
    Object.assign(cell, { value: formula, formula: true, result });
  }

  /** A table's values, header row first. */
  tableValues(name: string): unknown[][] {
    const table = this.table(name);
    if (!table) throw new Error(`no table ${name}`);
    return this.block(table.sheet, [table.row, table.column, table.rows, table.columns]).map((r) => r.map((c) => c.value));
  }

  formatsOf(name: string): string[][] {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    const [rows, columns] = sheet.extent();
    return this.block(sheet, [0, 0, rows, columns]).map((r) => r.map((c) => c.format));
  }

  formulasOf(name: string): string[] {
    const sheet = this.sheet(name);
    return sheet ? [...sheet.each()].filter(([, , cell]) => cell.formula).map(([, , cell]) => String(cell.value)) : [];
  }

  /** Everything a test compares to say "the workbook is unchanged". */
  snapshot(): unknown {
    return {
      sheets: this.sheets.map((s) => ({ name: s.name, visibility: s.visibility, cells: [...s.each()].map(([r, c, cell]) => [r, c, cell.value, cell.format]) })),
      tables: this.tables.map((t) => ({ ...t, sheet: t.sheet.name })),
    };
  }

  private block(sheet: FakeSheet, [row, column, rows, columns]: Block): FakeCell[][] {
    const blank: FakeCell = { value: '', format: 'General', formula: false };
    const out: FakeCell[][] = new Array(rows);
    for (let r = 0; r < rows; r += 1) {
      const line: FakeCell[] = new Array(columns);
      for (let c = 0; c < columns; c += 1) line[c] = sheet.at(row + r, column + c) ?? blank;
      out[r] = line;
    }
    return out;
  }

  queue(op: Omit<RecordedOp, 'bytes'>, data: unknown, apply: () => void): void {
    this.pending.push({ op: { ...op, bytes: data === undefined ? 0 : JSON.stringify(data).length }, apply });
  }

  async sync(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const ops = batch.map((entry) => entry.op);
    this.syncs.push({ ops, bytes: ops.reduce((sum, op) => sum + op.bytes, 0) });
    this.onSync?.(this.syncs.length);
    if (this.failAtSync === this.syncs.length) throw new Error(`sync ${this.syncs.length} failed (simulated)`);
    for (const entry of batch) entry.apply();
  }

  private findSheet(name: string): FakeSheet {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`ItemNotFound: no sheet named ${name}`);
    return sheet;
  }

  private findTable(name: string): FakeTable {
    const table = this.table(name);
    if (!table) throw new Error(`ItemNotFound: no table named ${name}`);
    return table;
  }

  private worksheets() {
    return {
      add: (name: string) => {
        // The new sheet's proxy refers to it by the name it will have when the batch runs.
        const ref = { name };
        this.queue({ kind: 'addSheet', sheet: name }, name, () => {
          if (this.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
          this.sheets.push(new FakeSheet(name));
        });
        return this.sheetProxy(ref, true);
      },
      getItemOrNullObject: (name: string) => this.sheetProxy({ name }, false),
      getItem: (name: string) => this.sheetProxy({ name }, true),
      /** `load('items/name')`: after the sync, `items` holds a proxy per sheet in workbook order. */
      load: () => {
        const collection: { items: ReturnType<RecordingExcel['sheetProxy']>[] } = { items: [] };
        this.queue({ kind: 'load', sheet: '' }, undefined, () => {
          collection.items = this.sheets.map((sheet) => this.sheetProxy({ name: sheet.name }, true));
        });
        return collection;
      },
    };
  }

  private sheetProxy(ref: SheetRef, exists: boolean) {
    // The proxy's accessors need the recorder, and `this` inside them is the proxy.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const excel = this;
    const loaded = new Set<string>();
    let snapshot: { isNullObject: boolean; position: number; visibility: string } | null = null;
    const read = <K extends 'isNullObject' | 'position' | 'visibility'>(property: K) => {
      if (!loaded.has(property) || !snapshot) throw new Error(`PropertyNotLoaded: ${property} of sheet ${ref.name}`);
      return snapshot[property];
    };
    const proxy = {
      load(properties: string) {
        for (const p of properties.split(',')) loaded.add(p.trim());
        const name = ref.name;
        excel.queue({ kind: 'load', sheet: name }, undefined, () => {
          const index = excel.sheets.findIndex((s) => s.name.toLowerCase() === name.toLowerCase());
          if (index < 0 && exists) throw new Error(`ItemNotFound: no sheet named ${name}`);
          snapshot = { isNullObject: index < 0, position: index, visibility: index < 0 ? '' : excel.sheets[index].visibility };
        });
        return proxy;
      },
      get isNullObject() { return read('isNullObject'); },
      get position() { return read('position'); },
      set position(position: number) {
        const name = ref.name;
        excel.queue({ kind: 'position', sheet: name }, position, () => {
          const sheet = excel.findSheet(name);
          excel.sheets.splice(excel.sheets.indexOf(sheet), 1);
          excel.sheets.splice(position, 0, sheet);
        });
      },
      get visibility() { return read('visibility'); },
      set visibility(visibility: string) {
        const name = ref.name;
        excel.queue({ kind: 'visibility', sheet: name }, visibility, () => { excel.findSheet(name).visibility = visibility; });
      },
      set name(name: string) {
        const from = ref.name;
        ref.name = name;
        excel.queue({ kind: 'renameSheet', sheet: from }, name, () => {
          if (excel.sheet(name)) throw new Error(`ItemAlreadyExists: ${name}`);
          excel.findSheet(from).name = name;
        });
      },
      get name() { return ref.name; },
      delete() {
        const name = ref.name;
        excel.queue({ kind: 'deleteSheet', sheet: name }, undefined, () => {
          const sheet = excel.findSheet(name);
          if (sheet.visibility === 'Visible' && excel.sheets.filter((s) => s.visibility === 'Visible').length === 1) {
            throw new Error('InvalidOperation: a workbook must keep one visible sheet');
          }
          excel.sheets.splice(excel.sheets.indexOf(sheet), 1);
          for (let i = excel.tables.length - 1; i >= 0; i -= 1) if (excel.tables[i].sheet === sheet) excel.tables.splice(i, 1);
          for (let i = excel.charts.length - 1; i >= 0; i -= 1) if (excel.charts[i].sheet === sheet) excel.charts.splice(i, 1);
        });
      },
      activate() {
        const name = ref.name;
        excel.queue({ kind: 'activate', sheet: name }, undefined, () => { excel.activeSheet = excel.findSheet(name).name; });
      },
      freezePanes: {
        freezeRows(count: number) { excel.queue({ kind: 'freeze', sheet: ref.name }, count, () => undefined); },
      },
      getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number) {
        return excel.rangeProxy(ref, [row, column, rowCount, columnCount]);
      },
      getRange(address: string) {
        return excel.rangeProxy(ref, parseAddress(address));
      },
      getUsedRangeOrNullObject() {
        return excel.rangeProxy(ref, null);
      },
      charts: {
        add(type: string, source: { block: () => Block; sheetName: () => string }, seriesBy = 'Auto') {
          const holder: { chart: FakeChart | null } = { chart: null };
          excel.queue({ kind: 'addChart', sheet: ref.name }, type, () => {
            const sheet = excel.findSheet(ref.name);
            holder.chart = { sheet, type, source: addressOf(source.sheetName(), source.block()), seriesBy, title: '', position: null, deletedSeries: [], clearedSeries: [] };
            excel.charts.push(holder.chart);
          });
          const chart = () => {
            if (!holder.chart) throw new Error('InvalidOperation: the chart was not added');
            return holder.chart;
          };
          const series = (index: number) => ({
            delete() { excel.queue({ kind: 'deleteSeries', sheet: ref.name }, index, () => { chart().deletedSeries.push(index); }); },
            format: { fill: { clear() { excel.queue({ kind: 'clearSeriesFill', sheet: ref.name }, index, () => { chart().clearedSeries.push(index); }); } } },
          });
          return {
            title: { set text(text: string) { excel.queue({ kind: 'chartTitle', sheet: ref.name }, text, () => { chart().title = text; }); } },
            setPosition(start: string, end: string) { excel.queue({ kind: 'chartPosition', sheet: ref.name }, [start, end], () => { chart().position = [start, end]; }); },
            series: { getItemAt: series },
          };
        },
      },
      tables: {
        add(address: { block: () => Block; sheetName: () => string } | string, hasHeaders: boolean) {
          if (!hasHeaders) throw new Error('the fake only knows tables with headers');
          const table = { name: '' };
          const pending = { name: `Table${excel.tables.length + 1}` };
          const blockOf = () => (typeof address === 'string' ? parseAddress(address) : address.block());
          excel.queue({ kind: 'addTable', sheet: ref.name }, undefined, () => {
            const sheet = excel.findSheet(ref.name);
            const [row, column, rows, columns] = blockOf();
            for (const other of excel.tables) {
              if (other.sheet === sheet && row < other.row + other.rows && other.row < row + rows && column < other.column + other.columns && other.column < column + columns) {
                throw new Error('InvalidOperation: a table cannot overlap another table');
              }
            }
            excel.tables.push({ name: pending.name, sheet, row, column, rows, columns });
            table.name = pending.name;
          });
          const proxy = excel.tableProxy(() => table.name || pending.name, true);
          Object.defineProperty(proxy, 'name', {
            get: () => table.name || pending.name,
            set: (name: string) => {
              const from = () => table.name || pending.name;
              excel.queue({ kind: 'renameTable', sheet: ref.name }, name, () => {
                if (excel.table(name) && excel.table(name) !== excel.table(from())) throw new Error(`ItemAlreadyExists: table ${name}`);
                excel.findTable(from()).name = name;
                table.name = name;
              });
              pending.name = name;
            },
          });
          return proxy;
        },
      },
    };
    return proxy;
  }

  private tableProxy(nameOf: string | (() => string), mustExist = false) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const excel = this;
    const name = () => (typeof nameOf === 'string' ? nameOf : nameOf());
    let snapshot: { isNullObject: boolean; name: string } | null = null;
    const proxy: Record<string, unknown> = {
      load() {
        excel.queue({ kind: 'load', sheet: '' }, undefined, () => {
          const table = excel.table(name());
          if (!table && mustExist) throw new Error(`ItemNotFound: no table named ${name()}`);
          snapshot = { isNullObject: !table, name: table?.name ?? name() };
        });
        return proxy;
      },
      get isNullObject() {
        if (!snapshot) throw new Error(`PropertyNotLoaded: isNullObject of table ${name()}`);
        return snapshot.isNullObject;
      },
      resize(range: { block: () => Block; sheetName: () => string }) {
        excel.queue({ kind: 'resizeTable', sheet: '' }, undefined, () => {
          const table = excel.findTable(name());
          const [row, column, rows, columns] = range.block();
          if (row !== table.row || range.sheetName() !== table.sheet.name) throw new Error('InvalidArgument: the header must stay in the same row');
          Object.assign(table, { row, column, rows, columns });
        });
      },
      delete() {
        excel.queue({ kind: 'deleteTable', sheet: '' }, undefined, () => { excel.tables.splice(excel.tables.indexOf(excel.findTable(name())), 1); });
      },
      getRange() { return excel.tableRange(name, 'all'); },
      getDataBodyRange() { return excel.tableRange(name, 'body'); },
      getHeaderRowRange() { return excel.tableRange(name, 'header'); },
      get worksheet() {
        const sheetName = { get name() { return excel.findTable(name()).sheet.name; } };
        return excel.sheetProxy(sheetName, true);
      },
    };
    return proxy;
  }

  private tableRange(name: () => string, part: 'all' | 'body' | 'header') {
    const ref = { get name() { return this.resolve().sheet.name; }, resolve: () => this.findTable(name()) };
    return this.rangeProxy(ref, () => {
      const t = ref.resolve();
      if (part === 'header') return [t.row, t.column, 1, t.columns];
      if (part === 'body') return [t.row + 1, t.column, t.rows - 1, t.columns];
      return [t.row, t.column, t.rows, t.columns];
    });
  }

  /** A range proxy: `at` is a fixed block, a block computed when the batch runs, or null for the used range. */
  private rangeProxy(ref: SheetRef, at: Block | (() => Block) | null) {
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const excel = this;
    const blockNow = (): Block => {
      if (typeof at === 'function') return at();
      if (at !== null) return at;
      const [rows, columns] = excel.findSheet(ref.name).extent();
      return [0, 0, Math.max(rows, 1), Math.max(columns, 1)];
    };
    const check = (data: unknown[][], what: string) => {
      const [, , rows, columns] = blockNow();
      if (data.length !== rows || data.some((r) => r.length !== columns)) {
        throw new Error(`InvalidArgument: ${what} is not ${rows}×${columns}`);
      }
    };
    const staticBlock = Array.isArray(at) ? at : undefined;
    let loaded: { values: unknown[][]; formulas: unknown[][]; numberFormat: string[][]; address: string; rowCount: number; columnCount: number; isNullObject: boolean } | null = null;
    const read = (property: keyof NonNullable<typeof loaded>) => {
      if (!loaded) throw new Error(`PropertyNotLoaded: ${property}`);
      return loaded[property];
    };
    const proxy = {
      block: blockNow,
      sheetName: () => ref.name,
      load() {
        excel.queue({ kind: 'load', sheet: ref.name, block: staticBlock }, undefined, () => {
          const sheet = excel.sheet(ref.name);
          if (!sheet) throw new Error(`ItemNotFound: no sheet named ${ref.name}`);
          const empty = at === null && sheet.extent()[0] === 0;
          const block = blockNow();
          const cells = excel.block(sheet, block);
          loaded = {
            values: cells.map((r) => r.map((c) => (c.formula && 'result' in c ? c.result : c.value))),
            formulas: cells.map((r) => r.map((c) => c.value)),
            numberFormat: cells.map((r) => r.map((c) => c.format)),
            address: addressOf(sheet.name, block),
            rowCount: block[2],
            columnCount: block[3],
            isNullObject: empty,
          };
        });
        return proxy;
      },
      get values() { return read('values') as unknown[][]; },
      get formulas() { return read('formulas') as unknown[][]; },
      set formulas(data: unknown[][]) {
        if (staticBlock) check(data, 'formulas');
        excel.queue({ kind: 'formulas', sheet: ref.name, block: staticBlock }, data, () => {
          check(data, 'formulas');
          const sheet = excel.findSheet(ref.name);
          const [row, column] = blockNow();
          data.forEach((cells, r) => cells.forEach((value, c) => {
            const cell = sheet.cell(row + r, column + c);
            cell.value = value;
            cell.formula = typeof value === 'string' && cell.format !== '@' && value.startsWith('=');
            delete cell.result;
          }));
        });
      },
      /** The fake computes nothing, so nothing spills: the range of a formula's own cell. */
      getSpillingToRangeOrNullObject() { return proxy; },
      get address() { return read('address'); },
      get rowCount() { return read('rowCount'); },
      get columnCount() { return read('columnCount'); },
      get isNullObject() { return read('isNullObject'); },
      set values(data: unknown[][]) {
        if (staticBlock) check(data, 'values');
        excel.queue({ kind: 'values', sheet: ref.name, block: staticBlock }, data, () => {
          check(data, 'values');
          const sheet = excel.findSheet(ref.name);
          if (!excel.keepCells) return;
          const [row, column] = blockNow();
          data.forEach((cells, r) => cells.forEach((value, c) => {
            const cell = sheet.cell(row + r, column + c);
            cell.value = value;
            cell.formula = typeof value === 'string' && cell.format !== '@' && FORMULA_START.test(value);
            delete cell.result;
          }));
        });
      },
      set numberFormat(data: string[][]) {
        if (staticBlock) check(data, 'numberFormat');
        excel.queue({ kind: 'numberFormat', sheet: ref.name, block: staticBlock }, data, () => {
          check(data, 'numberFormat');
          const sheet = excel.findSheet(ref.name);
          if (!excel.keepCells) return;
          const [row, column] = blockNow();
          data.forEach((cells, r) => cells.forEach((format, c) => { sheet.cell(row + r, column + c).format = format; }));
        });
      },
      get numberFormat() { return read('numberFormat') as string[][]; },
      copyFrom(source: { block: () => Block; sheetName: () => string }, copyType: string = 'All') {
        excel.queue({ kind: 'copyFrom', sheet: ref.name, block: staticBlock }, undefined, () => {
          if (copyType !== 'All') throw new Error('the fake copies everything only');
          const from = excel.findSheet(source.sheetName());
          const to = excel.findSheet(ref.name);
          const [sr, sc, rows, columns] = source.block();
          const [tr, tc] = blockNow();
          const cells = excel.block(from, [sr, sc, rows, columns]).map((r) => r.map((c) => ({ ...c })));
          cells.forEach((r, i) => r.forEach((c, j) => { Object.assign(to.cell(tr + i, tc + j), c); }));
        });
      },
      clear() {
        excel.queue({ kind: 'clear', sheet: ref.name, block: staticBlock }, undefined, () => {
          const sheet = excel.findSheet(ref.name);
          const [row, column, rows, columns] = blockNow();
          for (const [r, c] of [...sheet.each()]) {
            if (r >= row && r < row + rows && c >= column && c < column + columns) sheet.remove(r, c);
          }
        });
      },
      select() {
        excel.queue({ kind: 'select', sheet: ref.name, block: staticBlock }, undefined, () => {
          excel.selected = addressOf(excel.findSheet(ref.name).name, blockNow());
          excel.activeSheet = excel.findSheet(ref.name).name;
        });
      },
      format: {
        autofitColumns() { excel.queue({ kind: 'autofit', sheet: ref.name, block: staticBlock }, undefined, () => undefined); },
      },
    };
    return proxy;
  }
}
