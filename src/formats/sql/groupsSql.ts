import { basisField, type Basis } from '../../engine/basis';
import { CHARGE_KINDS, PREMIUM_SUPPORT_PRODUCT_CODE, SUPPORT_PRODUCT_CODE_PREFIX, type ChargeKind } from '../../engine/kinds';
import { GROUP_KEY_FIELDS, type GroupKeyField } from '../../engine/groups/groupKey';
import {
  BAD_ACCOUNT_ID_REASON, BAD_JSON_REASON, GROUP_MEASURE_COLUMNS, GROUPS_COLUMNS, GROUPS_RECORD_COLUMN, groupKeyColumn, UNKNOWN_KIND_REASON,
} from '../../engine/groups/groupsTable';
import { CUR1_COLUMNS, CUR2_COLUMNS, PRODUCT_MAP_KEYS, type CurColumnNames } from '../cur/curColumns';
import { CUR_DISCOUNT_SUFFIX, CUR_FEE_TYPE, CUR_LINE_ITEM_KINDS, SUPPORT_PRONE_KINDS } from '../cur/curKind';

/**
 * `rerate sql`: the query that turns a CUR table into the groups table (src/engine/groups/README.md),
 * generated from the definitions the JavaScript CUR reader uses — its column names (curColumns.ts),
 * its line item kinds (curKind.ts), the engine's §3 basis table (`basisField`) and pricing key
 * (GROUP_KEY_FIELDS) — so the SQL and the reader cannot drift apart. src/formats/sql/README.md lists
 * each rule and how the dialects differ.
 *
 * Worked example: a CUR 1.0 row `Usage, AmazonS3, 0.004` of file a.csv becomes, per row, period
 * `2023-11`, kind `usage`, cost 0.004 as DECIMAL(38,18); rows agreeing on the key are summed exactly
 * (`sum` of DECIMAL), and the row is written back as text: `group,a.csv,cur1,AWS,…,1,0.004000…`.
 * A cell the reader would refuse (`12 USD`) or could not hold exactly at the scale (19 decimals)
 * makes its row a skipped row of a control row instead (reason BAD_NUMBER, PRECISION).
 */
export type SqlDialect = 'duckdb' | 'athena' | 'trino';
export const SQL_DIALECTS: readonly SqlDialect[] = ['duckdb', 'athena', 'trino'];
export type SqlFormat = 'cur1' | 'cur2';

/** A column of the table the query reads: its name and, when known, its SQL type. */
export interface SqlColumn {
  name: string;
  type?: string;
}

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

/** A number the reader accepts but DECIMAL(38, scale) cannot hold exactly: that row is skipped by the query. */
export const PRECISION_REASON = 'PRECISION';

const NUMBER_PATTERN = '^[+-]?([0-9]+(\\.[0-9]*)?|\\.[0-9]+)([eE][+-]?[0-9]+)?$';
const DATE_PATTERN = '^[0-9]{4}(-[0-9]{2}-[0-9]{2}|/[0-9]{2}/[0-9]{2})([T ]([01][0-9]|2[0-3]):[0-5][0-9]:[0-5][0-9](\\.[0-9]+)?Z?)?$';
const ACCOUNT_PATTERN = '^[0-9]{12}$';
/** The reader's bounds on a number's text (engine/money/parse.ts): 200 characters, exponent ±100. */
const MAX_NUMBER_LENGTH = 200;
const MAX_EXPONENT = 100;

function literal(text: string): string {
  return `'${text.replace(/'/g, "''")}'`;
}

function quoted(name: string): string {
  return `"${name.replace(/"/g, '""')}"`;
}

/** A LIKE pattern that matches `text` literally at one end: the reader's prefix and suffix texts hold no wildcard. */
function likeText(text: string): string {
  if (/[%_\\]/.test(text)) throw new Error(`groupsSql: ${text} cannot be matched with LIKE`);
  return text;
}

/** What differs between the dialects, in one place (src/formats/sql/README.md). */
interface Dialect {
  matches(text: string, pattern: string): string;
  /** True when a map column's cell is not what the reader reads as a map (DuckDB: JSON text that is not an object); null where the column is typed. */
  badMap(column: string, type: string | undefined): string | null;
  /** A CUR 2.0 `product` map's value for one key: DuckDB reads the CSV's JSON text, Athena/Trino a MAP. */
  mapValue(column: string, type: string | undefined, key: string): string;
  firstLines(line: string): string;
}

