import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import webpack from 'webpack';

/**
 * Builds the production add-in bundle with the webpack Node API into a fresh temp folder, so the
 * browser test needs nothing built beforehand. Rejects with webpack's errors.
 */
export function buildAddin(): Promise<string> {
  const outputPath = mkdtempSync(join(tmpdir(), 'rerate-addin-'));
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const makeConfig = require(resolve(__dirname, '../../webpack.config.js')) as (env: object, argv: object) => webpack.Configuration;
  const config = makeConfig({ outputPath }, { mode: 'production' });
  return new Promise((done, fail) => {
    webpack(config, (error, stats) => {
      if (error) {
        fail(error);
        return;
      }
      if (!stats || stats.hasErrors()) {
        fail(new Error(stats?.toString({ all: false, errors: true }) ?? 'webpack gave no stats'));
        return;
      }
      done(outputPath);
    });
  });
}
