/**
 * Every AWS unit file (test/aws/**\/*.test.ts but the property test) in one jest test file, so
 * that aws-cdk-lib and the library load once for all of them (test/support/unit-files.js says why
 * and what it saves). Each file is a describe block named by its path; `npx jest <file>` still runs
 * one alone.
 */
import { unitSuiteChecks } from './support/unit-suite-checks';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const { registerUnitFiles } = require('./support/unit-files') as { registerUnitFiles: (cloud: string) => string[] };

const files = registerUnitFiles('aws');

unitSuiteChecks('aws', files, ['data-lake/data-lake.test.ts', 'training-pipeline/training-pipeline.test.ts', 'private/environment.test.ts']);
