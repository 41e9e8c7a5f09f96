import { useEffect, useRef, useState } from 'react';
import { Button, Caption1, Subtitle2, makeStyles, tokens } from '@fluentui/react-components';
import { rate, reconcile, reenterDbrFormulas, shareWithAccountant, type ResultProgress } from '../excel/resultSheets';
import { actionErrorMessage, isAbort } from './actionError';
import { ResultsMessage, type ResultsMessageState } from './ResultsMessage';
import { RESULT_ACTION_LABEL, ResultsProgressView, type ResultAction } from './ResultsProgressView';
import { useWorkbookAccess, type RunExcel } from './workbookActivity';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  row: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  stack: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS, alignItems: 'flex-start' },
});

interface Running {
  action: ResultAction;
  progress: ResultProgress | null;
  cancelling: boolean;
}

/** Runs one action in one Excel batch and says how it ended; a cancel or a failure throws. */
async function perform(action: ResultAction, run: RunExcel, signal: AbortSignal, onProgress: (progress: ResultProgress) => void): Promise<ResultsMessageState> {
  switch (action) {
    case 'rate':
      await run((context) => rate(context, { signal, onProgress }));
      return { kind: 'rated' };
    case 'reconcile': {
      const done = await run((context) => reconcile(context, { signal, onProgress }));
      return { kind: 'reconciled', walks: done.charts, native: done.native, issues: done.run.issues };
    }
    case 'share': {
      const done = await run((context) => shareWithAccountant(context, { signal, onProgress }));
      return { kind: 'shared', sheets: done.sheets, frozen: done.frozen, issues: done.run.issues };
    }
    case 'reenter':
      return { kind: 'reentered', count: await run((context) => reenterDbrFormulas(context, signal)) };
  }
}

/**
 * The Results panel (PRODUCT.md task pane 3–5): Rate (the live Invoice sheet), Reconcile (the
 * variance walks, control totals and waterfall charts), Share with accountant (the CLI's sheets as
 * values and native formulas, DBR formulas turned into values) and Re-enter DBR formulas (cells
 * stuck on #NAME?). One action at a time, with progress and Cancel; each is all or nothing in
 * src/excel, so a cancel or a failure leaves the workbook as it was. Its `run` comes from App
 * (`useWorkbookAccess`); its controls wait while another panel changes the workbook.
 */
export function ResultsPanel() {
  const styles = useStyles();
  const { run, blocked } = useWorkbookAccess('results');
  const abort = useRef<AbortController | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const [running, setRunning] = useState<Running | null>(null);
  const [message, setMessage] = useState<ResultsMessageState | null>(null);

  useEffect(() => () => abort.current?.abort(), []);
  // The outcome takes the focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => { if (message !== null) messageRef.current?.focus(); }, [message]);

  const start = async (action: ResultAction) => {
    const controller = new AbortController();
    abort.current = controller;
    setRunning({ action, progress: null, cancelling: false });
    setMessage(null);
    let outcome: ResultsMessageState;
    try {
      outcome = await perform(action, run, controller.signal, (progress) => setRunning((r) => (r === null ? r : { ...r, progress })));
    } catch (error) {
      // Finished despite a late Cancel: the outcome above stands, since the workbook did change.
      outcome = isAbort(error, controller.signal) ? { kind: 'cancelled' } : { kind: 'failed', action, message: actionErrorMessage(error) };
    }
    if (abort.current !== controller) return;
    abort.current = null;
    setRunning(null);
    setMessage(outcome);
  };

  const cancel = () => {
    abort.current?.abort();
    setRunning((r) => (r === null ? r : { ...r, cancelling: true }));
  };

  const busy = blocked || running !== null;
  const button = (action: ResultAction, primary = false) => (
    <Button appearance={primary ? 'primary' : 'secondary'} onClick={() => void start(action)} disabled={busy} aria-describedby={`rerate-results-${action}-hint`}>
      {RESULT_ACTION_LABEL[action]}
    </Button>
  );
  return (
    <section className={styles.root} aria-labelledby="rerate-results-title">
      <Subtitle2 as="h2" id="rerate-results-title">Invoices &amp; reconciliation</Subtitle2>
      <Caption1>Each needs Lines (import billing files) and the model tables (set up the model).</Caption1>
      <div className={styles.row}>
        {button('rate', true)}
        {button('reconcile')}
        {button('share')}
      </div>
      <div className={styles.stack}>
        <Caption1 id="rerate-results-rate-hint">Rate writes the Invoice sheet: DBR.INVOICE over the model tables, repricing as you edit them.</Caption1>
        <Caption1 id="rerate-results-reconcile-hint">Reconcile writes the variance walk from AWS to each invoice, the control totals per imported file and a waterfall chart per walk.</Caption1>
        <Caption1 id="rerate-results-share-hint">Share with accountant writes PriceLines, Invoice, Reconcile and Audit as values and native formulas and turns every DBR formula into its value, so the workbook reads the same without the add-in.</Caption1>
      </div>
      <div className={styles.stack}>
        {button('reenter')}
        <Caption1 id="rerate-results-reenter-hint">For cells stuck on #NAME? because the add-in loaded after the workbook: enters each such DBR formula again.</Caption1>
      </div>
      {running !== null && (
        <ResultsProgressView action={running.action} progress={running.progress} cancelling={running.cancelling} onCancel={cancel} />
      )}
      {message !== null && <ResultsMessage ref={messageRef} state={message} />}
    </section>
  );
}
