import * as path from 'node:path';
import { fileSource } from '../../src/cli/fileSource';
import type { Issue } from '../../src/engine/issues';
import type { BillingLine } from '../../src/engine/line';
import type { FileControl } from '../../src/formats/fileControl';
import { readBilling } from '../../src/formats/readBilling';

export const FIXTURES = path.resolve(__dirname, '../fixtures');

/** Test-only: a fixture file through readBilling, its lines collected; `file` is the fixture's base name. */
export async function readFixture(relative: string): Promise<{ lines: BillingLine[]; control: FileControl; issues: Issue[] }> {
  const lines: BillingLine[] = [];
  const source = { ...fileSource(path.join(FIXTURES, relative)), name: path.basename(relative) };
  const { control, issues } = await readBilling(source, (line) => lines.push(line));
  return { lines, control, issues };
}
