import { ISSUE_CODES, type Issue, type IssueCode, type IssueLog, type Severity } from '../../engine/issues';
import { BILLING_FORMATS, type BillingFormat } from '../../engine/line';
import { isChargeKind } from '../../engine/kinds';
import { isPeriod } from '../../engine/periods';
import { basisField } from '../../engine/basis';
import { DecimalTotal } from '../../engine/money';
import { isDecimalForm } from '../../engine/money/parse';
import { GROUP_KEY_FIELDS } from '../../engine/groups/groupKey';
import {
  BAD_JSON_REASON, GROUP_MEASURE_COLUMNS, GROUPS_FORMAT, GROUPS_RECORD_COLUMN, groupKeyColumn, NOTE_REASONS, UNKNOWN_KIND_REASON,
} from '../../engine/groups/groupsTable';
import type { PricingGroup } from '../../engine/groups/pricingGroup';
import { ColumnPicker } from '../columns';
import { ControlTally, sameAmount, type FileControl } from '../fileControl';
import { shortened } from '../mapper';

/** Columns a groups table cannot do without; every other column may be absent (see README). */
const REQUIRED = [GROUPS_RECORD_COLUMN, 'source', 'format', 'period', 'kind', 'currency', GROUP_MEASURE_COLUMNS.lines, GROUP_MEASURE_COLUMNS.unblended];

/** Longest sum text accepted: sums of bounded values stay far below it. */
const MAX_SUM_LENGTH = 400;

/** One source table of a groups file: its control figures as the groups and control rows give them. */
interface SourceTally {
  tally: ControlTally;
  /** A control row with a blank reason gave rows read and Σ unblended read. */
  hasReadRow: boolean;
  /** Σ unblended of the non-total groups, the read figure when no control row gives one. */
  grouped: DecimalTotal;
  /** Rows read with a warning (NOTE_REASONS), by reason. */
  notes: Map<string, number>;
}

/**
 * Reads a groups table (`rerate-groups`, src/formats/groups/README.md): each group row becomes a
 * PricingGroup handed to `onGroup`, each issue row an issue of this read, and the control rows with
 * the groups give one FileControl per source table named in the file — so `rerate invoice
 * groups.csv` prints the controls and issues of the run that read the billing files themselves.
 *
 * Worked example: the rows `group,cur.csv,cur1,AWS,…,usage,AmazonS3,…,2,0.005,…` and
 * `control,cur.csv,cur1,…,,3,0.006` (reason blank: 3 rows read, Σ 0.006) and
 * `control,cur.csv,cur1,…,BAD_NUMBER,1,0.001` give one group of 2 lines and the FileControl of
 * cur.csv: rowsRead 3, rowsSkipped 1 (BAD_NUMBER), unblendedRead 0.006, accounted 0.005 + 0.001.
 */
export class GroupsReader {
  readonly format = GROUPS_FORMAT;
  private picker: ColumnPicker | null = null;
  private readonly positions = new Map<string, number>();
  private readonly sources = new Map<string, SourceTally>();
  private missing = false;
  private issueCount = 0;
  private refusedLines = false;
  /** Sources with issue rows: their skipped rows are explained by them (`rerate groups` wrote the file). */
  private readonly carriedSources = new Set<string>();

  constructor(
    /** The groups file (or zip entry) as issues name it. */
    private readonly file: string,
    private readonly issues: IssueLog,
    private readonly onGroup: ((group: PricingGroup) => void) | null,
    /** The caller wants billing lines (`rerate lines`): a groups table has none to give. */
    private readonly wantsLines: boolean,
  ) {}

