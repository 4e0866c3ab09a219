/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  // Two workers on the 2-core CI machine: the packaging test (npm pack + installs, mostly I/O) and
  // the validator-heavy checks suites then overlap with the rest (measured: 71 s vs 92 s with one).
  maxWorkers: 2,
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleNameMapper: {
    '^mlops-constructs$': '<rootDir>/lib/core/index.ts',
    '^mlops-constructs/aws$': '<rootDir>/lib/aws/index.ts',
    '^mlops-constructs/gcp$': '<rootDir>/lib/gcp/index.ts',
    '^mlops-constructs/aws/testing$': '<rootDir>/lib/aws/testing/index.ts',
    '^mlops-constructs/gcp/testing$': '<rootDir>/lib/gcp/testing/index.ts',
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  // The longest files first, which jest cannot know in a fresh clone (test/support/sequencer.js).
  testSequencer: '<rootDir>/test/support/sequencer.js',
  // The Lambda handler bundles, when missing or older than their sources (tools/bundle-handlers.js).
  globalSetup: '<rootDir>/test/global-setup.js',
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
