/**
 * A small recording fake of the Excel JavaScript API for the writers in src/excel: it queues every
 * operation until `context.sync()` like Excel does, records each sync (its operations, their bytes,
 * the block shapes), keeps cell values and number formats per sheet, and turns strings starting
 * with = + - @ into formulas unless the cell is text-formatted — as Excel does. It can fail a
 * chosen sync. Properties must be loaded and synced before they are read, as in Excel.
 */
export interface RecordedOp {
  kind: 'values' | 'numberFormat' | 'addSheet' | 'deleteSheet' | 'renameSheet' | 'position' | 'visibility' | 'load';
  sheet: string;
  /** Top-left row, column and the block's rows × columns, for range operations. */
  block?: [number, number, number, number];
  bytes: number;
}

export interface RecordedSync {
  ops: RecordedOp[];
  bytes: number;
}

interface FakeCell {
  value: unknown;
  format: string;
  formula: boolean;
}

class FakeSheet {
  cells = new Map<string, FakeCell>();
  visibility = 'Visible';
  constructor(public name: string) {}

  cell(row: number, column: number): FakeCell {
    const key = `${row},${column}`;
    let cell = this.cells.get(key);
    if (!cell) {
      cell = { value: '', format: 'General', formula: false };
      this.cells.set(key, cell);
    }
    return cell;
  }
}

const FORMULA_START = /^[=+\-@]/;

export class RecordingExcel {
  readonly syncs: RecordedSync[] = [];
  /** Sheets in workbook order. */
  readonly sheets: FakeSheet[] = [];
  /** Set to a 1-based sync number to make that sync reject. */
  failAtSync: number | null = null;
  private pending: { op: RecordedOp; apply: () => void }[] = [];
  readonly context: Excel.RequestContext;

  constructor(sheetNames: string[] = ['Sheet1']) {
    for (const name of sheetNames) this.sheets.push(new FakeSheet(name));
    this.context = { workbook: { worksheets: this.worksheets() }, sync: () => this.sync() } as unknown as Excel.RequestContext;
  }

  /** `Excel.run` over this workbook. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
    const result = await batch(this.context);
    await this.sync();
    return result;
  };

  sheet(name: string): FakeSheet | undefined {
    return this.sheets.find((s) => s.name === name);
  }

  /** A sheet's used cells as rows of values (blanks as ''), top-left at A1. */
  valuesOf(name: string): unknown[][] {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    let rows = 0;
    let columns = 0;
    for (const key of sheet.cells.keys()) {
      const [r, c] = key.split(',').map(Number);
      rows = Math.max(rows, r + 1);
      columns = Math.max(columns, c + 1);
    }
    return Array.from({ length: rows }, (_, r) => Array.from({ length: columns }, (_, c) => sheet.cells.get(`${r},${c}`)?.value ?? ''));
  }

  formulasOf(name: string): string[] {
    const sheet = this.sheet(name);
    return sheet ? [...sheet.cells.values()].filter((cell) => cell.formula).map((cell) => String(cell.value)) : [];
  }

  private queue(op: Omit<RecordedOp, 'bytes'>, data: unknown, apply: () => void): void {
    this.pending.push({ op: { ...op, bytes: data === undefined ? 0 : JSON.stringify(data).length }, apply });
  }

  async sync(): Promise<void> {
    const batch = this.pending;
    this.pending = [];
    const ops = batch.map((entry) => entry.op);
    this.syncs.push({ ops, bytes: ops.reduce((sum, op) => sum + op.bytes, 0) });
    if (this.failAtSync === this.syncs.length) throw new Error(`sync ${this.syncs.length} failed (simulated)`);
    for (const entry of batch) entry.apply();
  }

  private findSheet(name: string): FakeSheet {
    const sheet = this.sheet(name);
    if (!sheet) throw new Error(`ItemNotFound: no sheet named ${name}`);
    return sheet;
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
    };
  }

  private sheetProxy(ref: { name: string }, exists: boolean) {
    // The proxy's accessors need the recorder, and `this` inside them is the proxy.
    // eslint-disable-next-line @typescript-eslint/no-this-alias
    const excel = this;
    const loaded = new Set<string>();
    let snapshot: { isNullObject: boolean; position: number } | null = null;
    const read = <K extends 'isNullObject' | 'position'>(property: K): { isNullObject: boolean; position: number }[K] => {
      if (!loaded.has(property) || !snapshot) throw new Error(`PropertyNotLoaded: ${property} of sheet ${ref.name}`);
      return snapshot[property];
    };
    const proxy = {
      load(properties: string) {
        for (const p of properties.split(',')) loaded.add(p.trim());
        const name = ref.name;
        excel.queue({ kind: 'load', sheet: name }, undefined, () => {
          const index = excel.sheets.findIndex((s) => s.name === name);
          snapshot = { isNullObject: index < 0 && !exists, position: index };
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
        });
      },
      getRangeByIndexes(row: number, column: number, rowCount: number, columnCount: number) {
        const block: [number, number, number, number] = [row, column, rowCount, columnCount];
        const check = (data: unknown[][], what: string) => {
          if (data.length !== rowCount || data.some((r) => r.length !== columnCount)) {
            throw new Error(`InvalidArgument: ${what} is not ${rowCount}×${columnCount}`);
          }
        };
        return {
          set values(data: unknown[][]) {
            check(data, 'values');
            const name = ref.name;
            excel.queue({ kind: 'values', sheet: name, block }, data, () => {
              const sheet = excel.findSheet(name);
              data.forEach((cells, r) => cells.forEach((value, c) => {
                const cell = sheet.cell(row + r, column + c);
                cell.value = value;
                cell.formula = typeof value === 'string' && cell.format !== '@' && FORMULA_START.test(value);
              }));
            });
          },
          set numberFormat(data: string[][]) {
            check(data, 'numberFormat');
            const name = ref.name;
            excel.queue({ kind: 'numberFormat', sheet: name, block }, data, () => {
              const sheet = excel.findSheet(name);
              data.forEach((cells, r) => cells.forEach((format, c) => { sheet.cell(row + r, column + c).format = format; }));
            });
          },
        };
      },
    };
    return proxy;
  }
}
