import { RerateError } from '../../engine/issues';
import type { RecordSink } from '../records';
import { HIGH_BLOCK } from './highBytes';

/**
 * A streaming RFC 4180 scanner over decoded text that hands each record's wanted fields to a
 * `RecordSink`.
 *
 * Worked example: the text chunks `'\uFEFFid,cost,note\r\n1,0.5,"a, ""b""\nc"\r\n'` and `'2,1E-9,x'`
 * with a sink whose `header(['id', 'cost', 'note'], 1)` returns `[1, 0]` give
 * `row(['0.5', '1'], 2)` (the record spans lines 2–3) and `row(['1E-9', '2'], 4)`; the `note`
 * column is never sliced out of the chunk. A record with 2 or 4 fields would instead give
 * `badRow(line, 2 | 4, 3)`.
 *
 * Speed: the scanner never walks characters one by one. For each field it asks `indexOf` for the
 * next comma (and, once per line, the next LF and the next CR) — all run natively — and only
 * slices the fields the sink wants; positions of the next comma, LF and CR are cached across
 * fields so no stretch of text is searched twice for the same character. A record cut by a chunk boundary is carried over and
 * scanned again when the next chunk arrives (only the last record of each chunk pays for that).
 *
 * Rules beyond RFC 4180, chosen for billing files written by many tools:
 * - a line ends at LF, CRLF or a lone CR (classic Mac files), also mixed in one file and with a
 *   CRLF split between two chunks; a quoted field keeps them all as data, and each counts as one
 *   physical line there too, so line numbers are those of the same file with LF line ends;
 * - blank lines (empty or spaces/tabs only) are skipped anywhere, and do not count as records,
 *   though they count as physical lines;
 * - a quote inside an unquoted field is data (`ab"c`); text after a closing quote (`"ab"c`) is
 *   appended to the field and counted in `strayQuotes`;
 * - a quote left open at the end of the input makes the record run to the end: it goes to
 *   `badRow` and `unclosedQuoteLine` says where it started;
 * - a record longer than `maxRecordChars` (an unclosed quote in a big file) stops the scan:
 *   `overlongRecordLine` says where, and later input is ignored.
 */
export interface CsvScanOptions {
  /** Longest record accepted, in UTF-16 characters (bytes for byte text; default 16 Mi). */
  maxRecordChars?: number;
  /**
   * The text is bytes, one character per byte (a latin1 decode of UTF-8 input), not decoded
   * text. The scanner finds delimiters in it as usual (they are ASCII, and no byte of a UTF-8
   * multi-byte character is ASCII) and decodes as UTF-8 only the fields it hands over that hold a
   * byte ≥ 0x80, so a sink sees exactly what a streaming `TextDecoder` would have given (invalid
   * sequences become U+FFFD either way: an ASCII delimiter always ends one). Why: on a 732 MB CUR
   * a latin1 decode takes 0.4 s against UTF-8's 1.0 s, and the one-byte strings it makes are
   * searched faster than the two-byte strings UTF-8 gives any chunk with one non-ASCII character.
   */
  byteText?: boolean;
  /**
   * The physical line number of the line after the header: the text is a file's header followed by
   * a later part of that file (one thread's share of a split read), so lines keep their real numbers.
   */
  lineAfterHeader?: number;
}

export interface CsvScanSummary {
  /** Physical line of the header, or null when the input held no record at all (empty or blank). */
  headerLine: number | null;
  /** Number of header fields. */
  columns: number;
  /** Records given to `row`. */
  rows: number;
  /** Records given to `badRow`. */
  badRows: number;
  /** Physical lines consumed (including blank ones). */
  lines: number;
  /** Where a quoted field left open at the end of the input started. */
  unclosedQuoteLine: number | null;
  /** Where a record longer than `maxRecordChars` started; the scan stopped there. */
  overlongRecordLine: number | null;
  /** Fields with text after their closing quote, and the line of the first. */
  strayQuotes: number;
  strayQuoteLine: number | null;
}

const LF = 10;
const CR = 13;
const QUOTE = 34;
const COMMA = 44;
const BOM = 0xfeff;
const DEFAULT_MAX_RECORD_CHARS = 16 * 1024 * 1024;
/** Beyond any position: "no byte ≥ 0x80 ahead" (a small integer, so comparisons stay fast). */
const NONE_AHEAD = 0x3fffffff;
const HIGH_BYTE = /[\x80-\xff]/g;
const utf8 = new TextDecoder();

