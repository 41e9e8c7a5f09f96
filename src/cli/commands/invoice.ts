import { invoiceRunToJson, issueToJson } from '../../engine';
import type { CliIo, Command } from '../io';
import { checkOutPath } from '../atomicWrite';
import { INVOICE_OPTIONS_USAGE, parseInvoiceArgs } from '../invoiceOptions';
import { renderInvoicesCsv, renderInvoicesTable } from '../renderInvoices';
import { runInvoices } from '../runInvoices';
import { deliver } from '../writeOutput';
import { writeXlsx } from '../writeXlsx';
import { buildAccountantWorkbook } from '../../workbook/buildAccountantWorkbook';

export const invoiceCommand: Command = {
  usage: `usage: rerate invoice <files...> [options]\n\nInvoices per customer and period from billing files (DBR, CUR, FOCUS; .csv, .csv.gz, .zip, .parquet).\n\n${INVOICE_OPTIONS_USAGE}`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseInvoiceArgs(args, true);
    const outName = parsed.values.out;
    // Checked before any billing file is read: a bad --out is bad usage, not a lost run.
    const out = outName === undefined ? undefined : { path: checkOutPath(outName, io.cwd), name: outName };
    const output = await runInvoices(parsed, io);
    return deliver(io, 'invoice', out, output.issues, async () => {
      if (parsed.format === 'xlsx') {
        return writeXlsx(buildAccountantWorkbook(output.result, output.settings, output.controls, output.issues, output.inputs));
      }
      if (parsed.format === 'json') {
        const json = { ...invoiceRunToJson(output.result, output.controls), issues: output.issues.map(issueToJson) };
        return `${JSON.stringify(json, null, 2)}\n`;
      }
      return parsed.format === 'csv' ? renderInvoicesCsv(output.result) : renderInvoicesTable(output.result);
    });
  },
};
