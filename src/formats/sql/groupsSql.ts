import { basisField, type Basis } from '../../engine/basis';
import { CHARGE_KINDS, type ChargeKind } from '../../engine/kinds';
import { GROUP_KEY_FIELDS } from '../../engine/groups/groupKey';
import {
  BAD_ACCOUNT_ID_REASON, BAD_JSON_REASON, GROUP_MEASURE_COLUMNS, GROUPS_COLUMNS, GROUPS_RECORD_COLUMN, groupKeyColumn, UNKNOWN_KIND_REASON,
} from '../../engine/groups/groupsTable';
import { curRows } from './curRows';
import { focusRows } from './focusRows';
import { DUCKDB, isConstant, literal, quoted, TRINO, type FormatRows, type SqlColumn } from './sqlParts';

export type { SqlColumn } from './sqlParts';

/**
 * `rerate sql`: the query that turns a CUR or FOCUS table into the groups table
 * (src/engine/groups/README.md), generated from the definitions the JavaScript readers use — their
 * column names (curColumns.ts, focusColumns.ts), their kinds (curKind.ts, focusKind.ts), the
 * engine's §3 basis table (`basisField`) and pricing key (GROUP_KEY_FIELDS) — so the SQL and the
 * readers cannot drift apart. A format gives its reading of a row (`curRows`, `focusRows`); the
 * number and date rules, the skip reasons, the basis sums, the aggregation and the output are one
 * tail for every format. src/formats/sql/README.md lists each rule and how the dialects differ.
 *
 * Worked example: a CUR 1.0 row `Usage, AmazonS3, 0.004` of file a.csv becomes, per row, period
 * `2023-11`, kind `usage`, cost 0.004 as DECIMAL(38,18); rows agreeing on the key are summed exactly
 * (`sum` of DECIMAL), and the row is written back as text: `group,a.csv,cur1,AWS,…,1,0.004000…`.
 * A cell the reader would refuse (`12 USD`) or could not hold exactly at the scale (19 decimals)
 * makes its row a skipped row of a control row instead (reason BAD_NUMBER, PRECISION).
 */
export type SqlDialect = 'duckdb' | 'athena' | 'trino';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'athena', 'trino'];
export type SqlFormat = 'cur1' | 'cur2' | 'focus';
export const SQL_FORMATS: readonly SqlFormat[] = ['cur1', 'cur2', 'focus'];

export interface GroupsSqlOptions {
  dialect: SqlDialect;
  /** The format the JavaScript reader would detect for the same data (the `format` key column). */
  format: SqlFormat;
  /** The relation read, as SQL text: a table name, or `read_csv(…)` for DuckDB. */
  from: string;
  /** The relation's columns (any case); absent: the first name of each column the reader knows. */
  columns?: readonly SqlColumn[];
  /** The `source` of every row, as a literal; absent: the engine's own file column (`"$path"`). */
  source?: string;
  /** How rows get their physical line: `row_number() OVER ()` (a CSV read in order, header on line 1), Parquet's row number, or none. */
  lineNumbers?: 'row_number' | 'file_row_number' | 'none';
  /** Decimal places of the exact sums: DECIMAL(38, scale). */
  scale?: number;
}

export const DEFAULT_SQL_SCALE = 18;

/** Decimal places of the fast 64-bit parse (DECIMAL(18, 12): up to 999,999.999999999999), widened after. */
const SHORT_SCALE = 12;

/** A number the reader accepts but DECIMAL(38, scale) cannot hold exactly: that row is skipped by the query. */
export const PRECISION_REASON = 'PRECISION';

const NUMBER_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$';
const DATE_PATTERN = '^[0-9]{4}(-[0-9]{2}-[0-9]{2}|/[0-9]{2}/[0-9]{2})([T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?Z?)?$';
/** The reader's bounds on a number's text (engine/money/parse.ts): 200 characters, exponent ±100. */
const MAX_NUMBER_LENGTH = 200;
const MAX_EXPONENT = 100;

