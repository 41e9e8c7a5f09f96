import { forwardRef } from 'react';
import { Body1, Link, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import { escapeUntrusted, type Severity } from '../engine/issues';
import type { ModelProblem } from '../excel/validateModel';

/** Problems listed at most; past this the list says how many more (fix these and check again). */
export const PROBLEMS_SHOWN = 200;

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  // No bullets: each problem is a link-styled button, and a bullet would sit by its last line.
  list: { margin: 0, paddingLeft: 0, listStyleType: 'none', display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  problem: { textAlign: 'left', wordBreak: 'break-word' },
});

/** A sheet name as an address writes it: quoted unless letters, digits and `_`. */
function sheetInAddress(sheet: string): string {
  return /^[A-Za-z_][A-Za-z0-9_]*$/.test(sheet) ? sheet : `'${sheet.replace(/'/g, "''")}'`;
}

/**
 * One problem on one line: `PriceBook!E2: BAD_RULE Rule "x" (PriceBook line 2): … (bogus)` — where
 * it is, the code, the engine's sentence and the cell's text; a missing table is named instead of a
 * cell, and ` (value)` is left out when the problem is a whole row or column. Text from the workbook
 * has its control characters escaped.
 */
export function problemText(problem: ModelProblem): string {
  const where = problem.sheet !== null && problem.cell !== null ? `${sheetInAddress(problem.sheet)}!${problem.cell}` : problem.table;
  const value = problem.value === '' ? '' : ` (${escapeUntrusted(problem.value)})`;
  return `${escapeUntrusted(where)}: ${problem.code} ${escapeUntrusted(problem.message)}${value}`;
}

function counted(count: number, one: string): string {
  return `${count.toLocaleString('en-US')} ${one}${count === 1 ? '' : 's'}`;
}

/** `2 errors, 1 warning`: the severities present, worst first. */
export function severityCounts(problems: readonly ModelProblem[]): string {
  const order: Severity[] = ['error', 'warning', 'info'];
  const names: Record<Severity, string> = { error: 'error', warning: 'warning', info: 'note' };
  return order
    .map((severity) => [severity, problems.filter((p) => p.severity === severity).length] as const)
    .filter(([, count]) => count > 0)
    .map(([severity, count]) => counted(count, names[severity]))
    .join(', ');
}

export interface ModelCheckProps {
  problems: readonly ModelProblem[];
  /** Selects the problem's cell in the workbook. */
  onSelect: (problem: ModelProblem) => void;
  /** Another action is changing the workbook: selecting waits. */
  disabled: boolean;
}

/**
 * What "Check the model" found: `The model has no problems.`, or each problem as a button that
 * selects its cell (a missing table has no cell, so it is plain text). The message above the list
 * takes the focus (tabIndex −1); Tab then walks the problems.
 */
export const ModelCheck = forwardRef<HTMLDivElement, ModelCheckProps>(function ModelCheck({ problems, onSelect, disabled }, ref) {
  const styles = useStyles();
  if (problems.length === 0) {
    return (
      <div data-testid="model-check">
        <MessageBar ref={ref} tabIndex={-1} intent="success">
          <MessageBarBody>The model has no problems.</MessageBarBody>
        </MessageBar>
      </div>
    );
  }
  const worst = problems.some((p) => p.severity === 'error') ? 'error' : problems.some((p) => p.severity === 'warning') ? 'warning' : 'info';
  const selectable = problems.some((p) => p.cell !== null);
  return (
    <div className={styles.root} data-testid="model-check">
      <MessageBar ref={ref} tabIndex={-1} intent={worst} layout="multiline">
        <MessageBarBody>
          <MessageBarTitle>{`${counted(problems.length, 'problem')} found`}</MessageBarTitle>
          {`${severityCounts(problems)}.${selectable ? ' Choose a problem to select its cell.' : ''}`}
        </MessageBarBody>
      </MessageBar>
      <ul className={styles.list} role="list" aria-label="Problems in the model">
        {problems.slice(0, PROBLEMS_SHOWN).map((problem, index) => (
          <li key={index}>
            {problem.cell === null
              ? <Body1>{problemText(problem)}</Body1>
              : <Link as="button" className={styles.problem} disabled={disabled} onClick={() => onSelect(problem)}>{problemText(problem)}</Link>}
          </li>
        ))}
        {problems.length > PROBLEMS_SHOWN && <li><Body1>{`… and ${(problems.length - PROBLEMS_SHOWN).toLocaleString('en-US')} more: fix these and check again.`}</Body1></li>}
      </ul>
    </div>
  );
});
