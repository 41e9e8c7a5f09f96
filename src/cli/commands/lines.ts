import { parseArgs } from 'node:util';
import { BILLING_LINES_HEADER, billingLineToRow } from '../../engine/lines/billingLinesTable';
import { issueFromError, RerateError } from '../../engine/issues';
import type { BillingLine } from '../../engine/line';
import { checkOutPath, openAtomicFile, type AtomicFile } from '../atomicWrite';
import { openBillingFiles } from '../inputFiles';
import { EXIT_ISSUES, exitCodeFor, printIssues, UsageError, type CliIo, type Command } from '../io';
import { readWithProgress } from '../readWithProgress';
import { csvRow } from '../csvRow';

const USAGE = `usage: rerate lines <files...> [--format csv|json] [--out F]

Reads each billing file (DBR, monthly report, CUR 1.0/2.0, FOCUS; CSV, .gz, .zip, Parquet) and writes
the canonical BillingLines table: one row per line, the columns of src/engine/lines/README.md, every
cell exact text (what the task pane writes to Lines; loadBillingLines and the lines argument of
DBR.RERATE and DBR.INVOICE read it back). Issues go to stderr; exit 1 when there are errors, and
then --out is not written.

options:
  --format csv|json   csv (default): RFC 4180, cells exactly as the table holds them;
                      json: { "columns": [...], "rows": [[...], ...] }, every cell a string
  --out F             write to F (all or nothing) instead of stdout`;

/** Text is handed on in parts of about this many characters: never one string of every line. */
const PART_CHARS = 1 << 20;

export const linesCommand: Command = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: { format: { type: 'string', default: 'csv' }, out: { type: 'string' } },
      allowPositionals: true,
      strict: true,
    });
    const format = values.format;
    if (format !== 'csv' && format !== 'json') throw new UsageError(`--format must be csv or json, not "${format}"`);
    if (positionals.length === 0) throw new UsageError('give at least one billing file');
    // Checked before any billing file is read: a bad --out is bad usage, not a lost run.
    const out = values.out === undefined ? undefined : { path: checkOutPath(values.out, io.cwd), name: values.out };

    const { sources, issues } = await openBillingFiles(positionals, io.cwd);

    const file: AtomicFile | null = out === undefined ? null : openAtomicFile(out);
    try {
      const writer = format === 'csv' ? csvWriter(file === null ? io.stdout : (text) => file.write(text)) : jsonWriter(file === null ? io.stdout : (text) => file.write(text));
      for (const source of sources) {
        await readWithProgress(io, source.name, () => source, writer.line, issues);
      }
      writer.end();
      if (file !== null) {
        if (exitCodeFor(issues) === EXIT_ISSUES) {
          file.abort();
          printIssues(io, issues);
          io.stderr(`rerate lines: ${out?.name} not written: the run has errors.\n`);
          return EXIT_ISSUES;
        }
        file.commit();
      }
    } catch (error) {
      file?.abort();
      if (!(error instanceof RerateError) || error.code !== 'UNWRITABLE_FILE') throw error;
      issues.push(issueFromError(error));
    }
    printIssues(io, issues);
    return exitCodeFor(issues);
  },
};

interface LinesWriter {
  line: (line: BillingLine) => void;
  end: () => void;
}

/** Collects text and hands it to `write` about a megabyte at a time. */
function parts(write: (text: string) => void): { add: (text: string) => void; flush: () => void } {
  let part = '';
  return {
    add(text) {
      part += text;
      if (part.length >= PART_CHARS) {
        write(part);
        part = '';
      }
    },
    flush() {
      if (part !== '') write(part);
      part = '';
    },
  };
}

/**
 * RFC 4180 with CRLF line ends; a cell is quoted when it holds `"`, `,`, CR or LF or begins or ends
 * with white space, and is otherwise written as is. Unlike `toCsv` no `'` is put before a cell that
 * looks like a formula: this table is data that must read back exactly (src/cli/README.md).
 */
function csvWriter(write: (text: string) => void): LinesWriter {
  const out = parts(write);
  out.add(csvRow(BILLING_LINES_HEADER));
  return {
    line: (line) => out.add(csvRow(billingLineToRow(line))),
    end: () => out.flush(),
  };
}

/** `{ "columns": [...], "rows": [[...], ...] }` and a line end, one row per line of text. */
function jsonWriter(write: (text: string) => void): LinesWriter {
  const out = parts(write);
  out.add(`{\n  "columns": ${JSON.stringify(BILLING_LINES_HEADER)},\n  "rows": [`);
  let first = true;
  return {
    line(line) {
      out.add(`${first ? '\n' : ',\n'}    ${JSON.stringify(billingLineToRow(line))}`);
      first = false;
    },
    end() {
      out.add(first ? ']\n}\n' : '\n  ]\n}\n');
      out.flush();
    },
  };
}
