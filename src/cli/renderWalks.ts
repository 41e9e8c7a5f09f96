import { formatDecimal, type VarianceWalk } from '../engine';
import { escapeUntrusted as shown } from '../engine/issues';
import { toCsv, toTextTable } from './writeOutput';

/** The variance walks as CSV rows: customer, period, step, amount, currency. */
export function renderWalksCsv(walks: readonly VarianceWalk[]): string {
  const rows: (string | null)[][] = [['Customer', 'Period', 'Step', 'Amount', 'Currency', 'Subtotal']];
  for (const walk of walks) {
    for (const step of walk.steps) {
      rows.push([walk.customer, walk.period, step.step, formatDecimal(step.amount), step.currency, step.subtotal ? 'yes' : '']);
    }
  }
  return toCsv(rows);
}

/** One block per customer and period; subtotals marked with `=`, amounts to 4 decimals for reading; text from files escaped. */
export function renderWalksTable(walks: readonly VarianceWalk[]): string {
  if (walks.length === 0) return 'No variance walks: the input holds no invoiceable lines.\n';
  return `${walks.map((walk) => {
    const rows = walk.steps.map((s) => [
      `${s.subtotal ? '= ' : '  '}${s.step}`, formatDecimal(s.amount.toDecimalPlaces(4)), shown(s.currency),
    ]);
    const note = walk.complete ? '' : '  (incomplete: no FX rate, the walk stops before fx)';
    return `${shown(walk.customer)} — ${shown(walk.period)}${note}\n${toTextTable(['Step', 'Amount', 'Currency'], rows, new Set([1]))}`;
  }).join('\n\n')}\n`;
}
