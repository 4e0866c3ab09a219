#!/usr/bin/env node
/**
 * `npm run test:peer-floor` (run by .ci/run): the oldest peer versions package.json accepts really
 * work. Packs the library, installs the tarball with the floor of each peer range (FLOOR below,
 * exactly), builds a level-1 MlopsPlatform on each cloud (most constructs of the library; on Google Cloud
 * also a Cloud Run endpoint on a GPU)
 * and compares the output with the same app on the versions this repository develops with
 * (the testing helpers' findings too: `runChecks` on a plain invalid bucket and on the GCP platform):
 * the AWS template must have the same logical ids with the same resource types (a new aws-cdk-lib
 * may render properties differently, never other resources), and the Terraform JSON must be equal
 * apart from cdktf's own version stamp, the provider's version constraint and the local backend's
 * path (the app's folder).
 *
 * Why these floors (measured when they were set, 2 December 2026, with every example stack):
 * aws-cdk-lib 2.268 and older refuse the `::` in the library's cdk-nag acknowledgement ids
 * (IAM5 resource findings), 2.260 lacks `addResourceDependency`, 2.240 and older lack
 * `Validations.of`; @cdktf/provider-google 14.26 and older silently drop properties the
 * constructs set (the Terraform JSON differs), 14.30 gives the same JSON as 16.x with cdktf 0.20.
 *
 * `PEER_FLOOR_KEEP=<dir>` writes both Terraform JSONs there (normalized) to compare them by hand.
 *
 * Outside `npm test` because it installs from the registry: the peers are downloaded once per
 * machine (npm's cache), then unpacked; about a minute.
 */
const { execFile } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');
const { promisify } = require('util');

const run = promisify(execFile);
const root = path.join(__dirname, '..', '..');
const manifest = require(path.join(root, 'package.json'));

/** The floor of each peer range in package.json (`^x.y.z` or `>=x.y.z <…`): what is installed. */
const FLOOR = Object.fromEntries(Object.entries(manifest.peerDependencies).map(([name, range]) => {
  const floor = /^(?:\^|>=)(\d+\.\d+\.\d+)/.exec(range);
  if (floor === null) {
    throw new Error(`peerDependencies.${name} is ${range}: expected ^x.y.z or >=x.y.z <…, whose floor this check installs`);
  }
  return [name, floor[1]];
}));

