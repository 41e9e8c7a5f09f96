import type { ImportGrain } from '../engine/grain/aggregateLines';
import { GROUPS_FORMAT } from '../engine/groups/groupsTable';
import { importLines, type ImportFile, type ImportLinesResult, type ImportProgress } from '../excel/importLines';
import type { LinesCellsStats } from '../excel/linesCells';
import { runInExcel } from '../excel/runInExcel';
import type { AnalyzedFile } from './importCore';
import type { ImportSession } from './importSession';

export interface ImportOutcome extends ImportLinesResult {
  stats: LinesCellsStats;
  /** Files left out: nothing to write (not billing data), or the same bytes as an earlier pick. */
  skipped: { file: string; why: string }[];
}

/** Why a groups table is not imported at the line grain. */
export const GROUPS_HOLD_NO_LINES = 'a groups table holds sums per pricing group, not billing lines: it imports one row per pricing group and month';

/** Which analysed files an import writes, and why the others are left out. */
export function importPlan(files: readonly AnalyzedFile[], grain: ImportGrain): { include: number[]; plan: ImportFile[]; skipped: { file: string; why: string }[] } {
  const include: number[] = [];
  const plan: ImportFile[] = [];
  const skipped: { file: string; why: string }[] = [];
  const seen = new Map<string, string>();
  files.forEach((file, index) => {
    const same = seen.get(file.sha256);
    if (same !== undefined) {
      skipped.push({ file: file.file, why: `the same bytes as ${same}, imported once` });
      return;
    }
    const groups = file.groupsTable;
    if (groups !== undefined && grain === 'line') {
      skipped.push({ file: file.file, why: GROUPS_HOLD_NO_LINES });
      return;
    }
    if ((file.format === null && groups === undefined) || file.rowsAtGrain[grain] === 0) {
      skipped.push({ file: file.file, why: 'no billing lines to import' });
      return;
    }
    seen.set(file.sha256, file.file);
    include.push(index);
    plan.push({
      // A groups table's Imports row says what it is; its rows' SourceFile names the billing files.
      file: file.file, sha256: file.sha256, format: groups === undefined ? file.format ?? '' : GROUPS_FORMAT, grain, rows: file.rowsAtGrain[grain],
      sourceLines: groups === undefined ? file.rowsAtGrain.line : groups.lines, unblendedCost: file.unblendedRead,
      rowsRead: file.rowsRead, rowsSkipped: file.rowsSkipped, unblendedSkipped: file.unblendedSkipped,
    });
  });
  return { include, plan, skipped };
}

/**
 * Writes the analysed files into `Lines` at `grain` (src/excel/importLines: staged, chunked,
 * all-or-nothing), the rows streaming from the session as Excel takes them.
 */
export async function importToWorkbook(
  session: ImportSession,
  files: readonly AnalyzedFile[],
  grain: ImportGrain,
  options: { signal: AbortSignal; onProgress?: (progress: ImportProgress) => void; run?: typeof runInExcel },
): Promise<ImportOutcome> {
  const { include, plan, skipped } = importPlan(files, grain);
  const run = options.run ?? runInExcel;
  // The reading stops with the write, whichever way the write ends.
  const reading = new AbortController();
  const stop = () => reading.abort();
  options.signal.addEventListener('abort', stop, { once: true });
  const stream = session.rows(grain, include, reading.signal);
  try {
    const result = await run((context) => importLines(context, plan, stream.rows, { signal: options.signal, onProgress: options.onProgress }));
    return { ...result, stats: stream.stats() ?? { shadowCells: 0, cutCells: 0 }, skipped };
  } finally {
    options.signal.removeEventListener('abort', stop);
    if (!reading.signal.aborted) reading.abort();
  }
}
