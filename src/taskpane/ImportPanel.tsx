import { useCallback, useEffect, useMemo, useRef, useState, type DragEvent, type KeyboardEvent } from 'react';
import { Body1, Button, Caption1, ProgressBar, Subtitle2, makeStyles, shorthands, tokens } from '@fluentui/react-components';
import type { ImportGrain } from '../engine/grain/aggregateLines';
import { escapeUntrusted } from '../engine/issues';
import type { ImportProgress as WriteProgress } from '../excel/importLines';
import type { runInExcel } from '../excel/runInExcel';
import { FileSummary } from './FileSummary';
import { grainChoice, leftOutFiles } from './grainChoice';
import type { AnalyzedFile } from './importCore';
import { ImportMessage, type ImportMessageState } from './ImportMessage';
import { ImportPreview } from './ImportPreview';
import { ImportProgressView } from './ImportProgressView';
import type { ImportSession } from './importSession';
import type { ImportProgress as ReadProgress } from './importSummary';
import { importToWorkbook } from './importToWorkbook';

const ACCEPT = '.csv,.gz,.zip,.parquet';

/** What the panel is doing; the files read and the last message live beside it. */
type Activity =
  | { kind: 'idle' }
  | { kind: 'reading'; progress: ReadProgress | null }
  | { kind: 'importing'; progress: WriteProgress | null; cancelling: boolean };

interface PanelState {
  activity: Activity;
  /** The files of the last complete reading, shown with the grain choice. */
  files: AnalyzedFile[] | null;
  grain: ImportGrain;
  message: ImportMessageState | null;
}

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
});

