// Lint: TypeScript rules plus the dependency direction of STYLE.md — faces → excel/formats → engine.
import tseslint from 'typescript-eslint';

const forbid = (groups, why) => ['error', { patterns: groups.map((group) => ({ group, message: why })) }];

export default tseslint.config(
  { ignores: ['dist/**', 'node_modules/**', 'coverage/**', 'bench/data/**', '**/*.js', '**/*.mjs'] },
  ...tseslint.configs.recommended,
  {
    rules: {
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['src/engine/**/*.ts'],
    ignores: ['src/engine/**/*.test.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['**/formats/**', '**/excel/**', '**/functions/**', '**/taskpane/**', '**/cli/**', 'react', 'react-dom', '@fluentui/*', 'node:*', 'fs', 'path', 'zlib', 'stream', 'os']],
        'src/engine is pure: it imports decimal.js (through engine/money) and nothing of ours outside engine, no Office, DOM or Node.',
      ),
    },
  },
  {
    files: ['src/formats/**/*.ts'],
    ignores: ['src/formats/**/*.test.ts'],
    rules: {
      'no-restricted-imports': forbid(
        [['**/excel/**', '**/functions/**', '**/taskpane/**', '**/cli/**', 'react', '@fluentui/*']],
        'src/formats may import engine only.',
      ),
    },
  },
  {
    files: ['src/excel/**/*.ts'],
    ignores: ['src/excel/**/*.test.ts'],
    rules: {
      'no-restricted-imports': forbid([['**/functions/**', '**/taskpane/**', '**/cli/**', 'react', '@fluentui/*']], 'src/excel may import engine and formats only.'),
    },
  },
  {
    files: ['src/**/*.ts', 'src/**/*.tsx'],
    ignores: ['src/engine/money/decimal.ts'],
    rules: {
      'no-restricted-syntax': ['error', { selector: "ImportDeclaration[source.value='decimal.js']", message: 'Only src/engine/money/decimal.ts imports decimal.js.' }],
    },
  },
);
