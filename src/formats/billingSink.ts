import type { Issue, IssueLog } from '../engine/issues';
import type { BillingFormat, BillingLine } from '../engine/line';
import { CurMapper, curPlan } from './cur/curMapper';
import { DbrMapper } from './dbr/dbrMapper';
import { DbrMonthlyMapper } from './dbrMonthly/dbrMonthlyMapper';
import { checkColumns, describeColumns, FILE_NAME_PERIOD, type ColumnRules } from './columns';
import { CUR1_COLUMN_RULES, CUR2_COLUMN_RULES } from './cur/curColumns';
import { periodFromFileName } from './dates';
import { DBR_COLUMN_RULES } from './dbr/dbrMapper';
import { DBR_MONTHLY_COLUMN_RULES } from './dbrMonthly/dbrMonthlyMapper';
import { detectFormat, isGroupsHeader, unknownFormatIssue } from './detect';
import { GroupsReader } from './groups/groupsReader';
import type { PricingGroup } from '../engine/groups/pricingGroup';
import { ControlTally, sameAmount, type FileControl } from './fileControl';
import { FOCUS_COLUMN_RULES, FocusMapper } from './focus/focusMapper';
import { HeaderMemo } from './headerMemo';
import type { FormatMapper, MapperContext } from './mapper';
import type { RecordSink } from './records';

/** Each format's required columns and fallbacks, kept beside its mapper. */
const COLUMN_RULES: Record<BillingFormat, ColumnRules> = {
  dbr: DBR_COLUMN_RULES,
  'dbr-monthly': DBR_MONTHLY_COLUMN_RULES,
  cur1: CUR1_COLUMN_RULES,
  cur2: CUR2_COLUMN_RULES,
  focus: FOCUS_COLUMN_RULES,
};

/**
 * The RecordSink of one billing table: detects the format from the header, hands each record to
 * that format's mapper, and counts everything for the table's FileControl. Rows of a table whose
 * format is unknown are counted and skipped (`UNKNOWN_FORMAT`, reported once).
 */
export class BillingSink implements RecordSink {
  readonly tally: ControlTally;
  private mapper: FormatMapper | null = null;
  private headerLine = 1;
  /** Set when the detected format lacks a required column: every row is skipped. */
  private missingColumns: { format: BillingFormat } | null = null;
  private readonly context: MapperContext;
  /** Set when the table is a groups table (formats/groups): its rows go there. */
  private groups: GroupsReader | null = null;

  constructor(
    readonly file: string,
    onLine: ((line: BillingLine) => void) | null,
    private readonly issues: IssueLog,
    pricingFieldsOnly = false,
    /** True for a part read from the middle of a file: header issues are the first part's to report. */
    private readonly resumed = false,
    /** Shared by the tables of one read: a header like the previous table's reuses its work. */
    private readonly memo: HeaderMemo = new HeaderMemo(),
    /** ReadOptions.onGroup: who takes a groups table's pricing groups. */
    private readonly onGroup: ((group: PricingGroup) => void) | null = null,
  ) {
    const tally = new ControlTally(file);
    this.tally = tally;
    this.context = {
      file,
      tally,
      issues,
      emit:
        onLine === null
          ? (line) => tally.count(line)
          : (line) => {
              tally.count(line);
              onLine(line);
            },
      wantsLines: onLine !== null,
      pricingFieldsOnly,
    };
  }

  get format(): BillingFormat | null {
    return this.mapper?.format ?? this.missingColumns?.format ?? null;
  }

  header(names: string[], line: number): number[] {
    this.headerLine = line;
    if (isGroupsHeader(names)) {
      this.groups = new GroupsReader(this.file, this.issues, this.onGroup, this.context.wantsLines);
      return this.groups.header(names, line);
    }
    const memo = this.memo;
    memo.use(names);
    const format = memo.get('format', () => detectFormat(names));
    this.tally.format = format;
    if (format !== null && !this.columnsAreThere(format, names, line)) return [];
    switch (format) {
      case 'dbr':
        this.mapper = new DbrMapper(this.context, names);
        break;
      case 'dbr-monthly':
        this.mapper = new DbrMonthlyMapper(this.context, names);
        break;
      case 'cur1':
      case 'cur2':
        this.mapper = new CurMapper(this.context, names, format, memo.get(`plan:${format}`, () => curPlan(this.context, names, format)));
        break;
      case 'focus':
        this.mapper = new FocusMapper(this.context, names);
        break;
      case null:
        this.issues.add(unknownFormatIssue(this.file, names, line));
        return [];
    }
    return this.mapper.wanted;
  }

