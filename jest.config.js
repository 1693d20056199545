/**
 * One Jest configuration for the whole repository: `npm test` runs every test file once, against
 * the FerretDB and Redis that the global setup starts for the run.
 * @type {import('jest').Config}
 */
module.exports = {
  rootDir: __dirname,
  testEnvironment: 'node',
  roots: ['<rootDir>/packages', '<rootDir>/services', '<rootDir>/gateway', '<rootDir>/test'],
  testMatch: ['**/__tests__/**/*.test.ts', '<rootDir>/test/**/*.test.ts'],
  testPathIgnorePatterns: ['/node_modules/', '/dist/'],
  transform: { '^.+\\.(t|j)sx?$': ['@swc/jest', { jsc: { target: 'es2023' } }] },
  // ESM-only dependencies (jose, faker) are transformed to CommonJS for Jest.
  transformIgnorePatterns: ['/node_modules/(?!(jose|@faker-js)/)'],
  globalSetup: '<rootDir>/packages/dev-stack/dist/jest/global-setup.js',
  globalTeardown: '<rootDir>/packages/dev-stack/dist/jest/global-teardown.js',
  testTimeout: 60_000,
  maxWorkers: process.env.CI ? 2 : '50%',
  // Each test file loads the whole stack (Apollo, DuckDB, OpenTelemetry, exceljs…) into a fresh
  // module registry, and what a file leaves behind adds up: run in band, the suite outgrew Node's
  // 4 GB heap. A worker past this after a file is replaced (this also makes Jest use a worker
  // when it would otherwise run in band).
  workerIdleMemoryLimit: '1536MB',
};
