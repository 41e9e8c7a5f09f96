/**
 * The DBR custom functions: thin faces over engine/money. Each converts cell values to exact
 * decimals (numbers through their shortest round-trip text), makes one engine call, and returns
 * Excel numbers; every failure leaves as an Excel error with a message (toExcelError.ts).
 *
 * Worked example: `=DBR.PENNY(A2:A4, 1)` with A2:A4 = 1, 1, 1 spills 0.34, 0.33, 0.33 — the
 * leftover cent goes to the largest remainder, ties to the earlier cell — so the parts sum to
 * exactly 1.00, where `=ROUND(A2/SUM(A2:A4), 2)` gives 0.33 three times and loses a cent.
 *
 * The JSDoc tags below are the functions' metadata (functions.json is generated from them at
 * build time); ids are upper case, the namespace DBR comes from the manifest.
 */
import { allocate, minorUnits, roundMoney, type Decimal } from '../engine/money';
import { RerateError } from '../engine/issues';
import { cellToDecimal, decimalToCell, isBlank, type CellResult } from './cells';
import { hasHeaderRow, mapCells, toGrid, zipCells, type Grid } from './grid';
import { isExcelError } from './toExcelError';
import { currencyArgument, excelCall, excelCallAsync, roundingArgument } from './adapter';
import { riAllocationCells, spAllocationCells } from './allocations';
import { blendedRateCells, normalizationFactorCells, supportChargeCells } from './rates';
import { invoiceCells, rerateCells } from './invoiceFunctions';
import { registerFunctions } from './registerFunctions';

/**
 * Rounds amounts to the minor unit of a currency (USD 2 decimals, JPY 0, BHD 3).
 * @customfunction ROUND
 * @param amount A cell or a range of amounts; a header row is copied.
 * @param [currency] ISO 4217 code; USD when omitted.
 * @param [mode] "half-up" (halves away from zero, the default) or "half-even".
 * @returns The rounded amounts, one per input cell.
 */
export function roundAmounts(amount: unknown[][], currency?: string, mode?: string): unknown[][] {
  return excelCall(() => {
    const code = currencyArgument(currency);
    const rounding = roundingArgument(mode);
    return mapCells(toGrid(amount), (cell, where) => decimalToCell(roundMoney(cellToDecimal(cell, 'amount', where), code, rounding)));
  });
}

/**
 * Converts amounts at an FX rate, precisely (no rounding: round the invoice line, not each step).
 * @customfunction FX
 * @param amount A cell or a range of amounts in the source currency; a header row is copied.
 * @param rate Units of the target currency per one unit of the source: one cell, or a range shaped like amount.
 * @returns The converted amounts.
 */
export function convertAmounts(amount: unknown[][], rate: unknown[][]): unknown[][] {
  return excelCall(() => zipCells(toGrid(amount), toGrid(rate), ['amount', 'rate'], (a, r, where) => {
    const fx = cellToDecimal(r, 'rate', where);
    if (fx.lte(0)) throw new RangeError(`rate${where} is ${fx.toFixed()}; an FX rate must be above zero.`);
    return decimalToCell(cellToDecimal(a, 'amount', where).times(fx));
  }));
}

/**
 * The margin as a fraction of the price: (price − cost) ÷ price.
 * @customfunction MARGIN
 * @param cost A cell or a range of costs (what the reseller pays).
 * @param price A cell or a range of prices (what the customer pays), shaped like cost or one cell.
 * @returns The margins, e.g. 0.2 for cost 80 and price 100.
 */
export function marginOf(cost: unknown[][], price: unknown[][]): unknown[][] {
  return excelCall(() => zipCells(toGrid(cost), toGrid(price), ['cost', 'price'], (c, p, where) => {
    const priceValue = cellToDecimal(p, 'price', where);
    if (priceValue.isZero()) throw new RangeError(`price${where} is 0, so the margin (price − cost) ÷ price is undefined.`);
    return decimalToCell(priceValue.minus(cellToDecimal(c, 'cost', where)).div(priceValue));
  }));
}

/**
 * The markup as a fraction of the cost: (price − cost) ÷ cost.
 * @customfunction MARKUP
 * @param cost A cell or a range of costs (what the reseller pays).
 * @param price A cell or a range of prices (what the customer pays), shaped like cost or one cell.
 * @returns The markups, e.g. 0.25 for cost 80 and price 100.
 */
