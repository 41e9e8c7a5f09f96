import { isSupportProductCode, type ChargeKind } from '../../engine/kinds';
import type { BillingLine } from '../../engine/line';
import { ColumnPicker, type ColumnRules } from '../columns';
import { PeriodReader } from '../dates';
import type { ControlCheck } from '../fileControl';
import { MAX_JSON_DEPTH, parseJsonObject, tagsFromObject, TOO_DEEP } from '../jsonObject';
import { MapperBase, type FormatMapper, type MapperContext } from '../mapper';
import { kindFromFocus } from './focusKind';

/**
 * What a FOCUS table needs (src/formats/README.md "Required columns"): BilledCost and
 * ChargeCategory (detection), BillingPeriodStart, and SubAccountId, else BillingAccountId (a
 * `MISSING_COLUMN` warning). Every other column may be absent (null).
 */
export const FOCUS_COLUMN_RULES: ColumnRules = {
  required: [['BilledCost'], ['ChargeCategory'], ['BillingPeriodStart'], ['SubAccountId', 'BillingAccountId']],
  fallbacks: [{ column: 'SubAccountId', instead: ['BillingAccountId'] }],
};

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
  private readonly col: Record<string, number>;
  private readonly dates = new PeriodReader();

  constructor(context: MapperContext, header: string[]) {
    super(context);
    const pick = new ColumnPicker(header);
    this.col = {
      account: pick.pick('SubAccountId'),
      payer: pick.pick('BillingAccountId'),
      service: pick.pick('ServiceName'),
      serviceCode: pick.pick('x_ServiceCode'),
      usageType: pick.pick('x_UsageType'),
      skuMeter: pick.pick('SkuMeter'),
      operation: pick.pick('x_Operation'),
      region: pick.pick('RegionId'),
      zone: pick.pick('AvailabilityZone'),
      consumed: pick.pick('ConsumedQuantity'),
      pricing: pick.pick('PricingQuantity'),
      billed: pick.pick('BilledCost'),
      effective: pick.pick('EffectiveCost'),
      list: pick.pick('ListCost'),
      currency: pick.pick('BillingCurrency'),
      periodStart: pick.pick('BillingPeriodStart'),
      commitmentId: pick.pick('CommitmentDiscountId'),
      commitmentStatus: pick.pick('CommitmentDiscountStatus'),
      commitmentType: pick.pick('CommitmentDiscountType'),
      commitmentCategory: pick.pick('CommitmentDiscountCategory'),
      chargeCategory: pick.pick('ChargeCategory'),
      chargeFrequency: pick.pick('ChargeFrequency'),
      provider: pick.pick('ProviderName', 'ServiceProviderName'),
      resource: pick.pick('ResourceId'),
      description: pick.pick('ChargeDescription'),
      invoice: pick.pick('InvoiceId'),
      tags: pick.pick('Tags'),
    };
    this.wanted = pick.wanted;
  }

  row(fields: string[], line: number): void {
    this.startRow();
    const col = this.col;
    const effective = this.number(fields, col.effective, 'EffectiveCost');
    const list = this.number(fields, col.list, 'ListCost');
    const usageAmount = this.number(fields, col.consumed, 'ConsumedQuantity') ?? this.number(fields, col.pricing, 'PricingQuantity');
    const periodText = this.textOrNull(fields, col.periodStart);
    const period = periodText === null ? null : this.dates.read(periodText);
    if (period === null) this.markBad('BillingPeriodStart', periodText ?? '', 'BAD_DATE');
    // The cost is read last: the control totals then add the text just validated (no rescan).
    const billed = this.number(fields, col.billed, 'BilledCost');
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
      this.checkAccountId(payerAccount, 0, 'BillingAccountId', line);
      this.checkAccountId(account, 1, 'SubAccountId', line);
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
        `ChargeCategory "${chargeCategory}" at line ${line} of ${this.context.file} is not a FOCUS charge category; the line is read as a fee.`,
        line,
        'ChargeCategory',
        `ChargeCategory\u0000${chargeCategory}`,
      );
      kind = 'fee';
    }
    // Support plans are AWS's: another provider's "support" is an ordinary charge.
    if ((kind === 'usage' || kind === 'fee') && isAws(provider) && isSupport(service, productCode)) return 'support';
    return kind;
  }


  private tagsOf(fields: string[], line: number): Record<string, string> | null {
    const text = this.textOrNull(fields, this.col.tags);
    if (text === null) return null;
    const map = parseJsonObject(text);
    if (map === undefined || map === TOO_DEEP) {
      const what = map === TOO_DEEP ? `nested deeper than ${MAX_JSON_DEPTH} levels` : 'not a JSON object';
      this.report('BAD_VALUE', 'warning', `Tags at line ${line} of ${this.context.file} are ${what}; they are ignored.`, line, 'Tags');
      return null;
    }
    return map === null ? null : tagsFromObject(map, null);
  }
}

function isAws(provider: string | null): boolean {
  return provider === null || provider === 'AWS' || provider.startsWith('Amazon Web Services');
}

function isSupport(service: string | null, productCode: string | null): boolean {
  return (
    isSupportProductCode(productCode) ||
    (service !== null && (service.startsWith('AWS Support') || service.startsWith('AWS Premium Support')))
  );
}
