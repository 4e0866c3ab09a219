/**
 * Packs the library as npm would publish it and installs the tarball into two fresh apps: one
 * with only the AWS peers, one with only the Google Cloud peers. Each synthesizes a DataLake,
 * and neither has the other cloud's packages in its node_modules.
 *
 * npm installs the tarball alone (its peers are optional, so npm adds none); the app's peers are
 * then hard-linked from this repository's node_modules (the exact devDependency versions) instead
 * of being unpacked again from the npm cache: unpacking @cdktf/provider-google (307 MB) and
 * aws-cdk-lib (161 MB) cost about 14 s CPU of this file, linking them well under a second. That
 * those versions satisfy the published peer ranges is test/core/peers.test.ts's check.
 */
import { execFile } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { promisify } from 'util';

const run = promisify(execFile);
const root = path.join(__dirname, '..');
const versions = require('../package.json').devDependencies as Record<string, string>;

jest.setTimeout(240_000);

let work: string;
let tarball: string;
let awsDir: string;
let gcpDir: string;

beforeAll(async () => {
  work = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-pack-'));
  // `npm test` has just compiled lib/ into dist/ (one tsc run for the whole project); build again
  // only when dist/lib does not match lib/, e.g. when jest runs alone after an edit.
  if (!distMatchesSources()) {
    await run('npm', ['run', '--silent', 'build'], { cwd: root, maxBuffer: 10_000_000 });
  }
  // A plain `tsc -p .` leaves tsc's eager entry points: make them lazy as the build does (idempotent).
  await run('node', [path.join(root, 'tools', 'lazy-entry-points.js')], { cwd: root });
  const { stdout } = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: root, maxBuffer: 10_000_000 });
  tarball = path.join(work, stdout.trim().split('\n').pop()!);
  // Both installs at once: they are bound by unpacking files, not by one core.
  [awsDir, gcpDir] = await Promise.all([
    consumerApp('aws-only', ['aws-cdk-lib', 'constructs', 'cdk-nag'], {
      'app.js': awsApp,
      'infra.test.js': awsConsumerTest,
      'check.ts': tsConsumer("import { DataLake } from 'mlops-constructs/aws';\nimport { TableSchema } from 'mlops-constructs';\nimport { runChecks } from 'mlops-constructs/aws/testing';", 'runChecks'),
    }),
    consumerApp('gcp-only', ['cdktf', '@cdktf/provider-google', 'constructs'], {
      'app.js': gcpApp,
      'infra.test.js': gcpConsumerTest,
      'check.ts': tsConsumer("import { DataLake } from 'mlops-constructs/gcp';\nimport { TableSchema } from 'mlops-constructs';\nimport { runChecks } from 'mlops-constructs/gcp/testing';", 'runChecks'),
    }),
  ]);
});

/** Every lib/**.ts has a newer dist/lib/**.js, and dist/lib has no JavaScript without a source. */
function distMatchesSources(): boolean {
  const list = (dir: string, ext: string): string[] => (fs.existsSync(dir) ? fs.readdirSync(dir, { recursive: true, encoding: 'utf8' }) : [])
    .filter((f) => f.endsWith(ext) && !f.endsWith('.d.ts'));
  const sources = list(path.join(root, 'lib'), '.ts').map((f) => f.slice(0, -3));
  const outputs = list(path.join(root, 'dist', 'lib'), '.js').map((f) => f.slice(0, -3));
  return sources.length === outputs.length && sources.every((f) => {
    const js = path.join(root, 'dist', 'lib', `${f}.js`);
    return fs.existsSync(js) && fs.statSync(js).mtimeMs >= fs.statSync(path.join(root, 'lib', `${f}.ts`)).mtimeMs;
  });
}

afterAll(() => {
  fs.rmSync(work, { recursive: true, force: true });
});

