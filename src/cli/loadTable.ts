import { issueFromError, RerateError, type Issue, type WithIssues } from '../engine/issues';
import type { TableRows } from '../engine/table';
import { readTableRows } from '../formats/readTableRows';
import { fileSource } from './fileSource';

/**
 * Reads a small CSV table (price book, customers, FX rates, reservations…) and hands it to its
 * engine loader; the reader's and the loader's issues go to `issues`. An unreadable file is an
 * error issue too, and gives null.
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
    issues.push(issueFromError(error));
    return null;
  }
}
