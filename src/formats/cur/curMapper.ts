import type { ChargeKind } from '../../engine/kinds';
import type { BillingLine } from '../../engine/line';
import { ColumnPicker } from '../columns';
import { PeriodReader } from '../dates';
import type { ControlCheck } from '../fileControl';
import { MapperBase, type FormatMapper, type MapperContext } from '../mapper';
import { negateText, sumTexts } from '../numbers';
import { MAX_JSON_DEPTH, parseJsonObject, tagsFromObject, TOO_DEEP } from '../jsonObject';
import { CUR1_COLUMNS, CUR2_COLUMNS, PRODUCT_MAP_KEYS, type CurColumnNames } from './curColumns';
import { kindFromLineItemType } from './curKind';

type Col = Record<Exclude<keyof CurColumnNames, 'tagPrefix'>, number>;

/** CUR columns a count-only read never looks at (they only fill in a BillingLine). */
const COUNT_ONLY_UNUSED = new Set(['invoice', 'billingEntity', 'productName', 'usageType', 'operation', 'zone', 'region',
  'instanceType', 'platform', 'tenancy', 'description', 'resource', 'savingsPlanArn', 'currency']);

/** CUR columns pricing never reads (`ReadOptions.pricingFieldsOnly`); tags are left out too. */
const NOT_PRICED = new Set(['invoice', 'zone', 'instanceType', 'platform', 'tenancy', 'description', 'resource']);

/**
 * Where a CUR header's columns are, for one kind of read (count-only, pricing fields, full): what
 * `CurMapper` works out from the header names. It depends on the header and the context's
 * `wantsLines` and `pricingFieldsOnly` only, so tables with one header can share it (`HeaderMemo`).
 */
export interface CurPlan {
  readonly col: Col;
  readonly tagColumns: readonly { key: string; position: number }[];
  readonly needsProductMap: boolean;
  readonly wanted: readonly number[];
}

/** Picks a CUR header's columns (by name, case-insensitive, first occurrence). */
export function curPlan(context: Pick<MapperContext, 'wantsLines' | 'pricingFieldsOnly'>, header: readonly string[], format: 'cur1' | 'cur2'): CurPlan {
  const names = format === 'cur1' ? CUR1_COLUMNS : CUR2_COLUMNS;
  const pick = new ColumnPicker(header);
  const present = (field: keyof Col): boolean => (names[field] as string[]).some((name) => pick.has(name));
  // Counting only (`rerate inspect`), the descriptive columns are never read: not asking the
  // scanner for them saves a third of its substrings. Numbers, dates and kinds are still read,
  // so the issues and control totals are those of a full read (test/formats/count-only.test.ts).
  const countOnly = !context.wantsLines;
  const unused = countOnly ? COUNT_ONLY_UNUSED : context.pricingFieldsOnly ? NOT_PRICED : null;
  const col = {} as Col;
  for (const [field, alternatives] of Object.entries(names)) {
    if (field === 'tagPrefix') continue;
    col[field as keyof Col] = unused !== null && unused.has(field) ? -1 : pick.pick(...(alternatives as string[]));
  }
  const tagColumns = unused !== null ? [] : pick
    .pickPrefixed(names.tagPrefix)
    .map(({ name, position }) => ({ key: name.slice(names.tagPrefix.length), position }));
  const needsProductMap =
    col.productMap >= 0 &&
    (!present('productName') || !present('region') || !present('instanceType') || !present('platform') || !present('tenancy'));
  return { col, tagColumns, needsProductMap, wanted: pick.wanted };
}

/**
 * CUR 1.0 and CUR 2.0 → BillingLines (FORMATS.md "CUR"): one line per row, columns by name, the
 * two versions differing only in their column names (curColumns.ts).
 *
 * amortizedCost by kind: ri-covered → reservation EffectiveCost; sp-covered → SavingsPlan
 * EffectiveCost; ri-fee → unused amortized upfront fee + unused recurring fee; sp-fee → total
 * commitment to date − used commitment; upfront and sp-negation → 0; otherwise unblendedCost.
 * Example: an RIFee row with UnusedAmortizedUpfrontFeeForBillingPeriod 1.25 and
 * UnusedRecurringFee 0.3 has amortizedCost `1.55` (an exact sum, no float). A column a month's
 * CUR lacks reads as null (both parts null → null; one → the other alone).
 */
