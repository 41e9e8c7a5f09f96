import { issueFromError, RerateError, type Issue } from '../engine/issues';
import type { BillingLine } from '../engine/line';
import type { BillingRead } from '../formats/readBilling';
import type { ByteSource } from '../formats/source';
import type { CliIo } from './io';
import { readBillingInNode } from './nodeReadOptions';
import { createProgressBar } from './progress';

/**
 * One billing file read as the CLI reads it: Node's read options, a progress bar on stderr (labelled
 * `name`) while it reads, its issues appended to `issues`. A file that cannot be opened or read at
 * all (RerateError from `open` or the read) is one issue and null; anything else is a bug and is
 * thrown on (main makes it INTERNAL).
 */
export async function readWithProgress(
  io: CliIo, name: string, open: () => ByteSource, onLine: ((line: BillingLine) => void) | null, issues: Issue[],
): Promise<BillingRead | null> {
  const progress = createProgressBar(io, name);
  try {
    const source = open();
    const read = await readBillingInNode(source, onLine, {
      onProgress: ({ bytesRead, bytesTotal }) => progress.update(bytesRead, bytesTotal),
    });
    issues.push(...read.issues);
    return read;
  } catch (error) {
    if (!(error instanceof RerateError)) throw error;
    issues.push(issueFromError(error));
    return null;
  } finally {
    progress.finish();
  }
}
