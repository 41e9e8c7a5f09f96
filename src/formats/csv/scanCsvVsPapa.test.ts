import fc from 'fast-check';
import Papa from 'papaparse';
import type { RecordSink } from '../records';
import { CsvTableReader } from './csvTableReader';

/**
 * Differential test: generated CSV (quotes, doubled quotes, commas, CRLF/LF mixes, newlines in
 * fields, BOM, é / 日本 / emoji, blank lines, wrong field counts, with or without a final newline,
 * records ended by LF, CRLF or a lone CR, mixed in one file)
 * is encoded to UTF-8, cut into chunks at random byte positions — through multi-byte characters
 * too — and read through the real decoder path. The scanner must agree with PapaParse and with
 * the model the text was rendered from: every field and every physical start line.
 */

interface Cell {
  value: string;
  quoted: boolean;
}
interface ModelRecord {
  cells: Cell[];
  /** The record's line end: LF, CRLF or a lone CR (a classic Mac file). */
  end: string;
}

const piece = fc.constantFrom('a', 'b', 'Z', '1', '0.5', ' ', '\t', ',', '"', '""', '\n', '\r\n', '\r', 'é', '日本', '😀', ';');
const value = fc.array(piece, { maxLength: 5 }).map((parts) => parts.join(''));
const cell: fc.Arbitrary<Cell> = fc.record({ value, quoted: fc.boolean() });
const lineEnd = fc.constantFrom('\n', '\r\n', '\r');
const blankCell: fc.Arbitrary<Cell> = fc.constantFrom('', ' ', '  ', '\t').map((v) => ({ value: v, quoted: false }));

