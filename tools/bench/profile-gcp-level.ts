/**
 * Profiling aid for the Google Cloud construct tree (issue 15, item 3): builds one GCP level stack
 * (`node --require tsx/cjs --cpu-prof tools/bench/profile-gcp-level.ts [level]`, level 3 by
 * default) and prints the CPU time of construction and of the whole synth, without the policy pack.
 */
const started = process.cpuUsage();
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App } from 'cdktf';
import { createLevelStack } from '../../examples/gcp/levels';

const ms = (u: NodeJS.CpuUsage) => Math.round((u.user + u.system) / 1000);
const loaded = process.cpuUsage(started);
const out = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-profile-gcp-'));
const app = new App({ outdir: out });
createLevelStack(app, Number(process.argv[2] ?? 3));
const built = process.cpuUsage(started);
app.synth();
const synthesized = process.cpuUsage(started);
fs.rmSync(out, { recursive: true, force: true });
console.log(JSON.stringify({ loadMs: ms(loaded), constructMs: ms(built) - ms(loaded), synthMs: ms(synthesized) - ms(built), totalMs: ms(synthesized) }));
