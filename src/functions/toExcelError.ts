import { RerateError, type IssueCode } from '../engine/issues';
import { isErrorCell } from '../engine/tableRowsFromCells';

/** The Excel errors a DBR function can return, by what went wrong. */
export type ExcelErrorKind = 'bad-input' | 'missing-lookup' | 'number-domain';

/**
 * The one table from engine errors to Excel errors (STYLE.md "Errors"): a missing look-up is
 * `#N/A`; everything else an argument can get wrong is `#VALUE!`. Numeric domain errors (a zero
 * divisor, a non-finite number) arrive as `RangeError` and become `#NUM!`.
 */
const MISSING_LOOKUPS: ReadonlySet<IssueCode> = new Set<IssueCode>([
  'FX_RATE_MISSING', 'UNKNOWN_PLAN', 'UNKNOWN_INSTANCE_SIZE', 'NO_RULE', 'UNMAPPED_ACCOUNT', 'SUPPORT_WITHOUT_PLAN',
]);

export function excelErrorKind(error: unknown): ExcelErrorKind {
  if (error instanceof RerateError) return MISSING_LOOKUPS.has(error.code) ? 'missing-lookup' : 'bad-input';
  if (error instanceof RangeError) return 'number-domain';
  return 'bad-input';
}

function errorCode(kind: ExcelErrorKind): CustomFunctions.ErrorCode {
  switch (kind) {
    case 'missing-lookup':
      return CustomFunctions.ErrorCode.notAvailable;
    case 'number-domain':
      return CustomFunctions.ErrorCode.invalidNumber;
    default:
      return CustomFunctions.ErrorCode.invalidValue;
  }
}

/** Any thrown value as the Excel error to show, keeping its message; an Excel error passes through. */
export function toExcelError(error: unknown): CustomFunctions.Error {
  if (isExcelError(error)) return error;
  const message = error instanceof Error ? error.message : String(error);
  return new CustomFunctions.Error(errorCode(excelErrorKind(error)), message);
}

/** True for an Excel error value (`CustomFunctions.Error`), also one Excel passed in from a cell. */
export function isExcelError(value: unknown): value is CustomFunctions.Error {
  return isErrorCell(value);
}
