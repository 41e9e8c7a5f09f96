import { parseArgs } from 'node:util';
import { controlRow, createGroupTally, GROUPS_COLUMNS, groupRow, issueRow } from '../../engine';
import type { FileControl } from '../../formats/fileControl';
import { checkOutPath } from '../atomicWrite';
import { openBillingFiles } from '../inputFiles';
import { UsageError, type CliIo, type Command } from '../io';
import { readWithProgress } from '../readWithProgress';
import { csvRow } from '../csvRow';
import { deliver } from '../writeOutput';

const USAGE = `usage: rerate groups <files...> [--out F]

Reads each billing file (DBR, monthly report, CUR 1.0/2.0, FOCUS; CSV, .gz, .zip, Parquet) with the
JavaScript readers and writes the groups table (rerate-groups, src/engine/groups/README.md): one row
per pricing group with exact sums, the control rows of each file and the issues of the read.
'rerate invoice groups.csv' then gives what 'rerate invoice FILES' gives, byte for byte. Issues go
to stderr too; exit 1 when there are errors, and then --out is not written.

options:
  --out F             write to F (all or nothing) instead of stdout`;

export const groupsCommand: Command = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({ args, options: { out: { type: 'string' } }, allowPositionals: true, strict: true });
    if (positionals.length === 0) throw new UsageError('give at least one billing file');
    const out = values.out === undefined ? undefined : { path: checkOutPath(values.out, io.cwd), name: values.out };

    const { sources, issues } = await openBillingFiles(positionals, io.cwd);

    let text = csvRow(GROUPS_COLUMNS);
    for (const source of sources) {
      const tally = createGroupTally();
      const before = issues.length;
      const read = await readWithProgress(io, source.name, () => source, (line) => tally.add(line), issues);
      // Per file: its issues (in the order the read gave them), its control rows, its groups.
      for (const issue of issues.slice(before)) text += csvRow(issueRow(issue));
      if (read !== null) for (const control of read.controls.length > 0 ? read.controls : [read.control]) text += controlRows(control);
      for (const group of tally.groups()) text += csvRow(groupRow(group));
    }

    // The table is whole before anything is written: all or nothing, as every command's --out.
    return deliver(io, 'groups', out, issues, () => text);
  },
};

/** A table's control rows: rows read and Σ unblended read, then each skip reason with the cost it skipped. */
function controlRows(control: FileControl): string {
  let text = csvRow(controlRow(control.file, control.format, '', control.rowsRead, control.unblendedRead));
  for (const [reason, rows] of Object.entries(control.skippedByReason)) {
    text += csvRow(controlRow(control.file, control.format, reason, rows, control.skippedCostByReason?.[reason] ?? ''));
  }
  return text;
}