function isAbort(error: unknown, signal: AbortSignal): boolean {
  return signal.aborted || (typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError');
}

function messageOf(error: unknown): string {
  // A RerateError's message is written for a person; anything else is shown as thrown. Either may quote the file or the workbook.
  return escapeUntrusted(error instanceof Error ? error.message : String(error));
}

export interface ImportPanelProps {
  session: ImportSession;
  /** `Excel.run` for the write (tests pass RecordingExcel's); default runInExcel. */
  run?: typeof runInExcel;
}

/**
 * The Import panel: pick or drop billing files and see what they hold (read off the UI thread by
 * the session), choose the grain, import into `Lines` with progress and Cancel, and read what the
 * import did. Nothing is written before the Import button.
 */
export function ImportPanel({ session, run }: ImportPanelProps) {
  const styles = useStyles();
  const input = useRef<HTMLInputElement>(null);
  const abort = useRef<AbortController | null>(null);
  const messageRef = useRef<HTMLDivElement>(null);
  const [state, setState] = useState<PanelState>({ activity: { kind: 'idle' }, files: null, grain: 'line', message: null });
  const [dragging, setDragging] = useState(false);

  useEffect(() => () => abort.current?.abort(), []);
  // The outcome takes the focus, so a keyboard or screen-reader user lands on it.
  useEffect(() => { if (state.message !== null) messageRef.current?.focus(); }, [state.message]);

  const read = useCallback(async (picked: File[]) => {
    if (picked.length === 0) return;
    abort.current?.abort();
    const controller = new AbortController();
    abort.current = controller;
    setState({ activity: { kind: 'reading', progress: null }, files: null, grain: 'line', message: null });
    try {
      const files = await session.analyze(picked, {
        signal: controller.signal,
        onProgress: (progress) => {
          if (!controller.signal.aborted) setState((s) => (s.activity.kind === 'reading' ? { ...s, activity: { kind: 'reading', progress } } : s));
        },
      });
      if (controller.signal.aborted) return;
      setState({ activity: { kind: 'idle' }, files, grain: grainChoice(files).preferred ?? 'month', message: null });
    } catch (error) {
      if (abort.current !== controller) return;
      const message: ImportMessageState = isAbort(error, controller.signal) ? { kind: 'cancelled' } : { kind: 'readFailed', message: messageOf(error) };
      setState({ activity: { kind: 'idle' }, files: null, grain: 'line', message });
    }
  }, [session]);

  const write = useCallback(async (files: AnalyzedFile[], grain: ImportGrain) => {
    const controller = new AbortController();
    abort.current = controller;
    setState((s) => ({ ...s, activity: { kind: 'importing', progress: null, cancelling: false }, message: null }));
    let message: ImportMessageState;
    try {
      const outcome = await importToWorkbook(session, files, grain, {
        signal: controller.signal,
        run,
        onProgress: (progress) => setState((s) => (s.activity.kind === 'importing' ? { ...s, activity: { ...s.activity, progress } } : s)),
      });
      message = { kind: 'imported', outcome };
    } catch (error) {
      message = isAbort(error, controller.signal) ? { kind: 'cancelled' } : { kind: 'importFailed', message: messageOf(error) };
    }
    if (abort.current === controller) setState((s) => ({ ...s, activity: { kind: 'idle' }, message }));
  }, [session, run]);

  const cancel = () => {
    abort.current?.abort();
    setState((s) => (s.activity.kind === 'importing' ? { ...s, activity: { ...s.activity, cancelling: true } } : s));
  };

  const pick = () => input.current?.click();
  const busy = state.activity.kind !== 'idle';
  const onKey = (event: KeyboardEvent) => {
    if (event.key === 'Enter' || event.key === ' ') {
      event.preventDefault();
      pick();
    }
  };
  const onDrop = (event: DragEvent) => {
    event.preventDefault();
    setDragging(false);
    if (!busy) void read([...event.dataTransfer.files]);
  };

  const choice = useMemo(() => (state.files === null ? null : grainChoice(state.files)), [state.files]);
  const leftOut = useMemo(() => (state.files === null ? new Map<number, string>() : leftOutFiles(state.files, state.grain)), [state.files, state.grain]);
  const { activity } = state;
  const readProgress = activity.kind === 'reading' ? activity.progress : null;
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
        aria-disabled={busy}
        className={dragging ? `${styles.drop} ${styles.dropActive}` : styles.drop}
        onClick={busy ? undefined : pick}
        onKeyDown={busy ? undefined : onKey}
        onDragOver={(event) => { event.preventDefault(); setDragging(true); }}
        onDragLeave={() => setDragging(false)}
        onDrop={onDrop}
      >
        <Body1>Drop DBR, CUR or FOCUS files here (.csv, .csv.gz, .csv.zip, .parquet)</Body1>
      </div>
      <div className={styles.row}>
        <Button appearance={state.files === null ? 'primary' : 'secondary'} onClick={pick} disabled={busy}>Choose files…</Button>
        {activity.kind === 'reading' && <Button onClick={() => abort.current?.abort()}>Cancel</Button>}
      </div>

      {activity.kind === 'reading' && (
        <div aria-live="polite">
          <ProgressBar
            value={readProgress && readProgress.bytesTotal ? readProgress.bytesRead / readProgress.bytesTotal : undefined}
            aria-label="Reading files"
          />
          <Caption1>
            {readProgress
              ? `Reading ${escapeUntrusted(readProgress.file)} (${readProgress.fileIndex + 1} of ${readProgress.fileCount})`
              : 'Reading…'}
          </Caption1>
        </div>
      )}
      {activity.kind === 'idle' && state.files === null && state.message === null && (
        <Caption1>Nothing is written to the workbook until you have seen what the files hold.</Caption1>
      )}
      {state.files !== null && choice !== null && (
        <ImportPreview
          choice={choice}
          grain={state.grain}
          onGrain={(grain) => setState((s) => ({ ...s, grain }))}
          onImport={() => { if (state.files !== null) void write(state.files, state.grain); }}
          busy={busy}
        />
      )}
      {activity.kind === 'importing' && (
        <ImportProgressView progress={activity.progress} cancelling={activity.cancelling} onCancel={cancel} />
      )}
      {state.message !== null && <ImportMessage ref={messageRef} state={state.message} />}
      {state.files?.map((file, index) => <FileSummary key={index} summary={file} leftOut={leftOut.get(index)} />)}
    </section>
  );
}
