/**
 * Benchmark subject: every example of both clouds synthesized in one process the way a user
 * synthesizes them (validator strict; without our development-only rule packs). Prints the time
 * from the first import to the end of synth.
 */
const started = process.hrtime.bigint();
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'aws-cdk-lib';
import { App as TfApp } from 'cdktf';
import { buildAwsExamples } from '../../examples/aws/app';
import { buildGcpExamples } from '../../examples/gcp/app';

const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-bench-examples-'));
const app = new App({ outdir: path.join(out, 'cdk.out'), context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
buildAwsExamples(app);
app.synth();
const tfApp = new TfApp({ outdir: path.join(out, 'cdktf.out') });
buildGcpExamples(tfApp);
tfApp.synth();
fs.rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify({ ms: Number(process.hrtime.bigint() - started) / 1e6 }));
