import type { ReactNode } from 'react';
import { FluentProvider, Title2, makeStyles, shorthands, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import { EmptyState } from './EmptyState';
import { ImportPanel } from './ImportPanel';
import type { ImportSession } from './importSession';
import { WorkbookActivityProvider, useWorkbookActivity, type RunExcel } from './workbookActivity';

const useStyles = makeStyles({
  root: { minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalL },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
  // Only there to disable the Import panel's controls while another panel changes the workbook.
  bare: { ...shorthands.borderStyle('none'), ...shorthands.margin(0), ...shorthands.padding(0), minWidth: 0 },
});

export interface AppProps {
  /** The Office host (`'Excel'`), or null outside Office. */
  host: string | null;
  dark: boolean;
  /** Reads picked files and streams their Lines rows (the import worker, or on the page). */
  session: ImportSession;
  /** `Excel.run` for every workbook change; default runInExcel (tests pass a recording fake's). */
  runExcel?: RunExcel;
  /**
   * The panels after Import, in order (index.tsx: ModelPanel, ResultsPanel). Each gets its `run`
   * from App through `useWorkbookAccess`, so one workbook action runs at a time.
   */
  children?: ReactNode;
}

/**
 * The task pane: the Office theme, and inside Excel the Import panel then the other panels — one
 * workbook action at a time: while one panel's Excel batch runs, the others' controls are
 * disabled — or the empty state elsewhere.
 */
export function App({ host, dark, session, runExcel, children }: AppProps) {
  const styles = useStyles();
  const activity = useWorkbookActivity(runExcel);
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.root}>
      {host === 'Excel' ? (
        <WorkbookActivityProvider value={activity}>
          <main className={styles.main}>
            <Title2 as="h1">Rerate</Title2>
            {/* The Import panel keeps its own state: a disabled fieldset disables its controls without remounting it. */}
            <fieldset className={styles.bare} disabled={activity.active !== null && activity.active !== 'import'}>
              <ImportPanel session={session} run={activity.runFor.import} />
            </fieldset>
            {children}
          </main>
        </WorkbookActivityProvider>
      ) : (
        <EmptyState />
      )}
    </FluentProvider>
  );
}
