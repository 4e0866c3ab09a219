/**
 * The unit files that run inside one jest test file per cloud instead of as test files of their
 * own: every `*.test.ts` under test/aws/ and test/gcp/ but the property tests. test/aws-units.test.ts
 * and test/gcp-units.test.ts register them (`registerUnitFiles`), as test/checks.test.ts does the
 * checked synths; jest.config.js leaves them out of jest's own list unless one is named on the
 * command line (`npx jest test/aws/data-lake/data-lake.test.ts` runs that file alone, as before)
 * or jest picks files by their imports (`--watch`, `--onlyChanged`, …: `unitFilesAlone`).
 *
 * Why: jest gives each test file its own module registry, so each file loads aws-cdk-lib (or
 * cdktf and the provider's classes) and the library again, even with the compiled code cached
 * (test/support/v8-code-cache.js): the top level of every module runs again. Measured on the
 * 2-core machine, one process (`jest -i`), the same tests either way (docs/benchmark.md, fourth
 * pass): the 25 AWS files 34.4 s and 34.6 s of CPU as 25 files, 23.6 s and 23.9 s as one; the 51
 * Google Cloud files 19.4 s as 51, 10.3 s as one. Not merged: test/core/ (27 files, which load
 * neither toolchain: 19.2 s as files, 16.2 s as one) and test/levels/ (5 files: 14.6 s and
 * 11.6 s), a few seconds each.
 *
 * Plain JavaScript: jest.config.js reads it before any transform is set up.
 */
const fs = require('fs');
const path = require('path');

const TEST_DIR = path.join(__dirname, '..');

/** The clouds whose unit files are merged, each with the test file that runs them. */
const UNIT_SUITES = {
  aws: 'test/aws-units.test.ts',
  gcp: 'test/gcp-units.test.ts',
};

/** Files under test/<cloud>/ that stay test files of their own: long and balanced across workers already. */
const OWN_FILES = ['constructs.property.test.ts'];

/** The unit files of `cloud`, relative to test/<cloud>/, in path order. */
function unitFiles(cloud) {
  const dir = path.join(TEST_DIR, cloud);
  return fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .map((f) => f.split(path.sep).join('/'))
    .filter((f) => f.endsWith('.test.ts') && !OWN_FILES.includes(f))
    .sort();
}

/**
 * jest `testPathIgnorePatterns` for the unit files (regular expressions over absolute paths): they
 * run through their cloud's suite file. `alone`: a unit file or folder was named on the command
 * line, so the unit files run as test files of their own and the suite files are left out instead
 * (a folder such as test/aws would otherwise match test/aws-units.test.ts too).
 */
function unitFileIgnorePatterns(alone) {
  const escape = (s) => s.replace(/[.*+?^${}()|[\]\\/]/g, '\\$&');
  if (alone) {
    return Object.values(UNIT_SUITES).map((f) => `${escape(path.join(TEST_DIR, '..', f))}$`);
  }
  return Object.keys(UNIT_SUITES).flatMap((cloud) => unitFiles(cloud).map((f) => `${escape(path.join(TEST_DIR, cloud, f))}$`));
}

/**
 * jest's options that pick test files by what they import (watch mode, changed files, related
 * tests): the suite files require their unit files by a computed path, which jest's dependency
 * graph cannot follow, so with these the unit files run as test files of their own.
 */
const BY_DEPENDENCY = ['--watch', '--watchAll', '-o', '--onlyChanged', '--findRelatedTests', '--changedSince', '--lastCommit'];

/**
 * Whether the unit files run alone, as test files of their own: the command line names a unit
 * file or a folder under test/aws/ or test/gcp/ (an argument that is an existing path inside one of
 * them: `npx jest test/aws/data-lake`), or picks test files by their dependencies (BY_DEPENDENCY).
 */
function unitFilesAlone(argv) {
  if (argv.some((a) => BY_DEPENDENCY.includes(a.split('=')[0]))) {
    return true;
  }
  return argv.filter((a) => !a.startsWith('-') && fs.existsSync(a)).map((a) => path.resolve(a))
    .some((p) => Object.keys(UNIT_SUITES).some((cloud) => p === path.join(TEST_DIR, cloud) || p.startsWith(path.join(TEST_DIR, cloud) + path.sep)));
}

/**
 * Registers every unit file of `cloud` as a describe block named by its path (`aws/data-lake/data-lake.test.ts`)
 * of the calling test file, in path order, and returns their paths. Called at the top level of a
 * suite file. The files share the suite file's module registry and its settings: a
 * `jest.setTimeout` in one of them holds for all (the last one loaded wins; test/aws/mlops-platform
 * sets 60 s, no other unit file sets one).
 */
function registerUnitFiles(cloud) {
  const files = unitFiles(cloud);
  for (const file of files) {
    describe(`${cloud}/${file}`, () => {
      require(path.join(TEST_DIR, cloud, file));
    });
  }
  return files;
}

module.exports = { OWN_FILES, UNIT_SUITES, registerUnitFiles, unitFileIgnorePatterns, unitFiles, unitFilesAlone };
