import { availableParallelism } from 'node:os';
import * as path from 'node:path';
import {
  DEFAULT_SETTINGS, SETTING_NAMES, configFromTables, controlTotals, createInvoiceRun, loadSettings, parseSettingValue,
  type ConfigTables, type ControlRow, type InvoiceRunResult, type Settings,
} from '../engine';
import { issueFromError, RerateError, type Issue, type WithIssues } from '../engine/issues';
import type { TableRows } from '../engine/table';
import { workbookInputs, type WorkbookInputs } from '../workbook/buildAccountantWorkbook';
import { readTableRows } from '../formats/readTableRows';
import type { FileControl } from '../formats/fileControl';
import { fileSource } from './fileSource';
import { distinctFiles } from './inputFiles';
import { readBillingInNode } from './nodeReadOptions';
import { IssuesError, UsageError, type CliIo, type SplitSettings } from './io';
import { SPLIT_MIN_BYTES, readSplit, workerRunner } from './splitRead';
import { planSplit } from '../formats/splitPlan';
import type { InvoiceArgs } from './invoiceOptions';
import { createProgressBar } from './progress';
import { readWorkbookTables, type WorkbookTableName, type WorkbookTables } from './readWorkbookTables';
import { openDuckdb, type DuckdbSession } from './duckdb/duckdbSession';
import { readWithDuckdb } from './duckdb/readWithDuckdb';

export interface InvoiceRunOutput {
  result: InvoiceRunResult;
  /** What each reader read (rows, kinds, DBR checks). */
  reads: FileControl[];
  /** Per file: read against accounted for by the run (PRODUCT.md `controls`). */
  controls: ControlRow[];
  /** Every issue: tables, readers, the run and the control totals, in that order. */
  issues: Issue[];
  settings: Settings;
  /** The tables the run used, as read (CSV or workbook), and loaded once: what the workbook copies. */
  inputs: WorkbookInputs;
}

/** Each table's CSV flag; a flag given explicitly wins over the `--workbook` table. */
const TABLE_FLAGS: Record<WorkbookTableName, 'pricebook' | 'customers' | 'fx' | 'support-plans' | 'settings'> = {
  priceBook: 'pricebook', customers: 'customers', fxRates: 'fx', supportPlans: 'support-plans', settings: 'settings',
};

/**
 * How the CLI splits big files: worker threads when the compiled CLI runs on two cores or more.
 * `RERATE_THREADS=1` reads every file in one piece, `RERATE_THREADS=2` splits even on one core;
 * `RERATE_SPLIT_MIN_BYTES` lowers the size from
 * which a file is split (tests of the real worker use small files).
 */
function defaultSplit(): SplitSettings {
  const threads = process.env.RERATE_THREADS;
  const cores = threads === '1' || threads === '2' ? Number(threads) : availableParallelism();
  const minBytes = Number(process.env.RERATE_SPLIT_MIN_BYTES ?? SPLIT_MIN_BYTES);
  return { runner: workerRunner(), minBytes: Number.isSafeInteger(minBytes) && minBytes > 0 ? minBytes : SPLIT_MIN_BYTES, cores };
}

