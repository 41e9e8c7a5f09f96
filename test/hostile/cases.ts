import type { IssueCode, Severity } from '../../src/engine/issues';
import {
  CUR1_COLUMNS, Corpus, cur1, cur2, cur2Parquet, customers, damagedParquet, dbr, flipAfter, focus, FOCUS_COLUMNS, fx, gzip,
  latin1, pricebook, settings, supportPlans, utf16, xlsxBomb, zip,
} from './corpus';

/**
 * The hostile corpus: one row per case, each with the outcome the decided behaviours of issue 9
 * prescribe (test/hostile/README.md). `{dir}` in `args`, files and expectations is the case's temp folder.
 */

export const CLASSES = [
  'containers', 'encodings', 'line-ends', 'columns', 'numbers', 'dates', 'ids', 'currencies', 'tags', 'tables', 'paths',
  'output', 'injection', 'limits', 'usage',
] as const;
export type CaseClass = (typeof CLASSES)[number];

export interface ExpectedIssue {
  code: IssueCode;
  /** Checked when the issues come as JSON (stdout); stderr lines carry no severity. */
  severity?: Severity;
  /** The issue's `source.file` (with `{dir}`). */
  file?: string;
  line?: number;
  column?: string;
  count?: number;
  message?: RegExp;
}

export interface ExpectedControl {
  file: string;
  rowsRead: number;
  rowsSkipped: number;
  /** Compared as decimals (`3.5` = `3.5000000000`). */
  unblendedRead: string;
  unblendedAccounted: string;
}

export interface Expect {
  exit: 0 | 1 | 2;
  /** Issues that must be there (each matched by the fields given). */
  issues?: ExpectedIssue[];
  /** True: no other issue than those listed (by code). */
  exact?: boolean;
  /** Codes that must not be there. */
  without?: IssueCode[];
  /** The controls, in order, exactly this many. */
  controls?: ExpectedControl[];
  /** A file (with `{dir}`) and what must have become of it. */
  out?: { file: string; state: 'absent' | 'unchanged' | 'written' };
  /** The folder's entries after the run (no temp file left behind). */
  folder?: string[];
  stdoutMust?: RegExp[];
  stdoutMustNot?: RegExp[];
  stderrMust?: RegExp[];
  stderrMustNot?: RegExp[];
  /** Regexes over the XML of every part of the `out` workbook. */
  xlsxMust?: RegExp[];
  xlsxMustNot?: RegExp[];
}

export interface HostileCase {
  id: string;
  class: CaseClass;
  why: string;
  /** Writes the case's files. */
  setup: (c: Corpus) => void;
  /**
   * The CLI arguments (`main(args)`). `via`: instead, a read with a lowered decompression limit —
   * the CLI has no flag for it, so the bombs are read by the functions the CLI calls
   * (`readBilling` with its read options, `readWorkbookTables`).
   */
  args: string[];
  via?: { read: 'billing' | 'workbook'; file: string; maxDecompressedBytes: number };
  expect: Expect;
  /** The decision of issue 9 this case waits for (README "Decided behaviours"), if any. */
  decision?: number;
}

const D = '{dir}';
const NO_ESC = /\x1b/;
const STACK = /\n\s+at .+:\d+:\d+/;

/** Three rows of 1, 2 and 0.5: unblended 3.5. */
const GOOD = cur1(['1', '2', '0.5']);
const good = (name = 'a.csv') => (c: Corpus) => { c.write(name, GOOD); };
const ok = (file: string, rowsRead = 3, read = '3.5'): ExpectedControl => ({ file, rowsRead, rowsSkipped: 0, unblendedRead: read, unblendedAccounted: read });

const inspect = (...files: string[]) => ['inspect', ...files, '--format', 'json'];
const invoice = (...args: string[]) => ['invoice', ...args, '--format', 'json'];

/** A zip of many tiny CUR 1.0 entries (one row of 0.01 each). */
function manyEntries(count: number): Uint8Array {
  const entries: Record<string, string> = {};
  const text = cur1(['0.01']);
  for (let i = 0; i < count; i++) entries[`part-${String(i).padStart(6, '0')}.csv`] = text;
  return zip(entries);
}

