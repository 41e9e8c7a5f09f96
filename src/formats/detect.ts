import type { Issue } from '../engine/issues';
import type { BillingFormat } from '../engine/line';
import { GROUPS_RECORD_COLUMN } from '../engine/groups/groupsTable';

/**
 * Which billing format a header is, from its column names only (never the file name), FORMATS.md
 * "Detection". Names compare case-insensitively; the most specific formats are tried first.
 *
 * Worked example: a header with `lineItem/LineItemType` is `cur1`; one with `RecordType`,
 * `LinkedAccountId`, `CostBeforeTax`, `TotalCost` and `RecordID` is `dbr-monthly`, not `dbr`,
 * because the monthly report is tested before the DBR; `RecordType, LinkedAccountId, Rate, Cost`
 * is a standalone account's `dbr`. `Date,Amount` is none: `UNKNOWN_FORMAT`.
 */
export function detectFormat(header: readonly string[]): BillingFormat | null {
  const names = new Set(header.map((name) => name.trim().toLowerCase()));
  const has = (name: string): boolean => names.has(name.toLowerCase());
  if (has('lineItem/LineItemType')) return 'cur1';
  if (has('line_item_line_item_type')) return 'cur2';
  if (has('BilledCost') && has('ChargeCategory')) return 'focus';
  if ((has('RecordID') || has('RecordId')) && has('CostBeforeTax') && has('TotalCost')) return 'dbr-monthly';
  if (has('RecordType') && has('LinkedAccountId') && (has('UnBlendedCost') || has('Cost'))) return 'dbr';
  return null;
}

/**
 * True for a groups table (`rerate-groups`, SCALE.md): its first column's name carries the format and
 * its version (`rerate_groups_v1`). It is tested before the billing formats (BillingSink).
 */
export function isGroupsHeader(header: readonly string[]): boolean {
  return header.length > 0 && header[0].trim().toLowerCase() === GROUPS_RECORD_COLUMN;
}

const NEEDS =
  'dbr needs RecordType, LinkedAccountId and UnBlendedCost (or Cost); dbr-monthly needs RecordID, CostBeforeTax and TotalCost; ' +
  'cur1 needs lineItem/LineItemType; cur2 needs line_item_line_item_type; focus needs BilledCost and ChargeCategory; ' +
  `a groups table starts with the column ${GROUPS_RECORD_COLUMN}`;

/** The `UNKNOWN_FORMAT` error for a header no format matches: the first columns seen and what each format needs. */
export function unknownFormatIssue(file: string, header: readonly string[], line: number): Issue {
  const shown = header.slice(0, 6).map((name) => `"${name.length > 40 ? `${name.slice(0, 37)}...` : name}"`).join(', ');
  const more = header.length > 6 ? `, … (${header.length} columns)` : '';
  return {
    code: 'UNKNOWN_FORMAT',
    severity: 'error',
    message: `The header of ${file} (${shown}${more}) matches no billing format: ${NEEDS}.`,
    source: { file, line },
  };
}
