/**
 * Benchmark floor: an empty aws-cdk app with the CloudFormation validator strict, plus an empty
 * cdktf app, synthesized in one process. Prints the time from the first import to the end of synth.
 * The AWS stack holds one placeholder resource: a template without resources is itself a
 * validator error (F0001).
 */
const started = process.hrtime.bigint();
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, CfnWaitConditionHandle, Stack } from 'aws-cdk-lib';
import { App as TfApp, TerraformStack } from 'cdktf';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-bench-floor-'));
const app = new App({ outdir: path.join(out, 'cdk.out'), context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
new CfnWaitConditionHandle(new Stack(app, 'Empty'), 'Placeholder');
app.synth();
const tfApp = new TfApp({ outdir: path.join(out, 'cdktf.out') });
new TerraformStack(tfApp, 'empty');
tfApp.synth();
fs.rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6 }));
