import { isCurrencyCode, isRoundingMode, ROUNDING_MODES, type RoundingMode } from './money';
import { RerateError, type Issue, type WithIssues } from './issues';
import { columnIndexes, cell, type TableRows } from './table';
import { isPeriod } from './periods';
import { SETTINGS_COLUMNS } from './workbookLayout';

export type CreditsPolicy = 'same-period' | 'next-period' | 'retain';
export type TaxPolicy = 'exclude' | 'pass-through';
export type CommitmentsPolicy = 'as-billed' | 'owner-only';
export type Grain = 'service' | 'account';

/** The run's settings (ENGINE.md §6, §8, §9; PRODUCT.md `Settings` table and CLI flags). */
export interface Settings {
  currency: string;
  rounding: RoundingMode;
  credits: CreditsPolicy;
  tax: TaxPolicy;
  commitments: CommitmentsPolicy;
  grain: Grain;
  /** Only invoice this `YYYY-MM`; null invoices every period in the input. */
  period: string | null;
}

export const DEFAULT_SETTINGS: Settings = Object.freeze({
  currency: 'USD',
  rounding: 'half-up',
  credits: 'next-period',
  tax: 'exclude',
  commitments: 'as-billed',
  grain: 'service',
  period: null,
}) as Settings;

export const SETTING_NAMES: readonly (keyof Settings)[] = ['currency', 'rounding', 'credits', 'tax', 'commitments', 'grain', 'period'];

const CHOICES: Partial<Record<keyof Settings, readonly string[]>> = {
  rounding: ROUNDING_MODES,
  credits: ['same-period', 'next-period', 'retain'],
  tax: ['exclude', 'pass-through'],
  commitments: ['as-billed', 'owner-only'],
  grain: ['service', 'account'],
};

/**
 * Parses one setting's text (a `Settings` table cell or a CLI flag). Choices compare
 * case-insensitively; the currency is upper-cased; `period` blank means every period.
 * Throws `RerateError` BAD_VALUE naming the setting, the value and what it accepts.
 */
export function parseSettingValue<K extends keyof Settings>(name: K, text: string): Settings[K] {
  const value = text.trim();
  if (name === 'currency') {
    const code = value.toUpperCase();
    if (!isCurrencyCode(code)) throw new RerateError('BAD_VALUE', `Setting currency "${text}" is not a three-letter ISO 4217 code such as USD.`);
    return code as Settings[K];
  }
  if (name === 'period') {
    if (value === '') return null as Settings[K];
    if (!isPeriod(value)) throw new RerateError('BAD_VALUE', `Setting period "${text}" is not a billing period YYYY-MM.`);
    return value as Settings[K];
  }
  const choices = CHOICES[name];
  if (!choices) throw new RerateError('BAD_VALUE', `"${String(name)}" is not a setting; settings are ${SETTING_NAMES.join(', ')}.`);
  const lower = value.toLowerCase();
  if (!choices.includes(lower)) {
    throw new RerateError('BAD_VALUE', `Setting ${String(name)} "${text}" is not one of ${choices.join(', ')}.`);
  }
  if (name === 'rounding' && !isRoundingMode(lower)) throw new RerateError('BAD_VALUE', `Setting rounding "${text}" is not a rounding mode.`);
  return lower as Settings[K];
}

/**
 * Reads a `Setting, Value` table into the settings it names; blank rows are skipped. An unknown
 * setting, a bad value or a setting given twice is a BAD_VALUE error naming the row; the rest
 * still load. Merge the result over `DEFAULT_SETTINGS`.
 */
export function loadSettings(table: TableRows): WithIssues<Partial<Settings>> {
  const issues: Issue[] = [];
  const columns = columnIndexes(table.header, SETTINGS_COLUMNS);
  const result: Partial<Settings> = {};
  for (const name of SETTINGS_COLUMNS) {
    if (columns[name] < 0) {
      issues.push({ code: 'MISSING_COLUMN', severity: 'error', message: `${table.source} has no ${name} column; a settings table has the columns ${SETTINGS_COLUMNS.join(', ')}.`, source: { file: table.source, line: 1 } });
    }
  }
  if (issues.length > 0) return { result, issues };
  const seen = new Set<string>();
  for (const row of table.rows) {
    const nameText = cell(row, columns.Setting);
    const valueText = cell(row, columns.Value);
    if (nameText === '' && valueText === '') continue;
    const source = { file: table.source, line: row.line, column: 'Setting' };
    const name = SETTING_NAMES.find((n) => n.toLowerCase() === nameText.toLowerCase());
    if (!name) {
      issues.push({ code: 'BAD_VALUE', severity: 'error', message: `Setting "${nameText}" in ${table.source} line ${row.line} is not one of ${SETTING_NAMES.join(', ')}.`, source });
      continue;
    }
    if (seen.has(name)) {
      issues.push({ code: 'BAD_VALUE', severity: 'error', message: `Setting ${name} is given again in ${table.source} line ${row.line}; the first value is kept.`, source });
      continue;
    }
    seen.add(name);
    try {
      (result as Record<string, unknown>)[name] = parseSettingValue(name, valueText);
    } catch (error) {
      if (!(error instanceof RerateError)) throw error;
      issues.push({ code: 'BAD_VALUE', severity: 'error', message: `${error.message.replace(/\.$/, '')} (${table.source} line ${row.line}).`, source: { ...source, column: 'Value' } });
    }
  }
  return { result, issues };
}

/**
 * The settings as the rows of a `Setting, Value` table, in SETTING_NAMES order, each value as the
 * text `loadSettings` reads back (`period` null is blank): what the workbook's Settings table holds.
 */
export function settingRows(settings: Settings): [keyof Settings, string][] {
  return SETTING_NAMES.map((name) => [name, settings[name] ?? '']);
}

/** DEFAULT_SETTINGS overridden by each given layer in order (table, then CLI flags). */
export function mergeSettings(...layers: Partial<Settings>[]): Settings {
  return Object.assign({}, DEFAULT_SETTINGS, ...layers) as Settings;
}
