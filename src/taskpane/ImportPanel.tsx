import { useCallback, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import {
  Body1, Button, Caption1, MessageBar, MessageBarBody, MessageBarTitle, ProgressBar, Subtitle2,
  Table, TableBody, TableCell, TableRow, makeStyles, shorthands, tokens,
} from '@fluentui/react-components';
import type { AnalyzeFiles } from './analyzeFiles';
import { escapeUntrusted, formatIssueLine } from '../engine/issues';
import { groupDigits } from './formatIssue';
import type { ImportProgress, ImportSummary } from './importSummary';

const ACCEPT = '.csv,.gz,.zip,.parquet';
const ISSUES_SHOWN = 20;

type PanelState =
  | { kind: 'idle' }
  | { kind: 'reading'; progress: ImportProgress | null }
  | { kind: 'read'; summaries: ImportSummary[] }
  | { kind: 'cancelled' }
  | { kind: 'failed'; message: string };

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM },
  drop: {
    border: `${tokens.strokeWidthThick} dashed ${tokens.colorNeutralStroke1}`,
    borderRadius: tokens.borderRadiusMedium,
    padding: tokens.spacingVerticalL,
    textAlign: 'center',
    cursor: 'pointer',
    ':focus-visible': { outlineWidth: tokens.strokeWidthThick, outlineStyle: 'solid', outlineColor: tokens.colorStrokeFocus2 },
  },
  dropActive: { backgroundColor: tokens.colorNeutralBackground1Hover, ...shorthands.borderColor(tokens.colorBrandStroke1) },
  row: { display: 'flex', gap: tokens.spacingHorizontalS, alignItems: 'center' },
  label: { width: '40%', color: tokens.colorNeutralForeground2 },
  figure: { fontVariantNumeric: 'tabular-nums', wordBreak: 'break-all' },
});

function list(values: string[], none: string): string {
  return values.length === 0 ? none : values.join(', ');
}

/** The Import panel: pick or drop billing files, see what they hold (read off the UI thread), cancel at any time. */
export function ImportPanel({ analyze }: { analyze: AnalyzeFiles }) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const [state, setState] = useState<PanelState>({ kind: 'idle' });
  const [dragging, setDragging] = useState(false);

  const read = useCallback(async (files: File[]) => {
    if (files.length === 0) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ kind: 'reading', progress: null });
    try {
      const summaries = await analyze(files, {
        signal: controller.signal,
        onProgress: (progress) => { if (!controller.signal.aborted) setState({ kind: 'reading', progress }); },
      });
      if (!controller.signal.aborted) setState({ kind: 'read', summaries });
    } catch (error) {
      if (controller.signal.aborted || (error instanceof DOMException && error.name === 'AbortError')) setState({ kind: 'cancelled' });
      else setState({ kind: 'failed', message: escapeUntrusted(error instanceof Error ? error.message : String(error)) });
    }
  }, [analyze]);

  const pick = () => input.current?.click();
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick();
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    void read([...event.dataTransfer.files]);
  };

  const reading = state.kind === 'reading';
  const progress = reading && state.progress;
  return (
    <section className={styles.root} aria-labelledby="rerate-import-title">
      <Subtitle2 as="h2" id="rerate-import-title">Import billing files</Subtitle2>
      <input
        ref={input}
        type="file"
        multiple
        accept={ACCEPT}
        hidden
        data-testid="file-input"
        onChange={(event) => {
          const files = [...(event.target.files ?? [])];
          event.target.value = '';
          void read(files);
        }}
      />
      <div
        role="button"
        tabIndex={0}
        aria-label="Drop billing files here, or press Enter to choose files"
        aria-disabled={reading}
        className={dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop}
        onClick={reading ? undefined : pick}
        onKeyDown={reading ? undefined : onKey}
        onDragOver={(event) => { event.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Body1>Drop DBR, CUR or FOCUS files here (.csv, .csv.gz, .csv.zip, .parquet)</Body1>
      </div>
      <div className={styles.row}>
        <Button appearance="primary" onClick={pick} disabled={reading}>Choose files…</Button>
        {reading && <Button onClick={() => abort.current?.abort()}>Cancel</Button>}
      </div>

      {reading && (
        <div aria-live="polite">
          <ProgressBar
            value={progress && progress.bytesTotal ? progress.bytesRead / progress.bytesTotal : undefined}
            aria-label="Reading files"
          />
          <Caption1>
            {progress
              ? `Reading ${progress.file} (${progress.fileIndex + 1} of ${progress.fileCount})`
              : 'Reading…'}
          </Caption1>
        </div>
      )}
      {state.kind === 'idle' && (
        <Caption1>Nothing is written to the workbook until you have seen what the files hold.</Caption1>
      )}
      {state.kind === 'cancelled' && (
        <MessageBar intent="info"><MessageBarBody>Import cancelled: the workbook is unchanged.</MessageBarBody></MessageBar>
      )}
      {state.kind === 'failed' && (
        <MessageBar intent="error">
          <MessageBarBody><MessageBarTitle>The files could not be read</MessageBarTitle>{state.message}</MessageBarBody>
        </MessageBar>
      )}
      {state.kind === 'read' && state.summaries.map((summary) => <FileSummary key={summary.file} summary={summary} />)}
    </section>
  );
}

function FileSummary({ summary }: { summary: ImportSummary }) {
  const styles = useStyles();
  const errors = summary.issues.filter((issue) => issue.severity === 'error').length;
  const facts: [string, string][] = [
    ['Format', summary.format ?? 'not recognised'],
    ['Periods', list(summary.periods, 'none')],
    ['Payer accounts', list(summary.payerAccounts, 'none')],
    ['Accounts', `${summary.accounts.length.toLocaleString('en-US')}${summary.accounts.length > 0 && summary.accounts.length <= 5 ? ` (${summary.accounts.join(', ')})` : ''}`],
    ['Rows', summary.rowsRead.toLocaleString('en-US')],
    ['Rows skipped', summary.rowsSkipped.toLocaleString('en-US')],
    ['Σ unblended', groupDigits(summary.unblendedRead)],
  ];
  return (
    <article aria-label={`Summary of ${summary.file}`} data-testid="file-summary">
      <Subtitle2 as="h3">{summary.file}</Subtitle2>
      <Table size="small" aria-label={`What ${summary.file} holds`}>
        <TableBody>
          {facts.map(([label, value]) => (
            <TableRow key={label}>
              <TableCell className={styles.label}>{label}</TableCell>
              <TableCell className={styles.figure} data-fact={label}>{value}</TableCell>
            </TableRow>
          ))}
        </TableBody>
      </Table>
      {summary.issues.length > 0 && (
        <MessageBar intent={errors > 0 ? 'error' : 'warning'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>{`${summary.issues.length} problem${summary.issues.length === 1 ? '' : 's'} found`}</MessageBarTitle>
            <ul>
              {summary.issues.slice(0, ISSUES_SHOWN).map((issue, index) => <li key={index}>{formatIssueLine(issue)}</li>)}
              {summary.issues.length > ISSUES_SHOWN && <li>{`… and ${summary.issues.length - ISSUES_SHOWN} more`}</li>}
            </ul>
          </MessageBarBody>
        </MessageBar>
      )}
    </article>
  );
}