/** A fresh app folder with the packed library installed by npm, and `deps` linked from this repository's node_modules. */
async function consumerApp(name: string, deps: string[], files: Record<string, string>): Promise<string> {
  const dir = path.join(work, name);
  fs.mkdirSync(dir);
  fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify({ name, version: '1.0.0', private: true }));
  for (const [file, text] of Object.entries(files)) {
    fs.writeFileSync(path.join(dir, file), text);
  }
  await run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--ignore-scripts', tarball], { cwd: dir, maxBuffer: 10_000_000 });
  for (const dep of dependencyClosure(deps)) {
    const target = path.join(dir, 'node_modules', dep);
    fs.mkdirSync(path.dirname(target), { recursive: true });
    // Hard links where the temporary folder shares the repository's file system; a symbolic link
    // otherwise (Node resolves it to this repository's copy, which has the same version).
    await run('cp', ['-al', path.join(root, 'node_modules', dep), target]).catch(() => fs.symlinkSync(path.join(root, 'node_modules', dep), target, 'dir'));
  }
  for (const dep of deps) {
    expect(JSON.parse(fs.readFileSync(path.join(dir, 'node_modules', dep, 'package.json'), 'utf8')).version).toBe(versions[dep]);
  }
  return dir;
}

/**
 * The top-level packages of this repository's node_modules that `deps` need at run time: the
 * packages themselves and, from package-lock.json, every dependency Node would find at the top
 * level (aws-cdk-lib bundles most of its own but not all; copying a nested node_modules brings its
 * packages along). Peers are the app's own choice: only what `deps` lists among them is linked.
 */
function dependencyClosure(deps: string[]): string[] {
  const lock = JSON.parse(fs.readFileSync(path.join(root, 'package-lock.json'), 'utf8')) as { packages: Record<string, { dependencies?: Record<string, string>; optionalDependencies?: Record<string, string> }> };
  const top = new Set<string>();
  const seen = new Set<string>();
  // Node's lookup from a package folder: its own node_modules, then each enclosing node_modules.
  const located = (from: string, name: string): string | undefined => {
    for (let dir = from; ; dir = dir.slice(0, Math.max(0, dir.lastIndexOf('/node_modules/')))) {
      const candidate = dir === '' ? `node_modules/${name}` : `${dir}/node_modules/${name}`;
      if (lock.packages[candidate]) {
        return candidate;
      }
      if (dir === '') {
        return undefined;
      }
    }
  };
  const visit = (key: string): void => {
    if (seen.has(key)) {
      return;
    }
    seen.add(key);
    if (!key.includes('/node_modules/')) {
      top.add(key.slice('node_modules/'.length));
    }
    const entry = lock.packages[key];
    for (const name of Object.keys({ ...entry.dependencies, ...entry.optionalDependencies })) {
      const found = located(key, name);
      if (found) {
        visit(found);
      }
    }
  };
  for (const dep of deps) {
    visit(`node_modules/${dep}`);
  }
  return [...top].sort();
}

const schema = `
const { FieldType, TableSchema } = require('mlops-constructs');
const orders = new TableSchema({
  name: 'orders',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'amount', type: FieldType.decimal(12, 2) },
    { name: 'ordered_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'ordered_at',
});
`;

const awsApp = `${schema}
const { App, Stack } = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const { GpuType, TrainingPipelineSpec } = require('mlops-constructs');
const { DataLake, GpuTrainingCluster, ModelRegistry, TrainingPipeline } = require('mlops-constructs/aws');
const app = new App({ outdir: 'cdk.out', context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
const stack = new Stack(app, 'Consumer', { env: { account: '111111111111', region: 'eu-west-1' } });
const spend = new TableSchema({ name: 'spend', fields: [{ name: 'customer_id', type: FieldType.STRING }, { name: 'visits', type: FieldType.INT64 }, { name: 'amount', type: FieldType.FLOAT64 }], entityKeys: ['customer_id'] });
const lake = new DataLake(stack, 'Lake', { tables: [{ zone: 'raw', schema: orders }, { zone: 'curated', schema: spend }] });
// A training pipeline: its gate function's code is the bundle shipped in the package.
const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', { vpcId: 'vpc-0123456789abcdef0', availabilityZones: ['eu-west-1a'], privateSubnetIds: ['subnet-0123456789abcdef0'] });
const training = new GpuTrainingCluster(stack, 'Gpus', { lake, vpc, accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false });
new TrainingPipeline(stack, 'Pipeline', { lake, training, registry: new ModelRegistry(stack, 'Registry'), spec: new TrainingPipelineSpec({ name: 'spend', schema: spend, label: 'amount' }) });
const assembly = app.synth();
const template = assembly.getStackByName('Consumer').template;
const types = Object.values(template.Resources).map((r) => r.Type);
const assets = JSON.parse(require('fs').readFileSync(assembly.getStackByName('Consumer').assetManifestArtifact?.file ?? 'cdk.out/Consumer.assets.json', 'utf8')).files;
const gateAsset = Object.values(assets).filter((a) => a.source.packaging === 'zip').map((a) => require('fs').readdirSync(require('path').join('cdk.out', a.source.path)));
let other = true; try { require.resolve('cdktf'); } catch { other = false; }
console.log(JSON.stringify({ buckets: types.filter((t) => t === 'AWS::S3::Bucket').length, tables: types.filter((t) => t === 'AWS::Glue::Table').length, gateAsset, otherCloudResolvable: other }));
`;

