import { parseArgs } from 'node:util';
import { CHARGE_KINDS } from '../../engine/kinds';
import { escapeUntrusted as shown, issueToJson, type Issue } from '../../engine/issues';
import { formatGrouped, parseDecimal } from '../../engine/money';
import { controlToJson, type ControlJson } from '../../formats/controlJson';
import type { FileControl } from '../../formats/fileControl';
import { fileSource } from '../fileSource';
import { distinctFiles } from '../inputFiles';
import { exitCodeFor, printIssues, UsageError, type CliIo, type Command } from '../io';
import { readWithProgress } from '../readWithProgress';

const USAGE = `usage: rerate inspect <files...> [--format json|table]

Reads each billing file (DBR, monthly report, CUR 1.0/2.0, FOCUS; CSV, .gz, .zip, Parquet) and prints
its format, periods, payer and accounts, rows read/rated/skipped, unblended cost by kind and the
control totals. Issues go to stderr as file:line: CODE message. Exit 1 when there are errors.

options:
  --format json|table   output format (default table)`;

export const inspectCommand: Command = {
  usage: USAGE,
  async run(args: string[], io: CliIo): Promise<number> {
    const { values, positionals } = parseArgs({
      args,
      options: { format: { type: 'string', default: 'table' } },
      allowPositionals: true,
      strict: true,
    });
    const format = values.format;
    if (format !== 'json' && format !== 'table') throw new UsageError(`--format must be json or table, not "${format}"`);
    if (positionals.length === 0) throw new UsageError('give at least one billing file');

    const controls: FileControl[] = [];
    const inputs = await distinctFiles(positionals, io.cwd);
    const issues: Issue[] = [...inputs.issues];
    for (const { arg, path } of inputs.files) {
      const read = await readWithProgress(io, arg, () => ({ ...fileSource(path), name: arg }), null, issues);
      if (read !== null) controls.push(...read.controls);
    }

    if (format === 'json') {
      writePrettyJson(io.stdout, [
        ['files', controls, (control) => controlToJson(control as FileControl)],
        ['issues', issues, (issue) => issueToJson(issue as Issue)],
      ]);
    } else {
      io.stdout(controls.map((control) => renderTable(controlToJson(control, (text) => text))).join('\n'));
    }
    printIssues(io, issues);
    return exitCodeFor(issues);
  },
};

/**
 * Writes `JSON.stringify({ [key]: items.map(toJson), … }, null, 2)` and a line end, the same
 * text, in parts of about 1 MB: a zip of 80,000 tables never becomes one 90 MB string (nor 80,000
 * JSON objects at once). Each item is stringified alone and indented to its depth (JSON text has
 * no raw line ends inside strings, so indenting every line end is exact).
 */
export function writePrettyJson(write: (text: string) => void, fields: [string, readonly unknown[], (item: unknown) => unknown][]): void {
  let part = '{';
  const flush = (): void => {
    write(part);
    part = '';
  };
  fields.forEach(([key, items, toJson], f) => {
    part += `${f === 0 ? '' : ','}\n  ${JSON.stringify(key)}: [`;
    items.forEach((item, i) => {
      part += `${i === 0 ? '' : ','}\n    ${JSON.stringify(toJson(item), null, 2).replace(/\n/g, '\n    ')}`;
      if (part.length >= 1 << 20) flush();
    });
    part += items.length === 0 ? ']' : '\n  ]';
  });
  part += fields.length === 0 ? '}\n' : '\n}\n';
  flush();
}

/** A person's view of one file's controls; figures grouped by thousands, exact as read; text from files escaped. */
function renderTable(file: ControlJson): string {
  const money = (text: string) => formatGrouped(parseDecimal(text), decimalsOf(text));
  const count = (n: number) => n.toLocaleString('en-US');
  const rows: [string, string][] = [
    ['format', file.format ?? 'unknown'],
    ['periods', shown(file.periods.join(', ')) || '-'],
    ['payers', shown(file.payerAccounts.join(', ')) || '-'],
    ['accounts', `${count(file.accounts.length)}${file.accounts.length > 0 && file.accounts.length <= 10 ? ` (${shown(file.accounts.join(', '))})` : ''}`],
    ['rows', `${count(file.rowsRead)} read, ${count(file.rowsRated)} rated, ${count(file.rowsSkipped)} skipped`],
  ];
  const reasons = Object.entries(file.skippedByReason);
  if (reasons.length > 0) rows.push(['skipped', reasons.map(([reason, n]) => `${shown(reason)} ${count(n)}`).join(', ')]);
  const same = file.unblendedRead === file.unblendedAccounted || parseDecimal(file.unblendedRead).eq(parseDecimal(file.unblendedAccounted));
  rows.push(['unblended', `read ${money(file.unblendedRead)}, accounted ${money(file.unblendedAccounted)}${same ? '' : '  MISMATCH'}`]);
  let first = true;
  for (const kind of CHARGE_KINDS) {
    const amount = file.unblendedByKind[kind];
    if (kind === 'total' || parseDecimal(amount).isZero()) continue;
    rows.push([first ? 'by kind' : '', `${kind.padEnd(12)} ${money(amount)}`]);
    first = false;
  }
  const providers = Object.entries(file.byProvider);
  if (providers.length > 1 || (providers.length === 1 && providers[0][0] !== 'AWS')) {
    providers.forEach(([name, total], index) => {
      rows.push([index === 0 ? 'providers' : '', `${shown(name).padEnd(12)} ${money(total.unblended)} (${count(total.lines)} lines)`]);
    });
  }
  file.checks.forEach((check, index) => {
    const what = check.scope === 'statement' ? 'statement' : `${check.scope} ${shown(check.key)}`;
    const verdict = check.ok ? 'ok' : `MISMATCH by ${check.difference}`;
    rows.push([index === 0 ? 'checks' : '', `line ${check.line} ${what} ${check.basis}: stated ${money(check.stated)}, rows ${money(check.summed)} ${verdict}`]);
  });
  return `${shown(file.file)}\n${rows.map(([label, value]) => `  ${label.padEnd(10)}${value}`).join('\n')}\n`;
}

function decimalsOf(text: string): number {
  const point = text.indexOf('.');
  return point < 0 ? 0 : text.length - point - 1;
}
