import { RerateError } from '../../engine/issues';
import type { RecordSink } from '../records';
import { CsvScanner, scanCsv } from './scanCsv';

type Event = ['header', string[], number] | ['row', string[], number] | ['bad', number, number, number];

/** A sink that records every call; `want` picks the columns (default: all, in order). */
function recorder(want?: (names: string[]) => number[]): { sink: RecordSink; events: Event[] } {
  const events: Event[] = [];
  return {
    events,
    sink: {
      header(names, line) {
        events.push(['header', names, line]);
        return want ? want(names) : names.map((_, i) => i);
      },
      row(fields, line) {
        events.push(['row', [...fields], line]);
      },
      badRow(line, fieldCount, expected) {
        events.push(['bad', line, fieldCount, expected]);
      },
    },
  };
}

async function scan(chunks: string[], want?: (names: string[]) => number[]) {
  const { sink, events } = recorder(want);
  const summary = await scanCsv(chunks, sink);
  return { events, summary };
}

describe('scanCsv', () => {
  it('scanCsv(texts, sink) follows the worked example of its doc comment', async () => {
    const { events } = await scan(['\uFEFFid,cost,note\r\n1,0.5,"a, ""b""\nc"\r\n', '2,1E-9,x'], () => [1, 0]);
    expect(events).toEqual([['header', ['id', 'cost', 'note'], 1], ['row', ['0.5', '1'], 2], ['row', ['1E-9', '2'], 4]]);
  });

  it('lineAfterHeader numbers the records after the header from the file line a later part starts at', async () => {
    const { sink, events } = recorder();
    const summary = await scanCsv(['id,cost\n', '7,"a\nb"\n\n8,x\n9'], sink, { lineAfterHeader: 1001 });
    // The quoted field spans 1001–1002, 1003 is blank, and the last record (one field) is bad.
    expect(events).toEqual([['header', ['id', 'cost'], 1], ['row', ['7', 'a\nb'], 1001], ['row', ['8', 'x'], 1004], ['bad', 1005, 1, 2]]);
    expect(summary.lines).toBe(1005);
  });

  it('scanCsv(texts, sink) removes the BOM from the first header name', async () => {
    const { events } = await scan(['\uFEFFid,cost\n1,2\n']);
    expect(events).toEqual([['header', ['id', 'cost'], 1], ['row', ['1', '2'], 2]]);
  });

  it('scanCsv(texts, sink) ends lines at CRLF, LF or a lone CR', async () => {
    const { events, summary } = await scan(['a,b\r\n1,2\n3,x\ry\r\n']);
    expect(events).toEqual([['header', ['a', 'b'], 1], ['row', ['1', '2'], 2], ['row', ['3', 'x'], 3], ['bad', 4, 1, 2]]);
    expect(summary.lines).toBe(4);
  });

  it('scanCsv(texts, sink) reads a CR-only (classic Mac) file as the same records and lines as its LF version, in any chunks', async () => {
    const lf = 'a,b,c\n\n1,"x\ny",3\n  \n4,"p""q",6\n7,8\n"9",10,11\n';
    const cr = lf.replace(/\n/g, '\r');
    const want = await scan([lf]);
    expect(want.events).toEqual([
      ['header', ['a', 'b', 'c'], 1],
      ['row', ['1', 'x\ny', '3'], 3],
      ['row', ['4', 'p"q', '6'], 6],
      ['bad', 7, 2, 3],
      ['row', ['9', '10', '11'], 8],
    ]);
    const inOne = await scan([cr]);
    expect(inOne.events).toEqual(want.events.map((e) => (e[0] === 'row' ? ['row', e[1].map((v) => v.replace(/\n/g, '\r')), e[2]] : e)));
    expect(inOne.summary).toEqual(want.summary);
    const byChar = await scan([...cr]);
    expect(byChar).toEqual(inOne);
    // And CRLF, cut between every CR and its LF.
    const crlf = lf.replace(/\n/g, '\r\n');
    const cutInCrlf = await scan(crlf.split(/(?<=\r)/));
    expect(cutInCrlf.summary).toEqual(want.summary);
    expect(cutInCrlf.events).toEqual(want.events.map((e) => (e[0] === 'row' ? ['row', e[1].map((v) => v.replace(/\n/g, '\r\n')), e[2]] : e)));
  });

  it('scanCsv(texts, sink) counts a CRLF split between two chunks as one line end, after a quote and on a blank line too', async () => {
    const { events, summary } = await scan(['a,b\r', '\n1,"2"\r', '\n3,"4"\r', '', '\r\n5,6\r', '\n\r', '\n7,8']);
    expect(events).toEqual([['header', ['a', 'b'], 1], ['row', ['1', '2'], 2], ['row', ['3', '4'], 3], ['row', ['5', '6'], 5], ['row', ['7', '8'], 7]]);
    expect(summary.lines).toBe(7);
  });

  it('scanCsv(texts, sink) keeps CR, LF and CRLF inside quotes as data, each one physical line', async () => {
    const { events, summary } = await scan(['a,b\r1,"x\ry\r\nz\n"\r2,3\r"\r\r",4\r']);
    expect(events).toEqual([['header', ['a', 'b'], 1], ['row', ['1', 'x\ry\r\nz\n'], 2], ['row', ['2', '3'], 6], ['row', ['\r\r', '4'], 7]]);
    expect(summary.lines).toBe(9);
  });

  it('scanCsv(texts, sink) skips blank lines ended by a lone CR and keeps text after a quote up to a CR', async () => {
    const { events, summary } = await scan(['\r\ra,b\r\r1,2\r \r3,"4"x\r']);
    expect(events).toEqual([['header', ['a', 'b'], 3], ['row', ['1', '2'], 5], ['row', ['3', '4x'], 7]]);
    expect(summary).toMatchObject({ lines: 7, strayQuotes: 1, strayQuoteLine: 7 });
  });

  it('scanCsv(texts, sink) reads quoted commas, doubled quotes and newlines, giving the physical start line', async () => {
    const { events, summary } = await scan(['id,note,n\r\n1,"a, ""b""\r\nc\nd",x\r\n2,"",y\n']);
    expect(events).toEqual([
      ['header', ['id', 'note', 'n'], 1],
      ['row', ['1', 'a, "b"\r\nc\nd', 'x'], 2],
      ['row', ['2', '', 'y'], 5],
    ]);
    expect(summary.lines).toBe(5);
  });

  it('scanCsv(texts, sink) sends short and long records to badRow with their field counts', async () => {
    const { events, summary } = await scan(['a,b,c\n1,2\n1,2,3,4,5\n1,2,3\n']);
    expect(events).toEqual([
      ['header', ['a', 'b', 'c'], 1],
      ['bad', 2, 2, 3],
      ['bad', 3, 5, 3],
      ['row', ['1', '2', '3'], 4],
    ]);
    expect(summary).toMatchObject({ rows: 1, badRows: 2, columns: 3, headerLine: 1 });
  });

  it('scanCsv(texts, sink) reads a header-only file as zero rows', async () => {
    const { events, summary } = await scan(['a,b\r\n']);
    expect(events).toEqual([['header', ['a', 'b'], 1]]);
    expect(summary).toMatchObject({ headerLine: 1, rows: 0, badRows: 0, lines: 1 });
  });

  it('scanCsv(texts, sink) finds no header in empty, BOM-only or blank input', async () => {
    for (const text of ['', '\uFEFF', '\n\r\n  \n\t\n']) {
      const { events, summary } = await scan([text]);
      expect(events).toEqual([]);
      expect(summary.headerLine).toBeNull();
    }
  });

  it('scanCsv(texts, sink) reads a last record without a final newline', async () => {
    const { events } = await scan(['a,b\n1,2\n3,"4"']);
    expect(events.slice(1)).toEqual([['row', ['1', '2'], 2], ['row', ['3', '4'], 3]]);
  });

  it('scanCsv(texts, sink) skips blank lines anywhere but counts them as lines', async () => {
    const { events, summary } = await scan(['\n\na,b\n\n1,2\r\n  \r\n3,4\n\n\n']);
    expect(events).toEqual([['header', ['a', 'b'], 3], ['row', ['1', '2'], 5], ['row', ['3', '4'], 7]]);
    expect(summary.lines).toBe(9);
  });

  it('scanCsv(texts, sink) delivers only the wanted columns, in the order the sink asked for them', async () => {
    const { events } = await scan(['a,b,c,d\n1,"2,2",3,4\n'], () => [3, 1]);
    expect(events[1]).toEqual(['row', ['4', '2,2'], 2]);
  });

  it('scanCsv(texts, sink) throws RerateError when the sink asks for a column that is not there or twice', async () => {
    await expect(scan(['a,b\n1,2\n'], () => [2])).rejects.toThrow(RerateError);
    await expect(scan(['a,b\n1,2\n'], () => [0, 0])).rejects.toThrow('The sink asked for column 0 (a) twice.');
  });

  it('scanCsv(texts, sink) joins records, CRLFs and doubled quotes split between chunks', async () => {
    const { events } = await scan(['a,b\r', '\n1,"x"', '"y",', '', 'z\r', '\n"p\n', 'q', '",2', '\n']);
    expect(events).toEqual([['header', ['a', 'b'], 1], ['bad', 2, 3, 2], ['row', ['p\nq', '2'], 3]]);
  });

  it('scanCsv(texts, sink) carries a quoted field across many chunks and many lines', async () => {
    const note = Array.from({ length: 300 }, (_, i) => `line ${i}`).join('\n');
    const text = `id,note\n1,"${note}"\n2,x\n`;
    const chunks: string[] = [];
    for (let i = 0; i < text.length; i += 97) chunks.push(text.slice(i, i + 97));
    const { events } = await scan(chunks);
    expect(events).toEqual([['header', ['id', 'note'], 1], ['row', ['1', note], 2], ['row', ['2', 'x'], 302]]);
  });

  it('scanCsv(texts, sink) sends a quote left open at the end to badRow and says where it started', async () => {
    const { events, summary } = await scan(['a,b\n1,2\n3,"open\n4,5\n']);
    expect(events.slice(1)).toEqual([['row', ['1', '2'], 2], ['bad', 3, 2, 2]]);
    expect(summary.unclosedQuoteLine).toBe(3);
  });

  it('scanCsv(texts, sink) keeps text after a closing quote and counts it', async () => {
    const { events, summary } = await scan(['a,b\n"x"y,2\n1,"p"q\r\n']);
    expect(events.slice(1)).toEqual([['row', ['xy', '2'], 2], ['row', ['1', 'pq'], 3]]);
    expect(summary).toMatchObject({ strayQuotes: 2, strayQuoteLine: 2 });
  });

  it('scanCsv(texts, sink) keeps a quote inside an unquoted field as data', async () => {
    const { events } = await scan(['a,b\nab"c,2\n']);
    expect(events[1]).toEqual(['row', ['ab"c', '2'], 2]);
  });

  it('scanCsv(texts, sink, { maxRecordChars }) stops at a record longer than the limit', async () => {
    const { sink, events } = recorder();
    const summary = await scanCsv(['a,b\n1,2\n3,"', 'x'.repeat(50), 'y'.repeat(50), '"\n5,6\n'], sink, { maxRecordChars: 64 });
    expect(events).toEqual([['header', ['a', 'b'], 1], ['row', ['1', '2'], 2]]);
    expect(summary.overlongRecordLine).toBe(3);
  });

  it('CsvScanner.abandon() drops the unfinished record and reports the lines consumed', () => {
    const { sink, events } = recorder();
    const scanner = new CsvScanner(sink);
    scanner.push('a,b\n1,2\n3,');
    expect(scanner.pending).toBe(true);
    const summary = scanner.abandon();
    expect(events).toEqual([['header', ['a', 'b'], 1], ['row', ['1', '2'], 2]]);
    expect(summary).toMatchObject({ rows: 1, lines: 2 });
  });
});