const gcpApp = `${schema}
const { App, TerraformStack } = require('cdktf');
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const { DataLake } = require('mlops-constructs/gcp');
const app = new App({ outdir: 'cdktf.out' });
const stack = new TerraformStack(app, 'consumer');
new GoogleProvider(stack, 'google', { project: 'consumer-project' });
new DataLake(stack, 'Lake', { prefix: 'consumer', tables: [{ zone: 'raw', schema: orders }] });
app.synth();
const tf = JSON.parse(require('fs').readFileSync('cdktf.out/stacks/consumer/cdk.tf.json', 'utf8'));
let other = true; try { require.resolve('aws-cdk-lib'); } catch { other = false; }
console.log(JSON.stringify({ buckets: Object.keys(tf.resource.google_storage_bucket).length, tables: Object.keys(tf.resource.google_bigquery_table).length, otherCloudResolvable: other }));
`;

// A consumer's CI tests with the testing helpers, run by Node's own test runner (no jest in the
// app), in one process (the validator starts once): the same test passes on the library's
// constructs and fails, naming the rule, when the stack also has a non-compliant resource.
const awsConsumerTest = `
const test = require('node:test');
const { App, Stack } = require('aws-cdk-lib');
const s3 = require('aws-cdk-lib/aws-s3');
const { AwsSolutionsChecks } = require('cdk-nag');
const { DataLake } = require('mlops-constructs/aws');
const { synthWithChecks } = require('mlops-constructs/aws/testing');
const lakeStackPasses = (plainBucket) => () => {
  const app = new App();
  const stack = new Stack(app, 'Lake');
  new DataLake(stack, 'Lake');
  if (plainBucket) new s3.CfnBucket(stack, 'Plain');
  synthWithChecks(stack, { packs: [new AwsSolutionsChecks()] }).resourceCountIs('AWS::Athena::WorkGroup', 1);
};
test('lake', lakeStackPasses(false));
test('lake and a plain bucket', lakeStackPasses(true));
`;

const gcpConsumerTest = `
const test = require('node:test');
const { Testing, TerraformStack } = require('cdktf');
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const { KmsKeyRing } = require('@cdktf/provider-google/lib/kms-key-ring');
const { KmsCryptoKey } = require('@cdktf/provider-google/lib/kms-crypto-key');
const { StorageBucket } = require('@cdktf/provider-google/lib/storage-bucket');
const { DataLake } = require('mlops-constructs/gcp');
const { synthWithChecks } = require('mlops-constructs/gcp/testing');
const lakeStackPasses = (plainBucket) => () => {
  const stack = new TerraformStack(Testing.app(), 'lake');
  new GoogleProvider(stack, 'google', { project: 'consumer-project' });
  const keyRing = new KmsKeyRing(stack, 'Ring', { name: 'lake', location: 'us' });
  const encryptionKey = new KmsCryptoKey(stack, 'Key', { name: 'lake', keyRing: keyRing.id, rotationPeriod: '7776000s' });
  new DataLake(stack, 'Lake', { prefix: 'consumer', encryptionKey });
  if (plainBucket) new StorageBucket(stack, 'Plain', { name: 'consumer-plain', location: 'US' });
  const tf = JSON.parse(synthWithChecks(stack));
  if (Object.keys(tf.resource.google_storage_bucket).length < 3) throw new Error('expected the lake buckets');
};
test('lake', lakeStackPasses(false));
test('lake and a plain bucket', lakeStackPasses(true));
`;

