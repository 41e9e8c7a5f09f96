import type { CliIo } from '../../src/cli/io';

/** A CliIo that records what a command writes, for tests that run `main([...], io)` in-process. */
export function captureIo(cwd: string = process.cwd()): CliIo & { out: string; err: string } {
  const io = {
    out: '',
    err: '',
    stdout: (text: string) => { io.out += text; },
    stderr: (text: string) => { io.err += text; },
    stderrIsTty: false,
    cwd,
  };
  return io;
}
