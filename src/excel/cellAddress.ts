import { RerateError } from '../engine/issues';

/**
 * A1 addresses, zero-based indexes inside: `cellAddress(6, 1)` is `B7`, and
 * `parseRangeAddress("'My Sheet'!D1:G3")` is `{ sheet: 'My Sheet', row: 0, column: 3, rows: 3, columns: 4 }`
 * (Excel quotes a sheet name with spaces or punctuation and doubles its quotes).
 */
export interface RangePlace {
  /** The sheet the address names, unquoted; null when it names none. */
  sheet: string | null;
  row: number;
  column: number;
  rows: number;
  columns: number;
}

/** Zero-based column → letters: 0 → A, 25 → Z, 26 → AA. */
export function columnLetters(column: number): string {
  let letters = '';
  for (let n = column + 1; n > 0; n = Math.floor((n - 1) / 26)) letters = String.fromCharCode(65 + ((n - 1) % 26)) + letters;
  return letters;
}

/** Zero-based row and column → `B7`. */
export function cellAddress(row: number, column: number): string {
  return `${columnLetters(column)}${row + 1}`;
}

/** `Sheet!A1:C3`, `'It''s'!B7`, `A1` → where it is; throws on anything else. */
export function parseRangeAddress(address: string): RangePlace {
  const bang = address.lastIndexOf('!');
  let sheet: string | null = null;
  if (bang >= 0) {
    const quoted = address.slice(0, bang);
    sheet = quoted.startsWith("'") && quoted.endsWith("'") ? quoted.slice(1, -1).replace(/''/g, "'") : quoted;
  }
  const parts = address.slice(bang + 1).replace(/\$/g, '').split(':');
  const [r1, c1] = parseCell(parts[0], address);
  const [r2, c2] = parts.length > 1 ? parseCell(parts[1], address) : [r1, c1];
  return { sheet, row: Math.min(r1, r2), column: Math.min(c1, c2), rows: Math.abs(r2 - r1) + 1, columns: Math.abs(c2 - c1) + 1 };
}

function parseCell(text: string, address: string): [number, number] {
  const match = /^([A-Z]{1,3})([0-9]{1,7})$/i.exec(text);
  if (!match) throw new RerateError('BAD_VALUE', `"${address}" is not an A1 address such as B7 or Sheet1!A1:C3.`);
  let column = 0;
  for (const letter of match[1].toUpperCase()) column = column * 26 + (letter.charCodeAt(0) - 64);
  return [Number(match[2]) - 1, column - 1];
}
