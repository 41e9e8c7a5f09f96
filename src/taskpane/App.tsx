import { FluentProvider, Title2, makeStyles, tokens, webDarkTheme, webLightTheme } from '@fluentui/react-components';
import type { AnalyzeFiles } from './analyzeFiles';
import { EmptyState } from './EmptyState';
import { ImportPanel } from './ImportPanel';

const useStyles = makeStyles({
  root: { minHeight: '100vh', boxSizing: 'border-box', padding: tokens.spacingHorizontalL },
  main: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalL },
});

export interface AppProps {
  /** The Office host (`'Excel'`), or null outside Office. */
  host: string | null;
  dark: boolean;
  analyze: AnalyzeFiles;
}

/** The task pane: the Office theme, and the Import panel inside Excel or the empty state elsewhere. */
export function App({ host, dark, analyze }: AppProps) {
  const styles = useStyles();
  return (
    <FluentProvider theme={dark ? webDarkTheme : webLightTheme} className={styles.root}>
      {host === 'Excel' ? (
        <main className={styles.main}>
          <Title2 as="h1">Rerate</Title2>
          <ImportPanel analyze={analyze} />
        </main>
      ) : (
        <EmptyState />
      )}
    </FluentProvider>
  );
}
