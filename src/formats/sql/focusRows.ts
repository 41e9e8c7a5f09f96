import { FOCUS_COLUMNS, type FocusField } from '../focus/focusColumns';
import {
  AWS_PROVIDER, AWS_PROVIDER_PREFIX, FOCUS_CATEGORY_KINDS, FOCUS_COMMITMENT_UNUSED, FOCUS_COMMITMENT_USED, FOCUS_ONE_TIME,
  FOCUS_PURCHASE_CATEGORY, FOCUS_SPEND_COMMITMENT, FOCUS_SUPPORT_SERVICE_PREFIXES, FOCUS_USAGE_CATEGORY, FOCUS_USAGE_COMMITMENT,
  RESERVATION_TYPE_PATTERN, SAVINGS_PLAN_ID_PATTERN, SAVINGS_PLAN_TYPE_PATTERN,
} from '../focus/focusKind';
import {
  badAccountIdsSql, cellText, columnFinder, currencySql, likeText, literal, NULL_TEXT, ownerSql, supportCodeSql,
  type Dialect, type FormatRows, type SqlColumn,
} from './sqlParts';

/**
 * FocusMapper's reading of a row as SQL (focusColumns.ts, focusKind.ts): every text `NULL` or blank
 * is null; EffectiveCost, ListCost, ConsumedQuantity (PricingQuantity only when it is null or bad),
 * BillingPeriodStart and BilledCost last, the first bad cell deciding the skip reason; the kind from
 * ChargeCategory and the commitment columns; account ids checked for AWS's rows only; the provider
 * as written; no blended cost.
 */
