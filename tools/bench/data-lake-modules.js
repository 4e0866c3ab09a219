// Benchmark: the toolchain files (aws-cdk-lib, constructs, cdktf, @cdktf/provider-google: anything
// under node_modules) that loading a DataLake needs, for the entry-point comparison of bin/bench.ts.
//
// `node tools/bench/data-lake-modules.js <entry point> aws|gcp` prints
// `{ needed: [...], notNeeded: [...] }`: of the toolchain files that `require(entry).DataLake`
// loads, those that building a DataLake in a fresh process (App, stack, DataLake, synth) loads too
// are `needed` (the baseline requires them, in load order); the others are loaded for nothing and
// stay on the library's side of the ratio. aws-cdk-lib's service entry points (aws-s3/index.js)
// are lazy, so requiring them alone would leave out the files a construct actually runs.
const { execFileSync } = require('child_process');

const [entry, cloud] = process.argv.slice(2);
if (!entry || (cloud !== 'aws' && cloud !== 'gcp')) {
  throw new Error('usage: node tools/bench/data-lake-modules.js <entry point> aws|gcp');
}

const build = {
  aws: `const cdk = require('aws-cdk-lib');
    const app = new cdk.App();
    new DataLake(new cdk.Stack(app, 'Bench'), 'Lake');
    app.synth();`,
  gcp: `const cdktf = require('cdktf');
    const { GoogleProvider } = require('@cdktf/provider-google/lib/provider');
    const app = new cdktf.App({ outdir: require('fs').mkdtempSync(require('path').join(require('os').tmpdir(), 'bench-')) });
    const stack = new cdktf.TerraformStack(app, 'bench');
    new GoogleProvider(stack, 'google', { project: 'bench-project' });
    new DataLake(stack, 'Lake', { prefix: 'bench', location: 'europe-west4' });
    app.synth();
    require('fs').rmSync(app.outdir, { recursive: true, force: true });`,
}[cloud];

/** The files in require.cache after `script`, in load order, in a fresh process. */
function loaded(script) {
  const out = execFileSync('node', ['-e', `const { DataLake } = require(${JSON.stringify(entry)});
    void DataLake;
    ${script}
    console.log(JSON.stringify(Object.keys(require.cache)));`], { encoding: 'utf8', env: { ...process.env, CDK_VALIDATION: 'false' } });
  return JSON.parse(out.trim().split('\n').pop());
}

const toolchain = (file) => file.includes(`${require('path').sep}node_modules${require('path').sep}`);
const byRequire = loaded('').filter(toolchain);
const byBuild = new Set(loaded(build).filter(toolchain));
console.log(JSON.stringify({
  needed: byRequire.filter((f) => byBuild.has(f)),
  notNeeded: byRequire.filter((f) => !byBuild.has(f)),
}));
