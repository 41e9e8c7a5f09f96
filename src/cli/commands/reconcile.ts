import { issueToJson, walksToJson } from '../../engine';
import type { CliIo, Command } from '../io';
import { checkOutPath } from '../atomicWrite';
import { INVOICE_OPTIONS_USAGE, parseInvoiceArgs } from '../invoiceOptions';
import { renderWalksCsv, renderWalksTable } from '../renderWalks';
import { runInvoices } from '../runInvoices';
import { deliver, toTextTable } from '../writeOutput';

export const reconcileCommand: Command = {
  usage: `usage: rerate reconcile <files...> [options]\n\nThe variance walk per customer and period (AWS blended → unblended → … → invoiced) and the control totals per file.\n\n${INVOICE_OPTIONS_USAGE}`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseInvoiceArgs(args);
    const outName = parsed.values.out;
    // Checked before any billing file is read: a bad --out is bad usage, not a lost run.
    const out = outName === undefined ? undefined : { path: checkOutPath(outName, io.cwd), name: outName };
    const output = await runInvoices(parsed, io);
    let text: string;
    if (parsed.format === 'json') {
      const json = {
        walks: walksToJson(output.result.walks),
        controls: output.controls,
        issues: output.issues.map(issueToJson),
      };
      text = `${JSON.stringify(json, null, 2)}\n`;
    } else if (parsed.format === 'csv') {
      text = renderWalksCsv(output.result.walks);
    } else {
      const controls = output.controls.map((c) => [c.file, c.format ?? '?', String(c.rowsRead), String(c.rowsRated), String(c.rowsSkipped), c.unblendedRead, c.unblendedAccounted]);
      text = `${renderWalksTable(output.result.walks)}\nControl totals\n${toTextTable(
        ['File', 'Format', 'Rows read', 'Rated', 'Skipped', 'Unblended read', 'Accounted for'], controls, new Set([2, 3, 4, 5, 6]),
      )}\n`;
    }
    return deliver(io, 'reconcile', out, output.issues, () => text);
  },
};
