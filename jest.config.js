/** @type {import('jest').Config} */
module.exports = {
  testEnvironment: 'node',
  roots: ['<rootDir>/test'],
  testMatch: ['**/*.test.ts'],
  transform: { '^.+\\.ts$': ['@swc/jest', { jsc: { parser: { syntax: 'typescript' }, target: 'es2022' }, module: { type: 'commonjs' } }] },
  moduleNameMapper: {
    '^mlops-constructs$': '<rootDir>/lib/core/index.ts',
    '^mlops-constructs/aws$': '<rootDir>/lib/aws/index.ts',
    '^mlops-constructs/gcp$': '<rootDir>/lib/gcp/index.ts',
  },
  setupFiles: ['<rootDir>/test/setup-env.ts'],
  snapshotFormat: { escapeString: false, printBasicPrototype: false },
};