export function markupOf(cost: unknown[][], price: unknown[][]): unknown[][] {
  return excelCall(() => zipCells(toGrid(cost), toGrid(price), ['cost', 'price'], (c, p, where) => {
    const costValue = cellToDecimal(c, 'cost', where);
    if (costValue.isZero()) throw new RangeError(`cost${where} is 0, so the markup (price − cost) ÷ cost is undefined.`);
    return decimalToCell(cellToDecimal(p, 'price', where).minus(costValue).div(costValue));
  }));
}

/**
 * Splits a total over amounts in proportion, to the cent, so the parts add up to exactly the total
 * (largest remainder; ties go to the earlier cell, row by row).
 * @customfunction PENNY
 * @param amounts The weights: a cell or a range; blanks stay blank, a header row is copied.
 * @param total The rounded total to split.
 * @param [currency] ISO 4217 code giving the minor unit; USD (cents) when omitted.
 * @returns The parts, spilled in the shape of amounts.
 */
export function splitPennies(amounts: unknown[][], total: number, currency?: string): unknown[][] {
  return excelCall(() => {
    const code = currencyArgument(currency);
    const decimals = minorUnits(code);
    const totalValue = cellToDecimal(total, 'total');
    if (totalValue.decimalPlaces() > decimals) {
      throw new RerateError('BAD_VALUE', `total ${totalValue.toFixed()} has more decimals than the ${decimals} of ${code}; round it first.`);
    }
    const grid = toGrid(amounts);
    const header = hasHeaderRow(grid);
    const places: [number, number][] = [];
    const weights: Decimal[] = [];
    grid.forEach((cells, row) => cells.forEach((cell, column) => {
      if ((header && row === 0) || isBlank(cell)) return;
      if (isExcelError(cell)) throw cell;
      places.push([row, column]);
      weights.push(cellToDecimal(cell, 'amounts', ` (row ${row + 1}, column ${column + 1} of the range)`));
    }));
    if (weights.length === 0 && !totalValue.isZero()) {
      throw new RerateError('BAD_VALUE', `amounts has no numbers to split the total ${totalValue.toFixed()} over.`);
    }
    const parts = allocate(totalValue, weights, decimals);
    const result: Grid<CellResult> = grid.map((cells, row) =>
      cells.map((cell) => (header && row === 0 && !isBlank(cell) ? String(cell) : '')));
    places.forEach(([row, column], index) => {
      result[row][column] = decimalToCell(parts[index]);
    });
    return result;
  });
}

/**
 * Rates each billing line with a price book: its precise price in the invoice currency and the rule
 * that priced it (or why it has no price), one row per row of lines.
 * @customfunction RERATE
 * @param lines The BillingLines table (the Lines sheet, or `rerate lines`), header row first.
 * @param priceBook The price book table, header row first.
 * @param [customers] The customers table (Customer, Account, SupportPlan, Currency).
 * @param [period] Rate as of this billing month (YYYY-MM) instead of each line's own.
 * @returns Price and Rule per line, under a header row; a bad row is an error in that row only.
 */
export async function rerateLines(lines: unknown[][], priceBook: unknown[][], customers?: unknown[][], period?: string): Promise<unknown[][]> {
  return excelCallAsync(() => rerateCells(lines, priceBook, customers, period));
}

/**
 * The invoices of billing lines, as `rerate invoice` gives them: per invoice its lines, a Total and
 * a Residual row, then the issues.
 * @customfunction INVOICE
 * @param lines The BillingLines table (the Lines sheet, or `rerate lines`), header row first.
 * @param priceBook The price book table, header row first.
 * @param [customers] The customers table (Customer, Account, SupportPlan, Currency).
 * @param [settings] The Setting, Value table (currency, rounding, credits, tax, commitments, grain, period).
 * @param [fxRates] The FX rates table (Period, From, To, Rate).
 * @param [supportPlans] Support plans instead of the built-in AWS plans.
 * @param [precise] TRUE: Cost and Price as exact text instead of numbers.
 * @returns Customer, Period, Currency, Category, Account, Cost, Price, Amount under a header row.
 */
