import { isCurrencyCode, isDecimalText, parseDecimal } from '../money';
import type { WithIssues } from '../issues';
import { cell, shownCell, type TableRows } from '../table';
import { requireColumns } from '../requireColumns';
import { FX_RATES_COLUMNS } from '../workbookLayout';
import { isPeriod } from '../periods';
import { fxKey, type FxTable } from './fxTable';

const COLUMNS = FX_RATES_COLUMNS;

/**
 * Reads an FX table `Period, From, To, Rate` (units of To per one From). Period blank = every
 * period without its own rate. A rate must be a positive number; the same period and pair given
 * twice with different rates is an error (the first is kept). Bad rows are BAD_VALUE errors
 * naming the row.
 */
export function loadFxRates(table: TableRows): WithIssues<FxTable> {
  const { columns, issues } = requireColumns(table, COLUMNS, ['From', 'To', 'Rate'], 'an FX table');
  const result: FxTable = { source: table.source, rates: new Map() };
  if (issues.length > 0) return { result, issues };
  const firstLine = new Map<string, number>();
  for (const row of table.rows) {
    const period = cell(row, columns.Period);
    const from = cell(row, columns.From).toUpperCase();
    const to = cell(row, columns.To).toUpperCase();
    const rateText = cell(row, columns.Rate);
    if (period === '' && from === '' && to === '' && rateText === '') continue;
    const where = `${table.source} line ${row.line}`;
    const bad = (column: string, message: string) =>
      issues.push({ code: 'BAD_VALUE', severity: 'error', message, source: { file: table.source, line: row.line, column } });
    const before = issues.length;
    if (period !== '' && !isPeriod(period)) bad('Period', `FX Period "${period}" in ${where} is not a billing period YYYY-MM.`);
    if (!isCurrencyCode(from)) bad('From', `FX currency From "${cell(row, columns.From)}" in ${where} is not a three-letter ISO 4217 code.`);
    if (!isCurrencyCode(to)) bad('To', `FX currency To "${cell(row, columns.To)}" in ${where} is not a three-letter ISO 4217 code.`);
    const rate = isDecimalText(rateText) ? parseDecimal(rateText) : null;
    if (rate === null || !rate.gt(0)) bad('Rate', `FX Rate "${shownCell(rateText)}" in ${where} is not a positive number.`);
    if (issues.length > before || rate === null) continue;
    const key = fxKey(period, from, to);
    const known = result.rates.get(key);
    if (known !== undefined) {
      if (!known.eq(rate)) bad('Rate', `FX rate ${from}→${to}${period ? ` for ${period}` : ''} is ${rateText} in ${where} but ${known.toFixed()} on line ${firstLine.get(key)}; the first is kept.`);
      continue;
    }
    result.rates.set(key, rate);
    firstLine.set(key, row.line);
  }
  return { result, issues };
}
