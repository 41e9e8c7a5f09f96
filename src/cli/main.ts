import { CliIo, EXIT_ISSUES, EXIT_USAGE, IssuesError, UsageError, printIssues } from './io';

/** A subcommand: argument conversion, one engine call, result conversion. */
export interface Command {
  usage: string;
  run(args: string[], io: CliIo): Promise<number>;
}

const COMMANDS: Record<string, () => Promise<Command>> = {
  inspect: async () => (await import('./commands/inspect')).inspectCommand,
  invoice: async () => (await import('./commands/invoice')).invoiceCommand,
  reconcile: async () => (await import('./commands/reconcile')).reconcileCommand,
  rialloc: async () => (await import('./commands/rialloc')).riallocCommand,
  spalloc: async () => (await import('./commands/spalloc')).spallocCommand,
  demo: async () => (await import('./commands/demo')).demoCommand,
};

const USAGE = `usage: rerate <command> [options]

commands:
  inspect <files...>                 format, periods, accounts, rows, control totals
  invoice <files...> [options]       invoices
  reconcile <files...> [options]     the variance walk and control totals
  rialloc --usage F --reservations F [--no-sharing ACCT,ACCT]
  spalloc --usage F --plans F
  demo [--out DIR]                   the bundled sample month, end to end

Run 'rerate <command> --help' for a command's options.
`;

export function nodeIo(): CliIo {
  return {
    stdout: (text) => process.stdout.write(text),
    stderr: (text) => process.stderr.write(text),
    stderrIsTty: Boolean(process.stderr.isTTY),
    cwd: process.cwd(),
  };
}

export async function main(argv: string[], io: CliIo = nodeIo()): Promise<number> {
  const [name, ...rest] = argv;
  if (!name || name === '--help' || name === '-h' || name === 'help') {
    (name ? io.stdout : io.stderr)(USAGE);
    return name ? 0 : EXIT_USAGE;
  }
  const load = COMMANDS[name];
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
    if (error instanceof UsageError || (error as { code?: string }).code?.startsWith('ERR_PARSE_ARGS')) {
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
