/**
 * One CSV record and its CRLF, RFC 4180: a cell holding a quote, comma or line end, or starting or
 * ending with white space, is quoted (`rerate lines`, `rerate groups` and the DuckDB groups read back).
 */
export function csvRow(cells: readonly string[]): string {
  let text = '';
  for (let i = 0; i < cells.length; i++) {
    const cell = cells[i];
    if (i > 0) text += ',';
    text += /[",\r\n]|^\s|\s$/.test(cell) ? `"${cell.replace(/"/g, '""')}"` : cell;
  }
  return `${text}\r\n`;
}