  row(fields: string[], line: number): void {
    this.tally.rowsRead += 1;
    if (this.groups !== null) {
      if (this.groups.skipsRows) this.tally.skip('MISSING_COLUMN', null);
      else this.groups.row(fields, line);
      return;
    }
    if (this.mapper === null) {
      this.tally.skip(this.missingColumns === null ? 'UNKNOWN_FORMAT' : 'MISSING_COLUMN', null);
      return;
    }
    this.mapper.row(fields, line);
  }

  badRow(line: number, fieldCount: number, expected: number): void {
    this.tally.rowsRead += 1;
    this.tally.skip('BAD_ROW', null);
    this.issues.add(
      {
        code: 'BAD_ROW',
        severity: 'error',
        message: `Line ${line} of ${this.file} has ${fieldCount} fields where the header has ${expected}; the row is skipped.`,
        source: { file: this.file, line },
      },
      `BAD_ROW\u0000${this.file}`,
    );
  }

  /**
   * Checks the header against the format's required columns and fallbacks (columns.ts): a
   * fallback used is a warning; a required column missing is an error and the table's rows are
   * skipped (false), counted under MISSING_COLUMN.
   */
  private columnsAreThere(format: BillingFormat, names: string[], line: number): boolean {
    const fileNamePeriod = periodFromFileName(this.file);
    const hasPeriod = fileNamePeriod !== null;
    const check = this.memo.get(`columns:${format}:${hasPeriod}`, () => checkColumns(COLUMN_RULES[format], names, hasPeriod));
    const where = `${this.file} (header at line ${line}) has no column`;
    // The part of a file read from its middle (`ReadOptions.resumeAtLine`) repeats the header: the
    // first part reports what the header lacks.
    const report = (issue: Issue): void => {
      if (!this.resumed) this.issues.add(issue);
    };
    for (const { column, used } of check.fallbacks) {
      const instead = used === FILE_NAME_PERIOD ? `the file name's YYYY-MM (${fileNamePeriod ?? ''})` : used;
      report({
        code: 'MISSING_COLUMN',
        severity: 'warning',
        message: `${where} ${column}; ${instead} is used instead.`,
        source: { file: this.file, line, column },
      });
    }
    if (check.missing.length === 0) return true;
    const missing = check.missing.map(describeColumns).join(', ');
    this.missingColumns = { format };
    report({
      code: 'MISSING_COLUMN',
      severity: 'error',
      message: `${where} ${missing}, which the ${format} format needs; every row of it is skipped.`,
      source: { file: this.file, line, column: missing },
    });
    return false;
  }

  /**
   * The control totals of what the table holds: its own for a billing table; for a groups table one
   * per source table it names (or its own when its rows could not be read).
   */
  finishAll(): FileControl[] {
    if (this.groups === null) return [this.finish()];
    const controls = this.groups.finish();
    return controls.length > 0 && !this.groups.skipsRows ? controls : [...controls, this.finish()];
  }

  /** The table's control totals, after the last record; mismatches become issues. */
  finish(): FileControl {
    if (this.mapper !== null) this.tally.checks = this.mapper.finish();
    const control = this.tally.finish();
    if (!sameAmount(control.unblendedRead, control.unblendedAccounted)) {
      this.issues.add({
        code: 'CONTROL_TOTAL_MISMATCH',
        severity: 'error',
        message:
          `The unblended cost read from ${this.file} is ${control.unblendedRead}, but the lines and skipped rows ` +
          `account for ${control.unblendedAccounted}.`,
        source: { file: this.file, line: this.headerLine },
      });
    }
    return control;
  }
}
