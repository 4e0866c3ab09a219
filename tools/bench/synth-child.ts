/**
 * One benchmark sample, in a fresh process: `node synth-child.js <aws|gcp> <library|l1> <spec.json>`
 * synthesizes every example stack of one cloud, either through the library (examples/<cloud>/app.ts)
 * or as the L1 rebuild read from `spec.json` (tools/bench/l1.ts), and prints one JSON line: wall and
 * CPU time from the first import, and the CPU time of each top-level stack (its construction and its
 * own synthesis; what the whole app shares — the first imports, the app-wide prepare phase, the
 * validator over all templates, the exit — stays in the totals), with the part of it spent inside
 * `require` (the modules that stack was the first to use, loaded lazily).
 *
 * The validator: AWS, the CloudFormation validator built into aws-cdk-lib, strict, off with
 * CDK_VALIDATION=false (as bin/bench.ts sets it); Google Cloud, the project's policy pack
 * (GcpFoundationChecks) run on every synthesized stack after synth, off with BENCH_POLICY=off.
 *
 * `node synth-child.js <cloud> prepare <spec.json>` (not timed) synthesizes the library's app,
 * writes the L1 spec, rebuilds it, and exits non-zero unless both outputs are equal.
 */
const startedWall = process.hrtime.bigint();
const startedCpu = process.cpuUsage();
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import type { App } from 'aws-cdk-lib';
import type { App as TfApp } from 'cdktf';
import type { IConstruct } from 'constructs';

// Each sample loads only its own cloud's toolchain (requires, not imports).
/* eslint-disable @typescript-eslint/no-require-imports */
const cdk = () => require('aws-cdk-lib') as typeof import('aws-cdk-lib');
const tf = () => require('cdktf') as typeof import('cdktf');

const [cloud, side, specFile] = process.argv.slice(2);
const out = fs.mkdtempSync(path.join(os.tmpdir(), `mlops-bench-${cloud}-${side}-`));
const policyOn = process.env.BENCH_POLICY !== 'off';

const cpuMs = () => {
  const u = process.cpuUsage(startedCpu);
  return (u.user + u.system) / 1000;
};

/**
 * CPU spent inside `require` (outermost calls only: loading a module and running its top level,
 * or finding it loaded), so that each stack's figure can say how much of it was loading the
 * modules that stack was the first to use. Installed after this file's own imports.
 */
let loadingCpu = 0;
{
  const Module = require('module') as { _load: (...args: unknown[]) => unknown };
  const load = Module._load;
  let depth = 0;
  Module._load = function loadTimed(this: unknown, ...args: unknown[]): unknown {
    const since = depth === 0 ? cpuMs() : 0;
    depth += 1;
    try {
      return load.apply(this, args);
    } finally {
      depth -= 1;
      if (depth === 0) {
        loadingCpu += cpuMs() - since;
      }
    }
  };
}

/** CPU per top-level stack: construction (between one top-level child's creation and the next) + its stacks' synthesis. */
const perStack: Record<string, number> = {};
/** Of `perStack`, the CPU inside `require`. */
const perStackLoading: Record<string, number> = {};
/** Adds the CPU and the loading CPU since `since` (a {@link mark}) to `stack`. */
function charge(stack: string, since: { cpu: number; loading: number }): void {
  perStack[stack] = (perStack[stack] ?? 0) + cpuMs() - since.cpu;
  perStackLoading[stack] = (perStackLoading[stack] ?? 0) + loadingCpu - since.loading;
}
const mark = () => ({ cpu: cpuMs(), loading: loadingCpu });
let current: { id: string; since: { cpu: number; loading: number } } | undefined;
function closeSegment(): void {
  if (current) {
    charge(current.id, current.since);
    current = undefined;
  }
}
/** Marks the start of each top-level stack's construction (a patch on the app's own node only). */
function watchTopLevel(app: IConstruct, isStack: (c: IConstruct) => boolean): void {
  const node = app.node as any;
  const addChild = node.addChild.bind(node);
  node.addChild = (child: IConstruct, name: string) => {
    if (isStack(child)) {
      closeSegment();
      current = { id: name, since: mark() };
    }
    addChild(child, name);
  };
}
/** Adds each stack's own synthesis to its top-level stack's figure. */
function watchSynthesis(stacks: Array<{ synthesizer: any; node: IConstruct['node'] }>): void {
  for (const stack of stacks) {
    const top = stack.node.scopes[1].node.id;
    const synthesizer = stack.synthesizer;
    const synthesize = synthesizer.synthesize.bind(synthesizer);
    synthesizer.synthesize = (session: unknown) => {
      const since = mark();
      try {
        return synthesize(session);
      } finally {
        charge(top, since);
      }
    };
  }
}

