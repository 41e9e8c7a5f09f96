import { isTotalRecord, recordAccount } from './totalRecords';
import type { ChargeKind } from '../../engine/kinds';
import type { BillingLine } from '../../engine/line';
import { ColumnPicker, FILE_NAME_PERIOD, type ColumnRules } from '../columns';
import { periodFromFileName, periodFromTimestamp, PeriodReader } from '../dates';
import type { ControlCheck } from '../fileControl';
import { MapperBase, type FormatMapper, type MapperContext } from '../mapper';
import { instanceTypeFromUsageType } from '../instanceTypeFromUsageType';
import { productCodeFromName } from '../products';
import { regionFromUsageType } from '../regions';
import { DbrTotals } from './dbrTotals';
import { kindFromDescription } from './kindFromDescription';

/**
 * What a DBR needs (src/formats/README.md "Required columns"): RecordType, LinkedAccountId and
 * UnBlendedCost or Cost (detection), and UsageStartDate, for which the file name's `YYYY-MM`
 * stands in when the column is absent (a `MISSING_COLUMN` warning).
 */
export const DBR_COLUMN_RULES: ColumnRules = {
  required: [['RecordType'], ['LinkedAccountId'], ['UnBlendedCost', 'Cost'], ['UsageStartDate', FILE_NAME_PERIOD]],
  fallbacks: [{ column: 'UsageStartDate', instead: [FILE_NAME_PERIOD] }],
};

/**
 * The Detailed Billing Report (with or without resources and tags) → BillingLines (FORMATS.md
 * "DBR"). Example row: `Estimated,…,LineItem,…,Amazon Elastic Compute Cloud,…,USW2-BoxUsage:m4.large,
 * RunInstances,us-west-2a,N,$0.10 per On Demand Linux m4.large Instance Hour,2017-05-01 00:00:00,…,
 * 24,0.1,2.4,0.1,2.4,i-0abc` → kind `usage`, productCode `AmazonEC2`, region `us-west-2`,
 * instanceType `m4.large`, period `2017-05`, invoiceId null (Estimated), unblendedCost `2.4`.
 * Total rows become `total` lines and feed the control checks (dbrTotals.ts).
 */
export class DbrMapper extends MapperBase implements FormatMapper {
  readonly format = 'dbr' as const;
  readonly wanted: number[];
  private readonly standalone: boolean;
  private readonly col: Record<string, number>;
  private readonly tagColumns: { key: string; position: number }[];
  private readonly totals: DbrTotals;
  private readonly dates = new PeriodReader();
  private readonly fileNamePeriod: string | null;
  private lastPeriod: string | null = null;

  constructor(context: MapperContext, header: string[]) {
    super(context);
    const pick = new ColumnPicker(header);
    this.standalone = !pick.has('UnBlendedCost') && pick.has('Cost');
    this.col = {
      invoice: pick.pick('InvoiceID'),
      payer: pick.pick('PayerAccountId'),
      linked: pick.pick('LinkedAccountId'),
      recordType: pick.pick('RecordType'),
      productName: pick.pick('ProductName'),
      subscription: pick.pick('SubscriptionId'),
      usageType: pick.pick('UsageType'),
      operation: pick.pick('Operation'),
      zone: pick.pick('AvailabilityZone'),
      reserved: pick.pick('ReservedInstance'),
      description: pick.pick('ItemDescription'),
      start: pick.pick('UsageStartDate'),
      quantity: pick.pick('UsageQuantity'),
      blendedRate: pick.pick(this.standalone ? 'Rate' : 'BlendedRate'),
      blendedCost: pick.pick(this.standalone ? 'Cost' : 'BlendedCost'),
      unblendedRate: pick.pick(this.standalone ? 'Rate' : 'UnBlendedRate'),
      unblendedCost: pick.pick(this.standalone ? 'Cost' : 'UnBlendedCost'),
      resource: pick.pick('ResourceId'),
    };
    this.tagColumns = pick.pickPrefixed('user:').map(({ name, position }) => ({ key: name, position }));
    this.wanted = pick.wanted;
    this.totals = new DbrTotals(!this.standalone);
    this.fileNamePeriod = periodFromFileName(context.file);
  }

