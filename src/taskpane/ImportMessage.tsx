import { forwardRef } from 'react';
import { MessageBar, MessageBarBody, MessageBarTitle } from '@fluentui/react-components';
import { escapeUntrusted } from '../engine/issues';
import type { ImportOutcome } from './importToWorkbook';

/** How the last reading or import ended. */
export type ImportMessageState =
  | { kind: 'imported'; outcome: ImportOutcome }
  | { kind: 'cancelled' }
  | { kind: 'readFailed'; message: string }
  | { kind: 'importFailed'; message: string };

function plural(count: number, one: string, many: string): string {
  return `${count.toLocaleString('en-US')} ${count === 1 ? one : many}`;
}

/** `a`, `a and b`, `a, b and c`. */
function listNames(names: readonly string[]): string {
  const shown = names.map(escapeUntrusted);
  return shown.length <= 1 ? shown.join('') : `${shown.slice(0, -1).join(', ')} and ${shown[shown.length - 1]}`;
}

/**
 * What a finished import did, in one line:
 * `Imported 1,281 rows into Lines · 1,000 earlier rows kept · replaced the earlier import of a.csv
 * · 3 values with more than 15 significant digits kept exact in the …Exact columns · 1 cell cut to
 * Excel's 32,767 characters · left out b.csv (the same bytes as a.csv, imported once)`; the parts
 * after the first only when they are not zero or empty.
 */
export function importedSentence(outcome: ImportOutcome): string {
  const parts = [`Imported ${plural(outcome.rowsWritten, 'row', 'rows')} into Lines`];
  if (outcome.rowsKept > 0) parts.push(`${plural(outcome.rowsKept, 'earlier row', 'earlier rows')} kept`);
  if (outcome.replaced.length > 0) parts.push(`replaced the earlier import of ${listNames(outcome.replaced)}`);
  if (outcome.stats.shadowCells > 0) {
    parts.push(`${plural(outcome.stats.shadowCells, 'value', 'values')} with more than 15 significant digits kept exact in the …Exact columns`);
  }
  if (outcome.stats.cutCells > 0) parts.push(`${plural(outcome.stats.cutCells, 'cell', 'cells')} cut to Excel's 32,767 characters`);
  for (const { file, why } of outcome.skipped) parts.push(`left out ${escapeUntrusted(file)} (${escapeUntrusted(why)})`);
  return parts.join(' · ');
}

/** The message after a reading or an import; it takes the focus (tabIndex −1) so a screen reader reads it. */
export const ImportMessage = forwardRef<HTMLDivElement, { state: ImportMessageState }>(function ImportMessage({ state }, ref) {
  switch (state.kind) {
    case 'imported':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent="success" layout="multiline" data-testid="import-result">
          <MessageBarBody>{importedSentence(state.outcome)}</MessageBarBody>
        </MessageBar>
      );
    case 'cancelled':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent="info" data-testid="import-cancelled">
          <MessageBarBody>Import cancelled: the workbook is unchanged.</MessageBarBody>
        </MessageBar>
      );
    case 'readFailed':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent="error" layout="multiline" data-testid="import-error">
          <MessageBarBody><MessageBarTitle>The files could not be read</MessageBarTitle>{state.message}</MessageBarBody>
        </MessageBar>
      );
    case 'importFailed':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent="error" layout="multiline" data-testid="import-error">
          <MessageBarBody><MessageBarTitle>Nothing was imported: the workbook is unchanged</MessageBarTitle>{state.message}</MessageBarBody>
        </MessageBar>
      );
  }
});