test.each([
  ['AWS', () => awsDir, /AwsSolutions-S1 \(error, AwsSolutions\) at Lake\/Plain/],
  ['Google Cloud', () => gcpDir, /GCP-GCS1 google_storage_bucket\.Plain \(lake\/Plain\)/],
])('%s: a consumer test with the testing helpers passes on the library\'s stack and fails on a non-compliant resource', async (_, dir, finding) => {
  const env = { ...process.env, NODE_ENV: '', CDK_VALIDATION: 'false' };
  const result = await run('node', ['--test', '--test-reporter=tap', 'infra.test.js'], { cwd: dir(), env })
    .then(() => ({ code: 0, output: '' }), (e) => ({ code: e.code, output: `${e.stdout}${e.stderr}` }));
  expect(result.code).toBe(1);
  expect(result.output).toMatch(/^ok 1 - lake$/m);
  expect(result.output).toMatch(/^not ok 2 - lake and a plain bucket$/m);
  expect(result.output).toMatch(finding);
  expect(result.output).toMatch(/^# pass 1$/m);
});

// Type-checks a TypeScript consumer as well: the AWS app with the classic resolution many CDK
// apps use (found through typesVersions), the GCP app with node16 (found through exports).
const tsConsumer = (imports: string, ...more: string[]) => `${imports}\nexport const used = [DataLake, TableSchema${more.map((m) => `, ${m}`).join('')}];\n`;

test('an AWS-only app installs the tarball without cdktf and synthesizes a DataLake', async () => {
  const dir = awsDir;
  expect(fs.existsSync(path.join(dir, 'node_modules', 'cdktf'))).toBe(false);
  expect(fs.existsSync(path.join(dir, 'node_modules', '@cdktf'))).toBe(false);
  const { stdout } = await run('node', ['app.js'], { cwd: dir });
  // 2 lake tables and the pipeline's predictions table; the gate's asset is the shipped bundle alone.
  expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ buckets: 4, tables: 3, gateAsset: [['index.js']], otherCloudResolvable: false });
  const read = await typecheck(dir, 'commonjs', 'node');
  // The library's declarations name aws-cdk-lib's core and the services they use, not the package
  // root, whose declarations name every service (lint: lib/ imports aws-cdk-lib/core).
  expect(read).toContain('node_modules/aws-cdk-lib/core/index.d.ts');
  expect(read.filter((f) => f.endsWith('node_modules/aws-cdk-lib/index.d.ts'))).toEqual([]);
});

test('loading the other cloud\'s entry point names its missing peers and the install command', async () => {
  const load = (dir: string, entry: string) => run('node', ['-e', `require('${entry}')`], { cwd: dir }).then(() => '', (e) => String(e.stderr));
  expect(await load(awsDir, 'mlops-constructs/gcp')).toContain('mlops-constructs/gcp needs its peer packages cdktf, @cdktf/provider-google, which are not installed. Install the peers next to mlops-constructs: npm install "cdktf@');
  expect(await load(gcpDir, 'mlops-constructs/aws')).toContain('mlops-constructs/aws needs its peer package aws-cdk-lib, which is not installed. Install the peers next to mlops-constructs: npm install "aws-cdk-lib@');
});

test('the tarball ships the Lambda handler bundles (built at the library\'s build, under 1 MB), not their sources\' dependencies', async () => {
  const { stdout } = await run('tar', ['-tvzf', tarball], { maxBuffer: 10_000_000 });
  const gate = stdout.split('\n').find((line) => line.endsWith('package/dist/handlers/training-pipeline-gate/index.js'));
  expect(gate).toBeDefined();
  const size = Number(gate!.trim().split(/\s+/)[2]);
  expect(size).toBeGreaterThan(50_000);
  expect(size).toBeLessThan(1024 * 1024);
  expect(stdout).not.toMatch(/handlers\/[^/]+\.inputs\.json/);
});

test('a Google-Cloud-only app installs the tarball without aws-cdk-lib and synthesizes a DataLake', async () => {
  const dir = gcpDir;
  expect(fs.existsSync(path.join(dir, 'node_modules', 'aws-cdk-lib'))).toBe(false);
  const { stdout } = await run('node', ['app.js'], { cwd: dir });
  expect(JSON.parse(stdout.trim().split('\n').pop()!)).toEqual({ buckets: 4, tables: 1, otherCloudResolvable: false });
  await typecheck(dir, 'node16', 'node16');
});

