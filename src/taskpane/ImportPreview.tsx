import { Button, Field, Radio, RadioGroup, makeStyles, tokens } from '@fluentui/react-components';
import type { ImportGrain } from '../engine/grain/aggregateLines';
import { escapeUntrusted } from '../engine/issues';
import { EXCEL_MAX_ROWS } from '../excel/importLines';
import type { GrainChoice } from './grainChoice';

const useStyles = makeStyles({
  root: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalM, alignItems: 'flex-start' },
});

/** Data rows a sheet holds below the header row. */
const SHEET_ROWS = (EXCEL_MAX_ROWS - 1).toLocaleString('en-US');

export function grainLabel(grain: ImportGrain, rows: number): string {
  const count = rows.toLocaleString('en-US');
  return grain === 'line' ? `Every line (${count} rows)` : `One row per pricing group and month (${count} rows)`;
}

/** `a.csv`, `a.csv and b.csv`, `a.csv, b.csv and c.csv`. */
function names(files: readonly string[]): string {
  return files.length <= 1 ? files.join('') : `${files.slice(0, -1).join(', ')} and ${files[files.length - 1]}`;
}

/** Why a grain cannot be chosen, for the field's hint (read with the radio group). */
function hintOf(choice: GrainChoice, importable: boolean): string | undefined {
  if (!importable) return 'None of these files has billing lines to import.';
  if (!choice.fits.month) {
    return `Even one row per pricing group and month needs ${choice.rows.month.toLocaleString('en-US')} rows, more than a sheet's ${SHEET_ROWS}: import fewer files at a time, or use the rerate command line.`;
  }
  if (choice.groupsTables.length > 0) {
    const one = choice.groupsTables.length === 1;
    return `Every line is not available: ${escapeUntrusted(names(choice.groupsTables))} ${one ? 'is a groups table' : 'are groups tables'}, which ${one ? 'holds' : 'hold'} sums per pricing group, not billing lines. One row per pricing group and month keeps every invoice exact.`;
  }
  if (!choice.fits.line) {
    return `Every line needs ${choice.rows.line.toLocaleString('en-US')} rows, more than a sheet's ${SHEET_ROWS}. One row per pricing group and month keeps every invoice exact.`;
  }
  return undefined;
}

export interface ImportPreviewProps {
  choice: GrainChoice;
  grain: ImportGrain;
  onGrain: (grain: ImportGrain) => void;
  onImport: () => void;
  /** True while an import runs: the choice and the button wait. */
  busy: boolean;
}

/** The choice made before writing: the grain (with the rows each writes) and the Import button. */
export function ImportPreview({ choice, grain, onGrain, onImport, busy }: ImportPreviewProps) {
  const styles = useStyles();
  const importable = choice.rows.month > 0;
  const hint = hintOf(choice, importable);
  const canImport = importable && choice.fits[grain] && !busy;
  return (
    <div className={styles.root}>
      <Field label="Rows to write into Lines" hint={hint}>
        <RadioGroup value={grain} onChange={(_event, data) => onGrain(data.value as ImportGrain)} disabled={busy}>
          <Radio value="line" label={choice.groupsTables.length > 0 ? 'Every line' : grainLabel('line', choice.rows.line)} disabled={!choice.fits.line} />
          <Radio value="month" label={grainLabel('month', choice.rows.month)} disabled={!choice.fits.month} />
        </RadioGroup>
      </Field>
      <Button appearance="primary" onClick={onImport} disabled={!canImport}>Import into Lines</Button>
    </div>
  );
}
