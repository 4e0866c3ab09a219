#!/usr/bin/env node
/**
 * `npm run test:git-install` (run by .ci/run after `npm test`): installs this repository from a
 * local git URL into a fresh app, as a team does while the package is not on a registry
 * (`npm install git+https://…/mlops-constructs.git`), and synthesizes a DataLake on each cloud.
 *
 * npm builds a git dependency by installing its devDependencies in a temporary clone and running
 * its `prepare` script (tools/prepare.js: `npm run build`, skipped when npm runs `prepare` again on
 * the same clone before packing), then packs it with the `files` list; without
 * `prepare` the installed package held no `dist/` and failed at `require`. What is installed is
 * the repository's HEAD commit, not uncommitted changes. The peers come from the npm cache
 * (`--prefer-offline`), at the exact versions this repository tests with.
 *
 * Outside `npm test` because it is an install, not a unit test: about a minute, most of it npm
 * installing the devDependencies for the build.
 */
const { execFileSync } = require('child_process');
const fs = require('fs');
const os = require('os');
const path = require('path');

const root = path.join(__dirname, '..', '..');
const versions = require(path.join(root, 'package.json')).devDependencies;
const peers = ['aws-cdk-lib', 'constructs', 'cdktf', '@cdktf/provider-google'];

const app = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-git-install-'));
try {
  fs.writeFileSync(path.join(app, 'package.json'), JSON.stringify({ name: 'git-install-check', version: '1.0.0', private: true }));
  const started = Date.now();
  // --foreground-scripts: the output of the `prepare` npm runs before packing (the one in the
  // clone's own `npm install` stays inside npm), to see that it found the build current; the log
  // level set here, since `npm run -s` passes `silent` down, which hides the script banners.
  const installLog = execFileSync('npm', ['install', '--prefer-offline', '--no-audit', '--no-fund', '--foreground-scripts', '--loglevel=notice', `git+file://${root}`, ...peers.map((p) => `${p}@${versions[p]}`)], { cwd: app, stdio: ['ignore', 'pipe', 'inherit'], encoding: 'utf8', maxBuffer: 100_000_000 });
  const secondPrepare = /^> mlops-constructs@\S+ prepare$/m.test(installLog);
  if (secondPrepare && !installLog.includes('prepare: dist/ is the build of the current sources')) {
    throw new Error(`npm ran prepare again before packing and it built again (tools/prepare.js did not find its stamp current):\n${installLog}`);
  }
  const installed = path.join(app, 'node_modules', 'mlops-constructs');
  for (const file of ['dist/lib/core/index.js', 'dist/lib/aws/index.d.ts', 'dist/lib/gcp/index.js', 'dist/handlers/training-pipeline-gate/index.js']) {
    if (!fs.existsSync(path.join(installed, file))) {
      throw new Error(`the package installed from git lacks ${file}: the build on install (prepare) did not run or did not ship it`);
    }
  }
  fs.writeFileSync(path.join(app, 'app.js'), `
const { FieldType, TableSchema } = require('mlops-constructs');
const orders = new TableSchema({ name: 'orders', fields: [{ name: 'id', type: FieldType.STRING }, { name: 'at', type: FieldType.TIMESTAMP }], entityKeys: ['id'], eventTime: 'at' });
const aws = require('aws-cdk-lib');
const awsApp = new aws.App({ outdir: 'cdk.out' });
new (require('mlops-constructs/aws').DataLake)(new aws.Stack(awsApp, 'Aws'), 'Lake', { tables: [{ zone: 'raw', schema: orders }] });
const template = awsApp.synth().getStackByName('Aws').template;
const cdktf = require('cdktf');
const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
const gcpApp = new cdktf.App({ outdir: 'cdktf.out' });
const gcpStack = new cdktf.TerraformStack(gcpApp, 'gcp');
new GoogleProvider(gcpStack, 'google', { project: 'git-install-check' });
new (require('mlops-constructs/gcp').DataLake)(gcpStack, 'Lake', { prefix: 'git-install-check', tables: [{ zone: 'raw', schema: orders }] });
gcpApp.synth();
const tf = JSON.parse(require('fs').readFileSync('cdktf.out/stacks/gcp/cdk.tf.json', 'utf8'));
const count = (types, t) => types.filter((x) => x === t).length;
const awsTypes = Object.values(template.Resources).map((r) => r.Type);
console.log(JSON.stringify({ awsBuckets: count(awsTypes, 'AWS::S3::Bucket'), awsTables: count(awsTypes, 'AWS::Glue::Table'), gcpBuckets: Object.keys(tf.resource.google_storage_bucket).length, gcpTables: Object.keys(tf.resource.google_bigquery_table).length }));
`);
  const out = JSON.parse(execFileSync('node', ['app.js'], { cwd: app, encoding: 'utf8' }).trim().split('\n').pop());
  const expected = { awsBuckets: 4, awsTables: 1, gcpBuckets: 4, gcpTables: 1 };
  if (JSON.stringify(out) !== JSON.stringify(expected)) {
    throw new Error(`the app synthesized ${JSON.stringify(out)}, expected ${JSON.stringify(expected)}`);
  }
  console.log(`installed from git+file://${root} (HEAD) and synthesized a DataLake on each cloud in ${((Date.now() - started) / 1000).toFixed(1)} s: ${JSON.stringify(out)}${secondPrepare ? '; the second prepare skipped the build' : ''}`);
} finally {
  fs.rmSync(app, { recursive: true, force: true });
}
