import { useEffect, useRef } from 'react';
import { Button, Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { ResultProgress } from '../excel/resultSheets';

/** The Results panel's actions. */
export type ResultAction = 'rate' | 'reconcile' | 'share' | 'reenter';

/** Each action's button label, exactly. */
export const RESULT_ACTION_LABEL: Readonly<Record<ResultAction, string>> = {
  rate: 'Rate',
  reconcile: 'Reconcile',
  share: 'Share with accountant',
  reenter: 'Re-enter DBR formulas',
};

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'stretch' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', justifyContent: 'space-between' },
});

const count = (n: number) => n.toLocaleString('en-US');

/**
 * The caption under the bar: `Reading Lines: 5,000 of 100,000 rows`, `Pricing the lines…`,
 * `Writing sheets: 1,200 of 3,000 rows`, `Adding the waterfall charts…`, `Turning DBR formulas into
 * values…`; before the first report, what the action starts with.
 */
export function resultProgressCaption(action: ResultAction, progress: ResultProgress | null): string {
  if (progress === null) {
    switch (action) {
      case 'rate': return 'Checking the tables DBR.INVOICE reads…';
      case 'reenter': return 'Looking for DBR formulas that show #NAME?…';
      default: return 'Reading the workbook…';
    }
  }
  switch (progress.stage) {
    case 'reading': return progress.total > 0 ? `Reading Lines: ${count(progress.done)} of ${count(progress.total)} rows` : 'Reading Lines…';
    case 'pricing': return progress.total > 0 ? `Pricing: ${count(progress.done)} of ${count(progress.total)} lines` : 'Pricing the lines…';
    // Rate writes one small sheet and reports it as 0 of 1, then 1 of 1: no rows to count.
    case 'writing': return action === 'rate' ? 'Writing the Invoice sheet…' : progress.total > 0 ? `Writing sheets: ${count(progress.done)} of ${count(progress.total)} rows` : 'Writing sheets…';
    case 'charting': return 'Adding the waterfall charts…';
    case 'values': return 'Turning DBR formulas into values…';
  }
}

/** The bar's value, 0 to 1, when the stage has a total; undefined (an indeterminate bar) otherwise. */
export function resultProgressValue(progress: ResultProgress | null): number | undefined {
  return progress !== null && progress.total > 0 ? Math.min(progress.done / progress.total, 1) : undefined;
}

export interface ResultsProgressViewProps {
  action: ResultAction;
  progress: ResultProgress | null;
  /** Cancel was pressed: the action stops at its next sync and takes back what it staged. */
  cancelling: boolean;
  onCancel: () => void;
}

/** A running result action: the bar (determinate when the stage has a total), the stage, and Cancel. */
export function ResultsProgressView({ action, progress, cancelling, onCancel }: ResultsProgressViewProps) {
  const styles = useStyles();
  const cancelRef = useRef<HTMLButtonElement>(null);
  // The pressed action's button is disabled while it runs: the focus moves to Cancel rather than to nowhere.
  useEffect(() => { cancelRef.current?.focus(); }, []);
  return (
    <div className={styles.root} data-testid="results-progress">
      <ProgressBar value={resultProgressValue(progress)} max={1} aria-label="Working on the workbook" />
      <div className={styles.row}>
        <Caption1 aria-live="polite" data-testid="results-progress-caption">
          {cancelling ? 'Cancelling: putting the workbook back as it was…' : resultProgressCaption(action, progress)}
        </Caption1>
        <Button ref={cancelRef} onClick={onCancel} disabled={cancelling}>Cancel</Button>
      </div>
    </div>
  );
}
