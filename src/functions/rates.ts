import {
  BUILT_IN_SUPPORT_PLANS, blendedRate, familySizesOf, findSupportPlan, loadSupportPlans, normalizationFactor, supportCharge,
} from '../engine';
import { ZERO, type Decimal } from '../engine/money';
import { RerateError } from '../engine/issues';
import { cellToDecimal, cellToText, decimalToCell, describeCell, isBlank, type CellResult } from './cells';
import { cellPlace, hasHeaderRow, mapCells, toGrid, type Grid } from './grid';
import { loadTableArgument, throwTableErrors } from './adapter';
import { isExcelError } from './toExcelError';

/** SUPPORT, BLENDED and NORMFACTOR: one engine call each over cells (see functions.ts for the JSDoc). */

/** The numbers of a range for a sum: a header row and blanks skipped, an error cell thrown. */
function numbersOf(grid: Grid<unknown>, name: string): (Decimal | null)[][] {
  const header = hasHeaderRow(grid);
  return grid.map((cells, row) => cells.map((cell, column) => {
    if ((header && row === 0) || isBlank(cell)) return null;
    if (isExcelError(cell)) throw cell;
    return cellToDecimal(cell, name, cellPlace(grid, row, column));
  }));
}

/**
 * `=DBR.SUPPORT(plan, charges, [supportPlans])`: the plan's charge (ENGINE.md §7) on the sum of
 * `charges`, precise. The plan is looked up case-insensitively in `supportPlans` (a table
 * `Plan, Minimum, Tiers, Scope`) or, when omitted, AWS's published plans; unknown → #N/A.
 */
export function supportChargeCells(plan: unknown, charges: unknown[][], supportPlans?: unknown[][]): CellResult[][] {
  const name = cellToText(plan, 'plan', '');
  if (name === '') throw new RerateError('BAD_VALUE', 'plan is blank; name a support plan such as business.');
  let table = BUILT_IN_SUPPORT_PLANS;
  if (supportPlans !== undefined && supportPlans !== null) {
    const loaded = loadTableArgument('supportPlans', 'supportPlans', toGrid(supportPlans), loadSupportPlans);
    throwTableErrors(loaded.loaded.issues);
    table = loaded.loaded.result;
  }
  const found = findSupportPlan(table, name);
  if (!found) {
    const known = [...table.plans.values()].map((p) => p.name).join(', ');
    throw new RerateError('UNKNOWN_PLAN', `plan ${describeCell(plan)} is not in ${table.source} (${known}).`);
  }
  let base = ZERO;
  for (const row of numbersOf(toGrid(charges), 'charges')) for (const value of row) if (value) base = base.plus(value);
  return [[decimalToCell(supportCharge(found, base))]];
}

/**
 * `=DBR.BLENDED(costs, quantities)`: Σ cost ÷ Σ quantity (ENGINE.md §13). The two ranges have the
 * same shape; a header row and blanks count for nothing. A zero total quantity is #NUM!.
 */
export function blendedRateCells(costs: unknown[][], quantities: unknown[][]): CellResult[][] {
  const costGrid = toGrid(costs);
  const quantityGrid = toGrid(quantities);
  const sameShape = costGrid.length === quantityGrid.length && costGrid.every((cells, row) => cells.length === quantityGrid[row].length);
  if (!sameShape) {
    throw new RerateError('BAD_VALUE', `quantities is a ${quantityGrid.length}×${quantityGrid[0]?.length ?? 0} range but costs is ${costGrid.length}×${costGrid[0]?.length ?? 0}; give the same shape.`);
  }
  const costNumbers = numbersOf(costGrid, 'costs');
  const quantityNumbers = numbersOf(quantityGrid, 'quantities');
  const lines: { unblendedCost: Decimal; usageAmount: Decimal }[] = [];
  costNumbers.forEach((cells, row) => cells.forEach((cost, column) => {
    const quantity = quantityNumbers[row][column];
    if (cost || quantity) lines.push({ unblendedCost: cost ?? ZERO, usageAmount: quantity ?? ZERO });
  }));
  const usage = lines.reduce((sum, line) => sum.plus(line.usageAmount), ZERO);
  if (usage.isZero()) throw new RangeError(`quantities sum to 0, so the blended rate (Σ cost ÷ Σ quantity) is undefined.`);
  return [[decimalToCell(blendedRate(lines))]];
}

/**
 * `=DBR.NORMFACTOR(instanceType)`: the normalization factor of each instance type (ENGINE.md §11),
 * spilled in its shape; a `metal` size takes the largest size of its family named in the same
 * range. Unknown size → #N/A in its own cell. A first row without a dot (`InstanceType`) is a
 * header and is copied.
 */
export function normalizationFactorCells(instanceType: unknown[][]): CellResult[][] {
  const grid = toGrid(instanceType);
  const types = grid.flat().filter((cell): cell is string => typeof cell === 'string');
  const familySizes = familySizesOf(types);
  // Every cell is text here, so the first row is a header when it names no instance type (no dot).
  const header = grid.length > 1 && grid[0].some((cell) => !isBlank(cell))
    && grid[0].every((cell) => isBlank(cell) || (typeof cell === 'string' && !cell.includes('.')));
  return mapCells(grid, (cell) => decimalToCell(normalizationFactor(cellToText(cell, 'instanceType', ''), familySizes)), header);
}