/** Loads the tables the options name, then streams every file through one invoice run. */
export async function runInvoices(args: InvoiceArgs, io: CliIo): Promise<InvoiceRunOutput> {
  const issues: Issue[] = [];
  const resolve = (file: string) => path.resolve(io.cwd, file);
  const { values } = args;

  // A table named but unreadable stops the run: invoicing without it would be wrong, not partial.
  const stop = () => issues.some((i) => i.severity === 'error' && (i.code === 'UNREADABLE_FILE' || i.code === 'BAD_TABLE' || i.code === 'SIZE_LIMIT'));
  let fromWorkbook: WorkbookTables = {};
  if (values.workbook !== undefined) {
    const want = (Object.keys(TABLE_FLAGS) as WorkbookTableName[]).filter((key) => values[TABLE_FLAGS[key]] === undefined);
    const read = await readWorkbookTables(resolve(values.workbook), { name: values.workbook, want });
    issues.push(...read.issues);
    if (stop()) throw new IssuesError(issues);
    fromWorkbook = read.result;
  }
  const rows = async (key: WorkbookTableName): Promise<TableRows | null> => {
    const file = values[TABLE_FLAGS[key]];
    if (file === undefined) return fromWorkbook[key] ?? null;
    try {
      const read = await readTableRows(fileSource(resolve(file)));
      issues.push(...read.issues);
      return read.result;
    } catch (error) {
      if (!(error instanceof RerateError)) throw error;
      issues.push(issueFromError(error));
      throw new IssuesError(issues);
    }
  };
  const load = <T>(table: TableRows | null, loader: (rows: TableRows) => WithIssues<T>): T | null => {
    if (table === null) return null;
    const loaded = loader(table);
    issues.push(...loaded.issues);
    return loaded.result;
  };

  let settings: Settings = { ...DEFAULT_SETTINGS, ...load(await rows('settings'), loadSettings) };
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

  // The tables as read, in the one plain shape a worker thread is posted too (splitRead.ts).
  const tables: ConfigTables = {
    priceBook: await rows('priceBook'),
    customers: await rows('customers'),
    fxRates: await rows('fxRates'),
    supportPlans: await rows('supportPlans'),
  };
  const config = configFromTables(tables, settings, issues);

  const run = createInvoiceRun(config);
  const reads: FileControl[] = [];
  const split = io.split ?? defaultSplit();
  const inputs = await distinctFiles(args.files, io.cwd);
  issues.push(...inputs.issues);
  // The JavaScript readers by default, for every input (src/cli/README.md, "Default engine").
  let duckdb: DuckdbSession | null = null;
  try {
    for (const { arg: file, path: fullPath } of inputs.files) {
      if (values.engine === 'duckdb') {
        duckdb ??= await openDuckdb();
        // DuckDB's own estimate of the query's progress (it reads the file itself).
        const bar = createProgressBar(io, `${path.basename(file)} (DuckDB)`, 'share');
        let read;
        try {
          read = await readWithDuckdb(duckdb, fullPath, file, run, (fraction) => bar.update(fraction, 1));
        } finally {
          bar.finish();
        }
        if (!('fallback' in read)) {
          issues.push(...read.issues);
          reads.push(...read.controls);
          continue;
        }
        issues.push({
          code: 'ENGINE_FALLBACK', severity: 'info', source: { file, line: 1 },
          message: `${file} is read by the JavaScript readers, not DuckDB: ${read.fallback}.`,
        });
      }
      const progress = createProgressBar(io, path.basename(file));
      let source;
      try {
        source = { ...fileSource(fullPath), name: file };
      } catch (error) {
        if (!(error instanceof RerateError)) throw error;
        throw new IssuesError([...issues, issueFromError(error)]);
      }
      // A big plain CSV is read in two halves at once (splitRead.ts); the result is the same.
      const plan = split.runner === null ? null : await planSplit(source, { minBytes: split.minBytes, cores: split.cores });
      const halves = plan === null || split.runner === null ? null : await readSplit(
        { path: fullPath, name: file, plan, config: { tables, settings } },
        split.runner,
        (bytes) => progress.update(bytes, plan.size),
      );
      if (halves !== null) {
        run.absorb(halves.parts[0]);
        run.absorb(halves.parts[1]);
        progress.finish();
        issues.push(...halves.issues);
        reads.push(halves.control);
        continue;
      }
      const read = await readBillingInNode(source, (line) => run.add(line), {
        pricingFieldsOnly: true,
        // A groups table (rerate groups, an SQL engine's) gives groups instead of lines.
        onGroup: (group) => run.addGroup(group),
        onProgress: (p) => progress.update(p.bytesRead, p.bytesTotal),
      });
      progress.finish();
      issues.push(...read.issues);
      // One control row per table (a zip's CSVs apart): the run counts lines under `a.zip!a.csv`.
      reads.push(...(read.controls.length > 0 ? read.controls : [read.control]));
    }
  } finally {
    duckdb?.close();
  }
  const result = run.finish();
  const controls = controlTotals(reads, result);
  issues.push(...result.issues, ...controls.issues);
  return { result, reads, controls: controls.result, issues, settings, inputs: workbookInputs(tables, config) };
}