  header(names: string[], line: number): number[] {
    const picker = new ColumnPicker(names);
    this.picker = picker;
    const absent = REQUIRED.filter((name) => !picker.has(name));
    if (absent.length > 0) {
      this.missing = true;
      this.issues.add({
        code: 'MISSING_COLUMN',
        severity: 'error',
        message: `${this.file} (header at line ${line}) is a ${GROUPS_FORMAT} table without the column${absent.length === 1 ? '' : 's'} ${absent.join(', ')}; every row of it is skipped.`,
        source: { file: this.file, line, column: absent.join(', ') },
      });
      return [];
    }
    const columns = [
      GROUPS_RECORD_COLUMN, 'source', ...GROUP_KEY_FIELDS.map(groupKeyColumn), ...Object.values(GROUP_MEASURE_COLUMNS),
      'first_line', 'first_lines', 'reason', 'severity', 'message', 'column_name',
    ];
    for (const column of columns) this.positions.set(column, picker.pick(column));
    if (this.wantsLines && this.onGroup === null) {
      this.refusedLines = true;
      this.issues.add({
        code: 'UNKNOWN_FORMAT',
        severity: 'error',
        message: `${this.file} is a ${GROUPS_FORMAT} table (pricing groups, not billing lines); rerate invoice, reconcile and inspect read it, this command cannot.`,
        source: { file: this.file, line },
      });
    }
    return picker.wanted;
  }

  /** True when the header is unusable: the caller counts the row as skipped. */
  get skipsRows(): boolean {
    return this.missing;
  }

  row(fields: string[], line: number): void {
    const record = this.cell(fields, GROUPS_RECORD_COLUMN) ?? '';
    if (record === 'group') this.groupRow(fields, line);
    else if (record === 'control') this.controlRow(fields, line);
    else if (record === 'issue') this.issueRow(fields, line);
    else this.bad(line, GROUPS_RECORD_COLUMN, record, 'group, control or issue');
  }

  /** One FileControl per source named in the file, in order of first mention. */
  finish(): FileControl[] {
    const controls: FileControl[] = [];
    for (const [source, s] of this.sources) {
      if (!s.hasReadRow) {
        s.tally.rowsRead = s.tally.linesEmitted;
        s.tally.addRead(s.grouped.toText());
      }
      const control = s.tally.finish();
      if (!this.carriedSources.has(source)) {
        this.reportSkipped(source, control);
        this.reportNotes(source, s.notes);
      }
      if (!sameAmount(control.unblendedRead, control.unblendedAccounted)) {
        this.issues.add({
          code: 'CONTROL_TOTAL_MISMATCH',
          severity: 'error',
          message: `The control rows of ${this.file} say ${control.unblendedRead} of unblended cost was read from ${source}, but its groups and skipped rows account for ${control.unblendedAccounted}.`,
          source: { file: this.file, line: 1 },
        });
      }
      controls.push(control);
    }
    return controls;
  }

