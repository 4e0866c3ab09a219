/**
 * `npm run bench`: side-by-side timings, reported as ratios measured in one run.
 *
 * Headline — the abstraction overhead: every example and level stack synthesized through the
 * library against the same output rebuilt as raw L1 (tools/bench/l1-aws.ts, l1-gcp.ts: every
 * CloudFormation resource as a `CfnResource`, every Terraform block as a `TerraformResource` /
 * `TerraformDataSource` / provider / variable / output), generated from the library's own output
 * and checked equal to it before anything is timed. Per cloud, with the validator on and off (AWS:
 * the CloudFormation validator built into aws-cdk-lib, strict; Google Cloud: the project's policy
 * pack). CPU time (user + system of the whole child process, from bash's `times`) is the primary
 * figure, wall time beside it. Per stack: the CPU time of the stack's construction and its own
 * synthesis, measured inside the same samples (module loading, the app-wide phases, the validator
 * over all templates and the exit are shared by the stacks and stay in the per-cloud totals).
 *
 * Secondary lines: the old floor (an empty aws-cdk app with the validator plus an empty cdktf app)
 * against all examples; entry-point load times (the lazy entry points of tools/lazy-entry-points.js
 * against tsc's eager ones, and against aws-cdk-lib / cdktf; with a DataLake, against requiring
 * exactly the toolchain files a DataLake needs, by path, so that the library's own modules are the
 * difference);
 * the package's size; the drift queries on DuckDB against numpy/scipy (tools/bench/drift.ts).
 *
 * Every sample is a fresh `node` process running compiled JavaScript, subjects interleaved round
 * by round (library, L1, library, L1, ...) so machine noise hits both sides alike; medians and
 * ranges are printed. Not part of the tests: this machine is shared, so no test asserts time.
 * BENCH_ROUNDS (default 5) sets the rounds; BENCH_DRIFT=off skips the drift part.
 */
import { execFileSync, spawnSync } from 'child_process';
import * as fs from 'fs';
import * as path from 'path';

const root = path.join(__dirname, '..');
const rounds = Number(process.env.BENCH_ROUNDS ?? 5);

// Validation stays on unless a subject switches it off, as it is for users.
const env = { ...process.env };
delete env.CDK_VALIDATION;
delete env.BENCH_POLICY;
const validatorOff = { ...env, CDK_VALIDATION: 'false', BENCH_POLICY: 'off' };

interface Sample {
  /** user + system CPU of the child process and its threads, ms. */
  readonly cpu: number;
  readonly wall: number;
  /** What the child printed last (JSON). */
  readonly out: any;
}

/** Runs one fresh process; CPU from bash's `times` (the children line), wall around it. */
function sample(args: string[], sampleEnv: NodeJS.ProcessEnv = env): Sample {
  const started = process.hrtime.bigint();
  const r = spawnSync('bash', ['-c', '"$@"; status=$?; times; exit $status', 'bash', 'node', ...args], { cwd: root, env: sampleEnv, encoding: 'utf8', maxBuffer: 100_000_000 });
  const wall = Number(process.hrtime.bigint() - started) / 1e6;
  if (r.status !== 0) {
    throw new Error(`bench: node ${args.join(' ')} failed (${r.status}):\n${r.stderr}`);
  }
  const lines = r.stdout.trim().split('\n');
  const children = lines[lines.length - 1].match(/(\d+)m([\d.]+)s (\d+)m([\d.]+)s/)!;
  const cpu = (Number(children[1]) * 60 + Number(children[2]) + Number(children[3]) * 60 + Number(children[4])) * 1000;
  return { cpu, wall, out: JSON.parse(lines[lines.length - 3]) };
}

function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  const mid = Math.floor(sorted.length / 2);
  return sorted.length % 2 ? sorted[mid] : (sorted[mid - 1] + sorted[mid]) / 2;
}

console.log('compiling the project to dist/ (lib as published, examples and bench scripts beside it)...');
execFileSync('npx', ['tsc', '-p', '.'], { cwd: root, stdio: 'inherit' });
const dist = (...parts: string[]) => path.join(root, 'dist', ...parts);
// tsc's eager entry points, kept beside the lazy ones for the load comparison only (removed at the end).
const eager = (cloud: string) => dist('lib', cloud, 'index-eager-bench.js');
for (const cloud of ['aws', 'gcp']) {
  fs.copyFileSync(dist('lib', cloud, 'index.js'), eager(cloud));
}
execFileSync('node', ['tools/lazy-entry-points.js'], { cwd: root, stdio: 'inherit' });

