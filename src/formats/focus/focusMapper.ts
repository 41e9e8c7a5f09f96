import type { ChargeKind } from '../../engine/kinds';
import type { BillingLine } from '../../engine/line';
import { ColumnPicker } from '../columns';
import { PeriodReader } from '../dates';
import type { ControlCheck } from '../fileControl';
import { MAX_JSON_DEPTH, parseJsonObject, tagsFromObject, TOO_DEEP } from '../jsonObject';
import { MapperBase, type FormatMapper, type MapperContext } from '../mapper';
import { FOCUS_COLUMNS, type FocusField } from './focusColumns';
import { isAws, isFocusSupport, kindFromFocus } from './focusKind';

export { FOCUS_COLUMN_RULES } from './focusColumns';

/** Each field's column as issues name it: its first name. */
const NAME = Object.fromEntries(Object.entries(FOCUS_COLUMNS).map(([field, names]) => [field, names[0]])) as Record<FocusField, string>;

/**
 * FOCUS 1.0–1.2 (any provider) → BillingLines (FORMATS.md "FOCUS"). `NULL` cells are null in
 * every column. Example (the public sample's first row): ChargeCategory `Usage`,
 * BilledCost `0.00000080000`, ServiceName `Amazon Simple Queue Service`, no x_ServiceCode →
 * kind `usage`, productCode = service = `Amazon Simple Queue Service`, unblendedCost
 * `0.00000080000`, provider `AWS`, period `2024-09` (from `2024-09-01 00:00:00`).
 */
export class FocusMapper extends MapperBase implements FormatMapper {
  readonly format = 'focus' as const;
  readonly wanted: number[];
  private readonly col: Record<FocusField, number>;
  private readonly dates = new PeriodReader();

  constructor(context: MapperContext, header: string[]) {
    super(context);
    const pick = new ColumnPicker(header);
    const col = {} as Record<FocusField, number>;
    for (const [field, names] of Object.entries(FOCUS_COLUMNS)) col[field as FocusField] = pick.pick(...names);
    this.col = col;
    this.wanted = pick.wanted;
  }

  row(fields: string[], line: number): void {
    this.startRow();
    const col = this.col;
    const effective = this.number(fields, col.effective, NAME.effective);
    const list = this.number(fields, col.list, NAME.list);
    const usageAmount = this.number(fields, col.consumed, NAME.consumed) ?? this.number(fields, col.pricing, NAME.pricing);
    const periodText = this.textOrNull(fields, col.periodStart);
    const period = periodText === null ? null : this.dates.read(periodText);
    if (period === null) this.markBad(NAME.periodStart, periodText ?? '', 'BAD_DATE');
    // The cost is read last: the control totals then add the text just validated (no rescan).
    const billed = this.number(fields, col.billed, NAME.billed);
    const costKnown = !this.lastNumberBad;
    if (costKnown) this.context.tally.addRead(billed);
    if (this.rowIsBad) {
      this.skipBadRow(line, costKnown ? billed : null);
      return;
    }

    const provider = this.textOrNull(fields, col.provider);
    const service = this.textOrNull(fields, col.service);
    const productCode = this.textOrNull(fields, col.serviceCode) ?? service;
    const commitmentArn = this.textOrNull(fields, col.commitmentId);
    const kind = this.kindOf(fields, line, commitmentArn, provider, service, productCode);
    const payerAccount = this.textOrNull(fields, col.payer);
    const account = this.textOrNull(fields, col.account);
    // Only AWS ids are 12 digits: Azure, Oracle and others write theirs otherwise.
    if (provider !== null && isAws(provider)) {
      this.checkAccountId(payerAccount, 0, NAME.payer, line);
      this.checkAccountId(account, 1, NAME.account, line);
    }
    if (!this.context.wantsLines) {
      this.tagsOf(fields, line);
      this.context.tally.countParts(kind, billed, period as string, payerAccount, account, provider);
      return;
    }
    const result: BillingLine = {
      source: { file: this.context.file, line },
      format: 'focus',
      period: period as string,
      payerAccount,
      account,
      kind,
      productCode,
      service: service ?? productCode,
      usageType: this.textOrNull(fields, col.usageType) ?? this.textOrNull(fields, col.skuMeter),
      operation: this.textOrNull(fields, col.operation),
      availabilityZone: this.textOrNull(fields, col.zone),
      region: this.textOrNull(fields, col.region),
      instanceType: null,
      platform: null,
      tenancy: null,
      billingEntity: null,
      usageAmount,
      unblendedRate: null,
      unblendedCost: billed,
      blendedRate: null,
      blendedCost: null,
      listCost: list,
      amortizedCost: effective,
      commitmentArn,
      commitmentOwner: this.ownerOf(commitmentArn),
      currency: this.currencyOf(this.textOrNull(fields, col.currency)),
      invoiceId: this.textOrNull(fields, col.invoice),
      provider,
      description: this.textOrNull(fields, col.description),
      resourceId: this.textOrNull(fields, col.resource),
      tags: this.tagsOf(fields, line),
    };
    this.context.emit(result);
  }

  finish(): ControlCheck[] {
    return [];
  }

  private kindOf(
    fields: string[],
    line: number,
    commitmentId: string | null,
    provider: string | null,
    service: string | null,
    productCode: string | null,
  ): ChargeKind {
    const col = this.col;
    const chargeCategory = this.textOrNull(fields, col.chargeCategory) ?? '';
    let kind = kindFromFocus({
      chargeCategory,
      chargeFrequency: this.textOrNull(fields, col.chargeFrequency),
      commitmentStatus: this.textOrNull(fields, col.commitmentStatus),
      commitmentType: this.textOrNull(fields, col.commitmentType),
      commitmentCategory: this.textOrNull(fields, col.commitmentCategory),
      commitmentId,
    });
    if (kind === null) {
      this.report(
        'BAD_VALUE',
        'warning',
        `${NAME.chargeCategory} "${chargeCategory}" at line ${line} of ${this.context.file} is not a FOCUS charge category; the line is read as a fee.`,
        line,
        NAME.chargeCategory,
        `${NAME.chargeCategory}\u0000${chargeCategory}`,
      );
      kind = 'fee';
    }
    // Support plans are AWS's: another provider's "support" is an ordinary charge.
    if ((kind === 'usage' || kind === 'fee') && isAws(provider) && isFocusSupport(service, productCode)) return 'support';
    return kind;
  }


  private tagsOf(fields: string[], line: number): Record<string, string> | null {
    const text = this.textOrNull(fields, this.col.tags);
    if (text === null) return null;
    const map = parseJsonObject(text);
    if (map === undefined || map === TOO_DEEP) {
      const what = map === TOO_DEEP ? `nested deeper than ${MAX_JSON_DEPTH} levels` : 'not a JSON object';
      this.report('BAD_VALUE', 'warning', `${NAME.tags} at line ${line} of ${this.context.file} are ${what}; they are ignored.`, line, NAME.tags);
      return null;
    }
    return map === null ? null : tagsFromObject(map, null);
  }
}