export const CASES: HostileCase[] = [
  // ------------------------------------------------------------ containers
  {
    id: 'zip-two-tables', class: 'containers', decision: 1,
    why: 'a .csv.zip of two CUR tables gives one control row per table, named archive!entry, and no false mismatch',
    setup: (c) => { c.write('two.csv.zip', zip({ 'jan.csv': cur1(['1', '2']), 'feb.csv': cur1(['0.5']) })); },
    args: invoice(`${D}/two.csv.zip`),
    expect: {
      exit: 0, issues: [], exact: true,
      controls: [ok(`${D}/two.csv.zip!jan.csv`, 2, '3'), ok(`${D}/two.csv.zip!feb.csv`, 1, '0.5')],
    },
  },
  {
    id: 'zip-two-tables-inspect', class: 'containers',
    why: 'inspect lists each table of a zip under its archive!entry name',
    setup: (c) => { c.write('two.zip', zip({ 'jan.csv': cur1(['1', '2']), 'feb.csv': cur1(['0.5']) })); },
    args: inspect(`${D}/two.zip`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/two.zip!jan.csv`, 2, '3'), ok(`${D}/two.zip!feb.csv`, 1, '0.5')] },
  },
  {
    id: 'zip-crc', class: 'containers', decision: 9,
    why: 'a stored zip entry with one byte flipped fails its CRC-32: BAD_CONTAINER naming archive!entry',
    setup: (c) => { c.write('crc.zip', flipAfter(zip({ 'a.csv': cur1(['1', '2', 'MARK']) }, true), 'MARK')); },
    args: inspect(`${D}/crc.zip`),
    expect: { exit: 1, issues: [{ code: 'BAD_CONTAINER', severity: 'error', message: /crc\.zip!a\.csv/ }] },
  },
  {
    id: 'zip-crc-invoice', class: 'containers', decision: 9,
    why: 'invoice refuses the same damaged entry with the same issue and exit 1',
    setup: (c) => { c.write('crc.zip', flipAfter(zip({ 'a.csv': cur1(['1', '2', 'MARK']) }, true), 'MARK')); },
    args: invoice(`${D}/crc.zip`),
    expect: { exit: 1, issues: [{ code: 'BAD_CONTAINER', severity: 'error', message: /crc\.zip!a\.csv/ }] },
  },
  {
    id: 'zip-crc-second-entry', class: 'containers', decision: 9,
    why: 'a damaged second entry is BAD_CONTAINER naming it; the first entry is still read whole',
    setup: (c) => { c.write('two.zip', flipAfter(zip({ 'jan.csv': cur1(['1', '2']), 'feb.csv': cur1(['0.5', 'MARK']) }, true), 'MARK')); },
    args: inspect(`${D}/two.zip`),
    expect: {
      exit: 1, issues: [{ code: 'BAD_CONTAINER', severity: 'error', message: /two\.zip!feb\.csv/ }],
      stdoutMust: [/"file": "[^"]*two\.zip!jan\.csv",[\s\S]*?"rowsRead": 2,[\s\S]*?"unblendedRead": "3(\.0+)?"/],
    },
  },
  {
    id: 'zip-two-tables-reconcile', class: 'containers', decision: 1,
    why: 'reconcile of a two-table zip finds no false CONTROL_TOTAL_MISMATCH',
    setup: (c) => { c.write('two.zip', zip({ 'jan.csv': cur1(['1', '2']), 'feb.csv': cur1(['0.5']) })); },
    args: ['reconcile', `${D}/two.zip`, '--format', 'json'],
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/two.zip!jan.csv`, 2, '3'), ok(`${D}/two.zip!feb.csv`, 1, '0.5')] },
  },
  {
    id: 'zip-empty', class: 'containers',
    why: 'a zip with no entries is BAD_CONTAINER saying so, not a crash',
    setup: (c) => { c.write('empty.zip', zip({})); },
    args: inspect(`${D}/empty.zip`),
    expect: { exit: 1, issues: [{ code: 'BAD_CONTAINER', severity: 'error', message: /empty\.zip is a zip archive with no \.csv entry to read \(it has no entries\)/ }], exact: true, controls: [], stderrMustNot: [STACK] },
  },
  {
    id: 'zip-folder-only', class: 'containers',
    why: 'a zip holding only a folder has no table to read: BAD_CONTAINER',
    setup: (c) => { c.write('folder.zip', zip({ 'reports/': new Uint8Array(0) })); },
    args: inspect(`${D}/folder.zip`),
    expect: { exit: 1, issues: [{ code: 'BAD_CONTAINER', severity: 'error', message: /folder\.zip is a zip archive with no \.csv entry to read/ }], exact: true, controls: [], stderrMustNot: [STACK] },
  },
  {
    id: 'zip-in-zip', class: 'containers',
    why: 'a zip inside a zip is not unpacked twice: BAD_CONTAINER naming the entries seen',
    setup: (c) => { c.write('outer.zip', zip({ 'inner.zip': zip({ 'a.csv': GOOD }) })); },
    args: inspect(`${D}/outer.zip`),
    expect: { exit: 1, issues: [{ code: 'BAD_CONTAINER', severity: 'error', message: /no \.csv entry to read \(entries seen: inner\.zip\)/ }], exact: true, controls: [], stderrMustNot: [STACK] },
  },
  {
    id: 'gz-not-gzip', class: 'containers',
    why: 'a .gz name on plain CSV bytes is read by its content, not its name',
    setup: (c) => { c.write('plain.csv.gz', GOOD); },
    args: inspect(`${D}/plain.csv.gz`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/plain.csv.gz`)] },
  },
  {
    id: 'gz-valid', class: 'containers',
    why: 'a gzip CUR file reads as its CSV does',
    setup: (c) => { c.write('a.csv.gz', gzip(GOOD)); },
    args: invoice(`${D}/a.csv.gz`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/a.csv.gz`)] },
  },
  {
    id: 'gz-truncated', class: 'containers',
    why: 'a gzip cut short is TRUNCATED, an error, with no stack trace',
    setup: (c) => { const bytes = gzip(cur1(Array.from({ length: 200 }, (_, i) => `${i}.5`))); c.write('cut.csv.gz', bytes.slice(0, bytes.length - 30)); },
    args: inspect(`${D}/cut.csv.gz`),
    expect: { exit: 1, issues: [{ code: 'TRUNCATED', severity: 'error' }], stderrMustNot: [STACK] },
  },
  {
    id: 'gz-nul-bomb', class: 'limits', decision: 13,
    why: 'a gzip of nothing but NUL bytes past the limit is SIZE_LIMIT, not EMPTY_FILE',
    setup: (c) => { c.write('nul.csv.gz', gzip(new Uint8Array(4 << 20))); },
    args: [], via: { read: 'billing', file: `${D}/nul.csv.gz`, maxDecompressedBytes: 1 << 20 },
    expect: { exit: 1, issues: [{ code: 'SIZE_LIMIT', severity: 'error' }], without: ['EMPTY_FILE'] },
  },
  {
    id: 'zip-nul-bomb', class: 'limits', decision: 13,
    why: 'a zip entry of nothing but NUL bytes past the limit is SIZE_LIMIT, not EMPTY_FILE',
    setup: (c) => { c.write('nul.zip', zip({ 'a.csv': new Uint8Array(4 << 20) })); },
    args: [], via: { read: 'billing', file: `${D}/nul.zip`, maxDecompressedBytes: 1 << 20 },
    expect: { exit: 1, issues: [{ code: 'SIZE_LIMIT', severity: 'error' }], without: ['EMPTY_FILE'] },
  },
  {
    id: 'gz-csv-bomb', class: 'limits',
    why: 'a gzip that inflates past the limit stops there with SIZE_LIMIT',
    setup: (c) => { c.write('big.csv.gz', gzip(cur1(Array.from({ length: 40000 }, () => '0.01')))); },
    args: [], via: { read: 'billing', file: `${D}/big.csv.gz`, maxDecompressedBytes: 1 << 20 },
    expect: { exit: 1, issues: [{ code: 'SIZE_LIMIT', severity: 'error' }] },
  },
  {
    id: 'zip-many-entries', class: 'limits', decision: 6,
    why: 'a zip of 2,000 tiny entries (the 80,000 of the issue, scaled) reads every one, fast',
    setup: (c) => { c.write('many.zip', manyEntries(2000)); },
    args: inspect(`${D}/many.zip`),
    expect: {
      exit: 0, issues: [], exact: true,
      controls: Array.from({ length: 2000 }, (_, i) => ok(`${D}/many.zip!part-${String(i).padStart(6, '0')}.csv`, 1, '0.01')),
    },
  },
  {
    id: 'parquet-valid', class: 'containers',
    why: 'a CUR 2.0 Parquet file reads with exact control totals',
    setup: (c) => { c.write('cur2.parquet', cur2Parquet()); },
    args: inspect(`${D}/cur2.parquet`),
    expect: { exit: 0, controls: [ok(`${D}/cur2.parquet`, 2, '3.75')] },
  },
  {
    id: 'parquet-damaged-inspect', class: 'containers', decision: 9,
    why: 'a Parquet file with damaged pages fails inspect with BAD_CONTAINER',
    setup: (c) => { c.write('bad.parquet', damagedParquet()); },
    args: inspect(`${D}/bad.parquet`),
    expect: { exit: 1, issues: [{ code: 'BAD_CONTAINER', severity: 'error' }], stderrMustNot: [STACK] },
  },
  {
    id: 'parquet-damaged-invoice', class: 'containers', decision: 9,
    why: 'invoice fails the same damaged Parquet file with the same issue',
    setup: (c) => { c.write('bad.parquet', damagedParquet()); },
    args: invoice(`${D}/bad.parquet`),
    expect: { exit: 1, issues: [{ code: 'BAD_CONTAINER', severity: 'error' }], stderrMustNot: [STACK] },
  },

  // ------------------------------------------------------------ encodings
  {
    id: 'utf8-bom', class: 'encodings',
    why: 'a UTF-8 byte-order mark does not stick to the first column name',
    setup: (c) => { c.write('bom.csv', `\uFEFF${GOOD}`); },
    args: inspect(`${D}/bom.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/bom.csv`)] },
  },
  {
    id: 'utf16le', class: 'encodings',
    why: 'UTF-16 LE with its BOM (Excel "Unicode text") reads like UTF-8',
    setup: (c) => { c.write('le.csv', utf16(GOOD, 'le')); },
    args: inspect(`${D}/le.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/le.csv`)] },
  },
  {
    id: 'utf16be', class: 'encodings',
    why: 'UTF-16 BE with its BOM reads like UTF-8',
    setup: (c) => { c.write('be.csv', utf16(GOOD, 'be')); },
    args: inspect(`${D}/be.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/be.csv`)] },
  },
  {
    id: 'cp1252-bytes', class: 'encodings',
    why: 'Windows-1252 bytes (é as 0xE9) in a UTF-8 file do not stop the read; figures stay exact',
    setup: (c) => { c.write('cp.csv', latin1(cur1([{ 'lineItem/UnblendedCost': '1', 'lineItem/LineItemDescription': 'Caf\u00e9 cr\u00e8me' }, '2', '0.5']))); },
    args: inspect(`${D}/cp.csv`),
    expect: { exit: 0, controls: [ok(`${D}/cp.csv`)], stderrMustNot: [STACK] },
  },
  {
    id: 'utf8-multibyte', class: 'encodings',
    why: 'multi-byte UTF-8 (emoji, CJK) in text fields is read unharmed',
    setup: (c) => { c.write('mb.csv', cur1([{ 'lineItem/UnblendedCost': '1', 'lineItem/LineItemDescription': '\u6771\u4eac \ud83d\ude80' }, '2', '0.5'])); },
    args: inspect(`${D}/mb.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/mb.csv`)] },
  },
  {
    id: 'nul-in-field', class: 'encodings',
    why: 'a NUL byte inside a description is text, not the end of the file',
    setup: (c) => { c.write('nul.csv', cur1([{ 'lineItem/UnblendedCost': '1', 'lineItem/LineItemDescription': 'a\u0000b' }, '2', '0.5'])); },
    args: inspect(`${D}/nul.csv`),
    expect: { exit: 0, controls: [ok(`${D}/nul.csv`)] },
  },

  // ------------------------------------------------------------ line ends
  {
    id: 'crlf', class: 'line-ends',
    why: 'CRLF line ends read as LF ones, last cells clean',
    setup: (c) => { c.write('crlf.csv', cur1(['1', '2', '0.5'], { eol: '\r\n' })); },
    args: inspect(`${D}/crlf.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/crlf.csv`)] },
  },
  {
    id: 'lone-cr', class: 'line-ends', decision: 3,
    why: 'classic Mac CR line ends give the same records and line numbers as LF',
    setup: (c) => { c.write('cr.csv', cur1(['1', 'x1', '2', '0.5'], { eol: '\r' })); },
    args: inspect(`${D}/cr.csv`),
    expect: {
      exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', file: `${D}/cr.csv`, line: 3 }], exact: true,
      controls: [{ file: `${D}/cr.csv`, rowsRead: 4, rowsSkipped: 1, unblendedRead: '3.5', unblendedAccounted: '3.5' }],
    },
  },
  {
    id: 'mixed-eol', class: 'line-ends', decision: 3,
    why: 'a file mixing CR, LF and CRLF reads every record at its LF line number',
    setup: (c) => {
      const [header, ...rows] = cur1(['1', '2', 'x3', '0.5']).trimEnd().split('\n');
      c.write('mixed.csv', `${header}\r${rows[0]}\n${rows[1]}\r\n${rows[2]}\r${rows[3]}\n`);
    },
    args: inspect(`${D}/mixed.csv`),
    expect: {
      exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', file: `${D}/mixed.csv`, line: 4 }], exact: true,
      controls: [{ file: `${D}/mixed.csv`, rowsRead: 4, rowsSkipped: 1, unblendedRead: '3.5', unblendedAccounted: '3.5' }],
    },
  },
  {
    id: 'no-final-newline', class: 'line-ends',
    why: 'a last row without a line end is still read',
    setup: (c) => { c.write('nofinal.csv', cur1(['1', '2', '0.5'], { final: false })); },
    args: inspect(`${D}/nofinal.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/nofinal.csv`)] },
  },
  {
    id: 'blank-lines-at-end', class: 'line-ends',
    why: 'blank lines after the last row are not rows',
    setup: (c) => { c.write('blank.csv', `${GOOD}\n\n\r\n\n`); },
    args: inspect(`${D}/blank.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/blank.csv`)] },
  },
  {
    id: 'quoted-newline', class: 'line-ends',
    why: 'a line end inside quotes stays in the field and later rows keep their physical line numbers',
    setup: (c) => { c.write('q.csv', cur1([{ 'lineItem/UnblendedCost': '1', 'lineItem/LineItemDescription': 'two\r\nlines' }, 'bad', '0.5'])); },
    args: inspect(`${D}/q.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER', file: `${D}/q.csv`, line: 4 }], exact: true },
  },

  // ------------------------------------------------------------ columns
  {
    id: 'missing-cost-column', class: 'columns', decision: 4,
    why: 'a CUR file without lineItem/UnblendedCost is MISSING_COLUMN at its header; every row skipped',
    setup: (c) => { c.write('nocost.csv', cur1(['1', '2', '0.5'], { columns: CUR1_COLUMNS.filter((n) => n !== 'lineItem/UnblendedCost') })); },
    args: invoice(`${D}/nocost.csv`),
    expect: {
      exit: 1, issues: [{ code: 'MISSING_COLUMN', severity: 'error', file: `${D}/nocost.csv`, line: 1, message: /lineItem\/UnblendedCost/ }],
      controls: [{ file: `${D}/nocost.csv`, rowsRead: 3, rowsSkipped: 3, unblendedRead: '0', unblendedAccounted: '0' }],
    },
  },
  {
    id: 'missing-usage-account', class: 'columns', decision: 4,
    why: 'a CUR file without lineItem/UsageAccountId falls back to the payer, with a MISSING_COLUMN warning naming both',
    setup: (c) => { c.write('noacct.csv', cur1(['1', '2', '0.5'], { columns: CUR1_COLUMNS.filter((n) => n !== 'lineItem/UsageAccountId') })); },
    args: invoice(`${D}/noacct.csv`),
    expect: {
      exit: 0, issues: [{ code: 'MISSING_COLUMN', severity: 'warning', file: `${D}/noacct.csv`, message: /UsageAccountId[\s\S]*PayerAccountId/ }],
      controls: [ok(`${D}/noacct.csv`)],
    },
  },
  {
    id: 'focus-missing-period', class: 'columns', decision: 4,
    why: 'a FOCUS file without ChargePeriodStart or BillingPeriodStart cannot be billed: MISSING_COLUMN',
    setup: (c) => { c.write('f.csv', focus([{ cost: '1' }, { cost: '2' }], FOCUS_COLUMNS.filter((n) => n !== 'ChargePeriodStart' && n !== 'BillingPeriodStart'))); },
    args: invoice(`${D}/f.csv`),
    expect: {
      exit: 1, issues: [{ code: 'MISSING_COLUMN', severity: 'error', file: `${D}/f.csv`, line: 1 }],
      controls: [{ file: `${D}/f.csv`, rowsRead: 2, rowsSkipped: 2, unblendedRead: '0', unblendedAccounted: '0' }],
    },
  },
  {
    id: 'header-only', class: 'columns',
    why: 'a header with no rows reads zero rows without issues',
    setup: (c) => { c.write('h.csv', cur1([])); },
    args: inspect(`${D}/h.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/h.csv`, 0, '0')] },
  },
  {
    id: 'empty-file', class: 'columns',
    why: 'an empty file is EMPTY_FILE, an error',
    setup: (c) => { c.write('e.csv', ''); },
    args: inspect(`${D}/e.csv`),
    expect: { exit: 1, issues: [{ code: 'EMPTY_FILE', severity: 'error' }], exact: true },
  },
  {
    id: 'trailing-comma', class: 'columns',
    why: 'a trailing comma on every line (an empty last column) changes nothing',
    setup: (c) => { c.write('tc.csv', GOOD.split('\n').map((l) => (l ? `${l},` : l)).join('\n')); },
    args: inspect(`${D}/tc.csv`),
    expect: { exit: 0, controls: [ok(`${D}/tc.csv`)] },
  },
  {
    id: 'duplicate-header', class: 'columns',
    why: 'a column name given twice is read without a crash, the figures exact',
    setup: (c) => { c.write('dup.csv', cur1(['1', '2', '0.5'], { columns: [...CUR1_COLUMNS, 'lineItem/LineItemDescription'] })); },
    args: inspect(`${D}/dup.csv`),
    expect: { exit: 0, controls: [ok(`${D}/dup.csv`)], stderrMustNot: [STACK] },
  },
  {
    id: 'quoted-header', class: 'columns',
    why: 'quoted column names are the same names',
    setup: (c) => { const [header, ...rest] = GOOD.split('\n'); c.write('qh.csv', [header.split(',').map((n) => `"${n}"`).join(','), ...rest].join('\n')); },
    args: inspect(`${D}/qh.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/qh.csv`)] },
  },
  {
    id: 'shuffled-columns', class: 'columns',
    why: 'columns in any order give the same figures',
    setup: (c) => { c.write('sh.csv', cur1(['1', '2', '0.5'], { columns: [...CUR1_COLUMNS].reverse() })); },
    args: invoice(`${D}/sh.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/sh.csv`)] },
  },
  {
    id: 'tab-separated', class: 'columns',
    why: 'tabs instead of commas: one header name matches no format, a clear UNKNOWN_FORMAT',
    setup: (c) => { c.write('tab.csv', GOOD.replace(/,/g, '\t')); },
    args: inspect(`${D}/tab.csv`),
    expect: { exit: 1, issues: [{ code: 'UNKNOWN_FORMAT', severity: 'error', line: 1 }], exact: true },
  },
  {
    id: 'semicolon-separated', class: 'columns',
    why: 'semicolons (European Excel) instead of commas: UNKNOWN_FORMAT too',
    setup: (c) => { c.write('semi.csv', GOOD.replace(/,/g, ';')); },
    args: inspect(`${D}/semi.csv`),
    expect: { exit: 1, issues: [{ code: 'UNKNOWN_FORMAT', severity: 'error', line: 1 }], exact: true },
  },
  {
    id: 'unknown-format', class: 'columns',
    why: 'a bank statement is no billing format',
    setup: (c) => { c.write('bank.csv', 'Date,Amount,Payee\n2023-11-01,12.50,Shop\n'); },
    args: invoice(`${D}/bank.csv`),
    expect: { exit: 1, issues: [{ code: 'UNKNOWN_FORMAT', severity: 'error', file: `${D}/bank.csv`, line: 1 }] },
  },
  {
    id: 'short-and-long-rows', class: 'columns',
    why: 'rows with too few or too many fields are BAD_ROW, counted as skipped',
    setup: (c) => { const [h, r1, r2, r3] = GOOD.split('\n'); c.write('rows.csv', [h, r1, 'Usage,1', `${r2},extra`, r3, ''].join('\n')); },
    args: inspect(`${D}/rows.csv`),
    expect: {
      exit: 1, issues: [{ code: 'BAD_ROW', severity: 'error', line: 3, count: 2 }], exact: true,
      controls: [{ file: `${D}/rows.csv`, rowsRead: 4, rowsSkipped: 2, unblendedRead: '1.5', unblendedAccounted: '1.5' }],
    },
  },
  {
    id: 'very-long-line', class: 'limits',
    why: 'a 2 MB description on one line is read',
    setup: (c) => { c.write('long.csv', cur1([{ 'lineItem/UnblendedCost': '1', 'lineItem/LineItemDescription': 'x'.repeat(2 << 20) }, '2', '0.5'])); },
    args: inspect(`${D}/long.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/long.csv`)] },
  },
  {
    id: 'many-columns', class: 'limits',
    why: '5,000 extra columns do not slow a small file down',
    setup: (c) => {
      const extra = Array.from({ length: 5000 }, (_, i) => `resourceTags/user:t${i}`);
      c.write('wide.csv', cur1(['1', '2', '0.5'], { columns: [...CUR1_COLUMNS, ...extra] }));
    },
    args: invoice(`${D}/wide.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/wide.csv`)] },
  },
  {
    id: 'unclosed-quote', class: 'columns',
    why: 'a quote never closed is a BAD_ROW error, not a hang',
    setup: (c) => { c.write('open.csv', `${GOOD}id,111122223333,2023-11-01T00:00:00Z,000000000042,Usage,2023-11-01T00:00:00Z,AmazonS3,x,USD,1,"never closed\n`); },
    args: inspect(`${D}/open.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_ROW', severity: 'error' }], stderrMustNot: [STACK] },
  },

  // ------------------------------------------------------------ numbers
  {
    id: 'negative-and-zero', class: 'numbers',
    why: 'a negative cost, -0 and 1E-9 are numbers, summed exactly',
    setup: (c) => { c.write('n.csv', cur1(['-1.5', '-0', '1E-9', '2'])); },
    args: inspect(`${D}/n.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/n.csv`, 4, '0.500000001')] },
  },
  {
    id: 'null-costs', class: 'numbers',
    why: 'blank and NULL costs are null: counted as read, adding nothing',
    setup: (c) => { c.write('null.csv', cur1(['NULL', '', '2'])); },
    args: inspect(`${D}/null.csv`),
    expect: { exit: 0, controls: [{ file: `${D}/null.csv`, rowsRead: 3, rowsSkipped: 0, unblendedRead: '2', unblendedAccounted: '2' }] },
  },
  {
    id: 'thousands-separator', class: 'numbers',
    why: '"1,234.50" and "12 USD" are not numbers: BAD_NUMBER, folded with a count',
    setup: (c) => { c.write('t.csv', cur1(['1,234.50', '12 USD', '0.25'])); },
    args: inspect(`${D}/t.csv`),
    expect: {
      exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', file: `${D}/t.csv`, line: 2, column: 'lineItem/UnblendedCost', count: 2 }], exact: true,
      controls: [{ file: `${D}/t.csv`, rowsRead: 3, rowsSkipped: 2, unblendedRead: '0.25', unblendedAccounted: '0.25' }],
    },
  },
  {
    id: 'nan-infinity', class: 'numbers',
    why: 'NaN, Infinity and a hex number are not decimals',
    setup: (c) => { c.write('nan.csv', cur1(['NaN', 'Infinity', '0x10', '1'])); },
    args: inspect(`${D}/nan.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', line: 2, count: 3 }], exact: true },
  },
  {
    id: 'too-many-digits', class: 'numbers', decision: 5,
    why: '41 significant digits is BAD_NUMBER naming file, line and column',
    setup: (c) => { c.write('d.csv', cur1(['1', `0.${'1'.repeat(41)}`, '2'])); },
    args: inspect(`${D}/d.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', file: `${D}/d.csv`, line: 3, column: 'lineItem/UnblendedCost' }], exact: true },
  },
  {
    id: 'forty-digits-ok', class: 'numbers', decision: 5,
    why: 'exactly 40 significant digits is still a number',
    setup: (c) => { c.write('d40.csv', cur1([`0.${'1'.repeat(40)}`])); },
    args: inspect(`${D}/d40.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/d40.csv`, 1, `0.${'1'.repeat(40)}`)] },
  },
  {
    id: 'exponent-too-big', class: 'numbers',
    why: 'an exponent beyond ±100 is refused',
    setup: (c) => { c.write('e.csv', cur1(['1e101', '1'])); },
    args: inspect(`${D}/e.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', line: 2 }], exact: true },
  },
  {
    id: 'plain-1e21', class: 'numbers', decision: 5,
    why: 'a plain-notation value of 10^21 or more is BAD_NUMBER',
    setup: (c) => { c.write('big.csv', cur1(['1000000000000000000000', '1'])); },
    args: inspect(`${D}/big.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', line: 2 }], exact: true },
  },
  {
    id: 'million-digits', class: 'limits', decision: 6,
    why: 'five costs of a million digits each (5 MB) are BAD_NUMBER fast, the value shortened in the message',
    setup: (c) => { const huge = '9'.repeat(1_000_000); c.write('huge.csv', cur1([huge, huge, huge, huge, huge, '1'])); },
    args: inspect(`${D}/huge.csv`),
    expect: {
      exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', line: 2, count: 5, message: /^[^9]*9{1,40}…/ }], exact: true,
      controls: [{ file: `${D}/huge.csv`, rowsRead: 6, rowsSkipped: 5, unblendedRead: '1', unblendedAccounted: '1' }],
      stderrMustNot: [/9{41}/],
    },
  },
  {
    id: 'dbr-bad-number', class: 'numbers',
    why: 'the DBR reader refuses a bad cost as the CUR reader does',
    setup: (c) => { c.write('dbr-2017-05.csv', dbr(['2.4', 'abc', '0.1'])); },
    args: inspect(`${D}/dbr-2017-05.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER', severity: 'error', line: 3, column: 'UnBlendedCost' }] },
  },

  // ------------------------------------------------------------ dates
  {
    id: 'feb-30', class: 'dates', decision: 13,
    why: '2023-02-30 is no date: BAD_DATE',
    setup: (c) => { c.write('feb.csv', cur1(['1', { 'lineItem/UnblendedCost': '2', 'bill/BillingPeriodStartDate': '2023-02-30T00:00:00Z', 'lineItem/UsageStartDate': '2023-02-30T00:00:00Z' }])); },
    args: inspect(`${D}/feb.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_DATE', severity: 'error', file: `${D}/feb.csv`, line: 3 }], exact: true },
  },
  {
    id: 'time-99', class: 'dates', decision: 13,
    why: 'T99:99:99Z is no time: BAD_DATE',
    setup: (c) => { c.write('t99.csv', cur1(['1', { 'lineItem/UnblendedCost': '2', 'bill/BillingPeriodStartDate': '2023-11-01T99:99:99Z', 'lineItem/UsageStartDate': '2023-11-01T99:99:99Z' }])); },
    args: inspect(`${D}/t99.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_DATE', severity: 'error', file: `${D}/t99.csv`, line: 3 }], exact: true },
  },
  {
    id: 'date-offset', class: 'dates',
    why: 'a timestamp with a +02:00 offset is refused (every format writes UTC)',
    setup: (c) => { c.write('off.csv', cur1(['1', { 'lineItem/UnblendedCost': '2', 'bill/BillingPeriodStartDate': '2023-11-01T00:00:00+02:00' }])); },
    args: inspect(`${D}/off.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_DATE', severity: 'error', line: 3 }], exact: true },
  },
  {
    id: 'date-garbage', class: 'dates',
    why: 'a period start of "soon" is BAD_DATE and the row is skipped',
    setup: (c) => { c.write('g.csv', cur1([{ 'lineItem/UnblendedCost': '2', 'bill/BillingPeriodStartDate': 'soon', 'lineItem/UsageStartDate': 'soon' }, '1'])); },
    args: inspect(`${D}/g.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_DATE', severity: 'error', line: 2 }], exact: true, controls: [{ file: `${D}/g.csv`, rowsRead: 2, rowsSkipped: 1, unblendedRead: '3', unblendedAccounted: '3' }] },
  },
  {
    id: 'period-no-lines', class: 'dates',
    why: '--period naming a month with no lines gives no invoice and exits 0',
    setup: good(),
    args: invoice(`${D}/a.csv`, '--period', '2019-01'),
    expect: { exit: 0, stdoutMust: [/"invoices": \[\]/] },
  },
  {
    id: 'period-malformed', class: 'usage',
    why: '--period 2023-13 is a usage error',
    setup: good(),
    args: invoice(`${D}/a.csv`, '--period', '2023-13'),
    expect: { exit: 2, stderrMust: [/period/] },
  },

  // ------------------------------------------------------------ ids
  {
    id: 'account-excel-exponent', class: 'ids', decision: 12,
    why: 'an account id Excel turned into 3.57E+11 is a BAD_VALUE warning; the line is still billed',
    setup: (c) => { c.write('x.csv', cur1(['1', { 'lineItem/UnblendedCost': '2', 'lineItem/UsageAccountId': '3.57E+11' }, '0.5'])); },
    args: invoice(`${D}/x.csv`),
    expect: {
      exit: 0, issues: [{ code: 'BAD_VALUE', severity: 'warning', file: `${D}/x.csv`, line: 3, column: 'lineItem/UsageAccountId', message: /3\.57E\+11/ }],
      controls: [ok(`${D}/x.csv`)], stdoutMust: [/"customer": "3\.57E\+11"/],
    },
  },
  {
    id: 'account-bad-ids-folded', class: 'ids', decision: 12,
    why: '9-digit, 11-digit and non-digit account ids fold into one BAD_VALUE warning with a count of 3',
    setup: (c) => {
      c.write('ids.csv', cur1(['1',
        { 'lineItem/UnblendedCost': '2', 'lineItem/UsageAccountId': '123456789' },
        { 'lineItem/UnblendedCost': '0.25', 'lineItem/UsageAccountId': '12345678901' },
        { 'lineItem/UnblendedCost': '0.25', 'lineItem/UsageAccountId': 'acct-x' }]));
    },
    args: invoice(`${D}/ids.csv`),
    expect: {
      exit: 0, issues: [{ code: 'BAD_VALUE', severity: 'warning', file: `${D}/ids.csv`, line: 3, column: 'lineItem/UsageAccountId', count: 3, message: /123456789/ }],
      exact: true, controls: [ok(`${D}/ids.csv`, 4, '3.5')],
    },
  },
  {
    id: 'focus-account-exponent', class: 'ids', decision: 12,
    why: 'a FOCUS SubAccountId of 3.57E+11 is a BAD_VALUE warning naming SubAccountId; the row is still billed',
    setup: (c) => {
      const [header, row1, row2] = focus([{ cost: '1' }, { cost: '2' }]).trimEnd().split('\n');
      c.write('f.csv', [header, row1.replace(',000000000042,', ',3.57E+11,'), row2, ''].join('\n'));
    },
    args: invoice(`${D}/f.csv`),
    expect: { exit: 0, issues: [{ code: 'BAD_VALUE', severity: 'warning', line: 2, column: 'SubAccountId' }], exact: true, controls: [ok(`${D}/f.csv`, 2, '3')] },
  },
  {
    id: 'account-unmapped', class: 'ids',
    why: 'an account no customer owns is UNMAPPED_ACCOUNT',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', customers('Acme,999999999999,,')); },
    args: invoice(`${D}/a.csv`, '--customers', `${D}/customers.csv`),
    expect: { exit: 0, issues: [{ code: 'UNMAPPED_ACCOUNT' }] },
  },
  {
    id: 'customers-unknown-accounts', class: 'ids',
    why: 'customers mapping accounts that have no lines is no problem',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', customers('Acme,000000000042,,', 'Other,555555555555,,')); },
    args: invoice(`${D}/a.csv`, '--customers', `${D}/customers.csv`),
    expect: { exit: 0, issues: [], exact: true, stdoutMust: [/"customer": "Acme"/] },
  },

  // ------------------------------------------------------------ currencies
  {
    id: 'line-currency-lower', class: 'currencies', decision: 11,
    why: 'a line currency "usd" is USD: no mixed currency, no missing rate',
    setup: (c) => { c.write('usd.csv', cur1(['1', { 'lineItem/UnblendedCost': '2', 'lineItem/CurrencyCode': 'usd' }, '0.5'])); },
    args: invoice(`${D}/usd.csv`),
    expect: { exit: 0, issues: [], exact: true, stdoutMust: [/"currency": "USD"/], stdoutMustNot: [/"usd"/] },
  },
  {
    id: 'currency-flag-lower', class: 'currencies', decision: 11,
    why: '--currency eur with an fx table in lower case invoices in EUR',
    setup: (c) => { c.write('a.csv', GOOD).write('fx.csv', fx('2023-11,usd,eur,0.9')); },
    args: invoice(`${D}/a.csv`, '--currency', 'eur', '--fx', `${D}/fx.csv`),
    expect: { exit: 0, issues: [], exact: true, stdoutMust: [/"currency": "EUR"/, /"total": "3\.15"/] },
  },
  {
    id: 'customer-currency-lower', class: 'currencies', decision: 11,
    why: 'a customers table currency "gbp" meets an FX row USD→GBP',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', customers('Acme,000000000042,,gbp')).write('fx.csv', fx('2023-11,USD,GBP,0.8')); },
    args: invoice(`${D}/a.csv`, '--customers', `${D}/customers.csv`, '--fx', `${D}/fx.csv`),
    expect: { exit: 0, issues: [], exact: true, stdoutMust: [/"currency": "GBP"/, /"total": "2\.80"/] },
  },
  {
    id: 'fx-missing', class: 'currencies',
    why: 'an invoice currency without a rate for the month is FX_RATE_MISSING, an error',
    setup: (c) => { c.write('a.csv', GOOD).write('fx.csv', fx('2023-10,USD,EUR,0.9')); },
    args: invoice(`${D}/a.csv`, '--currency', 'EUR', '--fx', `${D}/fx.csv`),
    expect: { exit: 1, issues: [{ code: 'FX_RATE_MISSING', severity: 'error' }] },
  },
  {
    id: 'currency-bad-flag', class: 'currencies',
    why: '--currency EURO is not a currency code: usage error',
    setup: good(),
    args: invoice(`${D}/a.csv`, '--currency', 'EURO'),
    expect: { exit: 2, stderrMust: [/EURO/] },
  },
  {
    id: 'settings-currency-lower', class: 'currencies', decision: 11,
    why: 'a settings table currency "eur" is EUR',
    setup: (c) => { c.write('a.csv', GOOD).write('settings.csv', settings('currency,eur')).write('fx.csv', fx('2023-11,USD,EUR,0.9')); },
    args: invoice(`${D}/a.csv`, '--settings', `${D}/settings.csv`, '--fx', `${D}/fx.csv`),
    expect: { exit: 0, issues: [], exact: true, stdoutMust: [/"currency": "EUR"/] },
  },

  // ------------------------------------------------------------ tags
  {
    id: 'focus-tags-deep', class: 'tags', decision: 10,
    why: 'FOCUS Tags of 100,000 nested [ is a BAD_VALUE warning; the row is still billed',
    setup: (c) => { c.write('f.csv', focus([{ cost: '1', tags: '['.repeat(100_000) }, { cost: '2' }])); },
    args: invoice(`${D}/f.csv`),
    expect: {
      exit: 0, issues: [{ code: 'BAD_VALUE', severity: 'warning', file: `${D}/f.csv`, line: 2, column: 'Tags' }],
      controls: [{ file: `${D}/f.csv`, rowsRead: 2, rowsSkipped: 0, unblendedRead: '3', unblendedAccounted: '3' }],
      stderrMustNot: [STACK],
    },
  },
  {
    id: 'focus-tags-deep-object', class: 'tags', decision: 10,
    why: 'FOCUS Tags nested 50,000 objects deep (well-formed JSON) is a BAD_VALUE warning too',
    setup: (c) => { c.write('f.csv', focus([{ cost: '1', tags: `${'{"a":'.repeat(50_000)}1${'}'.repeat(50_000)}` }, { cost: '2' }])); },
    args: invoice(`${D}/f.csv`),
    expect: { exit: 0, issues: [{ code: 'BAD_VALUE', severity: 'warning', line: 2, column: 'Tags' }], without: ['INTERNAL'], controls: [ok(`${D}/f.csv`, 2, '3')], stderrMustNot: [STACK] },
  },
  {
    id: 'cur2-tags-deep', class: 'tags', decision: 10,
    why: 'CUR 2.0 resource_tags of 100,000 nested [ is a BAD_VALUE warning; the row is still billed',
    setup: (c) => { c.write('c2.csv', cur2([{ cost: '1', tags: '['.repeat(100_000) }, { cost: '2' }])); },
    args: invoice(`${D}/c2.csv`),
    expect: {
      exit: 0, issues: [{ code: 'BAD_VALUE', severity: 'warning', file: `${D}/c2.csv`, line: 2, column: 'resource_tags' }],
      controls: [ok(`${D}/c2.csv`, 2, '3')], stderrMustNot: [STACK],
    },
  },
  {
    id: 'focus-tags-not-json', class: 'tags',
    why: 'FOCUS Tags that are not JSON: a BAD_VALUE warning, the row billed',
    setup: (c) => { c.write('f.csv', focus([{ cost: '1', tags: 'team=web' }, { cost: '2' }])); },
    args: inspect(`${D}/f.csv`),
    expect: { exit: 0, issues: [{ code: 'BAD_VALUE', severity: 'warning', line: 2 }], exact: true, controls: [ok(`${D}/f.csv`, 2, '3')] },
  },
  {
    id: 'cur2-tags-valid', class: 'tags',
    why: 'CUR 2.0 resource_tags as a JSON map read without issues',
    setup: (c) => { c.write('c2.csv', cur2([{ cost: '1', tags: '{"user_team":"web"}' }, { cost: '2' }])); },
    args: invoice(`${D}/c2.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/c2.csv`, 2, '3')] },
  },

  // ------------------------------------------------------------ tables
  {
    id: 'pricebook-1e400', class: 'tables', decision: 5,
    why: 'a price-book Value of 1e400 is refused as the price book refuses any bad Value cell (BAD_RULE on Value)',
    setup: (c) => { c.write('a.csv', GOOD).write('pb.csv', pricebook('huge,,,,,,,,,unblended,markup,1e400,,,')); },
    args: invoice(`${D}/a.csv`, '--pricebook', `${D}/pb.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_RULE', severity: 'error', file: `${D}/pb.csv`, line: 2, column: 'Value', message: /Value "1e400" is not a number/ }] },
  },
  {
    id: 'fx-1e400', class: 'tables', decision: 5,
    why: 'an FX rate of 1e400 is a BAD_VALUE error on that cell, not a number with 400 zeros',
    setup: (c) => { c.write('a.csv', GOOD).write('fx.csv', fx('2023-11,USD,EUR,1e400')); },
    args: invoice(`${D}/a.csv`, '--currency', 'EUR', '--fx', `${D}/fx.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_VALUE', severity: 'error', file: `${D}/fx.csv`, line: 2 }], stdoutMustNot: [/0{100}/] },
  },
  {
    id: 'pricebook-bad-method', class: 'tables',
    why: 'a price-book rule with an unknown method is refused with its line',
    setup: (c) => { c.write('a.csv', GOOD).write('pb.csv', pricebook('odd,,,,,,,,,unblended,frobnicate,5%,,,')); },
    args: invoice(`${D}/a.csv`, '--pricebook', `${D}/pb.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_RULE', severity: 'error', line: 2 }] },
  },
  {
    id: 'pricebook-wrong-table', class: 'tables',
    why: 'a file of the wrong columns given as the price book is MISSING_COLUMN, and nothing is invoiced',
    setup: (c) => { c.write('a.csv', GOOD).write('pb.csv', 'Date,Amount\n2023-11-01,1\n'); },
    args: invoice(`${D}/a.csv`, '--pricebook', `${D}/pb.csv`),
    expect: { exit: 1, issues: [{ code: 'MISSING_COLUMN', severity: 'error' }] },
  },
  {
    id: 'pricebook-missing-file', class: 'tables',
    why: 'a price book that does not exist stops the run: UNREADABLE_FILE',
    setup: good(),
    args: invoice(`${D}/a.csv`, '--pricebook', `${D}/nope.csv`),
    expect: { exit: 1, issues: [{ code: 'UNREADABLE_FILE', message: /nope\.csv/ }], exact: true },
  },
  {
    id: 'support-plan-unknown', class: 'tables',
    why: 'a customer on a support plan no table names is UNKNOWN_PLAN',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', customers('Acme,000000000042,platinum-plus,')); },
    args: invoice(`${D}/a.csv`, '--customers', `${D}/customers.csv`),
    expect: { exit: 1, issues: [{ code: 'UNKNOWN_PLAN', message: /platinum-plus/ }] },
  },
  {
    id: 'support-plans-bad-tiers', class: 'tables',
    why: 'a support-plans row with tiers not starting at 0 is BAD_VALUE naming the row',
    setup: (c) => { c.write('a.csv', GOOD).write('sp.csv', supportPlans('custom,100,10:5%,account')); },
    args: invoice(`${D}/a.csv`, '--support-plans', `${D}/sp.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_VALUE', severity: 'error', line: 2 }] },
  },
  {
    id: 'fx-bad-rate', class: 'tables',
    why: 'an FX rate of "abc" is BAD_VALUE naming its line',
    setup: (c) => { c.write('a.csv', GOOD).write('fx.csv', fx('2023-11,USD,EUR,abc')); },
    args: invoice(`${D}/a.csv`, '--currency', 'EUR', '--fx', `${D}/fx.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_VALUE', severity: 'error', line: 2 }] },
  },
  {
    id: 'settings-unknown', class: 'tables',
    why: 'a settings row naming no setting is BAD_VALUE',
    setup: (c) => { c.write('a.csv', GOOD).write('settings.csv', settings('colour,blue')); },
    args: invoice(`${D}/a.csv`, '--settings', `${D}/settings.csv`),
    expect: { exit: 1, issues: [{ code: 'BAD_VALUE', message: /colour/ }] },
  },
  {
    id: 'table-utf16', class: 'tables',
    why: 'a customers table saved by Excel as UTF-16 reads like UTF-8',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', utf16(customers('Acme,000000000042,,'), 'le')); },
    args: invoice(`${D}/a.csv`, '--customers', `${D}/customers.csv`),
    expect: { exit: 0, issues: [], exact: true, stdoutMust: [/"customer": "Acme"/] },
  },
  {
    id: 'customers-account-dropped-zeros', class: 'tables',
    why: 'a customers account Excel stripped of its leading zeros (42) is a BAD_VALUE warning saying how to fix it',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', customers('Acme,42,,')); },
    args: invoice(`${D}/a.csv`, '--customers', `${D}/customers.csv`),
    expect: {
      exit: 0, exact: true,
      issues: [
        { code: 'BAD_VALUE', severity: 'warning', file: `${D}/customers.csv`, line: 2, column: 'Account', message: /fewer than 12 digits.*000000000042/ },
        { code: 'UNMAPPED_ACCOUNT', severity: 'info', file: `${D}/a.csv`, line: 2 },
      ],
    },
  },

  // ------------------------------------------------------------ paths
  {
    id: 'missing-file', class: 'paths',
    why: 'a billing file that does not exist is UNREADABLE_FILE naming it',
    setup: () => {},
    args: inspect(`${D}/nope.csv`),
    expect: { exit: 1, issues: [{ code: 'UNREADABLE_FILE', message: /nope\.csv does not exist/ }], exact: true },
  },
  {
    id: 'directory-as-file', class: 'paths',
    why: 'a folder given as a billing file is UNREADABLE_FILE',
    setup: (c) => { c.mkdir('folder.csv'); },
    args: invoice(`${D}/folder.csv`),
    expect: { exit: 1, issues: [{ code: 'UNREADABLE_FILE', message: /folder\.csv is not a file/ }], exact: true },
  },
  {
    id: 'same-file-twice', class: 'paths', decision: 2,
    why: 'a.csv and ./a.csv are read once, with a DUPLICATE_FILE warning naming both',
    setup: good(),
    args: invoice(`${D}/a.csv`, `${D}/./a.csv`),
    expect: {
      exit: 0, issues: [{ code: 'DUPLICATE_FILE', severity: 'warning', message: /^(?=.*\/\.\/a\.csv)(?=.*hostile-\w+\/a\.csv)/ }], exact: true,
      controls: [ok(`${D}/a.csv`)], stdoutMust: [/"total": "3\.50"/],
    },
  },
  {
    id: 'same-file-symlink', class: 'paths', decision: 2,
    why: 'a symlink to a file already given is read once (DUPLICATE_FILE)',
    setup: (c) => { c.write('a.csv', GOOD).symlink('a.csv', 'link.csv'); },
    args: invoice(`${D}/a.csv`, `${D}/link.csv`),
    expect: { exit: 0, issues: [{ code: 'DUPLICATE_FILE', severity: 'warning', message: /link\.csv/ }], exact: true, controls: [ok(`${D}/a.csv`)] },
  },
  {
    id: 'same-content-two-names', class: 'paths', decision: 2,
    why: 'two files of byte-identical content are read once (DUPLICATE_FILE)',
    setup: (c) => { c.write('a.csv', GOOD).write('copy.csv', GOOD); },
    args: invoice(`${D}/a.csv`, `${D}/copy.csv`),
    expect: { exit: 0, issues: [{ code: 'DUPLICATE_FILE', severity: 'warning', message: /copy\.csv/ }], exact: true, controls: [ok(`${D}/a.csv`)] },
  },
  {
    id: 'same-file-inspect', class: 'paths', decision: 2,
    why: 'inspect reads a file given twice once too',
    setup: good(),
    args: inspect(`${D}/a.csv`, `${D}/a.csv`),
    expect: { exit: 0, issues: [{ code: 'DUPLICATE_FILE', severity: 'warning' }], exact: true, controls: [ok(`${D}/a.csv`)] },
  },
  {
    id: 'same-file-reconcile', class: 'paths', decision: 2,
    why: 'reconcile reads a file given twice once too',
    setup: good(),
    args: ['reconcile', `${D}/a.csv`, `${D}/a.csv`, '--format', 'json'],
    expect: { exit: 0, issues: [{ code: 'DUPLICATE_FILE', severity: 'warning' }], exact: true },
  },
  {
    id: 'dangling-symlink', class: 'paths',
    why: 'a symlink to nothing is UNREADABLE_FILE',
    setup: (c) => { c.symlink('gone.csv', 'dangling.csv'); },
    args: inspect(`${D}/dangling.csv`),
    expect: { exit: 1, issues: [{ code: 'UNREADABLE_FILE', message: /dangling\.csv/ }], exact: true },
  },
  {
    id: 'spaces-and-unicode-name', class: 'paths',
    why: 'a file name with spaces and accents is read and named as given',
    setup: good('r\u00e9sum\u00e9 2023 11.csv'),
    args: inspect(`${D}/r\u00e9sum\u00e9 2023 11.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/r\u00e9sum\u00e9 2023 11.csv`)] },
  },
  {
    id: 'two-distinct-files', class: 'paths',
    why: 'two different files both count, one control row each',
    setup: (c) => { c.write('a.csv', GOOD).write('b.csv', cur1(['4'])); },
    args: invoice(`${D}/a.csv`, `${D}/b.csv`),
    expect: { exit: 0, issues: [], exact: true, controls: [ok(`${D}/a.csv`), ok(`${D}/b.csv`, 1, '4')], stdoutMust: [/"total": "7\.50"/] },
  },

  // ------------------------------------------------------------ output
  {
    id: 'out-missing-folder', class: 'output', decision: 8,
    why: '--out into a missing folder is a usage error naming it, before any billing file is read',
    setup: () => {},
    args: ['invoice', `${D}/not-there.csv`, '--out', `${D}/no/such/dir/out.json`, '--format', 'json'],
    expect: { exit: 2, stderrMust: [/no\/such\/dir/], stderrMustNot: [/UNREADABLE_FILE/], folder: [] },
  },
  {
    id: 'out-is-directory', class: 'output', decision: 8,
    why: '--out onto a folder is a usage error naming it',
    setup: (c) => { c.write('a.csv', GOOD).mkdir('outdir'); },
    args: ['invoice', `${D}/a.csv`, '--out', `${D}/outdir`, '--format', 'json'],
    expect: { exit: 2, stderrMust: [/outdir/], folder: ['a.csv', 'outdir'] },
  },
  {
    id: 'out-untouched-on-error', class: 'output', decision: 8,
    why: 'a run with errors leaves an existing --out file untouched',
    setup: (c) => { c.write('bad.csv', cur1(['1', 'oops'])).write('out.json', 'previous result\n'); },
    args: ['invoice', `${D}/bad.csv`, '--out', `${D}/out.json`, '--format', 'json'],
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER' }], out: { file: `${D}/out.json`, state: 'unchanged' }, folder: ['bad.csv', 'out.json'] },
  },
  {
    id: 'out-absent-on-error', class: 'output', decision: 8,
    why: 'a run with errors writes no --out file',
    setup: (c) => { c.write('bad.csv', cur1(['1', 'oops'])); },
    args: ['invoice', `${D}/bad.csv`, '--out', `${D}/out.csv`, '--format', 'csv'],
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER' }], out: { file: `${D}/out.csv`, state: 'absent' }, folder: ['bad.csv'] },
  },
  {
    id: 'out-xlsx-absent-on-error', class: 'output', decision: 8,
    why: 'an xlsx run with errors writes no workbook',
    setup: (c) => { c.write('bad.csv', cur1(['1', 'oops'])); },
    args: ['invoice', `${D}/bad.csv`, '--out', `${D}/out.xlsx`, '--format', 'xlsx'],
    expect: { exit: 1, issues: [{ code: 'BAD_NUMBER' }], out: { file: `${D}/out.xlsx`, state: 'absent' }, folder: ['bad.csv'] },
  },
  {
    id: 'out-written', class: 'output',
    why: 'a clean run writes --out, prints nothing on stdout, and leaves no temp file beside it',
    setup: good(),
    args: ['invoice', `${D}/a.csv`, '--out', `${D}/out.json`, '--format', 'json'],
    expect: { exit: 0, out: { file: `${D}/out.json`, state: 'written' }, folder: ['a.csv', 'out.json'], stdoutMust: [/^$/] },
  },
  {
    id: 'out-replaces-existing', class: 'output',
    why: 'a clean run replaces an existing --out file whole',
    setup: (c) => { c.write('a.csv', GOOD).write('out.csv', 'x'.repeat(100_000)); },
    args: ['invoice', `${D}/a.csv`, '--out', `${D}/out.csv`, '--format', 'csv'],
    expect: { exit: 0, out: { file: `${D}/out.csv`, state: 'written' }, folder: ['a.csv', 'out.csv'] },
  },
  {
    id: 'out-unwritable', class: 'output', decision: 8,
    why: 'an --out the system refuses (a 300-character name) is UNWRITABLE_FILE, exit 1, no partial file',
    setup: good(),
    args: ['invoice', `${D}/a.csv`, '--out', `${D}/${'o'.repeat(300)}.json`, '--format', 'json'],
    expect: { exit: 1, issues: [{ code: 'UNWRITABLE_FILE' }], folder: ['a.csv'], stderrMustNot: [STACK] },
  },
  {
    id: 'workbook-bomb', class: 'limits', decision: 6,
    why: 'a --workbook whose sheet inflates past the limit is SIZE_LIMIT, found before exceljs inflates it',
    setup: (c) => { c.write('big.xlsx', xlsxBomb(4 << 20, false)); },
    args: [], via: { read: 'workbook', file: `${D}/big.xlsx`, maxDecompressedBytes: 1 << 20 },
    expect: { exit: 1, issues: [{ code: 'SIZE_LIMIT', severity: 'error', message: /big\.xlsx/ }], exact: true },
  },
  {
    id: 'workbook-bomb-lying-sizes', class: 'limits', decision: 6,
    why: 'a --workbook whose zip headers understate the inflated size is still SIZE_LIMIT',
    setup: (c) => { c.write('liar.xlsx', xlsxBomb(4 << 20, true)); },
    args: [], via: { read: 'workbook', file: `${D}/liar.xlsx`, maxDecompressedBytes: 1 << 20 },
    expect: { exit: 1, issues: [{ code: 'SIZE_LIMIT', severity: 'error', message: /liar\.xlsx/ }], exact: true },
  },
  {
    id: 'workbook-missing', class: 'tables',
    why: 'a --workbook that does not exist is UNREADABLE_FILE and stops the run',
    setup: good(),
    args: invoice(`${D}/a.csv`, '--workbook', `${D}/tables.xlsx`),
    expect: { exit: 1, issues: [{ code: 'UNREADABLE_FILE', message: /tables\.xlsx/ }], exact: true, stderrMustNot: [STACK] },
  },
  {
    id: 'workbook-not-xlsx', class: 'tables',
    why: 'a CSV renamed .xlsx given as --workbook is UNREADABLE_FILE, not a crash',
    setup: (c) => { c.write('a.csv', GOOD).write('tables.xlsx', customers('Acme,000000000042,,')); },
    args: invoice(`${D}/a.csv`, '--workbook', `${D}/tables.xlsx`),
    expect: { exit: 1, issues: [{ code: 'UNREADABLE_FILE', message: /tables\.xlsx/ }], stderrMustNot: [STACK] },
  },
  {
    id: 'xlsx-needs-out', class: 'output',
    why: '--format xlsx without --out is a usage error',
    setup: good(),
    args: ['invoice', `${D}/a.csv`, '--format', 'xlsx'],
    expect: { exit: 2, stderrMust: [/xlsx needs --out/] },
  },
  {
    id: 'xlsx-forbidden-chars', class: 'injection', decision: 7,
    why: 'characters XML forbids in a customer name become U+FFFD in the workbook, with one BAD_VALUE warning giving the count',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', customers('"Ac\u0001me\u0008",000000000042,,')); },
    args: ['invoice', `${D}/a.csv`, '--customers', `${D}/customers.csv`, '--format', 'xlsx', '--out', `${D}/out.xlsx`],
    expect: {
      exit: 0, issues: [{ code: 'BAD_VALUE' }], exact: true, out: { file: `${D}/out.xlsx`, state: 'written' },
      xlsxMust: [/Ac\uFFFDme\uFFFD/], xlsxMustNot: [/[\u0001\u0008]/],
    },
  },

  // ------------------------------------------------------------ injection
  {
    id: 'escape-in-value', class: 'injection', decision: 7,
    why: 'an ANSI escape in a bad cost reaches stderr escaped as \\x1b, never raw',
    setup: (c) => { c.write('ansi.csv', cur1(['1', '\u001b[2J\u001b[31mPWNED'])); },
    args: ['inspect', `${D}/ansi.csv`],
    expect: { exit: 1, stderrMust: [/BAD_NUMBER/, /\\x1b\[2J\\x1b\[31mPWNED/], stderrMustNot: [NO_ESC] },
  },
  {
    id: 'newline-in-value', class: 'injection', decision: 7,
    why: 'a quoted line break in a bad cell cannot forge a second issue line on stderr',
    setup: (c) => { c.write('nl.csv', cur1(['1', 'x\nfake.csv:1: INTERNAL forged'])); },
    args: ['inspect', `${D}/nl.csv`],
    expect: { exit: 1, stderrMust: [/x\\nfake\.csv/], stderrMustNot: [/^fake\.csv/m, NO_ESC] },
  },
  {
    id: 'bidi-in-value', class: 'injection', decision: 7,
    why: 'a right-to-left override in a bad cell is shown as \\u202e',
    setup: (c) => { c.write('bidi.csv', cur1(['1', '12\u202e05'])); },
    args: ['inspect', `${D}/bidi.csv`],
    expect: { exit: 1, stderrMust: [/12\\u202e05/], stderrMustNot: [/\u202e/] },
  },
  {
    id: 'c1-del-linesep', class: 'injection', decision: 7,
    why: 'DEL, a C1 control (U+0085) and U+2028 in a bad cell are shown escaped',
    setup: (c) => { c.write('c1.csv', cur1(['1', 'a\u007fb\u0085c\u2028d'])); },
    args: ['inspect', `${D}/c1.csv`],
    expect: { exit: 1, stderrMust: [/a\\x7fb\\x85c\\u2028d/], stderrMustNot: [/[\u007f\u0085\u2028]/] },
  },
  {
    id: 'csv-formula', class: 'injection',
    why: 'a customer name that is a spreadsheet formula is written to --format csv as text (prefixed with \')',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', customers('"=HYPERLINK(""http://x"",""y"")",000000000042,,', '@SUM(1),210987654321,,')); },
    args: ['invoice', `${D}/a.csv`, '--customers', `${D}/customers.csv`, '--format', 'csv'],
    expect: { exit: 0, stdoutMust: [/^"'=HYPERLINK\(""http:\/\/x"",""y""\)",2023-11,USD,/m], stdoutMustNot: [/^=/m, /^"=/m] },
  },
  {
    id: 'backslash-kept', class: 'injection', decision: 7,
    why: 'a backslash in a bad cell stays one backslash',
    setup: (c) => { c.write('bs.csv', cur1(['1', 'a\\x1b'])); },
    args: ['inspect', `${D}/bs.csv`],
    expect: { exit: 1, stderrMust: [/"a\\x1b"/], stderrMustNot: [/a\\\\x1b/] },
  },
  {
    id: 'escape-in-zip-entry-name', class: 'injection', decision: 7,
    why: 'a zip entry name holding an escape is shown escaped where it names an issue',
    setup: (c) => { c.write('evil.zip', zip({ 'a\u001b]0;owned\u0007.csv': cur1(['1', 'bad']) })); },
    args: ['inspect', `${D}/evil.zip`],
    expect: { exit: 1, stderrMust: [/BAD_NUMBER/, /\\x1b\]0;owned\\x07/], stderrMustNot: [NO_ESC, /\u0007/], stdoutMust: [/evil\.zip!a\\x1b\]0;owned\\x07\.csv/], stdoutMustNot: [NO_ESC, /\u0007/] },
  },
  {
    id: 'escape-in-table-output', class: 'injection', decision: 7,
    why: 'a customer name holding an escape is escaped in --format table',
    setup: (c) => { c.write('a.csv', GOOD).write('customers.csv', customers('"Acme\u001b[31m",000000000042,,')); },
    args: ['invoice', `${D}/a.csv`, '--customers', `${D}/customers.csv`],
    expect: { exit: 0, stdoutMust: [/Acme\\x1b\[31m/], stdoutMustNot: [NO_ESC] },
  },
  {
    id: 'escape-in-header', class: 'injection', decision: 7,
    why: 'an escape in an unknown header name is escaped in UNKNOWN_FORMAT',
    setup: (c) => { c.write('h.csv', 'Date\u001b[8m,Amount\n2023-11-01,1\n'); },
    args: ['inspect', `${D}/h.csv`],
    expect: { exit: 1, stderrMust: [/UNKNOWN_FORMAT/, /Date\\x1b\[8m/], stderrMustNot: [NO_ESC] },
  },

  // ------------------------------------------------------------ usage
  {
    id: 'unknown-flag', class: 'usage',
    why: 'an unknown flag is a usage error, exit 2',
    setup: good(),
    args: ['invoice', `${D}/a.csv`, '--frobnicate'],
    expect: { exit: 2, stderrMust: [/frobnicate/, /usage: rerate invoice/] },
  },
  {
    id: 'unknown-flag-inspect', class: 'usage',
    why: 'inspect refuses an unknown flag too',
    setup: good(),
    args: ['inspect', `${D}/a.csv`, '--out', 'x'],
    expect: { exit: 2, stderrMust: [/usage: rerate inspect/] },
  },
  {
    id: 'no-files', class: 'usage',
    why: 'invoice with no billing file is a usage error',
    setup: () => {},
    args: ['invoice'],
    expect: { exit: 2, stderrMust: [/name at least one billing file/] },
  },
  {
    id: 'bad-format', class: 'usage',
    why: '--format pdf is a usage error naming the choices',
    setup: good(),
    args: ['invoice', `${D}/a.csv`, '--format', 'pdf'],
    expect: { exit: 2, stderrMust: [/"pdf" is not one of json, csv, table, xlsx/] },
  },
  {
    id: 'bad-rounding', class: 'usage',
    why: '--rounding sideways is a usage error',
    setup: good(),
    args: ['invoice', `${D}/a.csv`, '--rounding', 'sideways'],
    expect: { exit: 2, stderrMust: [/--rounding/] },
  },
  {
    id: 'unknown-command', class: 'usage',
    why: 'an unknown command is exit 2 with the list of commands',
    setup: () => {},
    args: ['frobnicate'],
    expect: { exit: 2, stderrMust: [/unknown command "frobnicate"/, /commands:/] },
  },
  {
    id: 'inspect-precision', class: 'numbers', decision: 13,
    why: 'inspect --format json prints control figures with at least 10 decimals, as invoice does',
    setup: good(),
    args: inspect(`${D}/a.csv`),
    expect: { exit: 0, stdoutMust: [/"unblendedRead": "3\.5000000000"/] },
  },
];

/** Every class the corpus covers, for the coverage test. */
export function classesCovered(): Set<CaseClass> {
  return new Set(CASES.map((c) => c.class));
}