/** The first position at or after `from` holding a byte ≥ 0x80, or NONE_AHEAD. */
function nextHighByte(buf: string, from: number): number {
  HIGH_BYTE.lastIndex = from;
  return HIGH_BYTE.exec(buf)?.index ?? NONE_AHEAD;
}

/** UTF-8 decodes a string of bytes (one character per byte). */
function decodeByteText(bytes: string): string {
  const out = new Uint8Array(bytes.length);
  for (let i = 0; i < bytes.length; i++) out[i] = bytes.charCodeAt(i);
  return utf8.decode(out);
}

/** Byte text as the sink must see it: decoded as UTF-8 when it holds a byte ≥ 0x80. */
function decodedIfHigh(bytes: string): string {
  return nextHighByte(bytes, 0) === NONE_AHEAD ? bytes : decodeByteText(bytes);
}

/** The push interface: `push` decoded text as it arrives, then `end` once. */
export class CsvScanner {
  private carry = '';
  /** The text consumed so far ended with a CR: an LF opening the next text is part of that line end. */
  private afterCr = false;
  private line = 1;
  private started = false;
  private stopped = false;
  private headerNames: string[] | null = null;
  /** Field index → position in the delivered array, or -1 when the sink does not want it. */
  private slots: Int32Array = new Int32Array(0);
  private wanted = 0;
  private readonly maxRecordChars: number;
  private readonly byteText: boolean;
  private readonly lineAfterHeader: number | undefined;
  private readonly summary: CsvScanSummary = {
    headerLine: null,
    columns: 0,
    rows: 0,
    badRows: 0,
    lines: 0,
    unclosedQuoteLine: null,
    overlongRecordLine: null,
    strayQuotes: 0,
    strayQuoteLine: null,
  };

  constructor(private readonly sink: RecordSink, options: CsvScanOptions = {}) {
    this.maxRecordChars = options.maxRecordChars ?? DEFAULT_MAX_RECORD_CHARS;
    this.byteText = options.byteText ?? false;
    this.lineAfterHeader = options.lineAfterHeader;
  }

  // Byte text: `highByteBlocks` of the text being pushed (null: search the text itself), and the
  // first of them that may still lie at or after the cursor.
  private blocks: number[] | null = null;
  private blockIndex = 0;

  /**
   * Scans every complete record in `text` (plus what was carried over) and keeps the rest. For
   * byte text, `blocks` may give `highByteBlocks` of the bytes `text` was decoded from, which
   * spares the scanner a search for bytes ≥ 0x80.
   */
  push(text: string, blocks?: number[]): void {
    if (this.stopped || text.length === 0) return;
    let offset = 0;
    if (!this.started) {
      this.started = true;
      if (text.charCodeAt(0) === BOM) offset = 1;
    }
    if (this.carry.length > 0) {
      offset = this.finishCarried(text);
      if (offset === -1) return this.checkCarry();
    }
    this.blocks = blocks ?? null;
    this.blockIndex = 0;
    const consumed = this.scan(text, false, offset);
    this.blocks = null;
    this.carry = consumed === text.length ? '' : text.slice(consumed);
    this.checkCarry();
  }

  /**
   * Completes the record carried over from the last chunk with as little of `text` as needed and
   * returns where the rest of `text` starts (-1: `text` was used up). Why not `carry + text`:
   * V8 makes that a rope (ConsString), and reading a rope char by char runs 2–3 times slower than
   * reading the flat string the decoder gave us.
   */
  private finishCarried(text: string): number {
    let take = lineEnd(text, 0) + 1;
    // No line end at all: the carried record cannot end in this text. Append without scanning, so
    // a record that runs on for many chunks (NUL bytes, an unclosed quote) costs linear time.
    if (take === 0) {
      this.carry += text;
      return -1;
    }
    for (;;) {
      if (take === 0) {
        const joined = this.carry + text;
        const consumed = this.scan(joined, false, 0);
        this.carry = joined.slice(consumed);
        return -1;
      }
      const joined = this.carry + text.slice(0, take);
      const consumed = this.scan(joined, false, 0);
      if (consumed === joined.length) {
        this.carry = '';
        return take;
      }
      if (consumed > 0) {
        // Blank lines were consumed before an unfinished record: finish on the slow path.
        const rest = joined.slice(consumed) + text.slice(take);
        const done = this.scan(rest, false, 0);
        this.carry = rest.slice(done);
        return -1;
      }
      // A quoted field goes on past this line: try a longer stretch (doubling keeps it linear).
      take = lineEnd(text, Math.min(text.length, 2 * take)) + 1;
    }
  }

