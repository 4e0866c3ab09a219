/**
 * ESLint over lib/ with the project's rules (eslint.config.cjs; `npm run lint` runs the same from
 * the command line), inside jest so that it runs beside the other suites instead of before them,
 * and each rule shown to fail on a small example.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ESLint, Linter } from 'eslint';
import { tsFilesUnder } from '../tools/api/program';

const root = path.join(__dirname, '..');
// eslint-disable-next-line @typescript-eslint/no-require-imports
const config = require('../eslint.config.cjs') as Linter.Config[];
const eslint = new ESLint({ cwd: root, overrideConfigFile: true, overrideConfig: config });

test('lib/ has no lint finding', async () => {
  // lintText per file: lintFiles enumerates with a dynamic import(), which jest's VM does not allow.
  const files = tsFilesUnder(path.join(root, 'lib'));
  const results: ESLint.LintResult[] = [];
  for (const file of files) {
    results.push(...await eslint.lintText(fs.readFileSync(file, 'utf8'), { filePath: file }));
  }
  expect(results.length).toBeGreaterThan(100);
  const findings = results.flatMap((r) => r.messages.map((m) => `${path.relative(root, r.filePath)}:${m.line} ${m.ruleId}: ${m.message}`));
  expect(findings).toEqual([]);
});

/** The rule ids and messages ESLint reports for `code` as if it were the file `file`. */
async function findings(file: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: path.join(root, file) });
  return result.messages.map((m) => `${m.line} ${m.ruleId}: ${m.message}`);
}

describe('each rule can fail', () => {
  test('`any` written in lib/', async () => {
    expect(await findings('lib/aws/x/x.ts', 'export function f(x: any): Record<string, any> { return x; }\n')).toEqual([
      expect.stringMatching(/^1 @typescript-eslint\/no-explicit-any: Unexpected any/),
      expect.stringMatching(/^1 @typescript-eslint\/no-explicit-any: Unexpected any/),
    ]);
  });

  test('the provider package root, cdktf outside lib/gcp/cdktf.ts, a cloud library in lib/core, the aws-cdk-lib root', async () => {
    expect(await findings('lib/gcp/x/x.ts', "import { StorageBucket } from '@cdktf/provider-google';\nimport { App } from 'cdktf';\nimport { Fn } from 'cdktf/lib/terraform-functions';\nexport const x = [StorageBucket, App, Fn];\n")).toEqual([
      expect.stringMatching(/^1 no-restricted-imports: '@cdktf\/provider-google' import is restricted .*Import one resource as @cdktf\/provider-google\/lib\/<resource>/),
      expect.stringMatching(/^2 no-restricted-imports: 'cdktf' import is restricted .*Import cdktf through lib\/gcp\/cdktf\.ts/),
      expect.stringMatching(/^3 no-restricted-imports: 'cdktf\/lib\/terraform-functions' import is restricted .*Import cdktf through lib\/gcp\/cdktf\.ts/),
    ]);
    expect(await findings('lib/gcp/cdktf.ts', "export { App } from 'cdktf';\nimport { StorageBucket } from '@cdktf/provider-google/lib';\nexport const x = StorageBucket;\n")).toEqual([
      expect.stringMatching(/^2 no-restricted-imports: '@cdktf\/provider-google\/lib' import is restricted/),
    ]);
    expect(await findings('lib/core/x/x.ts', "import { Stack } from 'aws-cdk-lib';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nimport { Construct } from 'constructs';\nimport { DataLake } from '../../aws/data-lake';\nexport const x = [Stack, s3, Construct, DataLake];\n")).toEqual([
      expect.stringMatching(/^1 no-restricted-imports: 'aws-cdk-lib' import is restricted .*lib\/core is cloud-neutral/),
      expect.stringMatching(/^2 no-restricted-imports: 'aws-cdk-lib\/aws-s3' import is restricted/),
      expect.stringMatching(/^3 no-restricted-imports: 'constructs' import is restricted/),
      expect.stringMatching(/^4 no-restricted-imports: '\.\.\/\.\.\/aws\/data-lake' import is restricted/),
    ]);
    // The same imports are fine where they belong, aws-cdk-lib's core as aws-cdk-lib/core.
    expect(await findings('lib/aws/x/x.ts', "import { Stack } from 'aws-cdk-lib/core';\nimport * as s3 from 'aws-cdk-lib/aws-s3';\nexport const x = [Stack, s3];\n")).toEqual([]);
    expect(await findings('lib/aws/x/x.ts', "import { Stack } from 'aws-cdk-lib';\nexport const x = Stack;\n")).toEqual([
      expect.stringMatching(/^1 no-restricted-imports: 'aws-cdk-lib' import is restricted .*Import aws-cdk-lib's core as aws-cdk-lib\/core/),
    ]);
  });

  test('R13: banned verbs as function, method, arrow and property names', async () => {
    const code = [
      'export function validateName(x: string): string { return x; }',
      'export class A { public checkPrefix(): void {} private readonly ensureKey = () => 1; public parse = 1; public verifyX(): number { return this.ensureKey(); } }',
      'export interface I { buildRequest(): void; readonly makeThing: () => void; readonly buildTime: number }',
      'export const normalizeName = (x: string) => x;',
      'export const o = { sanitizeInput: function () { return 1; }, validName: 2 };',
      'export function resolveName(x: string): string { return x; } export function checksum(): number { return 1; }',
    ].join('\n');
    const found = await findings('lib/aws/x/x.ts', code);
    expect(found.map((f) => f.split(':')[0])).toEqual([
      '1 no-restricted-syntax', // validateName
      '2 no-restricted-syntax', // checkPrefix
      '2 no-restricted-syntax', // ensureKey
      '2 no-restricted-syntax', // verifyX
      '3 no-restricted-syntax', // buildRequest
      '3 no-restricted-syntax', // makeThing
      '4 no-restricted-syntax', // normalizeName
      '5 no-restricted-syntax', // sanitizeInput
    ]);
    expect(found[0]).toMatch(/R13 \(SHAPE\.md\): name input handling resolveX/);
  });

  test('a re-export of private/, from an index or any other file', async () => {
    expect(await findings('lib/aws/x/index.ts', "export * from './x';\nexport * from './private/helper';\nexport { a } from '../private/names';\n")).toEqual([
      expect.stringMatching(/^2 no-restricted-syntax: A folder index\.ts re-exports the folder's public files only, never private\//),
      expect.stringMatching(/^3 no-restricted-syntax: A folder index\.ts re-exports/),
    ]);
    expect(await findings('lib/gcp/x/x.ts', "export * from './private/helper';\n")).toEqual([expect.stringMatching(/^1 no-restricted-syntax: A folder index\.ts/)]);
  });

  test('R11: a GCP warning not emitted through warn()', async () => {
    const code = "import { Annotations } from '../cdktf';\nexport function f(scope: never): void { Annotations.of(scope).addWarning('x'); }\n";
    expect(await findings('lib/gcp/x/x.ts', code)).toEqual([expect.stringMatching(/^2 no-restricted-syntax: R11 \(SHAPE\.md\): emit GCP warnings with warn\(scope, id, message\)/)]);
    expect(await findings('lib/gcp/private/warnings.ts', code)).toEqual([]);
  });
});