function awsApp(): App {
  // analyticsReporting off on both sides: CDKMetadata encodes the constructs used, which an L1 rebuild cannot match.
  return new (cdk().App)({ outdir: path.join(out, 'cdk.out'), analyticsReporting: false, context: { '@aws-cdk/core:validateAgainstDefaultRules': true } });
}

function runAws(build: (app: App) => void): App {
  const { Stack } = cdk();
  const app = awsApp();
  watchTopLevel(app, (c) => c instanceof Stack);
  build(app);
  closeSegment();
  watchSynthesis(app.node.findAll().filter((c) => c instanceof Stack) as any[]);
  app.synth();
  return app;
}

function runGcp(build: (app: TfApp) => void): void {
  const { App: GcpApp, TerraformStack } = tf();
  const app = new GcpApp({ outdir: path.join(out, 'cdktf.out') });
  watchTopLevel(app, (c) => c instanceof TerraformStack);
  build(app);
  closeSegment();
  const stacks = app.node.children.filter((c) => c instanceof TerraformStack) as any[];
  watchSynthesis(stacks);
  app.synth();
  if (policyOn) {
    const { GcpChecks } = require('mlops-constructs/gcp') as typeof import('../../lib/gcp');
    for (const stack of stacks) {
      const since = mark();
      const document = JSON.parse(fs.readFileSync(path.join(out, 'cdktf.out', 'stacks', stack.node.id, 'cdk.tf.json'), 'utf8'));
      GcpChecks.report(document, undefined, GcpChecks.acknowledgmentsOf(stack));
      charge(stack.node.id, since);
    }
  }
}

function prepare(): void {
  if (cloud === 'aws') {
    const l1 = require('./l1-aws') as typeof import('./l1-aws');
    const { buildAwsExamples } = require('../../examples/aws/app') as typeof import('../../examples/aws/app');
    const library = awsApp();
    buildAwsExamples(library);
    const spec = l1.awsL1Spec(library.synth());
    fs.writeFileSync(specFile, JSON.stringify(spec));
    const rebuilt = new (cdk().App)({ outdir: path.join(out, 'cdk.out.l1'), analyticsReporting: false });
    l1.buildAwsL1(rebuilt, JSON.parse(fs.readFileSync(specFile, 'utf8')));
    report(l1.compareAws(library.synth(), rebuilt.synth()), spec.length);
  } else {
    const l1 = require('./l1-gcp') as typeof import('./l1-gcp');
    const { buildGcpExamples } = require('../../examples/gcp/app') as typeof import('../../examples/gcp/app');
    const outdir = path.join(out, 'cdktf.out');
    const library = new (tf().App)({ outdir });
    buildGcpExamples(library);
    library.synth();
    const spec = l1.gcpL1Spec(library, outdir);
    fs.writeFileSync(specFile, JSON.stringify(spec));
    // The same outdir: the local backend's state path is the stack's, under the working directory.
    const l1dir = path.join(out, 'cdktf.out.l1');
    const rebuilt = new (tf().App)({ outdir: l1dir });
    l1.buildGcpL1(rebuilt, JSON.parse(fs.readFileSync(specFile, 'utf8')));
    rebuilt.synth();
    report(l1.compareGcp(spec, l1.gcpL1Spec(rebuilt, l1dir)), spec.length);
  }
}

function report(problems: string[], stacks: number): void {
  if (problems.length > 0) {
    console.error(`bench: the ${cloud} L1 rebuild differs from the library's output:\n${problems.join('\n')}`);
    process.exitCode = 1;
  } else {
    console.log(JSON.stringify({ stacks, equal: true }));
  }
}

try {
  if (side === 'prepare') {
    prepare();
  } else {
    if (side === 'library') {
      if (cloud === 'aws') {
        runAws((require('../../examples/aws/app') as typeof import('../../examples/aws/app')).buildAwsExamples);
      } else {
        runGcp((require('../../examples/gcp/app') as typeof import('../../examples/gcp/app')).buildGcpExamples);
      }
    } else {
      const spec = JSON.parse(fs.readFileSync(specFile, 'utf8'));
      if (cloud === 'aws') {
        runAws((app) => (require('./l1-aws') as typeof import('./l1-aws')).buildAwsL1(app, spec));
      } else {
        runGcp((app) => (require('./l1-gcp') as typeof import('./l1-gcp')).buildGcpL1(app, spec));
      }
    }
    console.log(JSON.stringify({ wallMs: Number(process.hrtime.bigint() - startedWall) / 1e6, cpuMs: cpuMs(), perStack, perStackLoading }));
  }
} finally {
  fs.rmSync(out, { recursive: true, force: true });
}