  private checkCarry(): void {
    if (this.carry.length > this.maxRecordChars) {
      this.summary.overlongRecordLine = this.line;
      this.stopped = true;
      this.carry = '';
    }
  }

  /** Scans the last record (which may lack a final newline) and returns the totals. */
  end(): CsvScanSummary {
    if (!this.stopped && this.carry.length > 0) this.scan(this.carry, true, 0);
    this.carry = '';
    this.stopped = true;
    this.summary.lines = this.line - 1;
    return { ...this.summary };
  }

  /**
   * Drops the unfinished record without delivering it (the input was cut off) and returns the
   * totals so far, with the line where the dropped record started in `lines + 1`.
   */
  abandon(): CsvScanSummary {
    this.carry = '';
    this.stopped = true;
    this.summary.lines = this.line - 1;
    return { ...this.summary };
  }

  /** True once a record longer than `maxRecordChars` stopped the scan: later text is ignored. */
  get stoppedEarly(): boolean {
    return this.summary.overlongRecordLine !== null;
  }

  /** True while part of a record waits for more text. */
  get pending(): boolean {
    return this.carry.length > 0;
  }

  /** Returns how many characters of `buf` were consumed (complete records and blank lines). */
  private scan(buf: string, final: boolean, start: number): number {
    const len = buf.length;
    let pos = start;
    if (this.afterCr && pos < len) {
      // The last text ended with a CR: an LF here completes that CRLF (no new line).
      this.afterCr = false;
      if (buf.charCodeAt(pos) === LF) pos++;
    }
    // The next comma / LF / CR at or after the cursor, cached across fields; `len + 1` / `len` = none.
    let nextComma = -1;
    let nextLf = -1;
    let nextCr = -1;
    // Byte text: the next byte ≥ 0x80 at or after some earlier cursor; -1 = not searched yet.
    let nextHigh = this.byteText ? -1 : NONE_AHEAD;
    while (pos < len) {
      const recordStart = pos;
      const c0 = buf.charCodeAt(pos);
      if (c0 === LF) {
        pos++;
        this.line++;
        continue;
      }
      if (c0 === CR) {
        pos++;
        this.line++;
        if (pos < len && buf.charCodeAt(pos) === LF) pos++;
        continue;
      }

      const collectAll = this.headerNames === null;
      const slots = this.slots;
      const slotCount = slots.length;
      const fields: string[] = collectAll ? [] : new Array<string>(this.wanted);
      let fieldIndex = 0;
      let extraLines = 0;
      let unclosed = false;
      let strays = 0;
      let p = pos;
      let recordEnd = -1; // just past the record's terminator
      let contentEnd = -1; // just past the last field's text (for the blank check)
      if (nextLf < p) {
        nextLf = buf.indexOf('\n', p);
        if (nextLf === -1) nextLf = len;
      }
      if (nextCr < p) {
        nextCr = buf.indexOf('\r', p);
        if (nextCr === -1) nextCr = len;
      }
      // The next line end: LF, or CR (alone or the first of a CRLF).
      let nextEol = nextCr < nextLf ? nextCr : nextLf;

      for (;;) {
        const c = buf.charCodeAt(p);
        if (c === COMMA) {
          // An empty field: the commonest field in a CUR, and no search needed.
          if (collectAll) fields.push('');
          else if (fieldIndex < slotCount && slots[fieldIndex] >= 0) fields[slots[fieldIndex]] = '';
          fieldIndex++;
          p++;
          continue;
        }
        if (c === QUOTE) {
          const want = collectAll || (fieldIndex < slotCount && slots[fieldIndex] >= 0);
          const after = this.scanQuoted(buf, p, final, want, nextLf, nextCr);
          if (after === -1) return recordStart;
          nextLf = this.quotedNextLf;
          nextCr = this.quotedNextCr;
          nextEol = nextCr < nextLf ? nextCr : nextLf;
          extraLines += this.quotedLines;
          if (this.quotedUnclosed) unclosed = true;
          if (this.quotedStray) strays++;
          if (want) {
            if (collectAll) fields.push(this.quotedValue);
            else fields[slots[fieldIndex]] = this.quotedValue;
          }
          fieldIndex++;
          const ca = buf.charCodeAt(after);
          if (ca === COMMA) {
            p = after + 1;
            continue;
          }
          contentEnd = after;
          if (ca === LF) recordEnd = after + 1;
          else if (ca === CR) recordEnd = after + 1 < len && buf.charCodeAt(after + 1) === LF ? after + 2 : after + 1;
          else recordEnd = len;
          break;
        }
        if (nextComma < p) {
          nextComma = buf.indexOf(',', p);
          if (nextComma === -1) nextComma = len + 1;
        }
        const end = nextComma < nextEol ? nextComma : nextEol;
        if (end === nextEol) {
          if (end === len) {
            if (!final) return recordStart;
            recordEnd = len;
          } else if (end === nextCr) {
            recordEnd = end + 1 < len && buf.charCodeAt(end + 1) === LF ? end + 2 : end + 1;
          } else {
            recordEnd = end + 1;
          }
          contentEnd = end;
        }
        if (collectAll || (fieldIndex < slotCount && slots[fieldIndex] >= 0)) {
          let value = buf.slice(p, end);
          if (nextHigh < end) {
            // Only byte text gets here: decode the field if a byte ≥ 0x80 lies inside it.
            if (nextHigh < p) nextHigh = this.nextHigh(buf, p);
            if (nextHigh < end) value = decodedIfHigh(value);
          }
          if (collectAll) fields.push(value);
          else fields[slots[fieldIndex]] = value;
        }
        fieldIndex++;
        if (recordEnd !== -1) break;
        p = end + 1;
      }

      const recordLine = this.line;
      this.line += 1 + extraLines;
      pos = recordEnd;
      if (strays > 0) {
        this.summary.strayQuotes += strays;
        if (this.summary.strayQuoteLine === null) this.summary.strayQuoteLine = recordLine;
      }
      if (fieldIndex === 1 && !unclosed && isBlank(buf, recordStart, contentEnd)) continue;
      if (collectAll) {
        this.takeHeader(fields, recordLine);
      } else if (unclosed) {
        this.summary.unclosedQuoteLine = recordLine;
        this.summary.badRows++;
        this.sink.badRow(recordLine, fieldIndex, slotCount);
      } else if (fieldIndex === slotCount) {
        this.summary.rows++;
        this.sink.row(fields, recordLine);
      } else {
        this.summary.badRows++;
        this.sink.badRow(recordLine, fieldIndex, slotCount);
      }
    }
    // Consumed up to a CR at the very end: the next text may open with the LF of its CRLF.
    if (!final && pos === len && pos > start && buf.charCodeAt(len - 1) === CR) this.afterCr = true;
    return pos;
  }

