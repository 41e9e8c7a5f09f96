import type { CliIo } from './io';

/**
 * A progress bar on stderr, drawn only when stderr is a terminal and at most ten times a second,
 * so piping the output or running in CI prints nothing extra.
 */
export function createProgressBar(
  io: CliIo,
  label: string,
  /** `bytes`: done and total are bytes, and the MB read are shown; `share`: only the percentage, or the seconds running while it is 0. */
  unit: 'bytes' | 'share' = 'bytes',
): { update(done: number, total: number | null): void; finish(): void } {
  let last = 0;
  let drawn = false;
  const started = Date.now();
  return {
    update(done, total) {
      if (!io.stderrIsTty) return;
      const now = Date.now();
      if (now - last < 100) return;
      last = now;
      drawn = true;
      const mb = (done / 1e6).toFixed(1);
      if (unit === 'share' && done <= 0) {
        // No estimate yet: show that it runs, and for how long.
        io.stderr(`\r${label} running… ${Math.round((now - started) / 1000)} s\x1b[K`);
      } else if (total && total > 0) {
        const fraction = Math.min(1, done / total);
        const width = 30;
        const filled = Math.round(fraction * width);
        io.stderr(`\r${label} [${'#'.repeat(filled)}${'-'.repeat(width - filled)}] ${(fraction * 100).toFixed(0)}%${unit === 'bytes' ? ` ${mb} MB` : ''}`);
      } else {
        io.stderr(`\r${label} ${mb} MB`);
      }
    },
    finish() {
      if (drawn) io.stderr('\r\x1b[K');
    },
  };
}
