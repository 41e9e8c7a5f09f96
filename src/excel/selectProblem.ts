import type { ModelProblem } from './validateModel';

/**
 * Shows a problem's cell: activates its sheet and selects the cell, so a click on a problem in
 * the task pane takes the user there. False (and nothing done) for a problem with no cell — a
 * table that does not exist.
 */
export async function selectProblem(context: Excel.RequestContext, problem: Pick<ModelProblem, 'sheet' | 'cell'>): Promise<boolean> {
  if (problem.sheet === null || problem.cell === null) return false;
  const sheet = context.workbook.worksheets.getItem(problem.sheet);
  sheet.activate();
  sheet.getRange(problem.cell).select();
  await context.sync();
  return true;
}
