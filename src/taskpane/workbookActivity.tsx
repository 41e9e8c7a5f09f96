import { createContext, useContext, useMemo, useState, type ReactNode } from 'react';
import { runInExcel } from '../excel/runInExcel';

/** `Excel.run` as the panels take it (tests pass RecordingExcel's). */
export type RunExcel = typeof runInExcel;

/** The panels that change the workbook. */
export type WorkbookActor = 'import' | 'model' | 'results';

export interface WorkbookActivity {
  /** The panel whose Excel batch is running, or null. */
  active: WorkbookActor | null;
  /** Each panel's `run`: the pane's `run`, marking the panel active while its batch runs. */
  runFor: Readonly<Record<WorkbookActor, RunExcel>>;
}

const IDLE: Readonly<Record<WorkbookActor, number>> = { import: 0, model: 0, results: 0 };

/**
 * Which panel is changing the workbook, so the others wait: every panel's batches go through its
 * own tracked `run` — the one place each action meets Excel (an import, a model set-up, a Rate…) —
 * so the pane learns it without the panels telling each other. Two actions at once would
 * interleave their syncs: an import swapping `Lines` while Share with accountant reads it.
 */
export function useWorkbookActivity(run: RunExcel = runInExcel): WorkbookActivity {
  const [running, setRunning] = useState<Readonly<Record<WorkbookActor, number>>>(IDLE);
  const runFor = useMemo(() => {
    const tracked = (actor: WorkbookActor): RunExcel => <T,>(batch: (context: Excel.RequestContext) => Promise<T>): Promise<T> => {
      const add = (step: number) => setRunning((counts) => ({ ...counts, [actor]: counts[actor] + step }));
      add(1);
      let result: Promise<T>;
      try {
        result = run(batch);
      } catch (error) {
        result = Promise.reject(error);
      }
      return result.finally(() => add(-1));
    };
    return { import: tracked('import'), model: tracked('model'), results: tracked('results') };
  }, [run]);
  const active = (Object.keys(running) as WorkbookActor[]).find((actor) => running[actor] > 0) ?? null;
  return useMemo(() => ({ active, runFor }), [active, runFor]);
}

/** Outside a provider (no App): `runInExcel`, nothing running. */
const WorkbookActivityContext = createContext<WorkbookActivity>({
  active: null,
  runFor: { import: runInExcel, model: runInExcel, results: runInExcel },
});

/** Gives the panels inside it their tracked `run` (App provides one over its `runExcel`). */
export function WorkbookActivityProvider({ value, children }: { value: WorkbookActivity; children?: ReactNode }) {
  return <WorkbookActivityContext.Provider value={value}>{children}</WorkbookActivityContext.Provider>;
}

/** A panel's `run`, and whether another panel is changing the workbook (then its controls wait). */
export function useWorkbookAccess(panel: WorkbookActor): { run: RunExcel; blocked: boolean } {
  const { active, runFor } = useContext(WorkbookActivityContext);
  return { run: runFor[panel], blocked: active !== null && active !== panel };
}