  /**
   * Byte text: a position at or after `p` before which (from `p`) no byte is ≥ 0x80 — the first
   * such byte when the text is searched, or the start of the first listed block that reaches past
   * `p` (the caller checks the field exactly).
   */
  private nextHigh(buf: string, p: number): number {
    const blocks = this.blocks;
    if (blocks === null) return nextHighByte(buf, p);
    let k = this.blockIndex;
    while (k < blocks.length && blocks[k] + HIGH_BLOCK <= p) k++;
    this.blockIndex = k;
    if (k === blocks.length) return NONE_AHEAD;
    return blocks[k] > p ? blocks[k] : p;
  }

  // Results of scanQuoted, kept on the instance so the hot loop allocates nothing for them.
  private quotedValue = '';
  private quotedLines = 0;
  private quotedNextLf = 0;
  private quotedNextCr = 0;
  private quotedUnclosed = false;
  private quotedStray = false;

  /**
   * Scans the quoted field opening at `p`. Returns the index of the delimiter after it (comma,
   * LF, CR, or `buf.length`), or -1 when the text ends before that is known.
   */
  private scanQuoted(buf: string, p: number, final: boolean, want: boolean, nextLf: number, nextCr: number): number {
    const len = buf.length;
    let from = p + 1;
    let escaped = false;
    let closing = -1;
    for (;;) {
      const j = buf.indexOf('"', from);
      if (j === -1) break;
      if (j + 1 === len && !final) return -1; // is it `"` or the first of `""`? Not known yet.
      if (buf.charCodeAt(j + 1) === QUOTE) {
        escaped = true;
        from = j + 2;
        continue;
      }
      closing = j;
      break;
    }
    this.quotedUnclosed = false;
    this.quotedStray = false;
    if (closing === -1) {
      if (!final) return -1;
      closing = len;
      this.quotedUnclosed = true;
    }
    // Line ends inside the quotes (LF, CRLF, lone CR) are physical lines of this record.
    let lines = 0;
    if (nextLf <= p) {
      nextLf = buf.indexOf('\n', p + 1);
      if (nextLf === -1) nextLf = len;
    }
    while (nextLf < closing) {
      lines++;
      nextLf = buf.indexOf('\n', nextLf + 1);
      if (nextLf === -1) nextLf = len;
    }
    if (nextCr <= p) {
      nextCr = buf.indexOf('\r', p + 1);
      if (nextCr === -1) nextCr = len;
    }
    while (nextCr < closing) {
      if (buf.charCodeAt(nextCr + 1) !== LF) lines++; // a CR of a CRLF was counted with its LF
      nextCr = buf.indexOf('\r', nextCr + 1);
      if (nextCr === -1) nextCr = len;
    }
    this.quotedLines = lines;
    this.quotedNextLf = nextLf;
    this.quotedNextCr = nextCr;
    let value = '';
    if (want) {
      value = buf.slice(p + 1, closing);
      if (escaped) value = value.replace(/""/g, '"');
      if (this.byteText) value = decodedIfHigh(value);
    }
    let after = closing + 1;
    if (after >= len) {
      if (!final && !this.quotedUnclosed) return -1;
      this.quotedValue = value;
      return len;
    }
    const c = buf.charCodeAt(after);
    if (c !== COMMA && c !== LF && c !== CR) {
      // Text after the closing quote (`"ab"c`): keep it as part of the field, up to the delimiter.
      let comma = buf.indexOf(',', after);
      if (comma === -1) comma = len;
      const eol = nextCr < nextLf ? nextCr : nextLf;
      const stop = comma < eol ? comma : eol;
      if (stop === len && !final) return -1;
      if (want) {
        const stray = buf.slice(after, stop);
        value += this.byteText ? decodedIfHigh(stray) : stray;
      }
      this.quotedStray = true;
      after = stop;
    }
    this.quotedValue = value;
    return after;
  }

