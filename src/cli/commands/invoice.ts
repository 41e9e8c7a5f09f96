import { writeFileSync } from 'node:fs';
import * as path from 'node:path';
import { invoiceRunToJson, issueToJson } from '../../engine';
import type { Command } from '../main';
import { exitCodeFor, printIssues, type CliIo } from '../io';
import { INVOICE_OPTIONS_USAGE, parseInvoiceArgs } from '../invoiceOptions';
import { renderInvoicesCsv, renderInvoicesTable } from '../renderInvoices';
import { runInvoices } from '../runInvoices';
import { writeOutput } from '../writeOutput';
import { writeXlsx } from '../writeXlsx';
import { buildAccountantWorkbook } from '../../workbook/buildAccountantWorkbook';

export const invoiceCommand: Command = {
  usage: `usage: rerate invoice <files...> [options]\n\nInvoices per customer and period from billing files (DBR, CUR, FOCUS; .csv, .csv.gz, .zip, .parquet).\n\n${INVOICE_OPTIONS_USAGE}`,
  async run(args: string[], io: CliIo): Promise<number> {
    const parsed = parseInvoiceArgs(args, true);
    const output = await runInvoices(parsed, io);
    let text: string;
    if (parsed.format === 'xlsx') {
      const model = buildAccountantWorkbook(output.result, output.settings, output.controls, output.issues, output.tables);
      writeFileSync(path.resolve(io.cwd, parsed.values.out as string), await writeXlsx(model));
      printIssues(io, output.issues);
      return exitCodeFor(output.issues);
    }
    if (parsed.format === 'json') {
      const json = { ...invoiceRunToJson(output.result, output.controls), issues: output.issues.map(issueToJson) };
      text = `${JSON.stringify(json, null, 2)}\n`;
    } else if (parsed.format === 'csv') {
      text = renderInvoicesCsv(output.result);
    } else {
      text = renderInvoicesTable(output.result);
    }
    writeOutput(io, text, parsed.values.out);
    printIssues(io, output.issues);
    return exitCodeFor(output.issues);
  },
};
