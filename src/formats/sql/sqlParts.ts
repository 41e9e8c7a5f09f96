import { PREMIUM_SUPPORT_PRODUCT_CODE, SUPPORT_PRODUCT_CODE_PREFIX } from '../../engine/kinds';
import type { GroupKeyField } from '../../engine/groups/groupKey';

/**
 * The parts of `groupsSql` every format shares: the dialect layer (what DuckDB and Athena/Trino
 * spell otherwise, src/formats/sql/README.md), quoting, column picking as the readers pick, and the
 * shape a format's reading of a row takes (`FormatRows`), which `groupsSql` turns into the query.
 */

/** A column of the table the query reads: its name and, when known, its SQL type. */
export interface SqlColumn {
  name: string;
  type?: string;
}

/** What differs between the dialects, in one place (src/formats/sql/README.md). */
export interface Dialect {
  matches(text: string, pattern: string): string;
  /** True when a map column's cell is not what the reader reads as a map (DuckDB: JSON text that is not an object); null where the column is typed. */
  badMap(column: string, type: string | undefined): string | null;
  /** A CUR 2.0 `product` map's value for one key: DuckDB reads the CSV's JSON text, Athena/Trino a MAP. */
  mapValue(column: string, type: string | undefined, key: string): string;
  firstLines(line: string): string;
  /** Whether a CUR 1.0 table has the CSV's names (`lineItem/UnblendedCost`); AWS's Athena CUR 1.0 table has CUR 2.0's snake_case ones. */
  cur1CsvNames: boolean;
  /**
   * A TIMESTAMP WITH TIME ZONE as the text of its UTC wall time, `2023-11-01 00:00:00`: the readers
   * read a Parquet instant as UTC (`…T00:00:00.000Z`), while a plain cast gives the session's zone and
   * an offset (`2023-10-31 20:00:00-04`), which moves the month at its edges and fails the date rule.
   */
  utcTimestamp(column: string): string;
}

/** True for a column type that holds an instant (a time zone), not a wall time. */
function isZonedTimestamp(type: string | undefined): boolean {
  return type !== undefined && /TIMESTAMP\s*(\(\d+\)\s*)?WITH TIME ZONE|TIMESTAMPTZ/i.test(type);
}

/** A column's cell as text, blank as NULL — the readers' text of it (`text` in the mappers). */
export function cellText(d: Dialect, column: SqlColumn): string {
  const name = quoted(column.name);
  return `NULLIF(${isZonedTimestamp(column.type) ? d.utcTimestamp(name) : `CAST(${name} AS VARCHAR)`}, '')`;
}

export const DUCKDB: Dialect = {
  matches: (text, pattern) => `regexp_matches(${text}, ${literal(pattern)})`,
  mapValue: (column, type, key) => {
    const json = type !== undefined && /^MAP/i.test(type) ? `to_json(${column})` : column;
    return `CASE WHEN json_valid(${json}) THEN json_extract_string(${json}, ${literal(`$."${key}"`)}) END`;
  },
  firstLines: (line) => `array_to_string(min(${line}, 5), ' ')`,
  cur1CsvNames: true,
  utcTimestamp: (column) => `CAST(timezone('UTC', ${column}) AS VARCHAR)`,
  badMap: (column, type) => (type !== undefined && /^MAP/i.test(type) ? null
    // The reader's parseJsonObject: blank, `NULL` and JSON null (` null `) are no map, not a bad one.
    : `(NULLIF(NULLIF(${column}, ''), 'NULL') IS NOT NULL AND NOT (CASE WHEN json_valid(${column}) THEN json_type(${column}) IN ('OBJECT', 'NULL') ELSE FALSE END))`),
};

export const TRINO: Dialect = {
  matches: (text, pattern) => `regexp_like(${text}, ${literal(pattern)})`,
  mapValue: (column, _type, key) => `element_at(${column}, ${literal(key)})`,
  firstLines: () => 'CAST(NULL AS VARCHAR)',
  cur1CsvNames: false,
  utcTimestamp: (column) => `CAST(CAST(${column} AT TIME ZONE 'UTC' AS TIMESTAMP) AS VARCHAR)`,
  badMap: () => null,
};