export class CurMapper extends MapperBase implements FormatMapper {
  readonly wanted: number[];
  private readonly col: Col;
  private readonly names: CurColumnNames;
  private readonly tagColumns: readonly { key: string; position: number }[];
  private readonly dates = new PeriodReader();
  private readonly needsProductMap: boolean;

  constructor(
    context: MapperContext,
    header: string[],
    readonly format: 'cur1' | 'cur2',
    /** The header's column plan (`curPlan`), when a previous table with this header made it. */
    plan: CurPlan = curPlan(context, header, format),
  ) {
    super(context);
    this.names = format === 'cur1' ? CUR1_COLUMNS : CUR2_COLUMNS;
    this.col = plan.col;
    this.tagColumns = plan.tagColumns;
    this.needsProductMap = plan.needsProductMap;
    this.wanted = plan.wanted.slice();
  }

  row(fields: string[], line: number): void {
    this.startRow();
    const col = this.col;
    const names = this.names;
    const periodText = this.text(fields, col.periodStart);
    const period = periodText === null ? null : this.dates.read(periodText);
    if (period === null) this.markBad(names.periodStart[0], periodText ?? '', 'BAD_DATE');

    const productCode = this.text(fields, col.productCode);
    const reservationArn = this.text(fields, col.reservationArn);
    const lineItemType = fields[col.lineItemType];
    let kind = kindFromLineItemType(lineItemType, productCode, reservationArn !== null);
    if (kind === null) {
      this.report(
        'BAD_VALUE',
        'warning',
        `Line item type "${lineItemType}" at line ${line} of ${this.context.file} is not one FORMATS.md maps; the line is read as a fee.`,
        line,
        names.lineItemType[0],
        `${names.lineItemType[0]}\u0000${lineItemType}`,
      );
      kind = 'fee';
    }
    const usageAmount = this.number(fields, col.usageAmount, names.usageAmount[0]);
    const unblendedRate = this.number(fields, col.unblendedRate, names.unblendedRate[0]);
    const blendedRate = this.number(fields, col.blendedRate, names.blendedRate[0]);
    const listCost = this.number(fields, col.listCost, names.listCost[0]);
    // Blended next to unblended: most rows repeat the text, and a repeat is not scanned again.
    const blendedCost = this.number(fields, col.blendedCost, names.blendedCost[0]);
    // The cost is read last: the control totals then add the text just validated (no rescan).
    const unblendedCost = this.number(fields, col.unblendedCost, names.unblendedCost[0]);
    const costKnown = !this.lastNumberBad;
    if (costKnown) this.context.tally.addRead(unblendedCost);
    const amortizedCost = kind === 'usage' || kind === 'support' ? unblendedCost : this.amortizedCost(fields, kind, unblendedCost);
    if (this.rowIsBad) {
      this.skipBadRow(line, costKnown ? unblendedCost : null);
      return;
    }

    const commitmentArn = reservationArn ?? this.text(fields, col.savingsPlanArn);
    const product = this.needsProductMap ? this.jsonCell(fields, col.productMap, line) : null;
    const payerAccount = this.text(fields, col.payer);
    const account = this.text(fields, col.account);
    this.checkAccountId(payerAccount, 0, names.payer[0], line);
    this.checkAccountId(account, 1, names.account[0], line);
    if (!this.context.wantsLines) {
      if (this.col.tagsMap >= 0) this.jsonCell(fields, this.col.tagsMap, line);
      this.context.tally.countParts(kind, unblendedCost, period as string, payerAccount, account, 'AWS');
      return;
    }
    const productName = this.text(fields, col.productName) ?? mapValue(product, PRODUCT_MAP_KEYS.productName);
    const invoice = this.text(fields, col.invoice);
    const result: BillingLine = {
      source: { file: this.context.file, line },
      format: this.format,
      period: period as string,
      payerAccount,
      account,
      kind,
      productCode,
      service: productName ?? productCode,
      usageType: this.text(fields, col.usageType),
      operation: this.text(fields, col.operation),
      availabilityZone: this.text(fields, col.zone),
      region: this.text(fields, col.region) ?? mapValue(product, PRODUCT_MAP_KEYS.region),
      instanceType: this.text(fields, col.instanceType) ?? mapValue(product, PRODUCT_MAP_KEYS.instanceType),
      platform: this.text(fields, col.platform) ?? mapValue(product, PRODUCT_MAP_KEYS.platform),
      tenancy: this.text(fields, col.tenancy) ?? mapValue(product, PRODUCT_MAP_KEYS.tenancy),
      billingEntity: this.text(fields, col.billingEntity),
      usageAmount,
      unblendedRate,
      unblendedCost,
      blendedRate,
      blendedCost,
      listCost,
      amortizedCost,
      commitmentArn,
      commitmentOwner: this.ownerOf(commitmentArn),
      currency: this.currencyOf(this.text(fields, col.currency)),
      invoiceId: invoice,
      provider: 'AWS',
      description: this.text(fields, col.description),
      resourceId: this.text(fields, col.resource),
      tags: this.tagsOf(fields, line),
    };
    this.context.emit(result);
  }