/** Must the value be quoted? Values with a delimiter, quote or line break (CR too: see the scanner rules). */
function mustQuote(v: string): boolean {
  return /[",\r\n]/.test(v);
}

function render(c: Cell): string {
  return c.quoted || mustQuote(c.value) ? `"${c.value.replace(/"/g, '""')}"` : c.value;
}

/** Blank lines (one field of spaces/tabs) are skipped by the scanner's rule. */
function isBlankRecord(values: string[]): boolean {
  return values.length === 1 && /^[ \t]*$/.test(values[0]);
}

const document = fc.integer({ min: 2, max: 5 }).chain((columns) => {
  const fullRow = fc.array(cell, { minLength: columns, maxLength: columns });
  const record = fc.record({
    cells: fc.oneof(
      { arbitrary: fullRow, weight: 8 },
      { arbitrary: fc.array(cell, { minLength: 1, maxLength: columns + 2 }), weight: 2 },
      { arbitrary: blankCell.map((c) => [c]), weight: 1 },
    ),
    end: lineEnd,
  });
  return fc.record({
    columns: fc.constant(columns),
    leading: fc.array(fc.record({ cells: blankCell.map((c) => [c]), end: lineEnd }), { maxLength: 2 }),
    header: fc.record({ cells: fullRow, end: lineEnd }),
    records: fc.array(record, { maxLength: 20 }),
    finalNewline: fc.boolean(),
    bom: fc.boolean(),
    wanted: fc.shuffledSubarray(Array.from({ length: columns }, (_, i) => i)),
    cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
  });
});

type Doc = typeof document extends fc.Arbitrary<infer T> ? T : never;

/** The scanner's text (mixed terminators) and Papa's (LF terminators, no BOM): same lines. */
function renderDoc(doc: Doc): { text: string; papaText: string; records: ModelRecord[] } {
  const records: ModelRecord[] = [...doc.leading, doc.header, ...doc.records].map((r) => ({ ...r }));
  let text = doc.bom ? '\uFEFF' : '';
  let papaText = '';
  records.forEach((r, i) => {
    const body = r.cells.map(render).join(',');
    // A lone CR then an empty line ended by LF would read as one CRLF: no file can say otherwise.
    if (i > 0 && records[i - 1].end === '\r' && body === '' && r.end === '\n') r.end = '\r\n';
    const last = i === records.length - 1;
    text += body + (last && !doc.finalNewline ? '' : r.end);
    papaText += body + (last && !doc.finalNewline ? '' : '\n');
  });
  return { text, papaText, records };
}

/** Physical lines: LF, CRLF and a lone CR each end one, inside quotes too. */
function lineEnds(text: string): number {
  return text.match(/\r\n|\r|\n/g)?.length ?? 0;
}

type Out = { header: string[] | null; headerLine: number; rows: [string[], number][]; bad: [number, number][] };

/** What the model says a reader must give (all columns). */
function expected(records: ModelRecord[], finalNewline: boolean): Out {
  const out: Out = { header: null, headerLine: 0, rows: [], bad: [] };
  let line = 1;
  records.forEach((r, i) => {
    const values = r.cells.map((c) => c.value);
    const start = line;
    line += 1 + lineEnds(r.cells.map(render).join(','));
    // A last record rendered as nothing (no final newline) does not exist at all.
    if (i === records.length - 1 && !finalNewline && values.length === 1 && values[0] === '' && !r.cells[0].quoted) return;
    if (isBlankRecord(values)) return;
    if (out.header === null) {
      out.header = values;
      out.headerLine = start;
    } else if (values.length === out.header.length) out.rows.push([values, start]);
    else out.bad.push([start, values.length]);
  });
  return out;
}

function papa(papaText: string): Out {
  const out: Out = { header: null, headerLine: 0, rows: [], bad: [] };
  let start = 0;
  const lineAt = (offset: number): number => 1 + lineEnds(papaText.slice(0, offset));
  Papa.parse<string[]>(papaText, {
    delimiter: ',',
    newline: '\n',
    quoteChar: '"',
    skipEmptyLines: false,
    step: (result) => {
      const values = result.data;
      const line = lineAt(start);
      start = result.meta.cursor;
      if (isBlankRecord(values)) return;
      if (out.header === null) {
        out.header = values;
        out.headerLine = line;
      } else if (values.length === out.header.length) out.rows.push([values, line]);
      else out.bad.push([line, values.length]);
    },
  });
  return out;
}

/** A latin1 decoder in plain JavaScript, standing in for the CLI's Node one. */
function latin1(bytes: Uint8Array): string {
  let text = '';
  for (let i = 0; i < bytes.length; i += 4096) text += String.fromCharCode(...bytes.subarray(i, i + 4096));
  return text;
}

function scanner(text: string, cutsAt: number[], wanted: number[] | null, byteText = false): Out {
  return scanBytes(new TextEncoder().encode(text), cutsAt, wanted, byteText);
}

/** Reads bytes cut at the given fractions, decoded as UTF-8 text or scanned as byte text. */
function scanBytes(bytes: Uint8Array, cutsAt: number[], wanted: number[] | null, byteText: boolean): Out {
  const out: Out = { header: null, headerLine: 0, rows: [], bad: [] };
  const sink: RecordSink = {
    header(names, line) {
      out.header = names;
      out.headerLine = line;
      return wanted ?? names.map((_, i) => i);
    },
    row(fields, line) {
      out.rows.push([fields, line]);
    },
    badRow(line, count) {
      out.bad.push([line, count]);
    },
  };
  const positions = [...new Set(cutsAt.map((f) => Math.floor(f * bytes.length)))].sort((a, b) => a - b);
  const reader = new CsvTableReader('generated.csv', sink, byteText ? latin1 : undefined);
  let from = 0;
  for (const at of [...positions, bytes.length]) {
    reader.push(bytes.subarray(from, at));
    from = at;
  }
  reader.finish();
  return out;
}

describe('scanCsv against PapaParse', () => {
  it('scanCsv gives the fields and start lines PapaParse and the model give, for any chunking of the bytes', () => {
    fc.assert(
      fc.property(document, (doc) => {
        const { text, papaText, records } = renderDoc(doc);
        const model = expected(records, doc.finalNewline);
        const all = scanner(text, doc.cuts, null);
        expect(papa(papaText)).toEqual(model);
        expect(all).toEqual(model);
        // Only the wanted columns, in the order asked for, from the same records.
        const some = scanner(text, doc.cuts, doc.wanted);
        expect(some.rows).toEqual(model.rows.map(([values, line]) => [doc.wanted.map((i) => values[i]), line]));
        expect(some.bad).toEqual(model.bad);
        // Byte text (the CLI's latin1 path) gives exactly the same.
        expect(scanner(text, doc.cuts, null, true)).toEqual(model);
        expect(scanner(text, doc.cuts, doc.wanted, true)).toEqual(some);
      }),
      { numRuns: 400 },
    );
  });

  it('byte text and streaming UTF-8 decoding agree on any bytes, invalid UTF-8 and long fields included', () => {
    // Delimiters, ASCII, parts of é (C3 A9), 日 (E6 97 A5) and 😀 (F0 9F 98 80), and bytes never valid.
    const unit = fc.constantFrom([0x61], [0x2c], [0x22], [0x0a], [0x0d, 0x0a], [0x0d], [0xc3, 0xa9], [0xc3], [0xa9], [0xe6, 0x97, 0xa5],
      [0xe6, 0x97], [0xf0, 0x9f, 0x98, 0x80], [0xf0, 0x9f], [0xff], [0xc0, 0xaf], [0x41, 0x42, 0x43, 0x44, 0x45, 0x46, 0x47, 0x48]);
    const input = fc.record({
      header: fc.constantFrom('a,b,c\n', '\uFEFFa,b,c\r\n', 'a\n'),
      body: fc.array(unit, { maxLength: 200 }),
      cuts: fc.array(fc.double({ min: 0, max: 1, noNaN: true }), { maxLength: 12 }),
      wanted: fc.constantFrom<number[] | null>(null, [2, 0], [1]),
    });
    fc.assert(
      fc.property(input, ({ header, body, cuts, wanted }) => {
        const head = new TextEncoder().encode(header);
        const bytes = new Uint8Array([...head, ...body.flat()]);
        const columns = header.includes(',') ? wanted : wanted === null ? null : [0];
        expect(scanBytes(bytes, cuts, columns, true)).toEqual(scanBytes(bytes, cuts, columns, false));
      }),
      { numRuns: 1000 },
    );
  });

  it('CsvTableReader reads the same records when the bytes arrive one at a time', () => {
    const text = '\uFEFFnom,pays,note\r\n"Zoë, Müller",日本,"😀 ""ok""\n2e ligne"\r\nAnaïs,España,x\n';
    const whole = scanner(text, [], null);
    const bytes = new TextEncoder().encode(text);
    const everyByte = scanner(text, Array.from({ length: bytes.length }, (_, i) => i / bytes.length), null);
    expect(everyByte).toEqual(whole);
    expect(scanner(text, Array.from({ length: bytes.length }, (_, i) => i / bytes.length), null, true)).toEqual(whole);
    expect(scanner(text, [], null, true)).toEqual(whole);
    expect(whole).toEqual({
      header: ['nom', 'pays', 'note'],
      headerLine: 1,
      rows: [
        [['Zoë, Müller', '日本', '😀 "ok"\n2e ligne'], 2],
        [['Anaïs', 'España', 'x'], 4],
      ],
      bad: [],
    });
  });
});
