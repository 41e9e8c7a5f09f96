/**
 * DuckDB is a dependency of the CLI only (issue 13): nothing the add-in bundles — webpack's entries,
 * the task pane, the custom functions and the import worker, and everything they import — reaches
 * `src/cli` or imports `@duckdb/node-api` (or the test-only Trino parser).
 */
import * as fs from 'node:fs';
import * as path from 'node:path';

const REPO = path.resolve(__dirname, '..', '..');
const ENTRIES = ['src/taskpane/index.tsx', 'src/functions/functions.ts', 'src/taskpane/importWorker.ts'];
const IMPORT = /(?:import|export)\s[^'"]*?from\s+['"]([^'"]+)['"]|import\(\s*['"]([^'"]+)['"]\s*\)|require\(\s*['"]([^'"]+)['"]\s*\)/g;

function resolveFile(from: string, specifier: string): string | null {
  const base = path.resolve(path.dirname(from), specifier);
  for (const candidate of [base, `${base}.ts`, `${base}.tsx`, path.join(base, 'index.ts'), path.join(base, 'index.tsx')]) {
    if (fs.existsSync(candidate) && fs.statSync(candidate).isFile()) return candidate;
  }
  return null;
}

test('the add-in\'s entries never import src/cli, @duckdb/node-api or dt-sql-parser, directly or through other files', () => {
  const seen = new Set<string>();
  const packages = new Set<string>();
  const queue = ENTRIES.map((entry) => path.join(REPO, entry)).filter((file) => fs.existsSync(file));
  expect(queue.length).toBeGreaterThan(0);
  while (queue.length > 0) {
    const file = queue.pop() as string;
    if (seen.has(file)) continue;
    seen.add(file);
    for (const match of fs.readFileSync(file, 'utf8').matchAll(IMPORT)) {
      const specifier = match[1] ?? match[2] ?? match[3];
      if (specifier.startsWith('.')) {
        const resolved = resolveFile(file, specifier);
        if (resolved !== null) queue.push(resolved);
      } else {
        packages.add(specifier);
      }
    }
  }
  const inCli = [...seen].filter((file) => file.includes(`${path.sep}src${path.sep}cli${path.sep}`));
  expect(inCli).toEqual([]);
  expect([...packages].filter((name) => name.startsWith('@duckdb/') || name.startsWith('dt-sql-parser'))).toEqual([]);
  expect(seen.size).toBeGreaterThan(50);
});
