import type { IssueLog } from '../engine/issues';
import type { BillingFormat, BillingLine } from '../engine/line';
import { CurMapper } from './cur/curMapper';
import { DbrMapper } from './dbr/dbrMapper';
import { DbrMonthlyMapper } from './dbrMonthly/dbrMonthlyMapper';
import { detectFormat, unknownFormatIssue } from './detect';
import { ControlTally, sameAmount, type FileControl } from './fileControl';
import { FocusMapper } from './focus/focusMapper';
import type { FormatMapper, MapperContext } from './mapper';
import type { RecordSink } from './records';

/**
 * The RecordSink of one billing table: detects the format from the header, hands each record to
 * that format's mapper, and counts everything for the table's FileControl. Rows of a table whose
 * format is unknown are counted and skipped (`UNKNOWN_FORMAT`, reported once).
 */
export class BillingSink implements RecordSink {
  readonly tally: ControlTally;
  private mapper: FormatMapper | null = null;
  private headerLine = 1;
  private readonly context: MapperContext;

  constructor(
    readonly file: string,
    onLine: ((line: BillingLine) => void) | null,
    private readonly issues: IssueLog,
    pricingFieldsOnly = false,
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
    return this.mapper?.format ?? null;
  }

  header(names: string[], line: number): number[] {
    this.headerLine = line;
    const format = detectFormat(names);
    this.tally.format = format;
    switch (format) {
      case 'dbr':
        this.mapper = new DbrMapper(this.context, names);
        break;
      case 'dbr-monthly':
        this.mapper = new DbrMonthlyMapper(this.context, names);
        break;
      case 'cur1':
      case 'cur2':
        this.mapper = new CurMapper(this.context, names, format);
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
    if (this.mapper === null) {
      this.tally.skip('UNKNOWN_FORMAT', null);
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
