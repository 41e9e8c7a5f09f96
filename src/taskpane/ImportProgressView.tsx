import { Button, Caption1, ProgressBar, makeStyles, tokens } from '@fluentui/react-components';
import type { ImportProgress } from '../excel/importLines';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, alignItems: 'stretch' },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center', justifyContent: 'space-between' },
});

/** Megabytes (10^6 bytes) with one decimal: 3,400,000 → `3.4`. */
function megabytes(bytes: number): string {
  return (bytes / 1_000_000).toLocaleString('en-US', { minimumFractionDigits: 1, maximumFractionDigits: 1 });
}

/** The caption under the bar: `Writing 12,000 of 100,000 rows · 3.4 MB sent`, or the stage. */
export function importProgressCaption(progress: ImportProgress | null): string {
  if (progress === null || progress.stage === 'preparing') return 'Preparing the workbook…';
  if (progress.stage === 'finishing') return 'Finishing…';
  const of = progress.rowsTotal === null ? '' : ` of ${progress.rowsTotal.toLocaleString('en-US')}`;
  return `Writing ${progress.rowsWritten.toLocaleString('en-US')}${of} rows · ${megabytes(progress.bytesWritten)} MB sent`;
}

/** The bar's value, 0 to 1: rows written of rows to write; full while finishing. */
export function importProgressValue(progress: ImportProgress | null): number {
  if (progress === null || progress.stage === 'preparing') return 0;
  if (progress.stage === 'finishing') return 1;
  return progress.rowsTotal ? Math.min(progress.rowsWritten / progress.rowsTotal, 1) : 0;
}

export interface ImportProgressViewProps {
  progress: ImportProgress | null;
  /** Cancel was pressed: the write stops at its next sync and the staging sheet goes. */
  cancelling: boolean;
  onCancel: () => void;
}

/** A running import: a determinate bar (rows), the rows and bytes sent, and Cancel. */
export function ImportProgressView({ progress, cancelling, onCancel }: ImportProgressViewProps) {
  const styles = useStyles();
  return (
    <div className={styles.root} data-testid="import-progress">
      <ProgressBar value={importProgressValue(progress)} max={1} aria-label="Importing into Lines" />
      <div className={styles.row}>
        <Caption1 aria-live="polite" data-testid="import-progress-caption">
          {cancelling ? 'Cancelling: removing what was written…' : importProgressCaption(progress)}
        </Caption1>
        <Button onClick={onCancel} disabled={cancelling}>Cancel</Button>
      </div>
    </div>
  );
}
