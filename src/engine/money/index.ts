export { Decimal, ZERO, ONE, isDecimal } from './decimal';
export { parseDecimal, tryParseDecimal, isDecimalText, decimalFromNumber } from './parse';
export { formatDecimal, formatGrouped } from './format';
export { minorUnits, isCurrencyCode } from './currencies';
export { roundDecimal, roundMoney, isRoundingMode, ROUNDING_MODES } from './round';
export type { RoundingMode } from './round';
export { allocate } from './allocate';
export { ExactSum, scaledFromText } from './exactSum';
export { DecimalTotal, scanDecimal } from './decimalTotal';
