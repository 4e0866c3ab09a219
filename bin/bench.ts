/**
 * `npm run bench`: side-by-side timings, reported as ratios measured in one run.
 *
 * 1. Synth of every example (both clouds, validator strict) against the floor: an empty aws-cdk
 *    app with the validator plus an empty cdktf app in one process. Target: ≤ 1.5×.
 * 2. Load time of `mlops-constructs/gcp` (compiled, as published) against `cdktf` alone.
 *    Target: ≤ 2×.
 * 3. Both synths again with the validator off, to split (1) into the validator's share and the
 *    rest (module loading, our constructs, synthesis). No target: it says where the time goes.
 * 4. The generated drift queries on DuckDB against numpy/scipy on the same 1M rows × 10 features
 *    (tools/bench/drift.ts). No target: a ratio of medians.
 *
 * Every sample is a fresh `node` process running compiled JavaScript (what `cdk synth` of a built
 * app and `node app.js` pay; a TypeScript runner would add source-map work to every construct's
 * recorded stack trace), subjects interleaved round by round so machine noise hits both sides
 * alike; medians are compared. Not part of the tests: this machine is shared, so no test asserts
 * wall-clock time.
 */
import { execFileSync } from 'child_process';
import * as path from 'path';

const root = path.join(__dirname, '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 7);

// Validation stays on in every sample, as it is for users.
const env = { ...process.env };
delete env.CDK_VALIDATION;

// The same two programs with the validator switched off, to show how much of a synth is ours.
const envNoValidation = { ...env, CDK_VALIDATION: 'false' };

function sample(command: string, args: string[], sampleEnv: NodeJS.ProcessEnv = env): number {
  const out = execFileSync(command, args, { cwd: root, env: sampleEnv, encoding: 'utf8' });
  return JSON.parse(out.trim().split('\n').pop()!).ms;
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

console.log('compiling the project to dist/ (lib as published, examples and bench scripts beside it)...');
execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
const dist = (...parts: string[]) => path.join(root, 'dist', ...parts);

const subjects = {
  floor: () => sample('node', [dist('tools', 'bench', 'floor.js')]),
  // The compiled examples import 'mlops-constructs/aws' and '/gcp': Node resolves them to dist/lib
  // through the package's own exports (self-reference), as an installed package would.
  examples: () => sample('node', [dist('tools', 'bench', 'examples.js')]),
  floorNoValidation: () => sample('node', [dist('tools', 'bench', 'floor.js')], envNoValidation),
  examplesNoValidation: () => sample('node', [dist('tools', 'bench', 'examples.js')], envNoValidation),
  cdktf: () => sample('node', ['tools/bench/load.js', 'cdktf']),
  gcpEntry: () => sample('node', ['tools/bench/load.js', dist('lib', 'gcp', 'index.js')]),
  awsEntry: () => sample('node', ['tools/bench/load.js', dist('lib', 'aws', 'index.js')]),
};
const samples: Record<keyof typeof subjects, number[]> = { floor: [], examples: [], floorNoValidation: [], examplesNoValidation: [], cdktf: [], gcpEntry: [], awsEntry: [] };
// One warm-up round so that the OS file cache is the same for everyone.
for (const run of Object.values(subjects)) {
  run();
}
for (let round = 0; round < rounds; round++) {
  for (const [name, run] of Object.entries(subjects) as Array<[keyof typeof subjects, () => number]>) {
    samples[name].push(run());
  }
}

const m = Object.fromEntries(Object.entries(samples).map(([k, v]) => [k, median(v)])) as Record<keyof typeof subjects, number>;
const fmt = (ms: number) => `${ms.toFixed(0).padStart(6)} ms`;
console.log(`\n${rounds} rounds, medians (each sample a fresh process):`);
console.log(`  floor: empty aws-cdk app (validator strict) + empty cdktf app  ${fmt(m.floor)}`);
console.log(`  all examples, both clouds (validator strict)                   ${fmt(m.examples)}`);
console.log(`  floor, validator off (CDK_VALIDATION=false)                    ${fmt(m.floorNoValidation)}`);
console.log(`  all examples, validator off                                    ${fmt(m.examplesNoValidation)}`);
console.log(`  require('cdktf')                                               ${fmt(m.cdktf)}`);
console.log(`  require('mlops-constructs/gcp')                                ${fmt(m.gcpEntry)}`);
console.log(`  require('mlops-constructs/aws')                                ${fmt(m.awsEntry)}`);
const synthRatio = m.examples / m.floor;
const loadRatio = m.gcpEntry / m.cdktf;
console.log('\nratios:');
console.log(`  examples synth / floor              ${synthRatio.toFixed(2)}x  (target <= 1.5x) ${synthRatio <= 1.5 ? 'ok' : 'OVER'}`);
console.log(`  gcp entry load / cdktf alone        ${loadRatio.toFixed(2)}x  (target <= 2x) ${loadRatio <= 2 ? 'ok' : 'OVER'}`);
console.log('\nwhere the time goes (no target):');
console.log(`  validator, examples / floor         ${((m.examples - m.examplesNoValidation) / (m.floor - m.floorNoValidation)).toFixed(2)}x  `
  + `(${fmt(m.examples - m.examplesNoValidation).trim()} vs ${fmt(m.floor - m.floorNoValidation).trim()}: it reads every AWS template, with rules for each resource type in them)`);
console.log(`  everything else, examples - floor   +${fmt(m.examplesNoValidation - m.floorNoValidation).trim()} (module loading, our constructs, both synths)`);

// 4. Drift statistics: DuckDB running the generated SQL against numpy/scipy (its own process, same rounds).
console.log('');
execFileSync('node', [dist('tools', 'bench', 'drift.js')], { cwd: root, stdio: 'inherit', env: { ...env, BENCH_ROUNDS: String(rounds) } });