const APP = `
const fs = require('fs');
const { EvaluationMetric, FieldType, TableSchema, TrainingPipelineSpec } = require('mlops-constructs');
const schema = new TableSchema({
  name: 'customer_churn',
  fields: [
    { name: 'customer_id', type: FieldType.STRING },
    { name: 'orders_30d', type: FieldType.INT64 },
    { name: 'churned_30d', type: FieldType.BOOLEAN },
    { name: 'computed_at', type: FieldType.TIMESTAMP },
  ],
  entityKeys: ['customer_id'],
  eventTime: 'computed_at',
});
const training = new TrainingPipelineSpec({ name: 'churn', schema, label: 'churned_30d', metric: EvaluationMetric.AUC, bar: 0.7 });

const aws = require('aws-cdk-lib');
const ec2 = require('aws-cdk-lib/aws-ec2');
const awsApp = new aws.App({ outdir: 'cdk.out', context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
const awsStack = new aws.Stack(awsApp, 'Floor', { env: { account: '123456789012', region: 'eu-west-1' } });
const vpc = new ec2.Vpc(awsStack, 'Vpc', { natGateways: 0, subnetConfiguration: [{ name: 'jobs', subnetType: ec2.SubnetType.PRIVATE_ISOLATED }] });
const { MlopsPlatform } = require('mlops-constructs/aws');
// The feature group's committed fingerprint: a floor that rendered the group differently would fail here.
const featureGroups = [{ spec: MlopsPlatform.defaultFeatureGroup(training), replacementFingerprint: 'v1.8ccc87.1a8ce8.6ae92d.ee5606.ec0a74.57401f.23fd24.74234e' }];
new MlopsPlatform(awsStack, 'Platform', { level: 1, training, vpc, vpcSubnets: { subnetType: ec2.SubnetType.PRIVATE_ISOLATED }, featureGroups });
const template = awsApp.synth().getStackByName('Floor').template;

const cdktf = require('cdktf');
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const { KmsKeyRing } = require('@cdktf/provider-google/lib/kms-key-ring');
const { KmsCryptoKey } = require('@cdktf/provider-google/lib/kms-crypto-key');
const gcpApp = new cdktf.App({ outdir: 'cdktf.out' });
const gcpStack = new cdktf.TerraformStack(gcpApp, 'floor');
new GoogleProvider(gcpStack, 'google', { project: 'floor-check', region: 'europe-west4' });
const ring = new KmsKeyRing(gcpStack, 'KeyRing', { name: 'floor', location: 'europe-west4' });
const key = new KmsCryptoKey(gcpStack, 'Key', { name: 'platform', keyRing: ring.id, rotationPeriod: '7776000s' });
new (require('mlops-constructs/gcp').MlopsPlatform)(gcpStack, 'Platform', {
  level: 1, prefix: 'churn', lakePrefix: 'floor-check-churn', training, project: 'floor-check', region: 'europe-west4',
  encryptionKey: key, network: 'projects/floor-check/global/networks/ml-jobs',
});
// A Cloud Run endpoint on a GPU: provider-google 14.26 and older drop its GPU settings silently.
const { GpuType } = require('mlops-constructs');
const gcp = require('mlops-constructs/gcp');
const servingRing = new KmsKeyRing(gcpStack, 'ServingKeyRing', { name: 'floor-serving', location: 'us-central1' });
const servingKey = new KmsCryptoKey(gcpStack, 'ServingKey', { name: 'serving', keyRing: servingRing.id, rotationPeriod: '7776000s' });
new gcp.ModelEndpoint(gcpStack, 'Fraud', {
  prefix: 'fraud', project: 'floor-check', region: 'us-central1', encryptionKey: servingKey, accelerator: { gpu: GpuType.L4, gpusPerNode: 1 },
  platform: gcp.ModelEndpointPlatform.cloudRun({ image: 'us-docker.pkg.dev/cloudrun/container/hello', memory: gcp.Size.gibibytes(16) }),
});
gcpApp.synth();
const tf = JSON.parse(fs.readFileSync('cdktf.out/stacks/floor/cdk.tf.json', 'utf8'));
// The testing helpers find the same at the floor: a plain, invalid bucket (in an app of its own), and the GCP platform.
const checkedApp = new aws.App();
const plainStack = new aws.Stack(checkedApp, 'Plain');
new (require('aws-cdk-lib/aws-s3').CfnBucket)(plainStack, 'Bucket', { versioningConfiguration: { status: 'Sometimes' } });
const checks = {
  aws: require('mlops-constructs/aws/testing').runChecks(plainStack).findings.map((f) => \`\${f.rule} \${f.constructPaths.join(',')}\`).sort(),
  gcp: require('mlops-constructs/gcp/testing').runChecks(gcpStack).findings.map((f) => \`\${f.ruleId} \${f.constructPath}\`).sort(),
};
const resources = Object.fromEntries(Object.entries(template.Resources).map(([id, r]) => [id, r.Type]));
process.stdout.write(JSON.stringify({ versions: {
  'aws-cdk-lib': require('aws-cdk-lib/package.json').version,
  'cdktf': require('cdktf/package.json').version,
  '@cdktf/provider-google': require('@cdktf/provider-google/package.json').version,
  'constructs': require('constructs/package.json').version,
}, resources, tf, checks }));
`;

/** Terraform JSON without what differs by tool version only. */
function normalizeTerraform(tf) {
  const copy = JSON.parse(JSON.stringify(tf));
  delete copy['//'];
  delete copy.terraform?.backend; // the local backend's absolute path names the app's folder
  if (copy.terraform?.required_providers?.google) {
    delete copy.terraform.required_providers.google.version;
  }
  return copy;
}

async function synthIn(dir, env) {
  fs.writeFileSync(path.join(dir, 'app.js'), APP);
  const { stdout } = await run('node', ['app.js'], { cwd: dir, env: { ...process.env, ...env }, maxBuffer: 100_000_000 });
  return JSON.parse(stdout);
}

