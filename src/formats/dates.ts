/**
 * Billing periods (`YYYY-MM`) from the timestamps billing files write, all UTC:
 * `2023-11-01T00:00:00Z`, `2023-11-01T00:00:00.000Z`, `2016-01-01 00:00:00`,
 * `2017/05/01 00:00:00`, and a bare date `2023-11-01`. The period is the timestamp's year and
 * month: no time zone arithmetic is needed because every format writes UTC. Dates and times that
 * do not exist (`2023-02-30`, `2023-13-01`, `T24:00:01`, `T99:99:99Z`) are refused: `BAD_DATE`.
 * Rows repeat their dates, so `PeriodReader` checks each distinct text once.
 */

function isDigit(code: number): boolean {
  return code >= 48 && code <= 57;
}

/** `YYYY-MM` of a billing timestamp, or null when the text is not one of the accepted forms. */
export function periodFromTimestamp(text: string): string | null {
  const length = text.length;
  if (length < 10) return null;
  for (const i of [0, 1, 2, 3, 5, 6, 8, 9]) {
    if (!isDigit(text.charCodeAt(i))) return null;
  }
  const separator = text.charCodeAt(4);
  if ((separator !== 45 /* - */ && separator !== 47 /* / */) || text.charCodeAt(7) !== separator) return null;
  const month = (text.charCodeAt(5) - 48) * 10 + (text.charCodeAt(6) - 48);
  const day = (text.charCodeAt(8) - 48) * 10 + (text.charCodeAt(9) - 48);
  if (month < 1 || month > 12 || day < 1 || day > daysInMonth((text.charCodeAt(0) - 48) * 1000 + (text.charCodeAt(1) - 48) * 100 + (text.charCodeAt(2) - 48) * 10 + (text.charCodeAt(3) - 48), month)) return null;
  if (length > 10 && !isTimeOfDay(text, 10)) return null;
  return separator === 45 ? text.slice(0, 7) : `${text.slice(0, 4)}-${text.slice(5, 7)}`;
}

/** 28–31: the Gregorian calendar's days in a month (2023-02-30 and 2023-04-31 do not exist). */
function daysInMonth(year: number, month: number): number {
  if (month === 2) return year % 4 === 0 && (year % 100 !== 0 || year % 400 === 0) ? 29 : 28;
  return month === 4 || month === 6 || month === 9 || month === 11 ? 30 : 31;
}

/** Largest hour, minute and second of a time of day: `23:59:59` (`T24:00:00` and `T99:99:99` are refused). */
const TIME_LIMITS = [23, 59, 59];

/** `T00:00:00`, ` 00:00:00`, with optional `.sss` fraction and optional `Z`. */
function isTimeOfDay(text: string, start: number): boolean {
  const t = text.charCodeAt(start);
  if (t !== 84 /* T */ && t !== 32 /* space */) return false;
  let i = start + 1;
  for (const part of [0, 1, 2]) {
    if (part > 0) {
      if (text.charCodeAt(i) !== 58 /* : */) return false;
      i += 1;
    }
    const tens = text.charCodeAt(i);
    const units = text.charCodeAt(i + 1);
    if (!isDigit(tens) || !isDigit(units) || (tens - 48) * 10 + (units - 48) > TIME_LIMITS[part]) return false;
    i += 2;
  }
  if (text.charCodeAt(i) === 46 /* . */) {
    i += 1;
    const from = i;
    while (isDigit(text.charCodeAt(i))) i += 1;
    if (i === from) return false;
  }
  if (text.charCodeAt(i) === 90 /* Z */) i += 1;
  return i === text.length;
}

const FILE_NAME_PERIOD = /(?:^|[^0-9])(\d{4})-(\d{2})(?![0-9])/g;

/**
 * The last `YYYY-MM` in a file name (`…-aws-billing-detailed-line-items-2017-05.csv.zip`), for DBR
 * rows without a date; null when the name holds none.
 */
export function periodFromFileName(name: string): string | null {
  let found: string | null = null;
  for (const match of name.matchAll(FILE_NAME_PERIOD)) {
    const month = Number(match[2]);
    if (month >= 1 && month <= 12) found = `${match[1]}-${match[2]}`;
  }
  return found;
}

/**
 * Remembers the last timestamp → period conversion: a CUR repeats the same billing-period start on
 * every row, so the common case is one string comparison.
 */
export class PeriodReader {
  private lastText = '';
  private lastPeriod: string | null = null;

  read(text: string): string | null {
    if (text === this.lastText) return this.lastPeriod;
    const period = periodFromTimestamp(text);
    this.lastText = text;
    this.lastPeriod = period;
    return period;
  }
}
