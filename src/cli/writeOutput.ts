import { escapeUntrusted, issueFromError, RerateError, type Issue } from '../engine/issues';
import { writeFilesAtomically } from './atomicWrite';
import { EXIT_ISSUES, exitCodeFor, printIssues, type CliIo } from './io';

/** `--out F` as checked by `checkOutPath` before the run: the resolved path and the name as given. */
export interface OutTarget {
  path: string;
  name: string;
}

/**
 * Ends a command: the result to `--out F` when given, else to stdout — and nothing else goes to
 * stdout — then the issues to stderr; returns the exit code. Output is all or nothing (PRODUCT.md):
 * with error issues `--out` is not written (an existing F stays as it was) and stderr says so;
 * the write itself goes through a temp file and a rename (atomicWrite.ts), and a write that fails
 * is an `UNWRITABLE_FILE` error (exit 1). Without `--out` the result still goes to stdout when there
 * are errors, as before: the issues on stderr and the exit code say what it is worth.
 * `render` is called only when the result is written (an unwritten workbook is never built).
 */
export async function deliver(
  io: CliIo,
  command: string,
  out: OutTarget | undefined,
  issues: Issue[],
  render: () => string | Uint8Array | Promise<string | Uint8Array>,
): Promise<number> {
  if (out === undefined) {
    const text = await render();
    io.stdout(typeof text === 'string' ? text : Buffer.from(text).toString('utf8'));
    printIssues(io, issues);
    return exitCodeFor(issues);
  }
  if (exitCodeFor(issues) === EXIT_ISSUES) {
    printIssues(io, issues);
    io.stderr(`rerate ${command}: ${out.name} not written: the run has errors.\n`);
    return EXIT_ISSUES;
  }
  const data = await render();
  try {
    writeFilesAtomically([{ path: out.path, name: out.name, data }]);
  } catch (error) {
    if (!(error instanceof RerateError)) throw error;
    issues.push(issueFromError(error));
  }
  printIssues(io, issues);
  return exitCodeFor(issues);
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
export function toTextTable(rawHeader: readonly string[], rawRows: readonly (readonly string[])[], numeric: ReadonlySet<number>): string {
  // Every cell may hold text from a billing file or table: control characters are shown escaped
  // (escaping is idempotent, so cells a renderer escaped already are unchanged).
  const header = rawHeader.map(escapeUntrusted);
  const rows = rawRows.map((row) => row.map((cell) => escapeUntrusted(cell ?? '')));
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
