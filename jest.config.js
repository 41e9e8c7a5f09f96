/** One runner for every automated test: unit tests beside the code, golden, property, manifest,
 *  functions metadata and browser tests under test/. */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/src', '<rootDir>/test'],
  testMatch: ['**/*.test.ts', '**/*.test.tsx'],
  transform: {
    '^.+\\.tsx?$': ['ts-jest', { tsconfig: 'tsconfig.json', isolatedModules: true }],
    // hyparquet and dt-sql-parser (with antlr4-c3) ship ES modules only: compile them to CommonJS for Jest.
    '^.+/node_modules/(hyparquet|hyparquet-writer|dt-sql-parser|antlr4-c3)/.+\\.m?js$': ['ts-jest', { tsconfig: { allowJs: true, module: 'commonjs' }, isolatedModules: true }],
  },
  transformIgnorePatterns: ['/node_modules/(?!(hyparquet|hyparquet-writer|dt-sql-parser|antlr4-c3)/)'],
  moduleNameMapper: {
    // office-addin-mock only needs the OfficeApp enum; the real package pulls an ESM-only dependency.
    '^office-addin-manifest$': '<rootDir>/test/stubs/office-addin-manifest.js',
  },
  testTimeout: 60000,
};