  private groupRow(fields: string[], line: number): void {
    const source = this.cell(fields, 'source');
    if (source === null) return this.bad(line, 'source', '', 'the name of the billing file the group came from');
    const key: Record<string, string | null> = {};
    for (const field of GROUP_KEY_FIELDS) key[field] = this.cell(fields, groupKeyColumn(field));
    const format = key.format ?? '';
    if (!(BILLING_FORMATS as readonly string[]).includes(format)) return this.bad(line, 'format', format, `one of ${BILLING_FORMATS.join(', ')}`);
    const kind = key.kind ?? '';
    if (!isChargeKind(kind)) return this.bad(line, 'kind', kind, 'a charge kind of ENGINE.md §2');
    const period = key.period ?? '';
    if (!isPeriod(period)) return this.bad(line, 'period', period, 'a billing period YYYY-MM');
    if (key.currency === null) return this.bad(line, 'currency', '', 'a currency code');

    const lines = this.count(fields, line, GROUP_MEASURE_COLUMNS.lines, false);
    const unblended = this.sum(fields, line, GROUP_MEASURE_COLUMNS.unblended, false);
    const usage = this.sum(fields, line, GROUP_MEASURE_COLUMNS.usage, true);
    if (lines === null || unblended === null || usage === null) return;
    // A basis column absent or blank: the source lacked the figure — §3's table, unblended standing in.
    const basis = (sumColumn: string, missingColumn: string, figure: 'amortized' | 'list' | 'blended'): [string, number] | null => {
      const sum = this.sum(fields, line, sumColumn, true);
      if (sum === null) return null;
      const field = figure === 'blended' ? 'blendedCost' : basisField(kind, figure);
      if (this.cell(fields, sumColumn) === null) {
        if (field === 'zero') return ['0', 0];
        return field === 'unblendedCost' ? [unblended, 0] : [unblended, lines];
      }
      const missingCount = this.count(fields, line, missingColumn, true);
      return missingCount === null ? null : [sum, missingCount];
    };
    const blended = basis(GROUP_MEASURE_COLUMNS.blended, GROUP_MEASURE_COLUMNS.blendedMissing, 'blended');
    const amortized = basis(GROUP_MEASURE_COLUMNS.amortized, GROUP_MEASURE_COLUMNS.amortizedMissing, 'amortized');
    const list = basis(GROUP_MEASURE_COLUMNS.list, GROUP_MEASURE_COLUMNS.listMissing, 'list');
    const firstLine = this.count(fields, line, 'first_line', true);
    const firstLinesText = this.cell(fields, 'first_lines') ?? '';
    const firstLines = firstLinesText === '' ? [] : firstLinesText.split(' ').map(Number);
    if (firstLines.some((n) => !Number.isSafeInteger(n) || n < 1)) return this.bad(line, 'first_lines', firstLinesText, 'line numbers separated by spaces');
    if (blended === null || amortized === null || list === null || firstLine === null) return;

    const group = {
      ...(key as unknown as PricingGroup),
      source: { file: source, line: firstLine },
      lines, unblended, blended: blended[0], blendedMissing: blended[1], amortized: amortized[0], amortizedMissing: amortized[1],
      list: list[0], listMissing: list[1], usage, firstLines: firstLines.sort((a, b) => a - b),
    } satisfies PricingGroup;
    group.format = format as BillingFormat;
    group.kind = kind;
    const s = this.sourceTally(source, group.format);
    s.tally.countLines(lines, kind, unblended, period, group.payerAccount, group.account, group.provider);
    if (kind !== 'total') s.grouped.add(unblended);
    if (!this.refusedLines) this.onGroup?.(group);
  }

  private controlRow(fields: string[], line: number): void {
    const source = this.cell(fields, 'source');
    if (source === null) return this.bad(line, 'source', '', 'the name of the billing file the control row counts');
    const format = this.cell(fields, 'format');
    if (format !== null && !(BILLING_FORMATS as readonly string[]).includes(format)) return this.bad(line, 'format', format, `one of ${BILLING_FORMATS.join(', ')}`);
    const rows = this.count(fields, line, GROUP_MEASURE_COLUMNS.lines, false);
    const cost = this.sum(fields, line, GROUP_MEASURE_COLUMNS.unblended, true);
    if (rows === null || cost === null) return;
    const costText = this.cell(fields, GROUP_MEASURE_COLUMNS.unblended);
    const s = this.sourceTally(source, format as BillingFormat | null);
    const reason = this.cell(fields, 'reason');
    if (reason !== null && NOTE_REASONS.includes(reason)) {
      s.notes.set(reason, (s.notes.get(reason) ?? 0) + rows);
    } else if (reason === null) {
      s.hasReadRow = true;
      s.tally.rowsRead += rows;
      s.tally.addRead(costText);
    } else {
      s.tally.skipRows(reason, rows, costText);
    }
  }

  private issueRow(fields: string[], line: number): void {
    const code = this.cell(fields, 'reason') ?? '';
    if (!(ISSUE_CODES as readonly string[]).includes(code)) return this.bad(line, 'reason', code, 'an issue code');
    const severity = this.cell(fields, 'severity') ?? '';
    if (severity !== 'error' && severity !== 'warning' && severity !== 'info') return this.bad(line, 'severity', severity, 'error, warning or info');
    const count = this.count(fields, line, GROUP_MEASURE_COLUMNS.lines, true);
    const at = this.count(fields, line, 'first_line', true);
    if (count === null || at === null) return;
    const file = this.cell(fields, 'source');
    const column = this.cell(fields, 'column_name');
    const issue: Issue = { code: code as IssueCode, severity: severity as Severity, message: this.cell(fields, 'message') ?? '' };
    if (file !== null) issue.source = column === null ? { file, line: at } : { file, line: at, column };
    if (count > 0) issue.count = count;
    // Carried as written: never folded with another issue of the same text.
    this.issueCount += 1;
    this.issues.add(issue, `${GROUPS_FORMAT}\u0000${this.file}\u0000${this.issueCount}`);
    if (file !== null) this.carriedSources.add(file);
  }

