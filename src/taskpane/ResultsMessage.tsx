import { forwardRef } from 'react';
import { Body1, MessageBar, MessageBarBody, MessageBarTitle, makeStyles, tokens } from '@fluentui/react-components';
import type { Issue } from '../engine/issues';
import { WATERFALL_API } from '../excel/resultSheets';
import { IssueLines } from './IssueLines';
import { RESULT_ACTION_LABEL, type ResultAction } from './ResultsProgressView';

/** How the last result action ended. */
export type ResultsMessageState =
  | { kind: 'rated' }
  | { kind: 'reconciled'; walks: number; native: boolean; issues: Issue[] }
  | { kind: 'shared'; sheets: string[]; frozen: number; issues: Issue[] }
  | { kind: 'reentered'; count: number }
  | { kind: 'cancelled' }
  | { kind: 'failed'; action: ResultAction; /** Already escaped (actionErrorMessage). */ message: string };

const useStyles = makeStyles({
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, wordBreak: 'break-word' },
  line: { display: 'block' },
});

function plural(n: number, one: string, many: string): string {
  return `${n.toLocaleString('en-US')} ${n === 1 ? one : many}`;
}

export const RATED_SENTENCE = 'Invoice written: DBR.INVOICE reprices as you edit PriceBook, Customers, Settings or FxRates.';

/** `Reconcile written: 2 walks with waterfall charts (native)`, or `(stacked columns)` where Excel has no waterfall type. */
export function reconciledSentence(walks: number, native: boolean): string {
  return `Reconcile written: ${plural(walks, 'walk', 'walks')} with ${walks === 1 ? 'a waterfall chart' : 'waterfall charts'} (${native ? 'native' : 'stacked columns'})`;
}

/** `Shared: PriceLines, Invoice, Reconcile, Audit written as values and native formulas; 3 DBR formulas turned into values.` */
export function sharedSentence(sheets: readonly string[], frozen: number): string {
  return `Shared: ${sheets.join(', ')} written as values and native formulas; ${plural(frozen, 'DBR formula', 'DBR formulas')} turned into values.`;
}

/** `2 formulas entered again.` */
export function reenteredSentence(count: number): string {
  return `${plural(count, 'formula', 'formulas')} entered again.`;
}

/** The engine's issues of the run, counted, then the first 20 as the CLI prints them. */
function EngineIssues({ issues }: { issues: readonly Issue[] }) {
  const styles = useStyles();
  if (issues.length === 0) return <Body1 className={styles.line}>The engine reported no issues.</Body1>;
  const errors = issues.filter((issue) => issue.severity === 'error').length;
  return (
    <>
      <Body1 className={styles.line}>{`${plural(issues.length, 'issue', 'issues')} from the engine${errors > 0 ? ` (${plural(errors, 'error', 'errors')})` : ''}:`}</Body1>
      <IssueLines issues={issues} className={styles.list} />
    </>
  );
}

const hasErrors = (issues: readonly Issue[]) => issues.some((issue) => issue.severity === 'error');

/** The message after a result action (data-testid `results-outcome`, `results-cancelled`, `results-error`); it takes the focus. */
export const ResultsMessage = forwardRef<HTMLDivElement, { state: ResultsMessageState }>(function ResultsMessage({ state }, ref) {
  const styles = useStyles();
  switch (state.kind) {
    case 'rated':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent="success" layout="multiline" data-testid="results-outcome">
          <MessageBarBody>{RATED_SENTENCE}</MessageBarBody>
        </MessageBar>
      );
    case 'reconciled':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent={hasErrors(state.issues) ? 'warning' : 'success'} layout="multiline" data-testid="results-outcome">
          <MessageBarBody>
            <Body1 className={styles.line}>{reconciledSentence(state.walks, state.native)}</Body1>
            {!state.native && state.walks > 0 && (
              <Body1 className={styles.line}>{`This Excel has no native waterfall chart (it needs ${WATERFALL_API.set} ${WATERFALL_API.version}): the changes float on stacked columns.`}</Body1>
            )}
            <EngineIssues issues={state.issues} />
          </MessageBarBody>
        </MessageBar>
      );
    case 'shared':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent={hasErrors(state.issues) ? 'warning' : 'success'} layout="multiline" data-testid="results-outcome">
          <MessageBarBody>
            <Body1 className={styles.line}>{sharedSentence(state.sheets, state.frozen)}</Body1>
            <EngineIssues issues={state.issues} />
          </MessageBarBody>
        </MessageBar>
      );
    case 'reentered':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent="success" data-testid="results-outcome">
          <MessageBarBody>{reenteredSentence(state.count)}</MessageBarBody>
        </MessageBar>
      );
    case 'cancelled':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent="info" data-testid="results-cancelled">
          <MessageBarBody>Cancelled: the workbook is unchanged.</MessageBarBody>
        </MessageBar>
      );
    case 'failed':
      return (
        <MessageBar ref={ref} tabIndex={-1} intent="error" layout="multiline" data-testid="results-error">
          <MessageBarBody>
            <MessageBarTitle>{`${RESULT_ACTION_LABEL[state.action]} did not finish: the workbook is unchanged`}</MessageBarTitle>
            {state.message}
          </MessageBarBody>
        </MessageBar>
      );
  }
});