async function main() {
  const started = Date.now();
  const work = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-peer-floor-'));
  try {
    const { stdout } = await run('npm', ['pack', '--silent', '--ignore-scripts', '--pack-destination', work], { cwd: root, maxBuffer: 10_000_000 });
    const tarball = path.join(work, stdout.trim().split('\n').pop());
    const floorApp = path.join(work, 'floor');
    const currentApp = path.join(work, 'current');
    fs.mkdirSync(floorApp);
    fs.mkdirSync(path.join(currentApp, 'node_modules'), { recursive: true });
    fs.writeFileSync(path.join(floorApp, 'package.json'), JSON.stringify({ name: 'peer-floor-check', version: '1.0.0', private: true }));
    // The current side: the library as built here, with the repository's own (development) peers.
    fs.symlinkSync(root, path.join(currentApp, 'node_modules', 'mlops-constructs'), 'dir');
    const [, current] = await Promise.all([
      run('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', tarball, ...Object.entries(FLOOR).map(([n, v]) => `${n}@${v}`)], { cwd: floorApp, maxBuffer: 10_000_000 }),
      synthIn(currentApp, { NODE_PATH: path.join(root, 'node_modules') }),
    ]);
    const floor = await synthIn(floorApp, {});
    for (const [name, version] of Object.entries(FLOOR)) {
      if (floor.versions[name] !== version) {
        throw new Error(`the floor app resolved ${name} ${floor.versions[name]}, not the floor ${version}`);
      }
    }
    const problems = [];
    const ids = new Set([...Object.keys(floor.resources), ...Object.keys(current.resources)]);
    for (const id of [...ids].sort()) {
      if (floor.resources[id] !== current.resources[id]) {
        problems.push(`AWS ${id}: ${floor.resources[id] ?? 'absent'} at the floor, ${current.resources[id] ?? 'absent'} with ${current.versions['aws-cdk-lib']}`);
      }
    }
    if (!floor.checks.aws.includes('W3030 Plain/Bucket') || JSON.stringify(floor.checks) !== JSON.stringify(current.checks)) {
      problems.push(`testing helpers: runChecks found ${JSON.stringify(floor.checks)} at the floor, ${JSON.stringify(current.checks)} with the development versions (the AWS side must include W3030 Plain/Bucket)`);
    }
    if (process.env.PEER_FLOOR_KEEP !== undefined) {
      fs.writeFileSync(path.join(process.env.PEER_FLOOR_KEEP, 'floor.tf.json'), JSON.stringify(normalizeTerraform(floor.tf), null, 1));
      fs.writeFileSync(path.join(process.env.PEER_FLOOR_KEEP, 'current.tf.json'), JSON.stringify(normalizeTerraform(current.tf), null, 1));
    }
    if (JSON.stringify(normalizeTerraform(floor.tf)) !== JSON.stringify(normalizeTerraform(current.tf))) {
      problems.push(`Google Cloud: the Terraform JSON differs between the floor (cdktf ${floor.versions.cdktf}, provider ${floor.versions['@cdktf/provider-google']}) and the development versions (cdktf ${current.versions.cdktf}, provider ${current.versions['@cdktf/provider-google']})`);
    }
    if (problems.length > 0) {
      throw new Error(`the peer floor does not work as the development versions do:\n  ${problems.join('\n  ')}`);
    }
    const tfCount = Object.values(floor.tf.resource).reduce((n, byName) => n + Object.keys(byName).length, 0);
    console.log(`peer floor ${Object.entries(FLOOR).map(([n, v]) => `${n}@${v}`).join(' ')}: a level-1 MlopsPlatform synthesized on each cloud, and a Cloud Run GPU endpoint, runChecks findings equal (AWS ${Object.keys(floor.resources).length} resources, same ids and types as ${current.versions['aws-cdk-lib']}; Google Cloud ${tfCount} resources, JSON equal to cdktf ${current.versions.cdktf} + provider ${current.versions['@cdktf/provider-google']}) in ${((Date.now() - started) / 1000).toFixed(1)} s`);
  } finally {
    fs.rmSync(work, { recursive: true, force: true });
  }
}

main().catch((e) => {
  console.error(e.stderr ? `${e.message}\n${e.stderr}` : e.message);
  process.exit(1);
});