/** Type-checks the app's check.ts; returns the files tsc read, relative to the app. */
async function typecheck(dir: string, module: string, resolution: string): Promise<string[]> {
  const tsc = path.join(root, 'node_modules', 'typescript', 'bin', 'tsc');
  fs.writeFileSync(path.join(dir, 'tsconfig.json'), JSON.stringify({
    compilerOptions: { strict: true, noEmit: true, skipLibCheck: true, types: [], module, moduleResolution: resolution, target: 'es2022' },
    files: ['check.ts'],
  }));
  const { stdout } = await run('node', [tsc, '-p', 'tsconfig.json', '--listFiles'], { cwd: dir, maxBuffer: 10_000_000 })
    .catch((e) => { throw new Error(`tsc (${resolution} resolution) failed in ${dir}:\n${e.stdout}${e.stderr}`); });
  return stdout.split('\n').filter((f) => f !== '').map((f) => path.relative(fs.realpathSync(dir), fs.realpathSync(f)).split(path.sep).join('/'));
}

test('the tarball holds the compiled library with its types, the handler bundles and the documents, nothing else', async () => {
  const { stdout } = await run('tar', ['-tzf', tarball], { maxBuffer: 10_000_000 });
  const entries = stdout.split('\n').filter((l) => l !== '' && !l.endsWith('/')).map((l) => l.replace(/^package\//, ''));
  const allowed = [/^(package\.json|README\.md|LICENSE|CHANGELOG\.md)$/, /^dist\/lib\/.+\.(js|d\.ts)$/, /^dist\/handlers\/[^/]+\/index\.js$/];
  expect(entries.filter((e) => !allowed.some((a) => a.test(e)))).toEqual([]);
  // Every source module ships as JavaScript and declarations; no test, example or tool does.
  const sources = fs.readdirSync(path.join(root, 'lib'), { recursive: true, encoding: 'utf8' })
    .filter((f) => f.endsWith('.ts') && !f.endsWith('.d.ts')).map((f) => `dist/lib/${f.split(path.sep).join('/').slice(0, -3)}`);
  const missing = sources.flatMap((s) => [`${s}.js`, `${s}.d.ts`]).filter((f) => !entries.includes(f));
  expect(missing).toEqual([]);
  expect(entries.filter((e) => /(^|\/)(test|examples|tools|bin)\//.test(e))).toEqual([]);
  // What `exports` and `typesVersions` name is in the tarball.
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const exported = Object.values(manifest.exports as Record<string, string | Record<string, string>>)
    .flatMap((target) => (typeof target === 'string' ? [target] : Object.values(target)))
    .concat(Object.values(manifest.typesVersions['*'] as Record<string, string[]>).flat(), [manifest.main, manifest.types])
    .map((f) => f.replace(/^\.\//, ''));
  expect(exported.filter((f) => !entries.includes(f))).toEqual([]);
});

describe('provenance metadata: repository, homepage, bugs', () => {
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const { publishMetadataProblems } = require('../tools/check-publish-metadata') as { publishMetadataProblems(manifest: object): string[] };
  const manifest = JSON.parse(fs.readFileSync(path.join(root, 'package.json'), 'utf8'));
  const real = (host: string) => ({
    repository: { type: 'git', url: `git+https://${host}/mlops-constructs.git` },
    homepage: `https://${host}/mlops-constructs#readme`,
    bugs: { url: `https://${host}/mlops-constructs/issues` },
  });

  test('package.json has the three fields, naming one repository, and publishing checks them first', () => {
    expect(typeof manifest.repository.url).toBe('string');
    expect(typeof manifest.homepage).toBe('string');
    expect(typeof manifest.bugs.url).toBe('string');
    // With the documented placeholder filled in, nothing is left to fix: the fields agree.
    const filled = JSON.parse(JSON.stringify(manifest).replaceAll('<host>/<owner>', 'git.example.org/acme'));
    expect(publishMetadataProblems(filled)).toEqual([]);
    expect(manifest.scripts.prepublishOnly).toBe('node tools/check-publish-metadata.js');
  });

  test('the check refuses placeholders, missing fields and fields naming different repositories', () => {
    expect(publishMetadataProblems(real('git.example.org/acme'))).toEqual([]);
    expect(publishMetadataProblems(real('<host>/<owner>'))).toHaveLength(3);
    expect(publishMetadataProblems({ repository: { url: 'git+https://git.example.org/acme/mlops-constructs.git' } }))
      .toEqual(['homepage is missing', 'bugs.url is missing']);
    expect(publishMetadataProblems({ ...real('git.example.org/acme'), bugs: { url: 'https://git.example.org/other/mlops-constructs/issues' } }))
      .toEqual(['bugs.url https://git.example.org/other/mlops-constructs/issues is not the repository\'s issues https://git.example.org/acme/mlops-constructs/issues']);
  });

  test('a publish is refused while the fields are placeholders; a dry run only warns', async () => {
    const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-publish-'));
    try {
      fs.writeFileSync(path.join(dir, 'package.json'), JSON.stringify(real('<host>/<owner>')));
      const script = path.join(root, 'tools', 'check-publish-metadata.js');
      const env = { ...process.env };
      delete env.npm_config_dry_run;
      await expect(run('node', [script, path.join(dir, 'package.json')], { env })).rejects.toMatchObject({ code: 1, stderr: expect.stringContaining('not published') });
      const dry = await run('node', [script, path.join(dir, 'package.json')], { env: { ...env, npm_config_dry_run: 'true' } });
      expect(dry.stderr).toContain('cannot be published yet');
    } finally {
      fs.rmSync(dir, { recursive: true, force: true });
    }
  });
});

// The entry points load a construct folder only when one of its names is read
// (tools/lazy-entry-points.js): a require loads no service module, and every public name of the
// sources (what jest loads here, from lib/) is exported, with nothing added.
test.each([
  ['aws', () => awsDir, /node_modules\/aws-cdk-lib\/aws-[^/]+\/index\.js$/],
  ['gcp', () => gcpDir, /node_modules\/@cdktf\/provider-google\/lib\/[^/]+\/index\.js$/],
  ['core', () => awsDir, /node_modules\/aws-cdk-lib\/aws-[^/]+\/index\.js$/],
])('require(mlops-constructs/%s) exports every name of its sources and loads no service module until one is used', async (entry, dir, serviceModule) => {
  const specifier = entry === 'core' ? 'mlops-constructs' : `mlops-constructs/${entry}`;
  const probe = `
    const m = require('${specifier}');
    const services = () => Object.keys(require.cache).filter((f) => ${serviceModule}.test(f)).length;
    const atLoad = services();
    const names = Object.keys(m).sort();
    const undefinedNames = names.filter((n) => m[n] === undefined);
    console.log(JSON.stringify({ atLoad, names, undefinedNames, afterUse: services() }));`;
  const { stdout } = await run('node', ['-e', probe], { cwd: dir() });
  const result = JSON.parse(stdout.trim().split('\n').pop()!);
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const sources = require(path.join(root, 'lib', entry, 'index.ts'));
  expect(result.names).toEqual(Object.keys(sources).filter((n) => n !== '__esModule').sort());
  expect(result.undefinedNames).toEqual([]);
  expect(result.atLoad).toBe(0);
  if (entry !== 'core') {
    expect(result.afterUse).toBeGreaterThan(0); // the probe sees service modules once they load
  }
});

// The constructs that acknowledge policy rules import GcpChecks; its default pack and the pack's
// rules (69 modules) load when a check first runs (or GcpChecks is read from the entry point, which
// loads the policy folder), not with the construct.
test('a Google Cloud DataLake loads no policy rule until a check runs', async () => {
  const probe = `
    const { App, TerraformStack } = require('cdktf');
    const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
    const { DataLake } = require('mlops-constructs/gcp');
    const rules = () => Object.keys(require.cache).filter((f) => /mlops-constructs\\/dist\\/lib\\/gcp\\/policy\\/(rules|packs)\\//.test(f)).length;
    const stack = new TerraformStack(new App({ outdir: require('os').tmpdir() }), 'lake');
    new GoogleProvider(stack, 'google', { project: 'acme-ml' });
    new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'europe-west4' });
    const beforeCheck = rules();
    const findings = [...new Set(require('mlops-constructs/gcp').GcpChecks.check(stack).findings.map((f) => f.ruleId))];
    console.log(JSON.stringify({ beforeCheck, afterCheck: rules(), findings }));`;
  const { stdout } = await run('node', ['-e', probe], { cwd: gcpDir });
  const result = JSON.parse(stdout.trim().split('\n').pop()!);
  expect(result.beforeCheck).toBe(0);
  expect(result.afterCheck).toBeGreaterThan(50); // the probe sees the rules once a check runs
  expect(result.findings).toEqual(['GCP-BQ2']); // the default pack ran: Google-managed keys on the datasets
});
