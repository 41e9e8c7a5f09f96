import { RerateError, type Issue, type WithIssues } from '../../engine/issues';
import type { TableRows } from '../../engine/table';
import { readTableRows } from '../../formats/readTableRows';
import { fileSource } from '../fileSource';
import { UsageError } from '../io';

/** What `rialloc` and `spalloc` share: reading their two tables and writing their two result tables. */

export type AllocationFormat = 'json' | 'table' | 'csv';

export function allocationFormat(text: string | undefined): AllocationFormat {
  if (text === 'json' || text === 'table' || text === 'csv') return text;
  throw new UsageError(`--format must be json, table or csv, not "${text}"`);
}

/** `--no-sharing 111111111111,222222222222` → the ids; blanks dropped. */
export function accountList(text: string | undefined): string[] {
  return (text ?? '').split(',').map((id) => id.trim()).filter((id) => id !== '');
}

/**
 * Reads a CSV table and hands it to its engine loader; reader and loader issues go to `issues`.
 * An unreadable file is an issue too, and gives null.
 */
export async function loadTableFile<T>(path: string, load: (table: TableRows) => WithIssues<T>, issues: Issue[]): Promise<T | null> {
  try {
    const read = await readTableRows(fileSource(path));
    issues.push(...read.issues);
    const loaded = load(read.result);
    issues.push(...loaded.issues);
    return loaded.result;
  } catch (error) {
    if (!(error instanceof RerateError)) throw error;
    issues.push({ code: error.code, severity: 'error', message: error.message, ...(error.source ? { source: error.source } : {}) });
    return null;
  }
}

/**
 * Two tables as one text: for `table`, aligned columns with numbers on the right; for `csv`, RFC
 * 4180 sections separated by a blank line. A cell a spreadsheet would take for a formula gets a
 * leading `'` (ids come from user files).
 */
export function renderSections(format: 'table' | 'csv', sections: { header: string[]; rows: string[][]; numeric: number[] }[]): string {
  if (format === 'csv') {
    return sections.map(({ header, rows }) => [header, ...rows].map((row) => `${row.map(csvCell).join(',')}\r\n`).join('')).join('\r\n');
  }
  return sections.map(({ header, rows, numeric }) => {
    const widths = header.map((h, c) => Math.max(h.length, ...rows.map((row) => row[c].length)));
    const line = (cells: string[]) => cells.map((text, c) => (numeric.includes(c) ? text.padStart(widths[c]) : text.padEnd(widths[c]))).join('  ').trimEnd();
    return [line(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(line)].join('\n') + '\n';
  }).join('\n');
}

function csvCell(value: string): string {
  const text = /^[=+\-@\t\r]/.test(value) && !/^-?\d+(\.\d+)?$/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}