const DUCKDB: Dialect = {
  matches: (text, pattern) => `regexp_matches(${text}, ${literal(pattern)})`,
  mapValue: (column, type, key) => {
    const json = type !== undefined && /^MAP/i.test(type) ? `to_json(${column})` : column;
    return `CASE WHEN json_valid(${json}) THEN json_extract_string(${json}, ${literal(`$."${key}"`)}) END`;
  },
  firstLines: (line) => `array_to_string(min(${line}, 5), ' ')`,
  badMap: (column, type) => (type !== undefined && /^MAP/i.test(type) ? null
    : `(NULLIF(${column}, '') IS NOT NULL AND NOT (CASE WHEN json_valid(${column}) THEN json_type(${column}) = 'OBJECT' ELSE FALSE END))`),
};

const TRINO: Dialect = {
  matches: (text, pattern) => `regexp_like(${text}, ${literal(pattern)})`,
  mapValue: (column, _type, key) => `element_at(${column}, ${literal(key)})`,
  firstLines: () => 'CAST(NULL AS VARCHAR)',
  badMap: () => null,
};

type CurField = Exclude<keyof CurColumnNames, 'tagPrefix'>;

/** The numeric fields the CUR reader reads for every row, in its reading order. */
const ROW_NUMBERS: CurField[] = ['usageAmount', 'unblendedRate', 'blendedRate', 'listCost', 'blendedCost', 'unblendedCost'];
/** The numeric fields it reads only for some kinds (CurMapper.amortizedCost). */
const KIND_NUMBERS: Partial<Record<ChargeKind, CurField[]>> = {
  'ri-covered': ['riEffectiveCost'],
  'sp-covered': ['spEffectiveCost'],
  'ri-fee': ['riUnusedUpfront', 'riUnusedRecurring'],
  'sp-fee': ['spTotalCommitment', 'spUsedCommitment'],
};

/**
 * Without a column list, a CUR 2.0 table is taken to have the columns of AWS's CUR 2.0 schema: the
 * product name only in the `product` map, the region as `product_region_code` (a CUR 1.0 table in
 * Athena has `product_product_name` and `product_region`, the first names). `--columns` overrides.
 */
const CUR2_ASSUMED: Partial<Record<CurField, string | null>> = { productName: null, region: 'product_region_code' };

