import * as path from 'path';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const units = require('./unit-files') as {
  OWN_FILES: string[];
  UNIT_SUITES: Record<string, string>;
  unitFileIgnorePatterns: (alone: boolean) => string[];
  unitFilesAlone: (argv: string[]) => boolean;
};

const ROOT = path.join(__dirname, '..', '..');

/**
 * The tests of a suite file of unit files (test/aws-units.test.ts, test/gcp-units.test.ts): it
 * registered `files`, among them `expected`; jest's own list leaves exactly those out (each runs
 * once, here), and keeps the suite file and the files that stay test files of their own; naming a
 * unit file or folder on the command line runs the unit files alone instead.
 */
export function unitSuiteChecks(cloud: string, files: readonly string[], expected: readonly string[]): void {
  describe('the suite of unit files', () => {
    const matches = (patterns: readonly string[], file: string) => patterns.some((p) => new RegExp(p).test(path.join(ROOT, file)));

    test(`every test/${cloud}/**/*.test.ts but ${units.OWN_FILES.join(', ')} is registered here`, () => {
      expect(files).toEqual(expect.arrayContaining([...expected]));
      expect(files.filter((f) => units.OWN_FILES.includes(f))).toEqual([]);
    });

    test('jest.config.js leaves the registered files out of its own list, and keeps the suite file and the files of their own', () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      const config = require('../../jest.config.js') as { testPathIgnorePatterns: string[] };
      const ignored = config.testPathIgnorePatterns;
      expect(files.filter((f) => !matches(ignored, `test/${cloud}/${f}`))).toEqual([]);
      expect(matches(ignored, units.UNIT_SUITES[cloud])).toBe(false);
      for (const own of units.OWN_FILES) {
        expect(matches(ignored, `test/${cloud}/${own}`)).toBe(false);
      }
      // A file with a similar name elsewhere is not caught by a pattern meant for a unit file.
      expect(matches(ignored, `test/${cloud}/${files[0]}.bak`)).toBe(false);
      expect(matches(ignored, `test/core/${files[0]}`)).toBe(false);
    });

    test('a unit file or folder named on the command line, or watch mode, runs the unit files alone, and the suite files are left out', () => {
      const cwd = process.cwd();
      process.chdir(ROOT);
      try {
        expect(units.unitFilesAlone([`test/${cloud}/${files[0]}`])).toBe(true);
        expect(units.unitFilesAlone(['--ci', `test/${cloud}`])).toBe(true);
        expect(units.unitFilesAlone(['--watch'])).toBe(true);
        expect(units.unitFilesAlone(['--changedSince=main'])).toBe(true);
        expect(units.unitFilesAlone(['--findRelatedTests', `lib/${cloud}/data-lake/data-lake.ts`])).toBe(true);
        expect(units.unitFilesAlone([units.UNIT_SUITES[cloud]])).toBe(false);
        expect(units.unitFilesAlone(['test/core', 'data-lake', '--ci'])).toBe(false);
        expect(units.unitFilesAlone([])).toBe(false);
      } finally {
        process.chdir(cwd);
      }
      const alone = units.unitFileIgnorePatterns(true);
      expect(matches(alone, units.UNIT_SUITES[cloud])).toBe(true);
      expect(matches(alone, `test/${cloud}/${files[0]}`)).toBe(false);
    });
  });
}
