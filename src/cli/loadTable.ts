import { readTableRows } from '../formats/readTableRows';
import type { Issue, WithIssues } from '../engine/issues';
import type { TableRows } from '../engine/table';
import { fileSource } from './fileSource';

/**
 * Reads a small CSV table (price book, customers, FX rates, support plans…) and passes it to its
 * engine loader, gathering the reader's and the loader's issues together.
 */
export async function loadTableFile<T>(path: string, load: (table: TableRows) => WithIssues<T>, issues: Issue[]): Promise<T> {
  const read = await readTableRows(fileSource(path));
  issues.push(...read.issues);
  const loaded = load(read.result);
  issues.push(...loaded.issues);
  return loaded.result;
}
