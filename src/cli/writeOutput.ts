import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import type { CliIo } from './io';

/** The result goes to `--out F` when given, else to stdout — and nothing else goes to stdout. */
export function writeOutput(io: CliIo, text: string, out: string | undefined): void {
  if (out) writeFileSync(path.resolve(io.cwd, out), text);
  else io.stdout(text);
}

/** RFC 4180 CSV; a cell that a spreadsheet would read as a formula is prefixed with `'`. */
export function toCsv(rows: readonly (readonly (string | number | null)[])[]): string {
  return `${rows.map((row) => row.map(csvCell).join(',')).join('\r\n')}\r\n`;
}

function csvCell(value: string | number | null): string {
  if (value === null) return '';
  let text = String(value);
  // Untrusted text never becomes a formula: =, +, -, @ start a formula in Excel unless the text is
  // a plain number (negative amounts stay numbers).
  if (/^[=+\-@\t\r]/.test(text) && !/^-?\d+(\.\d+)?$/.test(text)) text = `'${text}`;
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

/** A plain-text table with right-aligned numeric columns, for terminals. */
export function toTextTable(header: readonly string[], rows: readonly (readonly string[])[], numeric: ReadonlySet<number>): string {
  const widths = header.map((h, i) => Math.max(h.length, ...rows.map((r) => (r[i] ?? '').length)));
  const format = (cells: readonly string[]) =>
    cells.map((c, i) => (numeric.has(i) ? c.padStart(widths[i]) : c.padEnd(widths[i]))).join('  ').trimEnd();
  return [format(header), widths.map((w) => '-'.repeat(w)).join('  '), ...rows.map(format)].join('\n');
}

/**
 * Several tables as one text: for `table`, aligned blocks with numbers on the right; for `csv`,
 * RFC 4180 sections separated by a blank line.
 */
export function renderSections(format: 'table' | 'csv', sections: { header: string[]; rows: string[][]; numeric: number[] }[]): string {
  if (format === 'csv') return sections.map(({ header, rows }) => toCsv([header, ...rows])).join('\r\n');
  return sections.map(({ header, rows, numeric }) => `${toTextTable(header, rows, new Set(numeric))}\n`).join('\n');
}