export async function invoiceOf(
  lines: unknown[][], priceBook: unknown[][], customers?: unknown[][], settings?: unknown[][],
  fxRates?: unknown[][], supportPlans?: unknown[][], precise?: boolean,
): Promise<unknown[][]> {
  return excelCallAsync(() => invoiceCells(lines, priceBook, customers, settings, fxRates, supportPlans, precise));
}

/**
 * Allocates Reserved Instances to usage as AWS does (per Hour bucket: zonal RIs to their owner,
 * then to other accounts in the AZ, then regional ones, size-flexible for Linux), as `rerate rialloc`.
 * @customfunction RIALLOC
 * @param usage The usage table, header row first: Hour, Account, InstanceType, Platform, Tenancy, AvailabilityZone, Region, Quantity.
 * @param reservations The reservations table: Reservation, Owner, InstanceType, Platform, Tenancy, Scope, Location, Count, Hours.
 * @param [noSharingAccounts] Accounts whose RI sharing is off: cells, or ids separated by commas.
 * @returns Covered, OnDemand (instance-hours) and Reservations per usage row, under a header row.
 */
export async function riAllocation(usage: unknown[][], reservations: unknown[][], noSharingAccounts?: unknown[][]): Promise<unknown[][]> {
  return excelCallAsync(() => riAllocationCells(usage, reservations, noSharingAccounts));
}

/**
 * Applies Savings Plans to usage as AWS does (EC2 Instance plans first, the owner first, the
 * highest savings first), as `rerate spalloc`.
 * @customfunction SPALLOC
 * @param usage The usage table, header row first: Hour, Account, Usage, InstanceFamily, Region, Quantity, OnDemandRate, SpRate, InstanceSpRate.
 * @param savingsPlans The plans table: Plan, Owner, Type, Commitment, Hours, InstanceFamily, Region.
 * @returns Covered, CoveredCost, OnDemand, OnDemandCost and Plans per usage row, under a header row.
 */
export async function spAllocation(usage: unknown[][], savingsPlans: unknown[][]): Promise<unknown[][]> {
  return excelCallAsync(() => spAllocationCells(usage, savingsPlans));
}

/**
 * The AWS Support charge of a plan on a base of charges: max(minimum, tiered rates), precise.
 * @customfunction SUPPORT
 * @param plan The plan name: developer, business, enterprise-on-ramp, enterprise, or one of supportPlans.
 * @param charges The charges the plan is computed on (summed; a header row and blanks skipped).
 * @param [supportPlans] A support plans table (Plan, Minimum, Tiers, Scope) instead of AWS's plans.
 * @returns The support charge.
 */
export function supportChargeOf(plan: string, charges: unknown[][], supportPlans?: unknown[][]): unknown[][] {
  return excelCall(() => supportChargeCells(plan, charges, supportPlans));
}

/**
 * The blended rate: the sum of the costs over the sum of the quantities.
 * @customfunction BLENDED
 * @param costs Unblended costs (RI-covered hours at 0): a cell or a range.
 * @param quantities The usage quantities, a range shaped like costs.
 * @returns The blended rate per unit.
 */
export function blendedRateOf(costs: unknown[][], quantities: unknown[][]): unknown[][] {
  return excelCall(() => blendedRateCells(costs, quantities));
}

/**
 * The normalization factor of an instance type (small 1, large 4, 2xlarge 16…).
 * @customfunction NORMFACTOR
 * @param instanceType A cell or a range of instance types such as m5.2xlarge; a header row is copied.
 * @returns The factors, spilled in the shape of instanceType.
 */
export function normalizationFactorOf(instanceType: unknown[][]): unknown[][] {
  return excelCall(() => normalizationFactorCells(instanceType));
}

/** Ids as in the JSDoc tags above; test/addin/functionsMetadata.test.ts checks they agree. */
export const DBR_FUNCTIONS = {
  ROUND: roundAmounts,
  FX: convertAmounts,
  MARGIN: marginOf,
  MARKUP: markupOf,
  PENNY: splitPennies,
  RERATE: rerateLines,
  INVOICE: invoiceOf,
  RIALLOC: riAllocation,
  SPALLOC: spAllocation,
  SUPPORT: supportChargeOf,
  BLENDED: blendedRateOf,
  NORMFACTOR: normalizationFactorOf,
} as const;

registerFunctions(DBR_FUNCTIONS);
