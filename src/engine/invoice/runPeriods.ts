import type { Settings } from '../settings';
import type { FileGroups } from './lineGroup';

/**
 * The periods of a run: `input`, every period some line has (totals included), decides where
 * credits and floors can land; `output`, the ones the `period` setting keeps (all by default).
 */
export interface RunPeriods {
  input: ReadonlySet<string>;
  output: ReadonlySet<string>;
}

export function runPeriods(files: readonly FileGroups[], totalPeriods: ReadonlySet<string>, settings: Settings): RunPeriods {
  const input = new Set(totalPeriods);
  for (const file of files) for (const group of file.list) input.add(group.sample.period);
  const output = new Set([...input].filter((p) => settings.period === null || p === settings.period));
  return { input, output };
}