/** The query for `options`: one statement, no trailing semicolon. */
export function groupsSql(options: GroupsSqlOptions): string {
  const d = options.dialect === 'duckdb' ? DUCKDB : TRINO;
  const scale = options.scale ?? DEFAULT_SQL_SCALE;
  const decimal = `DECIMAL(38, ${scale})`;
  const names = options.format === 'cur1' && options.dialect === 'duckdb' ? CUR1_COLUMNS : CUR2_COLUMNS;
  // As the reader picks columns: by name, trimmed, any case, the first of a name.
  const present = new Map<string, SqlColumn>();
  for (const c of options.columns ?? []) if (!present.has(c.name.trim().toLowerCase())) present.set(c.name.trim().toLowerCase(), c);
  const known = options.columns !== undefined;
  /** The table's column for a field: the first alternative it has (any case); without a column list, the first. */
  const column = (field: CurField): SqlColumn | null => {
    const alternatives = names[field];
    if (!known) {
      const assumed = options.format === 'cur2' ? CUR2_ASSUMED[field] : undefined;
      if (assumed !== undefined) return assumed === null ? null : { name: assumed };
      return alternatives.length > 0 ? { name: alternatives[0] } : null;
    }
    for (const name of alternatives) {
      const found = present.get(name.toLowerCase());
      if (found !== undefined) return found;
    }
    return null;
  };
  /** A field's cell as text, blank as NULL (the reader's `text`). */
  const text = (field: CurField): string => {
    const c = column(field);
    return c === null ? 'CAST(NULL AS VARCHAR)' : `NULLIF(CAST(${quoted(c.name)} AS VARCHAR), '')`;
  };
  /** A product attribute: its own column, else the `product` map's first non-blank key (CurMapper). */
  const productText = (field: CurField, keys: readonly string[]): string => {
    const own = column(field);
    if (own !== null) return text(field);
    const map = column('productMap');
    if (map === null) return 'CAST(NULL AS VARCHAR)';
    return `COALESCE(${keys.map((key) => `NULLIF(${d.mapValue(quoted(map.name), map.type, key)}, '')`).join(', ')})`;
  };

  const numberFields = [...new Set([...ROW_NUMBERS, ...Object.values(KIND_NUMBERS).flat()])];
  const lineExpression = options.lineNumbers === 'row_number' ? 'row_number() OVER () + 1'
    // Parquet rows are numbered as the reader numbers them: the first row is line 2.
    : options.lineNumbers === 'file_row_number' ? 'file_row_number + 2' : 'CAST(NULL AS BIGINT)';
  const sourceExpression = options.source !== undefined ? literal(options.source) : quoted('$path');

  // The maps the reader parses (CUR 2.0's `product` when a product column is missing, `resource_tags`):
  // text that is not a JSON object is its BAD_VALUE warning.
  const mapTexts: string[] = [];
  const mapChecks: string[] = [];
  const productMap = column('productMap');
  const tagsMap = column('tagsMap');
  for (const [map, used, alias] of [[productMap, column('productName') === null || column('region') === null, 't_product_map'], [tagsMap, true, 't_tags_map']] as const) {
    if (map === null || !used) continue;
    const check = d.badMap(alias, map.type);
    if (check === null) continue;
    mapTexts.push(`CAST(${quoted(map.name)} AS VARCHAR) AS ${alias}`);
    mapChecks.push(check);
  }

  // 1. Each row's texts.
  const raw = [
    ...mapTexts,
    `${sourceExpression} AS src`,
    `${lineExpression} AS ln`,
    `${text('periodStart')} AS t_period`,
    `COALESCE(${text('lineItemType')}, '') AS t_type`,
    `${text('productCode')} AS product_code`,
    `${text('reservationArn')} AS t_reservation`,
    `${text('savingsPlanArn')} AS t_savings_plan`,
    `${text('payer')} AS payer_account`,
    `${text('account')} AS account`,
    `${productText('productName', PRODUCT_MAP_KEYS.productName)} AS t_product_name`,
    `${text('usageType')} AS usage_type`,
    `${text('operation')} AS operation`,
    `${productText('region', PRODUCT_MAP_KEYS.region)} AS region`,
    `${text('billingEntity')} AS billing_entity`,
    `${text('currency')} AS t_currency`,
    ...numberFields.map((field) => `${text(field)} AS t_${field}`),
  ];

  // 2. Kind (FORMATS.md; curKind.ts), period, and per number: valid, exact at the scale, value.
  const support = (kind: string): string => SUPPORT_PRONE_KINDS.includes(kind as ChargeKind)
    ? `CASE WHEN product_code LIKE '${likeText(SUPPORT_PRODUCT_CODE_PREFIX)}%' OR product_code = ${literal(PREMIUM_SUPPORT_PRODUCT_CODE)} THEN 'support' ELSE ${literal(kind)} END`
    : literal(kind);
  const kindCase = [
    'CASE',
    `WHEN t_type = ${literal(CUR_FEE_TYPE)} THEN CASE WHEN t_reservation IS NOT NULL THEN 'upfront' ELSE ${support('fee')} END`,
    ...Object.entries(CUR_LINE_ITEM_KINDS).map(([type, kind]) => `WHEN t_type = ${literal(type)} THEN ${support(kind)}`),
    `WHEN t_type LIKE '%${likeText(CUR_DISCOUNT_SUFFIX)}' THEN 'discount'`,
    `ELSE 'fee' END`,
  ].join(' ');
  const knownKind = `(t_type = ${literal(CUR_FEE_TYPE)} OR t_type IN (${Object.keys(CUR_LINE_ITEM_KINDS).map(literal).join(', ')}) OR t_type LIKE '%${likeText(CUR_DISCOUNT_SUFFIX)}')`;
  const exponent = (n: string): string => `COALESCE(TRY_CAST(NULLIF(regexp_extract(${n}, '[eE]([+-]?[0-9]+)$', 1), '') AS INTEGER), 0)`;
  const decimals = (n: string): string => `COALESCE(length(NULLIF(regexp_extract(${n}, '^[^.eE]*\\.([0-9]*?)0*([eE].*)?$', 1), '')), 0)`;
  // A number the common way — no exponent, at most `scale` decimals, DECIMAL(38, scale) holds it — is
  // valid and exact at a glance, without a regular expression (they cost a third of the query): the
  // cast refuses what the reader refuses except `_` (DuckDB reads `1_000` as 1000), which is excluded.
  const fast = (n: string): string => `strpos(${n}, '_') = 0 AND strpos(${n}, 'e') = 0 AND strpos(${n}, 'E') = 0`
    + ` AND length(${n}) <= ${MAX_NUMBER_LENGTH} AND (strpos(${n}, '.') = 0 OR length(${n}) - strpos(${n}, '.') <= ${scale}) AND c_${n.slice(2)} IS NOT NULL`;
  const typed = [
    '*',
    `${kindCase} AS kind`,
    `${knownKind} AS known_kind`,
    `CASE WHEN t_period IS NOT NULL AND ${d.matches('t_period', DATE_PATTERN)} AND TRY_CAST(replace(substr(t_period, 1, 10), '/', '-') AS DATE) IS NOT NULL THEN substr(t_period, 1, 4) || '-' || substr(t_period, 6, 2) END AS period`,
    // A number's text as the reader takes it: blank, NULL and null are null; surrounding spaces trimmed.
    ...numberFields.map((field) => `NULLIF(CASE WHEN t_${field} IN ('NULL', 'null') THEN NULL ELSE trim(t_${field}) END, '') AS n_${field}`),
  ];
  // Per number: 0 when absent or valid and exact at the scale, 1 when the reader refuses it, 2 when DECIMAL(38, scale) cannot hold it.
  const states = numberFields.map((field) => {
    const n = `n_${field}`;
    return `CASE WHEN ${n} IS NULL OR (${fast(n)}) THEN 0`
      + ` WHEN NOT (length(${n}) <= ${MAX_NUMBER_LENGTH} AND ${d.matches(n, NUMBER_PATTERN)} AND abs(${exponent(n)}) <= ${MAX_EXPONENT}) THEN 1`
      + ` WHEN c_${field} IS NULL OR ${decimals(n)} - ${exponent(n)} > ${scale} THEN 2 ELSE 0 END AS s_${field}`;
  });
  const casts = numberFields.map((field) => `TRY_CAST(n_${field} AS ${decimal}) AS c_${field}`);

  // 3. Why a row is skipped (the first bad cell in the reader's order: the period, then the numbers), its values.
  const checked = (field: CurField): string => {
    const kinds = Object.entries(KIND_NUMBERS).filter(([, fields]) => fields?.includes(field)).map(([kind]) => kind);
    return kinds.length === 0 ? 'TRUE' : `kind IN (${kinds.map(literal).join(', ')})`;
  };
  const badNumber = numberFields.map((f) => `(${checked(f)} AND s_${f} = 1)`).join(' OR ');
  const inexact = numberFields.map((f) => `(${checked(f)} AND s_${f} = 2)`).join(' OR ');
  const value = (field: CurField): string => `CASE WHEN s_${field} = 0 THEN c_${field} END`;
  const amortizedCost = [
    'CASE kind',
    `WHEN 'ri-covered' THEN v_riEffectiveCost`,
    `WHEN 'sp-covered' THEN v_spEffectiveCost`,
    `WHEN 'ri-fee' THEN CASE WHEN v_riUnusedUpfront IS NULL THEN v_riUnusedRecurring WHEN v_riUnusedRecurring IS NULL THEN v_riUnusedUpfront ELSE v_riUnusedUpfront + v_riUnusedRecurring END`,
    `WHEN 'sp-fee' THEN CASE WHEN v_spUsedCommitment IS NULL THEN v_spTotalCommitment ELSE COALESCE(v_spTotalCommitment, 0) - v_spUsedCommitment END`,
    `WHEN 'upfront' THEN 0 WHEN 'sp-negation' THEN 0`,
    'ELSE v_unblendedCost END',
  ].join(' ');
  const rows = [
    '*',
    `CASE WHEN period IS NULL THEN 'BAD_DATE' WHEN ${badNumber} THEN 'BAD_NUMBER' WHEN ${inexact} THEN ${literal(PRECISION_REASON)} END AS skip_reason`,
    ...numberFields.map((f) => `${value(f)} AS v_${f}`),
  ];
  const priced = [
    '*',
    `${amortizedCost} AS v_amortizedCost`,
    `COALESCE(${upper('t_currency')}, 'USD') AS currency`,
    `NULLIF(regexp_extract(COALESCE(t_reservation, t_savings_plan), '^arn:[^:]*:[^:]*:[^:]*:([^:]*):', 1), '') AS commitment_owner`,
    `COALESCE(t_product_name, product_code) AS service`,
  ];
  const badMapNote = mapChecks.length === 0 ? '' : ` WHEN skip_reason IS NULL AND (${mapChecks.join(' OR ')}) THEN ${literal(BAD_JSON_REASON)}`;
  const notes = [
    '*',
    `CASE WHEN skip_reason IS NULL AND NOT known_kind THEN ${literal(UNKNOWN_KIND_REASON)} END AS unknown_note`,
    `CASE WHEN skip_reason IS NULL AND ((payer_account IS NOT NULL AND NOT ${d.matches('payer_account', ACCOUNT_PATTERN)})`
      + ` OR (account IS NOT NULL AND NOT ${d.matches('account', ACCOUNT_PATTERN)})) THEN ${literal(BAD_ACCOUNT_ID_REASON)}${badMapNote} END AS id_note`,
  ];

  // 4. The groups, the control rows and the notes.
  const basisCase = (basis: Basis): { sum: string; missing: string } => {
    const byField = new Map<string, ChargeKind[]>();
    for (const kind of CHARGE_KINDS) {
      const field = basisField(kind, basis);
      byField.set(field, [...(byField.get(field) ?? []), kind]);
    }
    const figure = (field: string): string => field === 'amortizedCost' ? 'v_amortizedCost' : field === 'listCost' ? 'v_listCost' : 'v_blendedCost';
    const when = (kinds: ChargeKind[]): string => `kind IN (${kinds.map(literal).join(', ')})`;
    const sumParts: string[] = [];
    const missingParts: string[] = [];
    for (const [field, kinds] of byField) {
      if (field === 'zero') sumParts.push(`WHEN ${when(kinds)} THEN 0`);
      else if (field === 'unblendedCost') sumParts.push(`WHEN ${when(kinds)} THEN COALESCE(v_unblendedCost, 0)`);
      else {
        sumParts.push(`WHEN ${when(kinds)} THEN COALESCE(${figure(field)}, v_unblendedCost, 0)`);
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
  const keyValue: Record<GroupKeyField, string> = {
    format: literal(options.format), provider: `'AWS'`, payerAccount: 'payer_account', account: 'account', period: 'period', kind: 'kind',
    productCode: 'product_code', service: 'service', usageType: 'usage_type', operation: 'operation', region: 'region',
    billingEntity: 'billing_entity', currency: 'currency', commitmentOwner: 'commitment_owner',
  };
  const grouped = GROUP_KEY_FIELDS.map((field) => keyValue[field]).filter((value) => !value.startsWith("'"));
  // One scan, one aggregation: the groups, the rows read, the skipped rows and the notes are grouping
  // sets of it (a CTE used twice is computed twice by DuckDB and Trino alike).
  const sets = [`(src, skip_reason, ${grouped.join(', ')})`, '(src)', '(src, skip_reason)', '(src, unknown_note)', '(src, id_note)'];
  const sum = (expression: string): string => `sum(${expression})`;
  const aggregate = [
    'src', 'skip_reason', 'unknown_note', 'id_note', ...grouped,
    'GROUPING(skip_reason) AS g_skip', 'GROUPING(unknown_note) AS g_unknown', 'GROUPING(id_note) AS g_id', 'GROUPING(kind) AS g_key',
    'count(*) AS n',
    `${sum('v_unblendedCost')} AS s_unblended`,
    `${sum('COALESCE(v_blendedCost, v_unblendedCost, 0)')} AS s_blended`,
    'count(*) - count(v_blendedCost) AS n_blended_missing',
    `${sum(amortized.sum)} AS s_amortized`,
    `${sum(amortized.missing)} AS n_amortized_missing`,
    `${sum(list.sum)} AS s_list`,
    `${sum(list.missing)} AS n_list_missing`,
    `${sum('v_usageAmount')} AS s_usage`,
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
      return [groupKeyColumn(field), field === 'format' ? value : whenGroup(value.startsWith("'") ? value : asText(value))];
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
    `valued AS (SELECT ${rows.join(',\n  ')}\nFROM checked),`,
    `noted AS (SELECT ${priced.join(',\n  ')}\nFROM valued),`,
    `priced AS (SELECT ${notes.join(',\n  ')}\nFROM noted),`,
    `totals AS (SELECT ${aggregate.join(',\n  ')}\nFROM priced GROUP BY GROUPING SETS (${sets.join(', ')}))`,
    `SELECT ${select.join(',\n  ')}`,
    `FROM totals WHERE (${isGroup} AND skip_reason IS NULL) OR (${isRead}) OR (${isSkipped} AND skip_reason IS NOT NULL)`,
    `  OR (${isUnknown} AND unknown_note IS NOT NULL) OR (${isBadId} AND id_note IS NOT NULL)`,
    `ORDER BY src, g_key, skip_reason, unknown_note, id_note, first_ln, ${keyOrder}`,
  ].join('\n');

  function upper(expression: string): string {
    return `upper(trim(${expression}))`;
  }
}
