import type { ReactNode } from 'react';
import { FluentProvider, Title2, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { runInExcel } from '../excel/runInExcel';
import { EmptyState } from './EmptyState';
import { ImportPanel } from './ImportPanel';
import type { ImportSession } from './importSession';

const useStyles = makeStyles({
  root: { minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalL },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

export interface AppProps {
  /** The Office host (`'Excel'`), or null outside Office. */
  host: string | null;
  dark: boolean;
  /** Reads picked files and streams their Lines rows (the import worker, or on the page). */
  session: ImportSession;
  /** `Excel.run` for every workbook change; default runInExcel (tests pass a recording fake's). */
  runExcel?: typeof runInExcel;
  /** The panels after Import (the Model panel: PriceBook, Customers, Settings), in order. */
  children?: ReactNode;
}

/** The task pane: the Office theme, and the Import panel then the other panels inside Excel, or the empty state elsewhere. */
export function App({ host, dark, session, runExcel, children }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.root}>
      {host === 'Excel' ? (
        <main className={styles.main}>
          <Title2 as="h1">Rerate</Title2>
          <ImportPanel session={session} run={runExcel} />
          {children}
        </main>
      ) : (
        <EmptyState />
      )}
    </FluentProvider>
  );
}
