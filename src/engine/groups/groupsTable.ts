import type { Issue } from '../issues';
import { GROUP_KEY_FIELDS, type GroupKeyField } from './groupKey';
import type { PricingGroup } from './pricingGroup';

/**
 * The groups table (`rerate-groups`, SCALE.md; src/engine/groups/README.md): one row per pricing
 * group, plus control rows and issue rows, with a header row. Its first column's name carries the
 * version and identifies the format (src/formats detect); its cells name the row's record.
 */
export const GROUPS_FORMAT = 'rerate-groups';
export const GROUPS_VERSION = 1;
export const GROUPS_RECORD_COLUMN = `rerate_groups_v${GROUPS_VERSION}`;

export type GroupsRecord = 'group' | 'control' | 'issue';

/**
 * Control-row reasons that are not skipped rows: rows read with a warning, counted by an SQL engine
 * (the JavaScript reader reports them row by row as BAD_VALUE warnings).
 */
export const UNKNOWN_KIND_REASON = 'UNKNOWN_KIND';
export const BAD_ACCOUNT_ID_REASON = 'BAD_ACCOUNT_ID';
/** A `product` or `resource_tags` cell that is not a JSON object (counted only where no account id is bad on the row). */
export const BAD_JSON_REASON = 'BAD_JSON';
export const NOTE_REASONS: readonly string[] = [UNKNOWN_KIND_REASON, BAD_ACCOUNT_ID_REASON, BAD_JSON_REASON];

/** A key field's column name: the field in snake case (`payerAccount` → `payer_account`). */
export function groupKeyColumn(field: GroupKeyField): string {
  return field.replace(/[A-Z]/g, (c) => `_${c.toLowerCase()}`);
}

/** The measure columns of a group row, by PricingGroup field. */
export const GROUP_MEASURE_COLUMNS = {
  lines: 'lines',
  unblended: 'unblended',
  blended: 'blended',
  blendedMissing: 'blended_missing',
  amortized: 'amortized',
  amortizedMissing: 'amortized_missing',
  list: 'list',
  listMissing: 'list_missing',
  usage: 'usage_amount',
} as const;

/** Every column, in the order `rerate groups` writes them (a reader finds them by name, in any order). */
export const GROUPS_COLUMNS: readonly string[] = [
  GROUPS_RECORD_COLUMN,
  'source',
  ...GROUP_KEY_FIELDS.map(groupKeyColumn),
  ...Object.values(GROUP_MEASURE_COLUMNS),
  'first_line',
  'first_lines',
  'reason',
  'severity',
  'message',
  'column_name',
];

const INDEX = new Map(GROUPS_COLUMNS.map((name, index) => [name, index]));

function emptyRow(record: GroupsRecord, source: string): string[] {
  const row = GROUPS_COLUMNS.map(() => '');
  row[0] = record;
  row[1] = source;
  return row;
}

function put(row: string[], column: string, value: string | number | null | undefined): void {
  row[INDEX.get(column) as number] = value === null || value === undefined ? '' : String(value);
}

/** A group row: the key (null as blank), the exact sums, the first line and the first lines (space-separated). */
export function groupRow(group: PricingGroup): string[] {
  const row = emptyRow('group', group.source.file);
  for (const field of GROUP_KEY_FIELDS) put(row, groupKeyColumn(field), group[field]);
  for (const [field, column] of Object.entries(GROUP_MEASURE_COLUMNS)) put(row, column, group[field as keyof typeof GROUP_MEASURE_COLUMNS]);
  put(row, 'first_line', group.source.line);
  put(row, 'first_lines', group.firstLines.join(' '));
  return row;
}

/**
 * A control row of one source table: with `reason` blank, `lines` is the data rows read and
 * `unblended` Σ of their unblended cost column (ENGINE.md §10's "read"); with a reason (an issue code
 * such as BAD_NUMBER, or SKIPPED_ROW's record types), the rows skipped for it and Σ of the costs among
 * them that are numbers.
 */
export function controlRow(source: string, format: string | null, reason: string, rows: number, unblended: string, period: string | null = null): string[] {
  const row = emptyRow('control', source);
  put(row, 'format', format);
  put(row, 'period', period);
  put(row, 'reason', reason);
  put(row, 'lines', rows);
  put(row, 'unblended', unblended);
  return row;
}

/** An issue row: an issue of the read that made the groups, carried verbatim (code in `reason`, count in `lines`). */
export function issueRow(issue: Issue): string[] {
  const row = emptyRow('issue', issue.source?.file ?? '');
  put(row, 'first_line', issue.source?.line);
  put(row, 'column_name', issue.source?.column);
  put(row, 'reason', issue.code);
  put(row, 'severity', issue.severity);
  put(row, 'message', issue.message);
  put(row, 'lines', issue.count);
  return row;
}
