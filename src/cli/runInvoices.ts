import * as path from 'node:path';
import {
  BUILT_IN_SUPPORT_PLANS, DEFAULT_SETTINGS, SETTING_NAMES, controlTotals, createInvoiceRun, loadCustomers,
  loadFxRates, loadPriceBook, loadSettings, loadSupportPlans, parseSettingValue,
  type ControlRow, type InvoiceRunConfig, type InvoiceRunResult, type Settings,
} from '../engine';
import { RerateError, type Issue, type WithIssues } from '../engine/issues';
import type { TableRows } from '../engine/table';
import { readBilling } from '../formats/readBilling';
import type { FileControl } from '../formats/fileControl';
import { fileSource } from './fileSource';
import { nodeGunzip } from './nodeGunzip';
import { IssuesError, UsageError, type CliIo } from './io';
import type { InvoiceArgs } from './invoiceOptions';
import { loadTableFile } from './loadTable';
import { createProgressBar } from './progress';

export interface InvoiceRunOutput {
  result: InvoiceRunResult;
  /** What each reader read (rows, kinds, DBR checks). */
  reads: FileControl[];
  /** Per file: read against accounted for by the run (PRODUCT.md `controls`). */
  controls: ControlRow[];
  /** Every issue: tables, readers, the run and the control totals, in that order. */
  issues: Issue[];
  settings: Settings;
}

/** Loads the tables the options name, then streams every file through one invoice run. */
export async function runInvoices(args: InvoiceArgs, io: CliIo): Promise<InvoiceRunOutput> {
  const issues: Issue[] = [];
  const resolve = (file: string) => path.resolve(io.cwd, file);
  const { values } = args;

  let settings: Settings = { ...DEFAULT_SETTINGS };
  if (values.settings) {
    const fromTable = await loadTableFile(resolve(values.settings), loadSettings, issues);
    if (fromTable === null) throw new IssuesError(issues);
    settings = { ...settings, ...fromTable };
  }
  for (const name of SETTING_NAMES) {
    const flag = values[name];
    if (flag === undefined) continue;
    try {
      settings = { ...settings, [name]: parseSettingValue(name, flag) };
    } catch (error) {
      if (error instanceof RerateError) throw new UsageError(`--${name}: ${error.message}`);
      throw error;
    }
  }

  // A table named but unreadable stops the run: invoicing without it would be wrong, not partial.
  const table = async <T>(file: string | undefined, load: (rows: TableRows) => WithIssues<T>): Promise<T | null> => {
    if (file === undefined) return null;
    const loaded = await loadTableFile(resolve(file), load, issues);
    if (loaded === null) throw new IssuesError(issues);
    return loaded;
  };
  const config: InvoiceRunConfig = {
    priceBook: await table(values.pricebook, loadPriceBook),
    customers: await table(values.customers, loadCustomers),
    fxRates: await table(values.fx, loadFxRates),
    supportPlans: (await table(values['support-plans'], loadSupportPlans)) ?? BUILT_IN_SUPPORT_PLANS,
    settings,
  };

  const run = createInvoiceRun(config);
  const reads: FileControl[] = [];
  for (const file of args.files) {
    const progress = createProgressBar(io, path.basename(file));
    let source;
    try {
      source = { ...fileSource(resolve(file)), name: file };
    } catch (error) {
      if (!(error instanceof RerateError)) throw error;
      throw new IssuesError([...issues, { code: error.code, severity: 'error', message: error.message }]);
    }
    const read = await readBilling(source, (line) => run.add(line), {
      inflateGzip: nodeGunzip,
      onProgress: (p) => progress.update(p.bytesRead, p.bytesTotal),
    });
    progress.finish();
    issues.push(...read.issues);
    reads.push(read.control);
  }
  const result = run.finish();
  const controls = controlTotals(reads, result);
  issues.push(...result.issues, ...controls.issues);
  return { result, reads, controls: controls.result, issues, settings };
}
