import * as fs from 'fs';
import * as path from 'path';

/**
 * Registers every `<construct>-checks.ts` under `dir` (one per construct folder) as a describe
 * block `<label>/<folder>` of the calling test file (test/checks.test.ts), in folder order.
 *
 * Why one jest file for every checked synth: jest gives each test file its own module registry, so each file that
 * synthesizes with the CloudFormation validator loads and compiles its WebAssembly again, and loads
 * aws-cdk-lib and cdk-nag again. Measured on this 2-core machine (`process.cpuUsage()` per file,
 * one worker): the six AWS check files cost 26.3 s CPU as six files and 9.0 s as one, about 3.5 s per extra file. The files
 * stay beside the construct they check; they are found here, not listed, so a new construct's
 * check file cannot be left out by forgetting a line.
 */
export function registerCheckSuites(dir: string, label: string): string[] {
  const suites = fs.readdirSync(dir, { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('-checks.ts'))
    .sort();
  for (const file of suites) {
    describe(`${label}/${path.dirname(file)}`, () => {
      // eslint-disable-next-line @typescript-eslint/no-require-imports
      require(path.join(dir, file));
    });
  }
  return suites;
}
