import { accountFromArn } from './accountFromArn';
import type { IssueLog, IssueCode, Severity } from '../engine/issues';
import type { BillingFormat, BillingLine } from '../engine/line';
import type { ControlTally, ControlCheck } from './fileControl';
import { isNullText } from './numbers';
// Straight from its module: it runs for every numeric cell, and a re-export adds a getter call.
import { scanDecimal } from '../engine/money/decimalTotal';
import { isDecimalBeyondBounds, MAX_EXPONENT, MAX_ORDER, MAX_SIGNIFICANT_DIGITS } from '../engine/money/parse';

/** True for an AWS account id as AWS writes it: exactly 12 ASCII digits, leading zeros kept. */
export function isAccountId(text: string): boolean {
  if (text.length !== 12) return false;
  for (let i = 0; i < 12; i += 1) {
    const c = text.charCodeAt(i);
    if (c < 48 || c > 57) return false;
  }
  return true;
}

/** A cell's text as an issue message quotes it: at most 40 characters, then `…`. */
export function shortened(text: string): string {
  return text.length > 40 ? `${text.slice(0, 40)}…` : text;
}

/** What a format mapper needs from the read around it. */
export interface MapperContext {
  /** The table's name, as lines and issues cite it (`file.csv`, `archive.zip!inner.csv`). */
  file: string;
  tally: ControlTally;
  issues: IssueLog;
  /** Hands a line to the caller and counts it. */
  emit(line: BillingLine): void;
  /**
   * False when nobody takes the lines (`rerate inspect`): a mapper may then count a row's parts
   * with `tally.countParts` instead of building its BillingLine. Validation and issues stay the same.
   */
  wantsLines: boolean;
  /** `ReadOptions.pricingFieldsOnly`: descriptive fields may be left null. */
  pricingFieldsOnly: boolean;
}

/** Maps one billing table's records to BillingLines; made by readBilling once the header is known. */
export interface FormatMapper {
  readonly format: BillingFormat;
  /** The column indexes the reader must deliver (RecordSink.header). */
  readonly wanted: number[];
  /** One data record (RecordSink.row). Counting rowsRead is the caller's job. */
  row(fields: string[], line: number): void;
  /** Called after the last record: the control checks the format defines (DBR). */
  finish(): ControlCheck[];
}

/**
 * Shared per-row reading: text cells (blank → null), numeric cells (validated without a regex;
 * blank or `NULL` → null), and the first bad value of the row, so the row can be skipped as a
 * whole with one issue naming the column, the line and the text.
 */
export abstract class MapperBase {
  /** The first bad cell of the current row: its column, text and issue code; null when none. */
  protected badColumn: string | null = null;
  protected badText = '';
  protected badCode: IssueCode = 'BAD_NUMBER';
  /** Whether the last `number` call met a cell that is not a number. */
  protected lastNumberBad = false;

  private lastArn = '';
  private lastOwner: string | null = null;
  private lastCurrencyText = 'USD';
  private lastCurrency = 'USD';
  /** Per account column (slot): the last id checked and whether it was damaged. */
  private readonly lastIds = ['', '', ''];
  private readonly lastIdDamaged = [false, false, false];

  constructor(protected readonly context: MapperContext) {}

  /** The commitment owner in an ARN; the last ARN is remembered because rows of one commitment come together. */
  protected ownerOf(arn: string | null): string | null {
    if (arn === null) return null;
    if (arn !== this.lastArn) {
      this.lastArn = arn;
      this.lastOwner = accountFromArn(arn);
    }
    return this.lastOwner;
  }

  /**
   * A line's currency code, upper case (`usd` → `USD`, ISO 4217 codes are case-insensitive);
   * `USD` when the cell is blank or the column absent. Rows repeat one code: the last is remembered.
   */
  protected currencyOf(text: string | null): string {
    if (text === null) return 'USD';
    if (text !== this.lastCurrencyText) {
      this.lastCurrencyText = text;
      this.lastCurrency = text.trim().toUpperCase();
    }
    return this.lastCurrency;
  }