  private takeHeader(names: string[], line: number): void {
    this.headerNames = names;
    // Called once `this.line` has moved past the header record.
    if (this.lineAfterHeader !== undefined) this.line = this.lineAfterHeader;
    this.summary.headerLine = line;
    this.summary.columns = names.length;
    const wanted = this.sink.header(names, line);
    const slots = new Int32Array(names.length).fill(-1);
    wanted.forEach((index, position) => {
      // A sink asking for a column that is not there, or twice, is a programming error.
      if (!Number.isInteger(index) || index < 0 || index >= names.length) {
        throw new RerateError('BAD_VALUE', `The sink asked for column ${index}, but the header on line ${line} has ${names.length} columns.`);
      }
      if (slots[index] !== -1) {
        throw new RerateError('BAD_VALUE', `The sink asked for column ${index} (${names[index]}) twice.`);
      }
      slots[index] = position;
    });
    this.slots = slots;
    this.wanted = wanted.length;
  }
}

/** Scans all the text chunks into the sink and returns the totals. */
export async function scanCsv(texts: AsyncIterable<string> | Iterable<string>, sink: RecordSink, options?: CsvScanOptions): Promise<CsvScanSummary> {
  const scanner = new CsvScanner(sink, options);
  for await (const text of texts) scanner.push(text);
  return scanner.end();
}

/** The first LF or CR at or after `from`, or -1. */
function lineEnd(text: string, from: number): number {
  const lf = text.indexOf('\n', from);
  const cr = text.indexOf('\r', from);
  return lf === -1 ? cr : cr === -1 || lf < cr ? lf : cr;
}

/** A one-field record is blank when it is only spaces and tabs, or those around an empty `""`. */
function isBlank(buf: string, start: number, end: number): boolean {
  let quotes = 0;
  for (let i = start; i < end; i++) {
    const c = buf.charCodeAt(i);
    if (c === QUOTE) quotes++;
    else if (c !== 32 && c !== 9) return false;
  }
  return quotes === 0 || quotes === 2;
}