export function focusRows(d: Dialect, columns: readonly SqlColumn[] | undefined, decimal: string): FormatRows {
  const column = columnFinder<FocusField>(columns, FOCUS_COLUMNS);
  /** The mapper's `textOrNull`: blank, `NULL` and `null` are null. */
  const text = (field: FocusField): string => {
    const c = column(field);
    return c === null ? NULL_TEXT : `NULLIF(NULLIF(${cellText(d, c)}, 'NULL'), 'null')`;
  };
  const tags = column('tags');
  const badTags = tags === null ? null : d.badMap('t_tags', tags.type);

  const texts = [
    ...(badTags === null ? [] : [`${text('tags')} AS t_tags`]),
    `COALESCE(${text('chargeCategory')}, '') AS t_category`,
    `${text('chargeFrequency')} AS t_frequency`,
    `${text('commitmentStatus')} AS t_status`,
    `${text('commitmentType')} AS t_commitment_type`,
    `${text('commitmentCategory')} AS t_commitment_category`,
    `${text('commitmentId')} AS t_commitment`,
    `${text('provider')} AS provider`,
    `${text('service')} AS t_service`,
    `COALESCE(${text('serviceCode')}, ${text('service')}) AS product_code`,
    `${text('payer')} AS payer_account`,
    `${text('account')} AS account`,
    `COALESCE(${text('usageType')}, ${text('skuMeter')}) AS usage_type`,
    `${text('operation')} AS operation`,
    `${text('region')} AS region`,
    `${text('currency')} AS t_currency`,
  ];

  // Kind (focusKind.ts): values compared in lower case, patterns case-insensitive (`(?i)`).
  const isAws = `(provider IS NULL OR provider = ${literal(AWS_PROVIDER)} OR provider LIKE '${likeText(AWS_PROVIDER_PREFIX)}%')`;
  const isSupport = [supportCodeSql('product_code'), ...FOCUS_SUPPORT_SERVICE_PREFIXES.map((prefix) => `t_service LIKE '${likeText(prefix)}%'`)].join(' OR ');
  const support = (kind: string): string => `CASE WHEN ${isAws} AND (${isSupport}) THEN 'support' ELSE ${literal(kind)} END`;
  const savingsPlan = [
    'CASE',
    `WHEN ${d.matches('t_commitment_type', `(?i)${SAVINGS_PLAN_TYPE_PATTERN}`)} THEN TRUE`,
    `WHEN ${d.matches('t_commitment_type', `(?i)${RESERVATION_TYPE_PATTERN}`)} THEN FALSE`,
    `WHEN lower(t_commitment_category) = ${literal(FOCUS_SPEND_COMMITMENT)} THEN TRUE`,
    `WHEN lower(t_commitment_category) = ${literal(FOCUS_USAGE_COMMITMENT)} THEN FALSE`,
    `ELSE COALESCE(${d.matches('t_commitment', `(?i)${SAVINGS_PLAN_ID_PATTERN}`)}, FALSE) END`,
  ].join(' ');
  const commitment = (savings: string, reservation: string): string => `CASE WHEN ${savingsPlan} THEN ${literal(savings)} ELSE ${literal(reservation)} END`;
  const kind = [
    'CASE lower(t_category)',
    `WHEN ${literal(FOCUS_USAGE_CATEGORY)} THEN CASE lower(t_status) WHEN ${literal(FOCUS_COMMITMENT_USED)} THEN ${commitment('sp-covered', 'ri-covered')}`
      + ` WHEN ${literal(FOCUS_COMMITMENT_UNUSED)} THEN ${commitment('sp-fee', 'ri-fee')} ELSE ${support('usage')} END`,
    `WHEN ${literal(FOCUS_PURCHASE_CATEGORY)} THEN CASE WHEN lower(t_frequency) = ${literal(FOCUS_ONE_TIME)} THEN 'upfront'`
      + ` WHEN t_commitment IS NOT NULL OR t_commitment_type IS NOT NULL OR t_commitment_category IS NOT NULL THEN ${commitment('sp-fee', 'ri-fee')}`
      + ` ELSE ${support('fee')} END`,
    ...Object.entries(FOCUS_CATEGORY_KINDS).map(([category, k]) => `WHEN ${literal(category)} THEN ${literal(k)}`),
    // A category FOCUS does not define: a fee (support's, for AWS Support), with the reader's warning.
    `ELSE ${support('fee')} END`,
  ].join(' ');
  const knownKind = `lower(t_category) IN (${[FOCUS_USAGE_CATEGORY, FOCUS_PURCHASE_CATEGORY, ...Object.keys(FOCUS_CATEGORY_KINDS)].map(literal).join(', ')})`;

  return {
    texts,
    // FocusMapper.row's order: a bad EffectiveCost wins over a bad date, a bad date over a bad BilledCost.
    reads: [
      { number: 'effective', text: text('effective'), when: null },
      { number: 'list', text: text('list'), when: null },
      { number: 'consumed', text: text('consumed'), when: null },
      // `consumed ?? pricing`: PricingQuantity is read when ConsumedQuantity read as null (absent, blank, NULL or bad).
      { number: 'pricing', text: text('pricing'), when: 'n_consumed IS NULL OR s_consumed = 1' },
      { date: text('periodStart') },
      { number: 'billed', text: text('billed'), when: null },
    ],
    kind,
    knownKind,
    figures: {
      unblended: 'v_billed',
      blended: `CAST(NULL AS ${decimal})`,
      amortized: 'v_effective',
      list: 'v_list',
      usage: 'COALESCE(v_consumed, v_pricing)',
    },
    derived: [
      `${currencySql('t_currency')} AS currency`,
      `${ownerSql('t_commitment')} AS commitment_owner`,
      `COALESCE(t_service, product_code) AS service`,
    ],
    // Only AWS's ids are 12 digits, and only a row that names its provider is checked.
    badAccount: `provider IS NOT NULL AND ${isAws} AND (${badAccountIdsSql(d, ['payer_account', 'account'])})`,
    badMaps: badTags === null ? [] : [badTags],
    key: {
      format: `'focus'`, provider: 'provider', payerAccount: 'payer_account', account: 'account', period: 'period', kind: 'kind',
      productCode: 'product_code', service: 'service', usageType: 'usage_type', operation: 'operation', region: 'region',
      billingEntity: NULL_TEXT, currency: 'currency', commitmentOwner: 'commitment_owner',
    },
  };
}
