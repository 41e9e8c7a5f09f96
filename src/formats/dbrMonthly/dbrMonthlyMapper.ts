import { isTotalRecord, recordAccount } from '../dbr/totalRecords';
import type { ChargeKind } from '../../engine/kinds';
import type { BillingLine } from '../../engine/line';
import { isSupportProductCode } from '../../engine/kinds';
import { ColumnPicker, FILE_NAME_PERIOD, type ColumnRules } from '../columns';
import { periodFromFileName, PeriodReader } from '../dates';
import type { ControlCheck } from '../fileControl';
import { MapperBase, type FormatMapper, type MapperContext } from '../mapper';
import { instanceTypeFromUsageType } from '../instanceTypeFromUsageType';
import { isZeroText, sumTexts } from '../numbers';
import { productCodeFromName } from '../products';
import { regionFromUsageType } from '../regions';
import { kindFromDescription } from '../dbr/kindFromDescription';

/**
 * What a monthly report needs (src/formats/README.md "Required columns"): RecordID, CostBeforeTax
 * and TotalCost (detection), RecordType, LinkedAccountId else PayerAccountId, and
 * BillingPeriodStartDate else UsageStartDate else the file name's `YYYY-MM` (each stand-in a
 * `MISSING_COLUMN` warning).
 */
export const DBR_MONTHLY_COLUMN_RULES: ColumnRules = {
  required: [['RecordID', 'RecordId'], ['CostBeforeTax'], ['TotalCost'], ['RecordType'], ['LinkedAccountId', 'PayerAccountId'],
    ['BillingPeriodStartDate', 'UsageStartDate', FILE_NAME_PERIOD]],
  fallbacks: [
    { column: 'LinkedAccountId', instead: ['PayerAccountId'] },
    { column: 'BillingPeriodStartDate', instead: ['UsageStartDate', FILE_NAME_PERIOD] },
  ],
};

/**
 * The monthly report (`aws-billing-csv`, `aws-cost-allocation`) → BillingLines (FORMATS.md
 * "DBR monthly report"). One row may give three lines from the same source line: its
 * CostBeforeTax (kind by description and product), its Credits (a `credit` line) and its
 * TaxAmount (a `tax` line), the last two only when not zero. Example: CostBeforeTax 100,
 * Credits −10, TaxAmount 9, TotalCost 99 → lines of 100 (usage), −10 (credit) and 9 (tax), whose
 * sum 99 is what the control totals compare with TotalCost. Total rows become `total` lines
 * carrying TotalCost; `EstimatedDisclaimer` rows are skipped with an info issue.
 */
export class DbrMonthlyMapper extends MapperBase implements FormatMapper {
  readonly format = 'dbr-monthly' as const;
  readonly wanted: number[];
  private readonly col: Record<string, number>;
  private readonly dates = new PeriodReader();
  private readonly fileNamePeriod: string | null;
  private lastPeriod: string | null = null;

  constructor(context: MapperContext, header: string[]) {
    super(context);
    const pick = new ColumnPicker(header);
    this.col = {
      invoice: pick.pick('InvoiceID'),
      payer: pick.pick('PayerAccountId'),
      linked: pick.pick('LinkedAccountId'),
      recordType: pick.pick('RecordType'),
      periodStart: pick.pick('BillingPeriodStartDate'),
      productCode: pick.pick('ProductCode'),
      productName: pick.pick('ProductName'),
      usageType: pick.pick('UsageType'),
      operation: pick.pick('Operation'),
      description: pick.pick('ItemDescription'),
      usageStart: pick.pick('UsageStartDate'),
      quantity: pick.pick('UsageQuantity'),
      blendedRate: pick.pick('BlendedRate'),
      currency: pick.pick('CurrencyCode'),
      cost: pick.pick('CostBeforeTax'),
      credits: pick.pick('Credits'),
      tax: pick.pick('TaxAmount'),
      total: pick.pick('TotalCost'),
    };
    this.wanted = pick.wanted;
    this.fileNamePeriod = periodFromFileName(context.file);
  }

