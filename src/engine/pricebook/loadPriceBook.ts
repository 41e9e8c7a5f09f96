import { ONE } from '../money';
import { isBasis, BASES, type Basis } from '../basis';
import { CHARGEABLE_KINDS, CHARGE_KINDS, type ChargeKind } from '../kinds';
import type { WithIssues } from '../issues';
import { cell, shownCell, type TableRows } from '../table';
import { requireColumns } from '../requireColumns';
import { PRICE_BOOK_COLUMNS } from '../workbookLayout';
import { isPeriod } from '../periods';
import { compileGlob, globMatches, isWildcard } from './glob';
import { MATCH_FIELDS, PRICE_METHODS, type MatchField, type PriceBook, type PriceMethod, type PriceRule } from './priceBook';
import { comparePrecedence, rulePrecedence } from './precedence';
import { parseRuleValue } from './parseRuleValue';
import { findAmbiguousRules } from './findAmbiguousRules';

const COLUMNS = PRICE_BOOK_COLUMNS;
type Column = (typeof COLUMNS)[number];

const FIELD_COLUMN: Record<MatchField, Column> = {
  customer: 'Customer', account: 'Account', productCode: 'ProductCode', usageType: 'UsageType',
  operation: 'Operation', region: 'Region', chargeKind: 'ChargeKind', billingEntity: 'BillingEntity',
};

/** Kinds a rule can price: `rounding` and `total` lines are never rated. */
const RATED_KINDS: readonly ChargeKind[] = CHARGE_KINDS.filter((k) => k !== 'rounding' && k !== 'total');

/**
 * Reads and validates a price book (ENGINE.md §5). A rule with an unknown method, basis or kind, a
 * margin ≥ 1, a missing or non-numeric value where the method needs one, or ValidFrom after
 * ValidTo is a BAD_RULE error naming its row and is left out; the other rules still load. Rules
 * of equal precedence whose match fields overlap are AMBIGUOUS_RULES warnings (the earlier row
 * wins). The result is sorted most specific first.
 */
export function loadPriceBook(table: TableRows): WithIssues<PriceBook> {
  const { columns, issues } = requireColumns(table, COLUMNS, ['Method'], 'a price book');
  const rules: PriceRule[] = [];
  if (issues.length > 0) return { result: { source: table.source, rules }, issues };
  for (const row of table.rows) {
    const cells = {} as Record<Column, string>;
    for (const column of COLUMNS) cells[column] = cell(row, columns[column]);
    if (COLUMNS.every((c) => cells[c] === '')) continue;
    const name = cells.Rule === '' ? `row ${row.line}` : cells.Rule;
    const bad = (column: Column, message: string) =>
      issues.push({ code: 'BAD_RULE', severity: 'error', message: `Rule "${name}" (${table.source} line ${row.line}): ${message}`, source: { file: table.source, line: row.line, column } });
    const before = issues.length;

    const method = cells.Method.toLowerCase() as PriceMethod;
    if (!PRICE_METHODS.includes(method)) bad('Method', `method "${cells.Method}" is not one of ${PRICE_METHODS.join(', ')}.`);
    const basisText = cells.Basis === '' ? 'unblended' : cells.Basis.toLowerCase();
    if (!isBasis(basisText)) bad('Basis', `basis "${cells.Basis}" is not one of ${BASES.join(', ')}.`);

    let value = null;
    if (method === 'markup' || method === 'margin' || method === 'discount' || method === 'rate') {
      value = parseRuleValue(cells.Value);
      if (value === null) {
        bad('Value', cells.Value === '' ? `method ${method} needs a Value (a fraction such as 0.15 or a percentage such as 15%${method === 'rate' ? ', or a rate per usage unit' : ''}).` : `Value "${shownCell(cells.Value)}" is not a number such as 0.15 or 15%.`);
      } else if (method === 'margin' && value.gte(ONE)) {
        bad('Value', `a margin of "${cells.Value}" must be less than 100%, since price = basis ÷ (1 − margin).`);
      }
    }

    const kindGlob = compileGlob(cells.ChargeKind);
    const kinds = new Set<ChargeKind>(
      isWildcard(cells.ChargeKind) ? CHARGEABLE_KINDS : RATED_KINDS.filter((k) => globMatches(kindGlob, k)),
    );
    if (kinds.size === 0) bad('ChargeKind', `ChargeKind "${cells.ChargeKind}" matches no charge kind (${RATED_KINDS.join(', ')}).`);

    for (const column of ['ValidFrom', 'ValidTo'] as const) {
      if (cells[column] !== '' && !isPeriod(cells[column])) bad(column, `${column} "${cells[column]}" is not a billing period YYYY-MM.`);
    }
    const validFrom = cells.ValidFrom === '' ? null : cells.ValidFrom;
    const validTo = cells.ValidTo === '' ? null : cells.ValidTo;
    if (validFrom !== null && validTo !== null && isPeriod(validFrom) && isPeriod(validTo) && validFrom > validTo) {
      bad('ValidFrom', `ValidFrom ${validFrom} is after ValidTo ${validTo}.`);
    }
    if (issues.length > before) continue;

    const matchCells = {} as Record<MatchField, string>;
    const match = {} as PriceRule['match'];
    for (const field of MATCH_FIELDS) {
      matchCells[field] = cells[FIELD_COLUMN[field]];
      match[field] = compileGlob(matchCells[field]);
    }
    rules.push({
      name, line: row.line, index: rules.length, match, kinds, basis: basisText as Basis, method, value,
      validFrom, validTo, note: cells.Note, precedence: rulePrecedence(matchCells),
    });
  }
  issues.push(...findAmbiguousRules(rules, table.source));
  rules.sort(comparePrecedence);
  return { result: { source: table.source, rules }, issues };
}