  finish(): ControlCheck[] {
    return [];
  }

  private amortizedCost(fields: string[], kind: ChargeKind, unblendedCost: string | null): string | null {
    const col = this.col;
    const names = this.names;
    switch (kind) {
      case 'ri-covered':
        return this.number(fields, col.riEffectiveCost, names.riEffectiveCost[0]);
      case 'sp-covered':
        return this.number(fields, col.spEffectiveCost, names.spEffectiveCost[0]);
      case 'ri-fee': {
        const upfront = this.number(fields, col.riUnusedUpfront, names.riUnusedUpfront[0]);
        const recurring = this.number(fields, col.riUnusedRecurring, names.riUnusedRecurring[0]);
        if (upfront === null) return recurring;
        return recurring === null ? upfront : sumTexts(upfront, recurring);
      }
      case 'sp-fee': {
        const total = this.number(fields, col.spTotalCommitment, names.spTotalCommitment[0]);
        const used = this.number(fields, col.spUsedCommitment, names.spUsedCommitment[0]);
        if (used === null) return total;
        return sumTexts(total ?? '0', negateText(used));
      }
      case 'upfront':
      case 'sp-negation':
        return '0';
      default:
        return unblendedCost;
    }
  }


  private tagsOf(fields: string[], line: number): Record<string, string> | null {
    let tags: Record<string, string> | null = null;
    for (const { key, position } of this.tagColumns) {
      const value = fields[position];
      if (value.length > 0) (tags ??= {})[key] = value;
    }
    if (this.col.tagsMap >= 0) {
      const map = this.jsonCell(fields, this.col.tagsMap, line);
      if (map !== null) tags = tagsFromObject(map, tags);
    }
    return tags;
  }

  /** A map column's object; text that is not a JSON object is a warning and reads as null. */
  private jsonCell(fields: string[], position: number, line: number): Record<string, unknown> | null {
    const text = this.text(fields, position);
    const map = parseJsonObject(text);
    if (map !== undefined && map !== TOO_DEEP) return map;
    const column = position === this.col.productMap ? this.names.productMap[0] : this.names.tagsMap[0];
    const message =
      map === TOO_DEEP
        ? `The JSON in column ${column} at line ${line} of ${this.context.file} is nested deeper than ${MAX_JSON_DEPTH} levels; it is ignored.`
        : `"${shorten(text ?? '')}" in column ${column} at line ${line} of ${this.context.file} is not a JSON object; it is ignored.`;
    this.report('BAD_VALUE', 'warning', message, line, column);
    return null;
  }
}

function mapValue(map: Record<string, unknown> | null, keys: readonly string[]): string | null {
  if (map === null) return null;
  for (const key of keys) {
    const value = map[key];
    if (value !== undefined && value !== null && value !== '') return String(value);
  }
  return null;
}

function shorten(text: string): string {
  return text.length > 60 ? `${text.slice(0, 57)}...` : text;
}
