import { issueFromError, type Issue } from '../engine/issues';
import { CliIo, EXIT_ISSUES, EXIT_USAGE, IssuesError, UsageError, printIssues, type Command } from './io';


const COMMANDS: Record<string, () => Promise<Command>> = {
  inspect: async () => (await import('./commands/inspect')).inspectCommand,
  invoice: async () => (await import('./commands/invoice')).invoiceCommand,
  lines: async () => (await import('./commands/lines')).linesCommand,
  groups: async () => (await import('./commands/groups')).groupsCommand,
  sql: async () => (await import('./commands/sql')).sqlCommand,
  reconcile: async () => (await import('./commands/reconcile')).reconcileCommand,
  rialloc: async () => (await import('./commands/rialloc')).riallocCommand,
  spalloc: async () => (await import('./commands/spalloc')).spallocCommand,
  demo: async () => (await import('./commands/demo')).demoCommand,
};

const USAGE = `usage: rerate <command> [options]

commands:
  inspect <files...>                 format, periods, accounts, rows, control totals
  invoice <files...> [options]       invoices
  lines <files...> [--format csv|json] [--out F]
                                     the canonical BillingLines table, one row per line
  groups <files...> [--out F]        the groups table (rerate-groups): exact sums per pricing group
  sql --dialect duckdb|athena|trino --from TABLE_OR_PATH
                                     the query that writes the groups table where the data is
  reconcile <files...> [options]     the variance walk and control totals
  rialloc --usage F --reservations F [--no-sharing ACCT,ACCT]
  spalloc --usage F --plans F
  demo [--out DIR]                   the bundled sample month, end to end

Run 'rerate <command> --help' for a command's options. Any command takes --debug: an unexpected
failure then prints its stack trace too.
`;

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

/**
 * Runs `rerate <command> …` and returns the exit code; never throws. `--debug` (anywhere before a
 * `--`) is taken out before the command parses its options. An unexpected failure — a bug, not bad
 * input — is one INTERNAL issue on stderr asking for a report, exit 1; with `--debug` its stack follows.
 * `commands` replaces the command table (tests inject a failing command).
 */
export async function main(argv: string[], io: CliIo = nodeIo(), commands: Record<string, () => Promise<Command>> = COMMANDS): Promise<number> {
  const { args, debug } = takeDebugFlag(argv);
  const [name, ...rest] = args;
  try {
    return await dispatch(name, rest, io, commands);
  } catch (error) {
    printIssues(io, [internalIssue(name ?? '', error)]);
    if (debug) io.stderr(`${stackOf(error)}\n`);
    return EXIT_ISSUES;
  }
}

async function dispatch(name: string | undefined, rest: string[], io: CliIo, commands: Record<string, () => Promise<Command>>): Promise<number> {
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(USAGE);
    return name ? 0 : EXIT_USAGE;
  }
  const load = Object.hasOwn(commands, name) ? commands[name] : undefined;
  if (!load) {
    io.stderr(`rerate: unknown command "${name}"\n\n${USAGE}`);
    return EXIT_USAGE;
  }
  const command = await load();
  if (rest.includes('--help') || rest.includes('-h')) {
    io.stdout(`${command.usage}\n`);
    return 0;
  }
  try {
    return await command.run(rest, io);
  } catch (error) {
    if (error instanceof UsageError || (error as { code?: string } | null)?.code?.startsWith?.('ERR_PARSE_ARGS')) {
      io.stderr(`rerate ${name}: ${(error as Error).message}\n\n${command.usage}\n`);
      return EXIT_USAGE;
    }
    if (error instanceof IssuesError) {
      printIssues(io, error.issues);
      return EXIT_ISSUES;
    }
    throw error;
  }
}

/** `--debug` is global: every command accepts it, none sees it. Arguments after `--` are left alone. */
function takeDebugFlag(argv: readonly string[]): { args: string[]; debug: boolean } {
  const end = argv.indexOf('--');
  const head = end < 0 ? argv : argv.slice(0, end);
  const args = head.filter((arg) => arg !== '--debug');
  return { args: end < 0 ? args : [...args, ...argv.slice(end)], debug: args.length !== head.length };
}

/**
 * The one issue an unexpected failure gives (`issueFromError`: INTERNAL, the error's first line,
 * "please report this"), plus where the details are. A RerateError keeps its own code.
 */
export function internalIssue(command: string, error: unknown): Issue {
  const issue = issueFromError(error, { during: command === '' ? 'rerate' : `rerate ${command}` });
  return issue.code === 'INTERNAL' ? { ...issue, message: `${issue.message} Run again with --debug for details.` } : issue;
}

function stackOf(error: unknown): string {
  try {
    return error instanceof Error && error.stack ? error.stack : String(error);
  } catch {
    return 'no stack: an unprintable value was thrown';
  }
}