export const NULL_TEXT = 'CAST(NULL AS VARCHAR)';

export function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

export function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A LIKE pattern that matches `text` literally at one end: the readers' prefix and suffix texts hold no wildcard. */
export function likeText(text: string): string {
  if (/[%_\\]/.test(text)) throw new Error(`groupsSql: ${text} cannot be matched with LIKE`);
  return text;
}

/**
 * A table's column for a field, as the readers' ColumnPicker picks it: by name, trimmed, any case,
 * the first of a name, the first alternative present. Without a column list, `assumed(field)` if it
 * says (null: absent), else the field's first name.
 */
export function columnFinder<F extends string>(
  columns: readonly SqlColumn[] | undefined,
  names: Readonly<Record<F, readonly string[]>>,
  assumed: (field: F) => string | null | undefined = () => undefined,
): (field: F) => SqlColumn | null {
  const present = new Map<string, SqlColumn>();
  for (const c of columns ?? []) if (!present.has(c.name.trim().toLowerCase())) present.set(c.name.trim().toLowerCase(), c);
  return (field) => {
    const alternatives = names[field];
    if (columns === undefined) {
      const name = assumed(field);
      if (name !== undefined) return name === null ? null : { name };
      return alternatives.length > 0 ? { name: alternatives[0] } : null;
    }
    for (const name of alternatives) {
      const found = present.get(name.toLowerCase());
      if (found !== undefined) return found;
    }
    return null;
  };
}

/** MapperBase.currencyOf: upper-cased and trimmed; missing → `USD`. */
export function currencySql(text: string): string {
  return `COALESCE(upper(trim(${text})), 'USD')`;
}

/** accountFromArn: the fifth `:` field of an ARN, when not blank. */
export function ownerSql(arn: string): string {
  return `NULLIF(regexp_extract(${arn}, '^arn:[^:]*:[^:]*:[^:]*:([^:]*):', 1), '')`;
}

/** isSupportProductCode (engine/kinds.ts). */
export function supportCodeSql(productCode: string): string {
  return `(${productCode} LIKE '${likeText(SUPPORT_PRODUCT_CODE_PREFIX)}%' OR ${productCode} = ${literal(PREMIUM_SUPPORT_PRODUCT_CODE)})`;
}

const ACCOUNT_PATTERN = '^[0-9]{12}$';

/** isAccountId false for any of the (nullable) id texts. */
export function badAccountIdsSql(d: Dialect, ids: readonly string[]): string {
  return ids.map((id) => `(${id} IS NOT NULL AND NOT ${d.matches(id, ACCOUNT_PATTERN)})`).join(' OR ');
}

/**
 * Where the reader reads a cell that can make it skip the row, in its order (the first bad cell
 * wins): the period (`t_period`), or a number `t_<name>` — read only `when` an SQL condition over
 * the row (`kind`, `n_<name>`, `s_<name>`) holds, null: always.
 */
export type Read = { date: string } | { number: string; text: string; when: string | null };

/**
 * One format's reading of a row, as SQL over the table: what `groupsSql` needs besides the shared
 * number and date rules, the basis table, the aggregation and the output.
 */
export interface FormatRows {
  /** `expression AS alias`: the row's texts, read from the table (the number and date texts come from `reads`). */
  texts: string[];
  reads: Read[];
  /** The kind (ChargeKind text) and whether the reader knows the row's type, over `texts`' aliases. */
  kind: string;
  knownKind: string;
  /** Per row, over the numbers' values `v_<name>` (DECIMAL, null when absent or bad). */
  figures: { unblended: string; blended: string; amortized: string; list: string; usage: string };
  /** `expression AS alias` computed after the numbers: what `key` names beside the texts. */
  derived: string[];
  /** True when the reader warns about an account id (BAD_ACCOUNT_ID), resp. a map cell (BAD_JSON). */
  badAccount: string;
  badMaps: string[];
  /** Each key field's SQL: an alias, or a constant (a literal, NULL_TEXT). */
  key: Record<GroupKeyField, string>;
}

export function isConstant(sql: string): boolean {
  return sql.startsWith("'") || sql === NULL_TEXT;
}
