import { replaceSheet } from './replaceSheet';
import { runInExcel } from './runInExcel';
import { writeTableChunked, type ChunkedWriteOptions, type ChunkedWriteResult } from './writeTableChunked';
import type { CellInput } from './estimateRowBytes';

/**
 * Writes `header` and `rows` as the whole of sheet `name`, in chunks through a staging sheet:
 * the sheet changes only once every row is in, and a failure or cancel leaves it as it was.
 */
export function writeSheet(
  name: string,
  header: readonly string[],
  rows: Iterable<readonly CellInput[]>,
  options: ChunkedWriteOptions = {},
): Promise<ChunkedWriteResult> {
  return runInExcel((context) => replaceSheet(context, name, (staging) => writeTableChunked(context, staging, header, rows, options)));
}