  private sourceTally(source: string, format: BillingFormat | null): SourceTally {
    let s = this.sources.get(source);
    if (s === undefined) {
      s = { tally: new ControlTally(source), hasReadRow: false, grouped: new DecimalTotal(), notes: new Map() };
      this.sources.set(source, s);
    }
    if (s.tally.format === null && format !== null) s.tally.format = format;
    return s;
  }

  /** Skipped rows a groups file counts without issue rows (an SQL engine wrote it): one issue per reason. */
  private reportSkipped(source: string, control: FileControl): void {
    for (const [reason, rows] of Object.entries(control.skippedByReason)) {
      const code: IssueCode = (ISSUE_CODES as readonly string[]).includes(reason) ? (reason as IssueCode) : 'SKIPPED_ROW';
      const cost = control.skippedCostByReason?.[reason];
      this.issues.add({
        code,
        severity: code === 'SKIPPED_ROW' ? 'warning' : 'error',
        message: `${rows} row${rows === 1 ? '' : 's'} of ${source} ${rows === 1 ? 'was' : 'were'} skipped by the query that wrote ${this.file} (${reason})${cost === undefined ? '' : `; their unblended cost ${cost} is accounted as skipped`}.`,
        source: { file: source, line: 1 },
        count: rows,
      });
    }
  }

  /** Rows an SQL engine read with a warning: one BAD_VALUE warning per reason, as the reader gives them. */
  private reportNotes(source: string, notes: Map<string, number>): void {
    for (const [reason, rows] of notes) {
      const what = reason === UNKNOWN_KIND_REASON
        ? 'a line item type or charge category FORMATS.md does not map; they are read as fees'
        : reason === BAD_JSON_REASON ? 'a product or tags cell that is not a JSON object; it is ignored'
          : 'an account id that is not 12 digits; they are billed under the id as written';
      this.issues.add({
        code: 'BAD_VALUE',
        severity: 'warning',
        message: `${rows} row${rows === 1 ? '' : 's'} of ${source} (counted by the query that wrote ${this.file}) ${rows === 1 ? 'has' : 'have'} ${what}.`,
        source: { file: source, line: 1 },
        count: rows,
      });
    }
  }

  private cell(fields: string[], column: string): string | null {
    const position = this.positions.get(column) ?? -1;
    if (position < 0) return null;
    const text = fields[position];
    return text.length === 0 ? null : text;
  }

  /** A count cell: a non-negative integer; blank is 0 when `optional`. Null (and an issue) when bad. */
  private count(fields: string[], line: number, column: string, optional: boolean): number | null {
    const text = this.cell(fields, column);
    if (text === null) {
      if (optional) return 0;
      this.bad(line, column, '', 'a count');
      return null;
    }
    const n = /^\d{1,15}$/.test(text) ? Number(text) : NaN;
    if (Number.isNaN(n)) {
      this.bad(line, column, text, 'a count (digits only)');
      return null;
    }
    return n;
  }

  /** A sum cell: an exact decimal; blank is `0` when `optional`. Null (and an issue) when bad. */
  private sum(fields: string[], line: number, column: string, optional: boolean): string | null {
    const text = this.cell(fields, column);
    if (text === null) {
      if (optional) return '0';
      this.bad(line, column, '', 'an exact decimal sum');
      return null;
    }
    if (text.length > MAX_SUM_LENGTH || !isDecimalForm(text)) {
      this.bad(line, column, text, 'an exact decimal sum');
      return null;
    }
    return text;
  }

  private bad(line: number, column: string, text: string, wanted: string): void {
    this.issues.add(
      {
        code: 'BAD_VALUE',
        severity: 'error',
        message: `Line ${line} of ${this.file} has "${shortened(text)}" in ${column}; a ${GROUPS_FORMAT} table needs ${wanted} there, so the row is skipped.`,
        source: { file: this.file, line, column },
      },
      `BAD_VALUE\u0000${GROUPS_FORMAT}\u0000${this.file}\u0000${column}`,
    );
  }
}