const work = path.join(root, '.tmp', 'bench');
fs.mkdirSync(work, { recursive: true });
const child = dist('tools', 'bench', 'synth-child.js');
const spec = (cloud: string) => path.join(work, `${cloud}-l1.json`);
try {
  // The L1 rebuild, generated from the library's output and checked equal to it (not timed).
  for (const cloud of ['aws', 'gcp']) {
    const r = sample([child, cloud, 'prepare', spec(cloud)], validatorOff);
    console.log(`${cloud}: ${r.out.stacks} stacks rebuilt as L1; output equal to the library's (AWS: templates deep-equal; GCP: cdk.tf.json deep-equal but each block's "//".metadata.path)`);
  }

  // The toolchain files a DataLake needs, for the load comparison (tools/bench/data-lake-modules.js):
  // the files under node_modules that `require(entry).DataLake` loads and building a DataLake loads too.
  const dataLakeModules = (cloud: string): { needed: string[]; notNeeded: string[] } =>
    JSON.parse(execFileSync('node', ['tools/bench/data-lake-modules.js', dist('lib', cloud, 'index.js'), cloud], { cwd: root, encoding: 'utf8' }));
  const awsDataLake = dataLakeModules('aws');
  const gcpDataLake = dataLakeModules('gcp');
  const load = (...modules: string[]) => () => sample(['tools/bench/load.js', ...modules]);

  const subjects: Record<string, () => Sample> = {
    awsLibrary: () => sample([child, 'aws', 'library', spec('aws')]),
    awsL1: () => sample([child, 'aws', 'l1', spec('aws')]),
    awsLibraryOff: () => sample([child, 'aws', 'library', spec('aws')], validatorOff),
    awsL1Off: () => sample([child, 'aws', 'l1', spec('aws')], validatorOff),
    gcpLibrary: () => sample([child, 'gcp', 'library', spec('gcp')]),
    gcpL1: () => sample([child, 'gcp', 'l1', spec('gcp')]),
    gcpLibraryOff: () => sample([child, 'gcp', 'library', spec('gcp')], validatorOff),
    gcpL1Off: () => sample([child, 'gcp', 'l1', spec('gcp')], validatorOff),
    floor: () => sample([dist('tools', 'bench', 'floor.js')]),
    examples: () => sample([dist('tools', 'bench', 'examples.js')]),
    awsEntry: load(dist('lib', 'aws', 'index.js')),
    awsEntryEager: load(eager('aws')),
    cdkLib: load('aws-cdk-lib'),
    awsEntryDataLake: load(`${dist('lib', 'aws', 'index.js')}#DataLake`),
    cdkLibDataLakeModules: load(...awsDataLake.needed),
    gcpEntry: load(dist('lib', 'gcp', 'index.js')),
    gcpEntryEager: load(eager('gcp')),
    cdktf: load('cdktf'),
    gcpEntryDataLake: load(`${dist('lib', 'gcp', 'index.js')}#DataLake`),
    cdktfDataLakeModules: load(...gcpDataLake.needed),
  };
  const samples: Record<string, Sample[]> = Object.fromEntries(Object.keys(subjects).map((k) => [k, []]));
  console.log(`\n${rounds} interleaved rounds of ${Object.keys(subjects).length} subjects (one warm-up round first)...`);
  for (const run of Object.values(subjects)) {
    run(); // warm-up: the same OS file cache for everyone
  }
  for (let round = 0; round < rounds; round++) {
    for (const [name, run] of Object.entries(subjects)) {
      samples[name].push(run());
    }
    process.stdout.write(`  round ${round + 1}/${rounds} done\n`);
  }

  const stat = (name: string, pick: (s: Sample) => number) => {
    const v = samples[name].map(pick);
    return { median: median(v), min: Math.min(...v), max: Math.max(...v) };
  };
  const cpu = (name: string) => stat(name, (s) => s.cpu);
  const wall = (name: string) => stat(name, (s) => s.wall);
  const ms = (v: number) => `${v.toFixed(0)} ms`;
  const range = (s: { median: number; min: number; max: number }) => `${ms(s.median).padStart(9)} [${s.min.toFixed(0)}–${s.max.toFixed(0)}]`;
  const verdict = (ratio: number, target: number) => `(target <= ${target}x) ${ratio <= target ? 'ok' : 'OVER'}`;
  /** Ratio of medians, and the range of the per-round ratios (each round's pair ran back to back). */
  const ratio = (a: string, b: string, pick: (s: Sample) => number) => {
    const perRound = samples[a].map((s, i) => pick(s) / pick(samples[b][i]));
    return { value: median(samples[a].map(pick)) / median(samples[b].map(pick)), min: Math.min(...perRound), max: Math.max(...perRound) };
  };
  const fmtRatio = (r: { value: number; min: number; max: number }) => `${r.value.toFixed(2)}x [${r.min.toFixed(2)}–${r.max.toFixed(2)}]`;

  console.log(`\n== abstraction overhead: library / the same output as raw L1 (${rounds} rounds; CPU primary, medians [range]) ==`);
  const headline: Array<[string, string, string, number]> = [
    ['AWS, validator on ', 'awsLibrary', 'awsL1', 1.1],
    ['AWS, validator off', 'awsLibraryOff', 'awsL1Off', 1.5],
    ['GCP, policy pack on ', 'gcpLibrary', 'gcpL1', 1.1],
    ['GCP, policy pack off', 'gcpLibraryOff', 'gcpL1Off', 1.2],
  ];
  for (const [label, a, b, target] of headline) {
    const c = ratio(a, b, (s) => s.cpu);
    const w = ratio(a, b, (s) => s.wall);
    console.log(`  ${label.padEnd(21)} CPU ${fmtRatio(c).padEnd(20)} ${verdict(c.value, target)}   wall ${fmtRatio(w)}`);
    console.log(`  ${''.padEnd(21)}   library CPU ${range(cpu(a))}  L1 CPU ${range(cpu(b))}  | wall ${range(wall(a))} vs ${range(wall(b))}`);
  }
  const allCpu = (names: string[]) => samples[names[0]].map((_s, i) => names.reduce((n, k) => n + samples[k][i].cpu, 0));
  for (const [label, lib, l1, target] of [['on', ['awsLibrary', 'gcpLibrary'], ['awsL1', 'gcpL1'], 1.1], ['off', ['awsLibraryOff', 'gcpLibraryOff'], ['awsL1Off', 'gcpL1Off'], 1.5]] as const) {
    const a = allCpu([...lib]);
    const b = allCpu([...l1]);
    const r = median(a) / median(b);
    console.log(`  all examples, both clouds, validator ${label.padEnd(3)} CPU ${r.toFixed(2)}x (${ms(median(a))} vs ${ms(median(b))}) ${verdict(r, target)}`);
  }

  console.log('\n  per stack (CPU of its construction + its own synthesis; shared costs excluded; validator off | on;');
  console.log('  then, validator off: the part inside require, the modules the stack was first to use, and the ratio of the rest):');
  for (const cloud of ['aws', 'gcp'] as const) {
    const target = cloud === 'aws' ? 1.5 : 1.2;
    const prefix = cloud === 'aws' ? 'aws' : 'gcp';
    const stacks = Object.keys(samples[`${prefix}LibraryOff`][0].out.perStack);
    for (const stack of stacks) {
      const per = (name: string) => median(samples[name].map((s) => s.out.perStack[stack]));
      const loading = (name: string) => median(samples[name].map((s) => s.out.perStackLoading[stack]));
      const rest = (name: string) => median(samples[name].map((s) => s.out.perStack[stack] - s.out.perStackLoading[stack]));
      const off = per(`${prefix}LibraryOff`) / per(`${prefix}L1Off`);
      const on = per(`${prefix}Library`) / per(`${prefix}L1`);
      const restOff = rest(`${prefix}LibraryOff`) / rest(`${prefix}L1Off`);
      console.log(`    ${cloud} ${stack.padEnd(34)} ${off.toFixed(2)}x ${verdict(off, target).padEnd(20)} | ${on.toFixed(2)}x   (${ms(per(`${prefix}LibraryOff`))} vs ${ms(per(`${prefix}L1Off`))}; in require ${ms(loading(`${prefix}LibraryOff`))} vs ${ms(loading(`${prefix}L1Off`))}; the rest ${restOff.toFixed(2)}x)`);
    }
  }

  console.log('\n== secondary ==');
  const line = (label: string, name: string) => console.log(`  ${label.padEnd(64)} CPU ${range(cpu(name))}  wall ${range(wall(name))}`);
  line('floor: empty aws-cdk app (validator strict) + empty cdktf app', 'floor');
  line('all examples, both clouds, one process (validator strict)', 'examples');
  console.log(`  examples / floor (old headline; grows with every stack)  CPU ${fmtRatio(ratio('examples', 'floor', (s) => s.cpu))}`);
  console.log('  entry-point load, in-process time of the require (medians):');
  const inProcess = (name: string) => median(samples[name].map((s) => s.out.ms));
  /** Ratio of the medians, with the range of the per-round ratios (the load lines are a few ms: the machine's noise shows there first). */
  const loadLine = (label: string, a: string, b: string, target?: number) => {
    const r = ratio(a, b, (s) => s.out.ms);
    console.log(`    ${label.padEnd(76)} ${ms(inProcess(a)).padStart(7)} vs ${ms(inProcess(b)).padStart(7)}  ${fmtRatio(r).padEnd(19)} ${target ? verdict(r.value, target) : ''}`);
  };
  /**
   * `require(entry).DataLake` against requiring, by path, the toolchain files a DataLake needs: the
   * difference is the library's own modules and whatever toolchain files it loads for nothing (none
   * when the notNeeded count is 0). Every sample is checked to have loaded those files and no others.
   */
  const dataLakeLoadLine = (cloud: string, a: string, b: string, files: { needed: string[]; notNeeded: string[] }) => {
    for (const [name, expected] of [[a, files.needed.length + files.notNeeded.length], [b, files.needed.length]] as const) {
      const counts = new Set(samples[name].map((s) => s.out.toolchainFiles));
      if (counts.size !== 1 || !counts.has(expected)) {
        throw new Error(`bench: ${name} loaded ${[...counts].join(', ')} toolchain files, expected ${expected}`);
      }
    }
    const toolchain = cloud === 'aws' ? 'aws-cdk-lib' : 'cdktf + provider';
    loadLine(`  + DataLake / the ${files.needed.length} ${toolchain} files it needs, by path (${files.notNeeded.length} unneeded)`, a, b, 1.2);
  };
  loadLine("require('mlops-constructs/aws') lazy / tsc's eager index (what item 2 bought)", 'awsEntry', 'awsEntryEager');
  loadLine("require('mlops-constructs/aws') / require('aws-cdk-lib')", 'awsEntry', 'cdkLib', 1.2);
  dataLakeLoadLine('aws', 'awsEntryDataLake', 'cdkLibDataLakeModules', awsDataLake);
  loadLine("require('mlops-constructs/gcp') lazy / tsc's eager index", 'gcpEntry', 'gcpEntryEager');
  loadLine("require('mlops-constructs/gcp') / require('cdktf')", 'gcpEntry', 'cdktf', 1.2);
  dataLakeLoadLine('gcp', 'gcpEntryDataLake', 'cdktfDataLakeModules', gcpDataLake);

} finally {
  for (const cloud of ['aws', 'gcp']) {
    fs.rmSync(eager(cloud), { force: true });
  }
}

const pack = JSON.parse(execFileSync('npm', ['pack', '--dry-run', '--json', '--ignore-scripts'], { cwd: root, encoding: 'utf8' }))[0];
console.log(`  package (npm pack --dry-run): ${(pack.size / 1024).toFixed(0)} KiB packed, ${(pack.unpackedSize / 1024).toFixed(0)} KiB unpacked, ${pack.entryCount} files`);

// The drift statistics: DuckDB running the generated SQL against numpy/scipy (its own process, same rounds).
if (process.env.BENCH_DRIFT !== 'off') {
  console.log('');
  execFileSync('node', [dist('tools', 'bench', 'drift.js')], { cwd: root, stdio: 'inherit', env: { ...env, BENCH_ROUNDS: String(rounds) } });
}
