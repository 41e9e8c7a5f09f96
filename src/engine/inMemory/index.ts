export { configFromTables } from './configFromTables';
export type { ConfigTables } from './configFromTables';
export { rateLines, rateLine, createLineRater, invoiceLines } from './rateLines';
export type { RatedLine, RateLinesOptions } from './rateLines';
export { readScaled, multiplyScaled, scaledText, powerOfTen, MAX_SCALE } from './scaledDecimal';
export type { ScaledDecimal } from './scaledDecimal';