  /**
   * Warns (`BAD_VALUE`, folded per file and column, counting rows) when an AWS account id is not
   * 12 digits: `3.57E+11` or `12345678901` (a spreadsheet made it a number), 9 digits, letters.
   * The line is still billed under the id as written. Rows repeat their accounts, so only an id
   * that differs from the previous row's in the same column (`slot` 0–2) is examined.
   */
  protected checkAccountId(text: string | null, slot: number, column: string, line: number): void {
    if (text === null) return;
    if (text === this.lastIds[slot]) {
      if (this.lastIdDamaged[slot]) this.reportDamagedId(text, column, line);
      return;
    }
    this.lastIds[slot] = text;
    const damaged = !isAccountId(text);
    this.lastIdDamaged[slot] = damaged;
    if (damaged) this.reportDamagedId(text, column, line);
  }

  private reportDamagedId(text: string, column: string, line: number): void {
    this.report(
      'BAD_VALUE',
      'warning',
      `Account id "${shortened(text)}" in column ${column} at line ${line} of ${this.context.file} is not 12 digits ` +
        '(a spreadsheet may have turned it into a number); the line is billed under the id as written.',
      line,
      column,
      `account id\u0000${column}`,
    );
  }

  /** Start of a row: forget the previous row's bad cell. */
  protected startRow(): void {
    this.badColumn = null;
  }

  /** The cell's text, or null when the column is absent or the cell blank. */
  protected text(fields: string[], position: number): string | null {
    if (position < 0) return null;
    const value = fields[position];
    return value.length === 0 ? null : value;
  }

  /** Like `text`, but the literal `NULL` is null too (FOCUS). */
  protected textOrNull(fields: string[], position: number): string | null {
    if (position < 0) return null;
    const value = fields[position];
    return isNullText(value) ? null : value;
  }

  /**
   * A numeric cell as validated decimal text; null when absent, blank or `NULL`. Anything else is
   * remembered as the row's bad cell (the row is then skipped) and read as null.
   */
  protected number(fields: string[], position: number, column: string): string | null {
    this.lastNumberBad = false;
    if (position < 0) return null;
    const value = fields[position];
    if (value.length === 0) return null;
    if (scanDecimal(value)) return value;
    if (isNullText(value)) return null;
    const trimmed = value.trim();
    if (trimmed !== value) {
      if (trimmed.length === 0) return null;
      if (scanDecimal(trimmed)) return trimmed;
    }
    this.lastNumberBad = true;
    this.markBad(column, value, 'BAD_NUMBER');
    return null;
  }

  protected markBad(column: string, text: string, code: IssueCode): void {
    if (this.badColumn !== null) return;
    this.badColumn = column;
    this.badText = text;
    this.badCode = code;
  }

  /** True when the current row has a bad cell. */
  protected get rowIsBad(): boolean {
    return this.badColumn !== null;
  }

  /**
   * Skips the current row because of its bad cell: one issue (folded per file, column and code),
   * counted under the code; `cost` is the row's unblended cost when it was a number.
   */
  protected skipBadRow(line: number, cost: string | null): void {
    const column = this.badColumn ?? '';
    const what =
      this.badCode === 'BAD_DATE'
        ? 'a date'
        : isDecimalBeyondBounds(this.badText.trim())
          ? `a number the readers accept (at most ${MAX_SIGNIFICANT_DIGITS} significant digits, an exponent within ±${MAX_EXPONENT}, below 10^${MAX_ORDER})`
          : 'a number';
    this.report(
      this.badCode,
      'error',
      `"${shortened(this.badText)}" in column ${column} at line ${line} of ${this.context.file} is not ${what}; the row is skipped.`,
      line,
      column,
    );
    this.context.tally.skip(this.badCode, cost);
  }

  /** Adds an issue folded per file, code and column (`key`), so a million repeats are one issue. */
  protected report(code: IssueCode, severity: Severity, message: string, line: number, column?: string, key?: string): void {
    const source = column === undefined ? { file: this.context.file, line } : { file: this.context.file, line, column };
    this.context.issues.add({ code, severity, message, source }, `${code}\u0000${this.context.file}\u0000${key ?? column ?? ''}`);
  }
}
