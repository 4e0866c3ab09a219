const { unitFileIgnorePatterns, unitFilesAlone } = require('./test/support/unit-files');

/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Two workers on the 2-core CI machine: the packaging test (npm pack + installs, mostly I/O) and
  // the validator-heavy checks suites then overlap with the rest (measured: 71 s vs 92 s with one).
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  // The unit files of test/aws/ and test/gcp/ run inside test/aws-units.test.ts and
  // test/gcp-units.test.ts, one module registry per cloud (test/support/unit-files.js says what
  // that saves), unless one of them, or a folder of them, is named on the command line, or jest
  // picks files by their imports (--watch, --onlyChanged, --findRelatedTests).
  testPathIgnorePatterns: ['/node_modules/', ...unitFileIgnorePatterns(unitFilesAlone(process.argv.slice(2)))],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleNameMapper: {
    '^mlops-constructs$': '<rootDir>/lib/core/index.ts',
    '^mlops-constructs/aws$': '<rootDir>/lib/aws/index.ts',
    '^mlops-constructs/gcp$': '<rootDir>/lib/gcp/index.ts',
    '^mlops-constructs/aws/testing$': '<rootDir>/lib/aws/testing/index.ts',
    '^mlops-constructs/gcp/testing$': '<rootDir>/lib/gcp/testing/index.ts',
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // jest's runtime with V8's code cache per worker: each test file compiles aws-cdk-lib, cdktf and
  // the library again in its own context, and the cache serves the second and later compiles
  // (test/support/v8-code-cache.js; docs/benchmark.md has what it saves).
  runtime: '<rootDir>/test/support/jest-runtime.js',
  // The longest files first, which jest cannot know in a fresh clone (test/support/sequencer.js).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // The Lambda handler bundles, when missing or older than their sources (tools/bundle-handlers.js).
  globalSetup: '<rootDir>/test/global-setup.js',
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