/** The query for `options`: one statement, no trailing semicolon. */
export function groupsSql(options: GroupsSqlOptions): string {
  const d = options.dialect === 'duckdb' ? DUCKDB : TRINO;
  const scale = options.scale ?? DEFAULT_SQL_SCALE;
  const decimal = `DECIMAL(38, ${scale})`;
  const f: FormatRows = options.format === 'focus' ? focusRows(d, options.columns, decimal) : curRows(d, options.format, options.columns);
  const numbers = f.reads.flatMap((read) => ('number' in read ? [read] : []));
  const date = f.reads.find((read) => 'date' in read);
  if (date === undefined || !('date' in date)) throw new Error('groupsSql: a format reads a period');
  const lineExpression = options.lineNumbers === 'row_number' ? 'row_number() OVER () + 1'
    // Parquet rows are numbered as the reader numbers them: the first row is line 2.
    : options.lineNumbers === 'file_row_number' ? 'file_row_number + 2' : 'CAST(NULL AS BIGINT)';
  const sourceExpression = options.source !== undefined ? literal(options.source) : quoted('$path');

  // 1. Each row's texts.
  const raw = [
    `${sourceExpression} AS src`,
    `${lineExpression} AS ln`,
    `${date.date} AS t_period`,
    ...f.texts,
    ...numbers.map((read) => `${read.text} AS t_${read.number}`),
  ];

  // 2. Kind, period, and per number: valid, exact at the scale, value.
  const exponent = (n: string): string => `COALESCE(TRY_CAST(NULLIF(regexp_extract(${n}, '[eE]([+-]?[0-9]+)$', 1), '') AS INTEGER), 0)`;
  /** Characters before and after the point of a text (the sign counts as an integer character). */
  const integerChars = (t: string): string => `(CASE WHEN strpos(${t}, '.') = 0 THEN length(${t}) ELSE strpos(${t}, '.') - 1 END)`;
  const decimalChars = (t: string): string => `(CASE WHEN strpos(${t}, '.') = 0 THEN 0 ELSE length(${t}) - strpos(${t}, '.') END)`;
  const decimals = (n: string): string => `COALESCE(length(NULLIF(regexp_extract(${n}, '^[^.eE]*\\.([0-9]*?)0*([eE].*)?$', 1), '')), 0)`;
  // A number the common way — no exponent, at most `scale` decimals, DECIMAL(38, scale) holds it — is
  // valid and exact at a glance, without a regular expression (they cost a third of the query): the
  // cast refuses what the reader refuses except `_` (DuckDB reads `1_000` as 1000), which is excluded.
  const fast = (name: string): string => {
    const n = `n_${name}`;
    return `strpos(${n}, '_') = 0 AND strpos(${n}, 'e') = 0 AND strpos(${n}, 'E') = 0`
      + ` AND length(${n}) <= ${MAX_NUMBER_LENGTH} AND ${decimalChars(n)} <= ${scale} AND c_${name} IS NOT NULL`;
  };
  const typed = [
    '*',
    `${f.kind} AS kind`,
    `${f.knownKind} AS known_kind`,
    `CASE WHEN t_period IS NOT NULL AND ${d.matches('t_period', DATE_PATTERN)} AND TRY_CAST(replace(substr(t_period, 1, 10), '/', '-') AS DATE) IS NOT NULL THEN substr(t_period, 1, 4) || '-' || substr(t_period, 6, 2) END AS period`,
    // A number's text as the reader takes it: blank, NULL and null are null; surrounding spaces trimmed.
    ...numbers.map(({ number }) => `NULLIF(CASE WHEN t_${number} IN ('NULL', 'null') THEN NULL ELSE trim(t_${number}) END, '') AS n_${number}`),
  ];
  // Text → DECIMAL(38, s) is a 128-bit parse: in DuckDB ≈1.5 µs a value, 80× the 64-bit DECIMAL(18, k)
  // parse, and most of the query's time (EXPLAIN ANALYZE, bench/README.md). A plain number with at most
  // SHORT_SCALE decimals and 18 − SHORT_SCALE integer characters fits DECIMAL(18, k) exactly, so it is
  // parsed there and widened (exact); anything else takes the wide parse. Same value either way.
  // The exponent form a DOUBLE prints as (`1.04e-08`: a third of the bench month's costs as Parquet)
  // fits too when its mantissa's decimals plus the exponent stay within k.
  const shortScale = Math.min(scale, SHORT_SCALE);
  const shortFits = (n: string): string => {
    const mantissa = `split_part(${n}, 'e', 1)`;
    const plain = `strpos(${n}, 'e') = 0 AND strpos(${n}, 'E') = 0 AND ${integerChars(n)} <= ${18 - shortScale} AND ${decimalChars(n)} <= ${shortScale}`;
    const exponentForm = `strpos(${n}, 'e-') > 0 AND strpos(${n}, 'E') = 0 AND length(${n}) <= 24 AND ${integerChars(mantissa)} <= ${18 - shortScale}`
      + ` AND ${decimalChars(mantissa)} + TRY_CAST(split_part(${n}, 'e-', 2) AS INTEGER) <= ${shortScale}`;
    return `(${plain}) OR (${exponentForm})`;
  };
  const casts = numbers.map(({ number }) => {
    const n = `n_${number}`;
    return `CASE WHEN ${shortFits(n)} THEN CAST(TRY_CAST(${n} AS DECIMAL(18, ${shortScale})) AS ${decimal}) ELSE TRY_CAST(${n} AS ${decimal}) END AS c_${number}`;
  });
  // Per number: 0 when absent or valid and exact at the scale, 1 when the reader refuses it, 2 when DECIMAL(38, scale) cannot hold it.
  const states = numbers.map(({ number }) => {
    const n = `n_${number}`;
    return `CASE WHEN ${n} IS NULL OR (${fast(number)}) THEN 0`
      + ` WHEN NOT (length(${n}) <= ${MAX_NUMBER_LENGTH} AND ${d.matches(n, NUMBER_PATTERN)} AND abs(${exponent(n)}) <= ${MAX_EXPONENT}) THEN 1`
      + ` WHEN c_${number} IS NULL OR ${decimals(n)} - ${exponent(n)} > ${scale} THEN 2 ELSE 0 END AS s_${number}`;
  });

  // 3. Why a row is skipped: the first bad cell in the reader's order, else a number the scale cannot hold.
  const state = (read: (typeof numbers)[number], value: number): string => (read.when === null ? `s_${read.number} = ${value}` : `((${read.when}) AND s_${read.number} = ${value})`);
  const firstBad: string[] = [];
  let pending: string[] = [];
  const flush = (): void => {
    if (pending.length > 0) firstBad.push(`WHEN ${pending.join(' OR ')} THEN 'BAD_NUMBER'`);
    pending = [];
  };
  for (const read of f.reads) {
    if ('date' in read) {
      flush();
      firstBad.push(`WHEN period IS NULL THEN 'BAD_DATE'`);
    } else {
      pending.push(state(read, 1));
    }
  }
  flush();
  const inexact = numbers.map((read) => state(read, 2)).join(' OR ');
  const valued = [
    '*',
    `CASE ${firstBad.join(' ')} WHEN ${inexact} THEN ${literal(PRECISION_REASON)} END AS skip_reason`,
    ...numbers.map(({ number }) => `CASE WHEN s_${number} = 0 THEN c_${number} END AS v_${number}`),
  ];
  const priced = [
    '*',
    `${f.figures.unblended} AS f_unblended`,
    `${f.figures.blended} AS f_blended`,
    `${f.figures.amortized} AS f_amortized`,
    `${f.figures.list} AS f_list`,
    `${f.figures.usage} AS f_usage`,
    ...f.derived,
  ];
  const badMapNote = f.badMaps.length === 0 ? '' : ` WHEN skip_reason IS NULL AND (${f.badMaps.join(' OR ')}) THEN ${literal(BAD_JSON_REASON)}`;
  const noted = [
    '*',
    `CASE WHEN skip_reason IS NULL AND NOT known_kind THEN ${literal(UNKNOWN_KIND_REASON)} END AS unknown_note`,
    `CASE WHEN skip_reason IS NULL AND (${f.badAccount}) THEN ${literal(BAD_ACCOUNT_ID_REASON)}${badMapNote} END AS id_note`,
  ];

  // 4. The groups, the control rows and the notes.
  const basisCase = (basis: Basis): { sum: string; missing: string } => {
    const byField = new Map<string, ChargeKind[]>();
    for (const kind of CHARGE_KINDS) {
      const field = basisField(kind, basis);
      byField.set(field, [...(byField.get(field) ?? []), kind]);
    }
    const figure = (field: string): string => field === 'amortizedCost' ? 'f_amortized' : field === 'listCost' ? 'f_list' : 'f_blended';
    const when = (kinds: ChargeKind[]): string => `kind IN (${kinds.map(literal).join(', ')})`;
    const sumParts: string[] = [];
    const missingParts: string[] = [];
    for (const [field, kinds] of byField) {
      if (field === 'zero') sumParts.push(`WHEN ${when(kinds)} THEN 0`);
      else if (field === 'unblendedCost') sumParts.push(`WHEN ${when(kinds)} THEN COALESCE(f_unblended, 0)`);
      else {
        sumParts.push(`WHEN ${when(kinds)} THEN COALESCE(${figure(field)}, f_unblended, 0)`);
        missingParts.push(`WHEN ${when(kinds)} AND ${figure(field)} IS NULL THEN 1`);
      }
    }
    return {
      sum: `CASE ${sumParts.join(' ')} END`,
      missing: missingParts.length === 0 ? '0' : `CASE ${missingParts.join(' ')} ELSE 0 END`,
    };
  };
  const amortized = basisCase('amortized');
  const list = basisCase('list');
  const keyValue = f.key;
  const grouped = GROUP_KEY_FIELDS.map((field) => keyValue[field]).filter((value) => !isConstant(value));
  // One scan, one aggregation: the groups, the rows read, the skipped rows and the notes are grouping
  // sets of it (a CTE used twice is computed twice by DuckDB and Trino alike).
  const sets = [`(src, skip_reason, ${grouped.join(', ')})`, '(src)', '(src, skip_reason)', '(src, unknown_note)', '(src, id_note)'];
  const sum = (expression: string): string => `sum(${expression})`;
  const aggregate = [
    'src', 'skip_reason', 'unknown_note', 'id_note', ...grouped,
    'GROUPING(skip_reason) AS g_skip', 'GROUPING(unknown_note) AS g_unknown', 'GROUPING(id_note) AS g_id', 'GROUPING(kind) AS g_key',
    'count(*) AS n',
    `${sum('f_unblended')} AS s_unblended`,
    `${sum('COALESCE(f_blended, f_unblended, 0)')} AS s_blended`,
    'count(*) - count(f_blended) AS n_blended_missing',
    `${sum(amortized.sum)} AS s_amortized`,
    `${sum(amortized.missing)} AS n_amortized_missing`,
    `${sum(list.sum)} AS s_list`,
    `${sum(list.missing)} AS n_list_missing`,
    `${sum('f_usage')} AS s_usage`,
    'min(ln) AS first_ln',
    `${d.firstLines('ln')} AS first_lns`,
  ];
  const asText = (expression: string): string => `CAST(${expression} AS VARCHAR)`;
  const exact = (expression: string): string => `CAST(COALESCE(${expression}, 0) AS VARCHAR)`;
  const isGroup = 'g_key = 0';
  const isRead = 'g_key = 1 AND g_skip = 1 AND g_unknown = 1 AND g_id = 1';
  const isSkipped = 'g_key = 1 AND g_skip = 0';
  const isUnknown = 'g_unknown = 0';
  const isBadId = 'g_id = 0';
  const m = GROUP_MEASURE_COLUMNS;
  const whenGroup = (expression: string): string => `CASE WHEN ${isGroup} THEN ${expression} END`;
  const values: Record<string, string> = {
    [GROUPS_RECORD_COLUMN]: `CASE WHEN ${isGroup} THEN 'group' ELSE 'control' END`,
    source: 'src',
    ...Object.fromEntries(GROUP_KEY_FIELDS.map((field) => {
      const value = keyValue[field];
      return [groupKeyColumn(field), field === 'format' ? value : whenGroup(isConstant(value) ? value : asText(value))];
    })),
    [m.lines]: asText('n'),
    [m.unblended]: `CASE WHEN ${isSkipped} THEN ${asText('s_unblended')} WHEN ${isGroup} OR ${isRead} THEN ${exact('s_unblended')} END`,
    [m.blended]: whenGroup(exact('s_blended')),
    [m.blendedMissing]: whenGroup(asText('n_blended_missing')),
    [m.amortized]: whenGroup(exact('s_amortized')),
    [m.amortizedMissing]: whenGroup(asText('n_amortized_missing')),
    [m.list]: whenGroup(exact('s_list')),
    [m.listMissing]: whenGroup(asText('n_list_missing')),
    [m.usage]: whenGroup(exact('s_usage')),
    first_line: whenGroup(asText('first_ln')),
    first_lines: whenGroup('first_lns'),
    reason: `CASE WHEN ${isSkipped} THEN skip_reason WHEN ${isUnknown} THEN unknown_note WHEN ${isBadId} THEN id_note END`,
  };
  const select = GROUPS_COLUMNS.map((name) => `${values[name] ?? 'CAST(NULL AS VARCHAR)'} AS ${name}`);
  const keyOrder = grouped.join(', ');
  return [
    'WITH',
    `raw AS (SELECT ${raw.join(',\n  ')}\nFROM ${options.from}),`,
    `typed AS (SELECT ${typed.join(',\n  ')}\nFROM raw),`,
    `casted AS (SELECT *, ${casts.join(',\n  ')}\nFROM typed),`,
    `checked AS (SELECT *, ${states.join(',\n  ')}\nFROM casted),`,
    `valued AS (SELECT ${valued.join(',\n  ')}\nFROM checked),`,
    `priced AS (SELECT ${priced.join(',\n  ')}\nFROM valued),`,
    `noted AS (SELECT ${noted.join(',\n  ')}\nFROM priced),`,
    `totals AS (SELECT ${aggregate.join(',\n  ')}\nFROM noted GROUP BY GROUPING SETS (${sets.join(', ')}))`,
    `SELECT ${select.join(',\n  ')}`,
    `FROM totals WHERE (${isGroup} AND skip_reason IS NULL) OR (${isRead}) OR (${isSkipped} AND skip_reason IS NOT NULL)`,
    `  OR (${isUnknown} AND unknown_note IS NOT NULL) OR (${isBadId} AND id_note IS NOT NULL)`,
    `ORDER BY src, g_key, skip_reason, unknown_note, id_note, first_ln, ${keyOrder}`,
  ].join('\n');

}
