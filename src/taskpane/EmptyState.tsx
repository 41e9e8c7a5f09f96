import { Body1, Title3, makeStyles, tokens } from '@fluentui/react-components';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, padding: tokens.spacingHorizontalXL },
});

/** Shown when the page is opened outside Excel: where to open Rerate instead. */
export function EmptyState() {
  const styles = useStyles();
  return (
    <main className={styles.root} aria-labelledby="rerate-empty-title">
      <Title3 as="h1" id="rerate-empty-title">Open Rerate in Excel: Home → Rerate</Title3>
      <Body1>
        Rerate works inside an Excel workbook. Open Excel, choose the Rerate button on the Home tab, and this pane
        imports your AWS billing files (DBR, CUR, FOCUS) into the workbook.
      </Body1>
    </main>
  );
}