  row(fields: string[], line: number): void {
    this.startRow();
    const col = this.col;
    const recordType = fields[col.recordType];
    const isTotal = isTotalRecord(recordType);
    const cost = this.number(fields, col.cost, 'CostBeforeTax');
    const credits = this.number(fields, col.credits, 'Credits');
    const tax = this.number(fields, col.tax, 'TaxAmount');
    const totalCost = this.number(fields, col.total, 'TotalCost');
    // The row's whole cost: TotalCost, or its parts when TotalCost is blank.
    const rowCost = this.rowIsBad ? null : (totalCost ?? this.sumOf(cost, credits, tax));
    if (!isTotal && rowCost !== null) this.context.tally.addRead(rowCost);

    if (recordType === 'EstimatedDisclaimer') {
      this.report(
        'SKIPPED_ROW',
        'info',
        `The EstimatedDisclaimer row at line ${line} of ${this.context.file} says the month is not final; it is skipped.`,
        line,
        'RecordType',
      );
      this.context.tally.skip('EstimatedDisclaimer', rowCost);
      return;
    }
    const usageAmount = this.number(fields, col.quantity, 'UsageQuantity');
    const blendedRate = this.number(fields, col.blendedRate, 'BlendedRate');
    const period = this.periodOf(fields);
    if (this.rowIsBad) {
      this.skipBadRow(line, isTotal ? null : rowCost);
      return;
    }
    const productName = this.text(fields, col.productName);
    const productCode = this.text(fields, col.productCode) ?? (productName === null ? null : productCodeFromName(productName));
    const description = this.text(fields, col.description);
    const kind = this.kindOf(recordType, productName, productCode, description);
    if (kind === null) {
      this.report(
        'SKIPPED_ROW',
        'warning',
        `RecordType "${recordType}" at line ${line} of ${this.context.file} is not a monthly report record type; the row is skipped.`,
        line,
        'RecordType',
      );
      this.context.tally.skip('UNKNOWN_RECORD_TYPE', rowCost);
      return;
    }
    const usageType = this.text(fields, col.usageType);
    const invoiceText = this.text(fields, col.invoice);
    const payerAccount = this.text(fields, col.payer);
    const linked = this.text(fields, col.linked);
    this.checkAccountId(payerAccount, 0, 'PayerAccountId', line);
    this.checkAccountId(linked, 1, 'LinkedAccountId', line);
    const main: BillingLine = {
      source: { file: this.context.file, line },
      format: 'dbr-monthly',
      period: period as string,
      payerAccount,
      // Invoice and statement totals belong to no account; a payer line item is the payer's.
      account: recordAccount(recordType, linked, payerAccount),
      kind,
      productCode,
      service: productName ?? productCode,
      usageType,
      operation: this.text(fields, col.operation),
      availabilityZone: null,
      region: isTotal || usageType === null ? null : regionFromUsageType(usageType),
      instanceType: instanceTypeFromUsageType(usageType),
      platform: null,
      tenancy: null,
      billingEntity: null,
      usageAmount,
      unblendedRate: null,
      unblendedCost: isTotal ? totalCost : cost,
      blendedRate,
      blendedCost: null,
      listCost: null,
      amortizedCost: null,
      commitmentArn: null,
      commitmentOwner: null,
      currency: this.currencyOf(this.text(fields, col.currency)),
      invoiceId: invoiceText === null || invoiceText === 'Estimated' ? null : invoiceText,
      provider: 'AWS',
      description,
      resourceId: null,
      tags: null,
    };
    this.context.emit(main);
    if (isTotal) return;
    if (credits !== null && !isZeroText(credits)) this.context.emit(this.partLine(main, 'credit', credits));
    if (tax !== null && !isZeroText(tax)) this.context.emit(this.partLine(main, 'tax', tax));
  }

  finish(): ControlCheck[] {
    return [];
  }

  /** A credit or tax line of the same source row. */
  private partLine(main: BillingLine, kind: ChargeKind, cost: string): BillingLine {
    return { ...main, kind, usageAmount: null, blendedRate: null, unblendedCost: cost };
  }

  private sumOf(...parts: (string | null)[]): string | null {
    const present = parts.filter((p): p is string => p !== null);
    return present.length === 0 ? null : sumTexts(...present);
  }

  private kindOf(recordType: string, productName: string | null, productCode: string | null, description: string | null): ChargeKind | null {
    switch (recordType) {
      case 'StatementTotal':
      case 'InvoiceTotal':
      case 'AccountTotal':
        return 'total';
      case 'Rounding':
        return 'rounding';
      case 'PayerLineItem':
      case 'LinkedLineItem':
        break;
      default:
        return null;
    }
    const stated = kindFromDescription(description);
    if (stated !== null) return stated;
    const support =
      isSupportProductCode(productCode) ||
      (productName !== null && (productName.startsWith('AWS Support') || productName.startsWith('AWS Premium Support')));
    return support ? 'support' : 'usage';
  }

  /** BillingPeriodStartDate, else UsageStartDate, else the file name's `YYYY-MM`, else the rows before. */
  private periodOf(fields: string[]): string | null {
    for (const [position, column] of [
      [this.col.periodStart, 'BillingPeriodStartDate'],
      [this.col.usageStart, 'UsageStartDate'],
    ] as const) {
      const text = this.text(fields, position);
      if (text === null) continue;
      const period = this.dates.read(text);
      if (period === null) {
        this.markBad(column, text, 'BAD_DATE');
        return null;
      }
      this.lastPeriod = period;
      return period;
    }
    if (this.fileNamePeriod !== null) return this.fileNamePeriod;
    if (this.lastPeriod !== null) return this.lastPeriod;
    this.markBad('BillingPeriodStartDate', '', 'BAD_DATE');
    return null;
  }
}
