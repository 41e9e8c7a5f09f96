import { Decimal, ZERO, formatDecimal } from '../engine/money';
import type { ControlRow } from '../engine/reconcile/controlTotals';
import type { VarianceWalk } from '../engine/reconcile/varianceWalk';
import { RESULT_SHEETS } from '../engine/workbookLayout';
import type { Cell, WorkbookSheet } from './workbookModel';

/** Where one walk sits on the Reconcile sheet, for its chart (1-based sheet rows, inclusive). */
export interface WalkPlacement {
  customer: string;
  period: string;
  firstRow: number;
  lastRow: number;
}

/** Columns of the Reconcile sheet: the walk (A–E), then each walk's chart data (G–L). */
export const RECONCILE_COLUMNS = ['Customer', 'Period', 'Step', 'Amount', 'Currency', '', 'ChartStep', 'Change', 'Base', 'Rise', 'Fall', 'Total'] as const;

function num(value: Decimal): Cell {
  return { number: formatDecimal(value) };
}

/**
 * The Reconcile sheet (PRODUCT.md task pane 4, ENGINE.md §10), the same for `rerate --format xlsx`
 * and the task pane: every walk's steps (Customer, Period, Step, Amount, Currency), walk after
 * walk; beside each step its chart data — `Change` for a native waterfall (the first anchor's
 * level, then each step's change; the later anchors change nothing), and Base/Rise/Fall/Total for
 * a stacked-column waterfall where the native one is missing (an anchor is a Total bar; a change
 * floats on an invisible Base). Below the walks, after a blank row, the control totals per file.
 * Worked example: awsBlended 10, blending −1, awsUnblended 9 give Change 10, −1, 0 and
 * Base/Rise/Fall/Total (0,0,0,10), (9,0,1,0), (0,0,0,9).
 */
export function reconcileSheet(walks: readonly VarianceWalk[], controls: readonly ControlRow[]): { sheet: WorkbookSheet; walks: WalkPlacement[] } {
  const rows: Cell[][] = [];
  const placements: WalkPlacement[] = [];
  for (const walk of walks) {
    const firstRow = rows.length + 2;
    let level: Decimal = ZERO;
    walk.steps.forEach((step, index) => {
      let change: Decimal;
      let base = ZERO;
      let rise = ZERO;
      let fall = ZERO;
      let total = ZERO;
      if (step.subtotal) {
        change = index === 0 ? step.amount : ZERO;
        level = step.amount;
        total = step.amount;
      } else {
        change = step.amount;
        const next = level.plus(step.amount);
        const up = !step.amount.lt(0);
        let bar: Decimal;
        if (!level.lt(0) && !next.lt(0)) {
          base = Decimal.min(level, next);
          bar = step.amount.abs();
        } else if (!level.gt(0) && !next.gt(0)) {
          base = Decimal.max(level, next);
          bar = step.amount.abs().negated();
        } else {
          // Crossing zero: drawn from zero to the new level.
          bar = next;
        }
        if (up) rise = bar;
        else fall = bar;
        level = next;
      }
      rows.push([walk.customer, walk.period, step.step, num(step.amount), step.currency, null, step.step, num(change), num(base), num(rise), num(fall), num(total)]);
    });
    placements.push({ customer: walk.customer, period: walk.period, firstRow, lastRow: rows.length + 1 });
  }
  rows.push([], ['File', 'Format', 'RowsRead', 'RowsRated', 'RowsSkipped', 'UnblendedRead', 'UnblendedAccounted']);
  for (const c of controls) {
    rows.push([c.file, c.format, { number: String(c.rowsRead) }, { number: String(c.rowsRated) }, { number: String(c.rowsSkipped) }, { number: c.unblendedRead }, { number: c.unblendedAccounted }]);
  }
  return {
    sheet: {
      name: RESULT_SHEETS.reconcile,
      columns: RECONCILE_COLUMNS.map((header) => ({ header, width: header === 'Customer' || header === 'Step' || header === 'ChartStep' ? 18 : 12 })),
      rows,
    },
    walks: placements,
  };
}
