/**
 * The main job: synthesizes every example of both clouds (cdk.out, cdktf.out), runs the
 * CloudFormation validator, cdk-nag (AwsSolutions, NIST 800-53 rev 5) and the project's GCP
 * policy pack, and prints one line per stack. Exits non-zero on any finding. Works offline.
 */
import * as fs from 'fs';
import * as path from 'path';
import { ExampleStackResult, synthAwsExamples, synthGcpExamples } from '../tools/synth-examples';

/** The repository root: the folder of the package.json above this file (bin/ from source, dist/bin/ compiled). */
function repositoryRoot(): string {
  let dir = __dirname;
  while (!fs.existsSync(path.join(dir, 'package.json'))) {
    if (path.dirname(dir) === dir) {
      throw new Error(`no package.json above ${__dirname}`);
    }
    dir = path.dirname(dir);
  }
  return dir;
}
const root = repositoryRoot();
const awsOut = path.join(root, 'cdk.out');
const gcpOut = path.join(root, 'cdktf.out');
fs.rmSync(awsOut, { recursive: true, force: true });
fs.rmSync(gcpOut, { recursive: true, force: true });

const started = Date.now();
const results: ExampleStackResult[] = [...synthAwsExamples(awsOut), ...synthGcpExamples(gcpOut)];
const width = Math.max(...results.map((r) => r.name.length));
for (const r of results) {
  console.log(`${r.cloud.padEnd(3)}  ${r.name.padEnd(width)}  resources=${String(r.resourceCount).padStart(3)}  findings=${r.findings.length}  acknowledged=${r.acknowledged}`);
  for (const f of r.findings) {
    console.log(`       ${f}`);
  }
}
const total = results.reduce((n, r) => n + r.findings.length, 0);
console.log(`${results.length} stacks synthesized in ${((Date.now() - started) / 1000).toFixed(1)} s to ${path.relative(process.cwd(), awsOut) || '.'} and ${path.relative(process.cwd(), gcpOut)}; ${total} findings.`);
if (total > 0) {
  process.exitCode = 1;
}
