import type { ChargeKind } from '../../engine/kinds';
import { CUR1_COLUMNS, CUR2_COLUMNS, PRODUCT_MAP_KEYS, type CurColumnNames } from '../cur/curColumns';
import { CUR_DISCOUNT_SUFFIX, CUR_FEE_TYPE, CUR_LINE_ITEM_KINDS, SUPPORT_PRONE_KINDS } from '../cur/curKind';
import {
  badAccountIdsSql, cellText, columnFinder, currencySql, likeText, literal, NULL_TEXT, ownerSql, quoted, supportCodeSql,
  type Dialect, type FormatRows, type Read, type SqlColumn,
} from './sqlParts';

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

/**
 * CurMapper's reading of a row as SQL (curColumns.ts, curKind.ts): the texts it reads, the period
 * then the numbers, the kind from the line item type, the amortized cost by kind.
 */
export function curRows(d: Dialect, format: 'cur1' | 'cur2', columns: readonly SqlColumn[] | undefined): FormatRows {
  const names = format === 'cur1' && d.cur1CsvNames ? CUR1_COLUMNS : CUR2_COLUMNS;
  const { tagPrefix: _, ...fieldNames } = names;
  const column = columnFinder<CurField>(columns, fieldNames, (field) => (format === 'cur2' ? CUR2_ASSUMED[field] : undefined));
  /** A field's cell as text, blank as NULL (the reader's `text`). */
  const text = (field: CurField): string => {
    const c = column(field);
    return c === null ? NULL_TEXT : cellText(d, c);
  };
  /** A product attribute: its own column, else the `product` map's first non-blank key (CurMapper). */
  const productText = (field: CurField, keys: readonly string[]): string => {
    const own = column(field);
    if (own !== null) return text(field);
    const map = column('productMap');
    if (map === null) return NULL_TEXT;
    return `COALESCE(${keys.map((key) => `NULLIF(${d.mapValue(quoted(map.name), map.type, key)}, '')`).join(', ')})`;
  };

  // The maps the reader parses (CUR 2.0's `product` when a product column is missing, `resource_tags`):
  // text that is not a JSON object is its BAD_VALUE warning.
  const mapTexts: string[] = [];
  const badMaps: string[] = [];
  const productMap = column('productMap');
  const tagsMap = column('tagsMap');
  for (const [map, used, alias] of [[productMap, column('productName') === null || column('region') === null, 't_product_map'], [tagsMap, true, 't_tags_map']] as const) {
    if (map === null || !used) continue;
    const check = d.badMap(alias, map.type);
    if (check === null) continue;
    mapTexts.push(`CAST(${quoted(map.name)} AS VARCHAR) AS ${alias}`);
    badMaps.push(check);
  }

  const texts = [
    ...mapTexts,
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
  ];

  // The period, then the numbers (all BAD_NUMBER: their order among themselves decides nothing).
  const kindNumbers = [...new Set(Object.values(KIND_NUMBERS).flat())];
  const whenKind = (field: CurField): string => {
    const kinds = Object.entries(KIND_NUMBERS).filter(([, fields]) => fields?.includes(field)).map(([kind]) => kind);
    return `kind IN (${kinds.map(literal).join(', ')})`;
  };
  const reads: Read[] = [
    { date: text('periodStart') },
    ...ROW_NUMBERS.map((field) => ({ number: field, text: text(field), when: null })),
    ...kindNumbers.map((field) => ({ number: field, text: text(field), when: whenKind(field) })),
  ];

  // Kind (FORMATS.md; curKind.ts).
  const support = (kind: string): string => SUPPORT_PRONE_KINDS.includes(kind as ChargeKind)
    ? `CASE WHEN ${supportCodeSql('product_code')} THEN 'support' ELSE ${literal(kind)} END`
    : literal(kind);
  const kind = [
    'CASE',
    `WHEN t_type = ${literal(CUR_FEE_TYPE)} THEN CASE WHEN t_reservation IS NOT NULL THEN 'upfront' ELSE ${support('fee')} END`,
    ...Object.entries(CUR_LINE_ITEM_KINDS).map(([type, k]) => `WHEN t_type = ${literal(type)} THEN ${support(k)}`),
    `WHEN t_type LIKE '%${likeText(CUR_DISCOUNT_SUFFIX)}' THEN 'discount'`,
    `ELSE 'fee' END`,
  ].join(' ');
  const knownKind = `(t_type = ${literal(CUR_FEE_TYPE)} OR t_type IN (${Object.keys(CUR_LINE_ITEM_KINDS).map(literal).join(', ')}) OR t_type LIKE '%${likeText(CUR_DISCOUNT_SUFFIX)}')`;

  // CurMapper.amortizedCost.
  const amortized = [
    'CASE kind',
    `WHEN 'ri-covered' THEN v_riEffectiveCost`,
    `WHEN 'sp-covered' THEN v_spEffectiveCost`,
    `WHEN 'ri-fee' THEN CASE WHEN v_riUnusedUpfront IS NULL THEN v_riUnusedRecurring WHEN v_riUnusedRecurring IS NULL THEN v_riUnusedUpfront ELSE v_riUnusedUpfront + v_riUnusedRecurring END`,
    `WHEN 'sp-fee' THEN CASE WHEN v_spUsedCommitment IS NULL THEN v_spTotalCommitment ELSE COALESCE(v_spTotalCommitment, 0) - v_spUsedCommitment END`,
    `WHEN 'upfront' THEN 0 WHEN 'sp-negation' THEN 0`,
    'ELSE v_unblendedCost END',
  ].join(' ');

  return {
    texts,
    reads,
    kind,
    knownKind,
    figures: { unblended: 'v_unblendedCost', blended: 'v_blendedCost', amortized, list: 'v_listCost', usage: 'v_usageAmount' },
    derived: [
      `${currencySql('t_currency')} AS currency`,
      `${ownerSql('COALESCE(t_reservation, t_savings_plan)')} AS commitment_owner`,
      `COALESCE(t_product_name, product_code) AS service`,
    ],
    badAccount: badAccountIdsSql(d, ['payer_account', 'account']),
    badMaps,
    key: {
      format: literal(format), provider: `'AWS'`, payerAccount: 'payer_account', account: 'account', period: 'period', kind: 'kind',
      productCode: 'product_code', service: 'service', usageType: 'usage_type', operation: 'operation', region: 'region',
      billingEntity: 'billing_entity', currency: 'currency', commitmentOwner: 'commitment_owner',
    },
  };
}
