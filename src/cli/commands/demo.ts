import { mkdirSync, statSync } from 'node:fs';
import * as path from 'node:path';
import { parseArgs } from 'node:util';
import { invoiceRunToJson, issueToJson, walksToJson } from '../../engine';
import { issueFromError, RerateError } from '../../engine/issues';
import { EXIT_ISSUES, exitCodeFor, IssuesError, printIssues, UsageError, type CliIo, type Command } from '../io';
import { writeFilesAtomically } from '../atomicWrite';
import { parseInvoiceArgs } from '../invoiceOptions';
import { packageRoot } from '../packageRoot';
import { renderInvoicesTable } from '../renderInvoices';
import { renderWalksTable } from '../renderWalks';
import { runInvoices } from '../runInvoices';
import { writeXlsx } from '../writeXlsx';
import { buildAccountantWorkbook } from '../../workbook/buildAccountantWorkbook';

/**
 * The bundled sample month end to end (samples/demo): three customers, two invoice currencies,
 * a shared RI and a Savings Plan, support plans, tax, and October's credits carried into November.
 */
export const demoCommand: Command = {
  usage: 'usage: rerate demo [--out DIR]\n\nInvoices the bundled sample month (samples/demo), prints the invoices and the variance walks,\nand writes invoices.json, reconcile.json and the accountant workbook (workbook.xlsx) to DIR (default: ./rerate-demo).',
  async run(args: string[], io: CliIo): Promise<number> {
    const { values } = parseArgs({ args, options: { out: { type: 'string' } }, strict: true });
    const outDir = demoOutDir(values.out ?? 'rerate-demo', io.cwd);
    const demo = path.join(packageRoot(), 'samples', 'demo');
    const file = (name: string) => path.join(demo, name);
    const parsed = parseInvoiceArgs([
      file('cur-2023-10-11.csv'), '--pricebook', file('pricebook.csv'), '--customers', file('customers.csv'),
      '--fx', file('fx.csv'), '--format', 'json',
    ]);
    const output = await runInvoices(parsed, { ...io, cwd: demo });
    const issues = output.issues.map(issueToJson);
    const invoicesPath = path.join(outDir, 'invoices.json');
    const reconcilePath = path.join(outDir, 'reconcile.json');
    const workbookPath = path.join(outDir, 'workbook.xlsx');
    if (exitCodeFor(output.issues) !== EXIT_ISSUES) {
      // All three files or none (atomicWrite.ts).
      try {
        writeFilesAtomically([
          { path: invoicesPath, name: path.relative(io.cwd, invoicesPath), data: `${JSON.stringify({ ...invoiceRunToJson(output.result, output.controls), issues }, null, 2)}\n` },
          { path: reconcilePath, name: path.relative(io.cwd, reconcilePath), data: `${JSON.stringify({ walks: walksToJson(output.result.walks), controls: output.controls, issues }, null, 2)}\n` },
          { path: workbookPath, name: path.relative(io.cwd, workbookPath), data: await writeXlsx(buildAccountantWorkbook(output.result, output.settings, output.controls, output.issues, output.inputs)) },
        ]);
      } catch (error) {
        if (!(error instanceof RerateError)) throw error;
        throw new IssuesError([...output.issues, issueFromError(error)]);
      }
    }

    io.stdout('Rerate demo — samples/demo: October and November 2023, three customers, USD → GBP and EUR\n\n');
    io.stdout(`INVOICES\n\n${renderInvoicesTable(output.result)}\n`);
    io.stdout(`VARIANCE WALKS (source currency up to preFx, then the invoice currency)\n\n${renderWalksTable(output.result.walks)}\n`);
    if (exitCodeFor(output.issues) !== EXIT_ISSUES) {
      io.stdout(`Wrote ${path.relative(io.cwd, invoicesPath)}, ${path.relative(io.cwd, reconcilePath)} and the accountant's workbook ${path.relative(io.cwd, workbookPath)}.\n`);
    } else {
      io.stderr(`rerate demo: nothing written to ${path.relative(io.cwd, outDir) || '.'}: the run has errors.\n`);
    }
    printIssues(io, output.issues);
    return exitCodeFor(output.issues);
  },
};

/** `--out DIR`: made when missing (with its parents); a file in the way is bad usage naming it. */
function demoOutDir(out: string, cwd: string): string {
  const dir = path.resolve(cwd, out);
  try {
    mkdirSync(dir, { recursive: true });
  } catch (error) {
    throw new UsageError(`--out ${out}: cannot make the folder ${dir} (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`);
  }
  if (!statSync(dir).isDirectory()) throw new UsageError(`--out ${out} is not a folder`);
  return dir;
}
