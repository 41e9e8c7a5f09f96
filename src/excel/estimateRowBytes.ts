/** A value for one cell as the writer sends it; `null` is written as an empty cell. */
export type CellInput = string | number | boolean | null;

// Anything outside printable ASCII may take up to 6 bytes once JSON-escaped (\uXXXX).
const NEEDS_ESCAPE = /[^\x20-\x7e]|["\\]/g;
// The same, tested first without the global flag: most cells have nothing to escape, and test()
// allocates no match array.
const HAS_ESCAPE = /[^\x20-\x7e]|["\\]/;

/**
 * An upper estimate of the bytes a row adds to an Excel request (JSON: quotes, commas, escapes),
 * so chunks stay under the 5 MB request limit without serialising every row twice.
 */
export function estimateRowBytes(row: readonly CellInput[]): number {
  let bytes = 2;
  for (const cell of row) {
    if (typeof cell === 'string') {
      bytes += cell.length + 3;
      if (HAS_ESCAPE.test(cell)) bytes += (cell.match(NEEDS_ESCAPE)?.length ?? 0) * 5;
    } else if (typeof cell === 'number') {
      bytes += 25;
    } else {
      bytes += 6;
    }
  }
  return bytes;
}