  row(fields: string[], line: number): void {
    this.startRow();
    const col = this.col;
    const unblendedColumn = this.standalone ? 'Cost' : 'UnBlendedCost';
    const recordType = fields[col.recordType];
    const isTotal = isTotalRecord(recordType);
    const unblendedCost = this.number(fields, col.unblendedCost, unblendedColumn);
    const costKnown = !this.lastNumberBad;
    if (!isTotal && costKnown) this.context.tally.addRead(unblendedCost);
    const blendedCost = this.standalone ? unblendedCost : this.number(fields, col.blendedCost, 'BlendedCost');
    const usageAmount = this.number(fields, col.quantity, 'UsageQuantity');
    const unblendedRate = this.number(fields, col.unblendedRate, this.standalone ? 'Rate' : 'UnBlendedRate');
    const blendedRate = this.standalone ? unblendedRate : this.number(fields, col.blendedRate, 'BlendedRate');
    const description = this.text(fields, col.description);
    const period = this.periodOf(fields, description, isTotal);
    if (this.rowIsBad) {
      this.skipBadRow(line, !isTotal && costKnown ? unblendedCost : null);
      return;
    }

    const invoiceText = this.text(fields, col.invoice);
    const payerAccount = this.text(fields, col.payer);
    const linked = this.text(fields, col.linked);
    this.checkAccountId(payerAccount, 0, 'PayerAccountId', line);
    this.checkAccountId(linked, 1, 'LinkedAccountId', line);
    // Invoice and statement totals belong to no account; a line item without one is the payer's.
    const account = recordAccount(recordType, linked, payerAccount);
    if (isTotal) {
      this.totals.addTotal(recordType, invoiceText ?? '', account ?? '', line, unblendedCost, blendedCost);
    } else {
      this.totals.addRow(invoiceText ?? '', account ?? '', unblendedCost, blendedCost);
    }

    const productName = this.text(fields, col.productName);
    const usageType = this.text(fields, col.usageType);
    const kind = this.kindOf(fields, recordType, productName, usageType, description);
    if (kind === null) {
      this.report(
        'SKIPPED_ROW',
        'warning',
        `RecordType "${recordType}" at line ${line} of ${this.context.file} is not a DBR record type; the row is skipped.`,
        line,
        'RecordType',
      );
      this.context.tally.skip('UNKNOWN_RECORD_TYPE', unblendedCost);
      return;
    }
    const productCode = productName === null ? null : productCodeFromName(productName);
    const result: BillingLine = {
      source: { file: this.context.file, line },
      format: 'dbr',
      period: period as string,
      payerAccount,
      account,
      kind,
      productCode,
      service: productName ?? productCode,
      usageType,
      operation: this.text(fields, col.operation),
      availabilityZone: this.text(fields, col.zone),
      region: isTotal || usageType === null ? null : regionFromUsageType(usageType),
      instanceType: instanceTypeFromUsageType(usageType),
      platform: null,
      tenancy: null,
      billingEntity: null,
      usageAmount,
      unblendedRate,
      unblendedCost,
      blendedRate,
      blendedCost,
      listCost: null,
      amortizedCost: null,
      commitmentArn: null,
      commitmentOwner: null,
      currency: 'USD',
      invoiceId: invoiceText === null || invoiceText === 'Estimated' ? null : invoiceText,
      provider: 'AWS',
      description,
      resourceId: this.text(fields, col.resource),
      tags: this.tagsOf(fields),
    };
    this.context.emit(result);
  }

  finish(): ControlCheck[] {
    return this.totals.finish(this.context.file, this.context.issues);
  }

  /**
   * UsageStartDate, else the file name's `YYYY-MM`, else (total rows) a date in the description
   * (`Total statement amount for period 2017-05-01 00:00:00 - …`), else the period of the rows
   * before. A date that is there but unreadable is `BAD_DATE`.
   */
  private periodOf(fields: string[], description: string | null, isTotal: boolean): string | null {
    const start = this.text(fields, this.col.start);
    if (start !== null) {
      const period = this.dates.read(start);
      if (period === null) {
        this.markBad('UsageStartDate', start, 'BAD_DATE');
        return null;
      }
      this.lastPeriod = period;
      return period;
    }
    if (this.fileNamePeriod !== null) return this.fileNamePeriod;
    if (isTotal && description !== null) {
      const match = /\d{4}[-/]\d{2}[-/]\d{2}/.exec(description);
      const period = match === null ? null : periodFromTimestamp(match[0]);
      if (period !== null) return period;
    }
    if (this.lastPeriod !== null) return this.lastPeriod;
    this.markBad('UsageStartDate', '', 'BAD_DATE');
    return null;
  }

  private kindOf(fields: string[], recordType: string, productName: string | null, usageType: string | null, description: string | null): ChargeKind | null {
    switch (recordType) {
      case 'StatementTotal':
      case 'InvoiceTotal':
      case 'AccountTotal':
        return 'total';
      case 'Rounding':
        return 'rounding';
      case 'Discount':
        return 'discount';
      case 'LineItem':
        break;
      default:
        return null;
    }
    const stated = kindFromDescription(description);
    if (stated !== null) return stated;
    if (productName !== null && (productName.startsWith('AWS Support') || productName.startsWith('AWS Premium Support'))) return 'support';
    const reserved = fields[this.col.reserved] === 'Y';
    if (usageType !== null && usageType.includes('HeavyUsage')) {
      if (this.text(fields, this.col.subscription) === null) return 'upfront';
      return reserved ? 'ri-covered' : 'ri-fee';
    }
    return reserved ? 'ri-covered' : 'usage';
  }

  private tagsOf(fields: string[]): Record<string, string> | null {
    let tags: Record<string, string> | null = null;
    for (const { key, position } of this.tagColumns) {
      const value = fields[position];
      if (value.length > 0) (tags ??= {})[key] = value;
    }
    return tags;
  }
}
