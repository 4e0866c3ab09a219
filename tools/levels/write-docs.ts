/**
 * `npm run docs:levels`: writes docs/levels/level-<N>.md for each maturity level and docs/README.md
 * from the level definitions (lib/core/maturity), the reference stacks' construct trees and the
 * idle-cost tables. test/levels/docs.test.ts renders them again and fails when a committed file
 * differs, and parses every diagram with Mermaid's own parser.
 *
 * Diagrams are Mermaid `architecture-beta`: one group per cloud, one nested group per level, one
 * service per construct of this library in the reference stack's tree (with an approved model
 * version in the context, so the endpoint and the drift monitor are drawn), placed in the group of
 * the level that adds it; edges are the data flow between the platform's children, drawn when both
 * ends are in the tree.
 *
 * Google Cloud: the GCP reference stacks (examples/gcp/levels) and their idle-cost table
 * (tools/levels/idle-costs-gcp.ts) are read when they are in the build; otherwise the GCP column
 * says so.
 */
import * as fs from 'fs';
import * as path from 'path';
import { App, Stack } from 'aws-cdk-lib';
import { IConstruct } from 'constructs';
import { MATURITY_LEVELS, MaturityLevelDefinition } from '../../lib/core/maturity';
import * as awsLibrary from '../../lib/aws';
import { AWS_LEVELS, createLevelStack, MlopsLevelStack, SYNTH_CONTEXT } from '../../examples/aws/levels';
import { awsIdleCost, IdleCost } from './idle-costs';

const ROOT = path.join(__dirname, '..', '..');

/** One service of a diagram: a construct of the library, by its class and construct id. */
export interface DiagramService {
  readonly cls: string;
  readonly id: string;
  /** The level that adds the class. */
  readonly level: number;
}

/** What the docs know about one cloud at one level. */
export interface CloudLevel {
  readonly cloud: 'aws' | 'gcp';
  readonly stackName: string;
  readonly services: DiagramService[];
  readonly idle?: { readonly lines: ReadonlyArray<{ type: string; count: number; monthlyUsd?: number; note?: string }>; readonly pricedMonthlyUsd: number; readonly unpriced: readonly string[] };
  readonly idleWithEndpoint?: { readonly pricedMonthlyUsd: number; readonly unpriced: readonly string[] };
}

/** The level that adds a construct class. */
function levelOf(cls: string): number {
  return MATURITY_LEVELS.find((l) => l.addsConstructs.includes(cls))?.level ?? 0;
}

/** The library's constructs in the tree under `root` (itself left out), outermost first, one per construct. */
export function libraryServices(root: IConstruct, library: Record<string, unknown>): DiagramService[] {
  const classes = new Map<unknown, string>(Object.entries(library)
    .filter(([name, v]) => typeof v === 'function' && name !== 'MlopsPlatform')
    .map(([name, v]) => [v, name]));
  const services: DiagramService[] = [];
  for (const c of root.node.findAll()) {
    const cls = classes.get(Object.getPrototypeOf(c).constructor);
    if (cls !== undefined && MATURITY_LEVELS.some((l) => l.addsConstructs.includes(cls))) {
      services.push({ cls, id: c.node.id, level: levelOf(cls) });
    }
  }
  return services;
}

/** The context that says a version of the reference stack's registry is approved (drawn, not deployed: no account is written). */
function approvedContext(stackName: string): Record<string, string> {
  const group = `${stackName.toLowerCase()}-churn`;
  return { [`mlops-constructs:approvedModelPackage:${group}`]: `arn:aws:sagemaker:us-east-1:000000000000:model-package/${group}/1` };
}

/**
 * The library's constructs of a level stack's platform: under it, and (from level 2) in the stacks
 * it adds to the delivery stages, the staging endpoint drawn as `StagingEndpoint`.
 */
function awsServices(stack: MlopsLevelStack): DiagramService[] {
  const platform = stack.platform;
  const staging = platform.stagingEndpoint === undefined ? undefined : Stack.of(platform.stagingEndpoint);
  return [platform, ...platform.servingStacks].flatMap((root) => libraryServices(root, awsLibrary)
    .map((s) => (root === staging && s.id === 'Endpoint' ? { ...s, id: 'StagingEndpoint' } : s)));
}

function awsLevel(level: number): CloudLevel {
  const stack = createLevelStack(new App({ context: { ...SYNTH_CONTEXT } }), level);
  const withEndpoint = createLevelStack(new App({ context: { ...SYNTH_CONTEXT, ...approvedContext(`MlopsLevel${level}Aws`) } }), level);
  // Every stack of the level's app: the level stack and, from level 2, the stacks of its delivery stages (the endpoints are there).
  const template = (s: MlopsLevelStack) => App.of(s)!.synth().stacksRecursively.map((a) => a.template);
  const idle: IdleCost = awsIdleCost(template(stack));
  const idleWith = awsIdleCost(template(withEndpoint));
  return {
    cloud: 'aws',
    stackName: stack.stackName,
    services: awsServices(withEndpoint),
    idle: { lines: idle.lines.map((l) => ({ type: l.type, count: l.count, monthlyUsd: l.monthlyUsd, note: l.entry.note })), pricedMonthlyUsd: idle.pricedMonthlyUsd, unpriced: idle.unpriced },
    idleWithEndpoint: { pricedMonthlyUsd: idleWith.pricedMonthlyUsd, unpriced: idleWith.unpriced },
  };
}

/** The GCP side, when examples/gcp/levels is in the build. */
function gcpLevel(level: number): CloudLevel | undefined {
  const examples = path.join(ROOT, 'examples', 'gcp', 'levels', 'index.ts');
  const costs = path.join(ROOT, 'tools', 'levels', 'idle-costs-gcp.ts');
  if (!fs.existsSync(examples)) {
    return undefined;
  }
  /* eslint-disable @typescript-eslint/no-require-imports */
  const { App: TfApp, Testing } = require('cdktf');
  const gcp = require(examples);
  const gcpLibrary = require(path.join(ROOT, 'lib', 'gcp'));
  if (!(gcp.GCP_LEVELS as number[]).includes(level)) {
    return undefined;
  }
  const stack = gcp.createLevelStack(new TfApp(), level);
  let idle: CloudLevel['idle'];
  if (fs.existsSync(costs)) {
    const cost = require(costs).gcpIdleCost(JSON.parse(Testing.synth(stack)));
    idle = { lines: cost.lines.map((l: { type: string; count: number; monthlyUsd?: number; entry: { note?: string } }) => ({ type: l.type, count: l.count, monthlyUsd: l.monthlyUsd, note: l.entry.note })), pricedMonthlyUsd: cost.pricedMonthlyUsd, unpriced: cost.unpriced };
  }
  /* eslint-enable @typescript-eslint/no-require-imports */
  return { cloud: 'gcp', stackName: stack.node.id, services: libraryServices(stack.platform, gcpLibrary), idle };
}

/** Data flow between the platform's children (construct ids), each drawn when both ends exist. */
const FLOWS: ReadonlyArray<readonly [string, 'L' | 'R' | 'T' | 'B', string, 'L' | 'R' | 'T' | 'B']> = [
  ['Ingest', 'R', 'Lake', 'L'],
  ['Lake', 'R', 'Features', 'L'],
  ['Lake', 'B', 'Pipeline', 'T'],
  ['Training', 'R', 'Pipeline', 'L'],
  ['Pipeline', 'R', 'Registry', 'L'],
  ['Registry', 'R', 'Endpoint', 'L'],
  ['Registry', 'B', 'Delivery', 'T'],
  ['Delivery', 'R', 'Endpoint', 'B'],
  ['Delivery', 'L', 'StagingEndpoint', 'B'],
  ['Endpoint', 'T', 'Lake', 'B'],
  ['Endpoint', 'B', 'Drift', 'T'],
  ['Drift', 'L', 'Pipeline', 'B'],
];

const ICONS: Record<string, string> = { DataLake: 'database', FeatureStore: 'database', ModelRegistry: 'disk', StreamingIngest: 'internet' };

const slug = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '_');

/** The Mermaid `architecture-beta` diagram of the given clouds at a level. */
export function renderDiagram(level: number, clouds: readonly CloudLevel[]): string {
  const lines = ['architecture-beta'];
  for (const cloud of clouds) {
    const name = cloud.cloud === 'aws' ? 'AWS' : 'Google Cloud';
    lines.push(`    group ${cloud.cloud}(cloud)[${name} ${cloud.stackName}]`);
    for (const def of MATURITY_LEVELS.filter((l) => l.level <= level)) {
      const mine = cloud.services.filter((s) => s.level === def.level);
      if (mine.length === 0) continue;
      const group = `${cloud.cloud}_l${def.level}`;
      lines.push(`    group ${group}[Level ${def.level} ${def.name.replace(/[^A-Za-z0-9 ]/g, '')}] in ${cloud.cloud}`);
      for (const s of mine) {
        lines.push(`    service ${cloud.cloud}_${slug(s.id)}(${ICONS[s.cls] ?? 'server'})[${s.cls} ${s.id}] in ${group}`);
      }
    }
    const ids = new Set(cloud.services.map((s) => s.id));
    for (const [from, fromSide, to, toSide] of FLOWS) {
      if (ids.has(from) && ids.has(to)) {
        lines.push(`    ${cloud.cloud}_${slug(from)}:${fromSide} --> ${toSide}:${cloud.cloud}_${slug(to)}`);
      }
    }
  }
  return lines.join('\n');
}

/** What each level's page says beyond the definitions: data flow, day one, next level, what only a deploy shows. */
const TEXT: Record<number, { flow: string; dayOne: string[]; next: string; deployOnly: string[] }> = {
  0: {
    flow: 'The team writes the training table into the lake\'s curated zone (`customer_churn`), trains wherever it likes, uploads the model archive into the artifacts zone and registers a version in the model registry (`<prefix>-churn`). Once a version is approved, the next deploy creates the endpoint, which serves it.',
    dayOne: [
      '`npx cdk deploy MlopsLevel0Aws` (after `cdk bootstrap`): the lake and the registry; no endpoint yet (the synth warns `mlops-constructs:MlopsPlatform.noApprovedModelVersion`).',
      'Register a model package (built-in XGBoost image, archive in the artifacts zone) and approve it.',
      '`npx cdk deploy MlopsLevel0Aws -c mlops-constructs:approvedModelPackage:mlopslevel0aws-churn=<package ARN>`: the serverless endpoint serves it.',
    ],
    next: 'Level 1 adds the stream, the feature store and a scheduled training pipeline, in a network of their own: same lake, same registry (their logical ids do not change, tested).',
    deployOnly: ['That the hand-registered package is servable by the serverless endpoint (image, archive layout, memory).', 'Serverless cold starts.'],
  },
  1: {
    flow: 'Producers put JSON records on the Kinesis stream; Firehose writes them as Parquet into the raw zone (`orders`). A labelling job of the team fills `customer_churn` in curated (not part of the platform). Every day at 03:00 UTC the pipeline materializes a dataset version, trains the built-in XGBoost on it (a SageMaker training job in the isolated subnets), evaluates it, gates it on the bar and the champion and registers a version. The endpoint captures every request and response into the raw zone.',
    dayOne: [
      '`npx cdk deploy MlopsLevel1Aws`.',
      'Send records to the stream; fill the curated table; start the pipeline once by hand (`aws stepfunctions start-execution`) instead of waiting for 03:00.',
      'Approve the first registered version, then deploy again with its package ARN in the context (as at level 0): the endpoint (one ml.m5.large) starts serving and capturing.',
    ],
    next: 'Level 2 delivers the platform and every approved version through a pipeline: create a CodeConnections connection to your repository and give the repository in the context.',
    deployOnly: ['That Athena, the training and transform jobs and the gate run as written (see TrainingPipeline).', 'Firehose\'s Parquet conversion of real records.', 'Capture objects in the raw zone.'],
  },
  2: {
    flow: 'A push to the repository, or an approval in the registry, runs the delivery pipeline: source → install, test, synth (the synth step looks up the registry\'s latest approved version and writes it into the context) → the platform stack itself, by CDK Pipelines\' self-mutation (lake, registry, training; no endpoint from this level) → staging: the application and the staging endpoint `<prefix>-serving-staging` (serverless) serving the version → approval → production: the application and the production endpoint `<prefix>-serving`, which rolls the version out by canary (one instance for ten minutes, rolled back by its error-rate and latency alarms) and captures into the lake. The endpoints\' stacks (`MlopsLevel2Aws-Staging-Serving`, `MlopsLevel2Aws-Production-Serving`) import the lake through the platform stack\'s exports.',
    dayOne: [
      '`npx cdk deploy MlopsLevel2Aws -c mlops-constructs:repository=<owner/name>`, the repository holding this CDK app.',
      'Approve the pending connection `MlopsLevel2Aws` in the console (Developer Tools → Connections): until then the pipeline cannot read the repository.',
      'Push: from then on the pipeline deploys the platform; approvals in the registry deploy new versions to staging, then (once you approve in the pipeline) to production.',
      'Coming from level 1: the level-1 endpoint leaves the platform stack (its key and log group are retained) and production serves again once the pipeline has run.',
    ],
    next: 'Level 3 adds the drift monitor and lets retrained versions promote themselves when they beat the champion.',
    deployOnly: ['That the connection is approved and the synth step\'s lookup finds the approved package.', 'That the serverless staging endpoint serves what the instance-backed production endpoint will (memory, cold start).', 'The canary\'s bake and the alarm rollback on a real regression.', 'That staging and production (one account here) do not collide.'],
  },
  3: {
    flow: 'As level 2, plus: every day the drift monitor (in the platform stack) computes PSI, KS, unseen categories and missing rates of the production endpoint\'s captured requests (a Glue table the platform declares over the capture in its raw zone) against the training table, publishes them to CloudWatch, and on an alarm-level statistic starts the training pipeline; a retrained version that clears the bar and beats the champion is approved by the gate itself, which re-runs the delivery pipeline.',
    dayOne: [
      '`npx cdk deploy MlopsLevel3Aws -c mlops-constructs:repository=<owner/name>` and approve the connection.',
      'The drift monitor is created with the endpoints, from the first approved version (the pipeline\'s run after that approval deploys both).',
    ],
    next: 'This is the highest level. Grow sideways: more feature groups, more models (one platform per model), accelerators for the training spec.',
    deployOnly: ['The drift queries on real captures (proven offline on DuckDB only).', 'That a drift alarm starts a run while none is under way, and that the promoted version reaches the endpoint.'],
  },
};

/**
 * The Google Cloud side of the same sections, from the GCP reference stacks (examples/gcp/levels)
 * and what their constructs do (lib/gcp/mlops-platform).
 */
const GCP_TEXT: Record<number, { flow: string; dayOne: string[]; deployOnly: string[] }> = {
  0: {
    flow: 'The team writes the training table into the lake\'s curated dataset (`customer_churn`), trains wherever it likes, uploads a model version to the Vertex AI Model Registry (`models.upload`, the body from `platform.registry.uploadModelRequest(...)`) and deploys it onto the endpoint (`deployModel`, from `platform.endpoint.deployModelRequest(...)`): Terraform cannot deploy a model onto a Vertex AI endpoint, so the endpoint exists from the first apply, without a model.',
    dayOne: [
      '`npm run synth`, then `cd cdktf.out/stacks/mlops-level-0-gcp && terraform init && terraform apply -var project=<project id> -var region=<region>`: the APIs, the key, the lake, the registry\'s accounts and topic, the endpoint.',
      'Upload a model version and deploy it onto the endpoint with the two request bodies above (gcloud or the API).',
    ],
    deployOnly: ['That the Vertex AI service agent exists when its key grant is applied (Google creates it on the API\'s first use: re-run the apply if the grant fails once).'],
  },
  1: {
    flow: 'Producers publish records to the Pub/Sub topic; its BigQuery subscription writes them into the raw zone (`orders`). A labelling job of the team fills `customer_churn` in curated. Every day Cloud Scheduler starts the training workflow: BigQuery exports a dataset version, a Vertex AI custom job trains the prebuilt XGBoost on it in the peered network, the workflow evaluates and gates it and uploads a version with the `challenger` or `champion` alias. The endpoint logs requests and responses into the raw zone.',
    dayOne: [
      '`terraform apply -var project=<project id> -var region=<region>` in `cdktf.out/stacks/mlops-level-1-gcp`.',
      'Publish records; fill the curated table; start the workflow once by hand (`gcloud workflows run`) instead of waiting for the schedule.',
      'Deploy the first `champion` onto the endpoint (`deployModel`), as at level 0: from then on it logs what it serves.',
    ],
    deployOnly: ['That the connectors, the export and the custom job run as written (see TrainingPipeline).', 'Whether turning request logging on updates the endpoint in place.', 'That the region offers Optimized online serving.'],
  },
  2: {
    flow: 'A push to the branch runs the staging trigger: install, test, synth, `terraform plan` and `apply` of the app\'s staging stack, then the tested commit is published to the promotion topic; the production trigger waits for an approval in Cloud Build, checks the branch is still at that commit and applies production. Each `champion` the registry announces runs the same path with the version. After the production apply, the build starts the endpoint\'s canary rollout workflow with the version: 10 % of the traffic for ten minutes, rolled back (and the build failed) when its error rate or model latency in Cloud Monitoring passes the rollback levels, else promoted to all traffic.',
    dayOne: [
      'Create and authorize the Cloud Build 2nd-gen GitHub connection in the console, in the project and region, under the id `github` (or pass yours as `-var connection=<id>`).',
      '`terraform apply -var project=<project id> -var region=<region> -var repository=<owner/name>` in `cdktf.out/stacks/mlops-level-2-gcp` (the repository of the app the pipeline delivers, validated at plan), then declare the GCS backend of the state bucket it creates (`…-tfstate`, prefixes `staging` and `production`) in the app\'s two stacks.',
      'Grant the deployer accounts what the app\'s stacks create (`deployRoles`): until then their plans fail on the missing permission.',
    ],
    deployOnly: ['That Cloud Build fills `COMMIT_SHA` in builds started from Pub/Sub (the production commit check depends on it).', 'That the deployers\' roles are enough for the delivered stacks.', 'That the rollout workflow\'s Vertex AI and Cloud Monitoring calls behave as generated (the tests read the workflow; they do not run it).'],
  },
  3: {
    flow: 'As level 2, plus: every day Cloud Scheduler starts the drift workflow, which computes PSI, KS, unseen categories and missing rates of the logged requests against the training table in BigQuery, writes them to Cloud Monitoring custom metrics and, on an alarm-level statistic, starts the training workflow; a retrained version that beats the champion takes the `champion` alias, whose announcement re-runs the delivery.',
    dayOne: [
      'As level 2 (`-var repository=<owner/name>` too), in `cdktf.out/stacks/mlops-level-3-gcp`.',
      'Runs before the endpoint\'s first logged request fail (Vertex AI creates its logging table then) and raise the failed-executions alert: deploy a champion first.',
    ],
    deployOnly: ['Whether Vertex AI partitions its logging table on `logging_time` (the window predicate prunes only then).', 'How late a window\'s last requests land in the table.'],
  },
};

const usd = (n: number | undefined) => (n === undefined ? 'price not in the table' : `$${n.toFixed(2)}`);

function idleSection(cloud: CloudLevel | undefined, label: string): string[] {
  if (cloud === undefined) {
    return [`**${label}**: the reference stacks of this cloud are not in this build.`, ''];
  }
  if (cloud.idle === undefined) {
    return [`**${label}** (\`${cloud.stackName}\`): no idle-cost table in this build.`, ''];
  }
  const out = [`**${label}** (\`${cloud.stackName}\`${cloud.cloud === 'aws' ? ', before a model version is approved' : ''}): ${usd(cloud.idle.pricedMonthlyUsd)} a month${cloud.idle.unpriced.length ? `, plus ${cloud.idle.unpriced.map((t) => `\`${t}\``).join(', ')} (no price in the table)` : ''}.`, ''];
  if (cloud.idle.lines.length > 0) {
    out.push('| resource type | count | per month | note |', '|---|---|---|---|');
    for (const l of cloud.idle.lines) {
      out.push(`| \`${l.type}\` | ${l.count} | ${usd(l.monthlyUsd)} | ${(l.note ?? '').replace(/\|/g, '\\|')} |`);
    }
    out.push('');
  }
  if (cloud.idleWithEndpoint) {
    out.push(`With the endpoint serving an approved version: ${usd(cloud.idleWithEndpoint.pricedMonthlyUsd)} a month${cloud.idleWithEndpoint.unpriced.length ? ` plus ${cloud.idleWithEndpoint.unpriced.map((t) => `\`${t}\``).join(', ')}, which bills per instance-hour (no price for its instance type in the table)` : ''}.`, '');
  }
  return out;
}

function renderLevel(def: MaturityLevelDefinition, aws: CloudLevel, gcp: CloudLevel | undefined): string {
  const t = TEXT[def.level];
  const g = GCP_TEXT[def.level];
  const services = (c: CloudLevel | undefined) => (c === undefined ? 'not in this build' : c.services.map((s) => `\`${s.cls}\` (${s.id})`).join(', '));
  const lines = [
    `<!-- Generated by \`npm run docs:levels\` (tools/levels/write-docs.ts) from lib/core/maturity, the reference stacks and the idle-cost tables. Do not edit. -->`,
    `# Level ${def.level}: ${def.name}`,
    '',
    def.summary,
    '',
    `Adds: ${def.adds.map((c) => `\`${c}\``).join(', ')}; constructs ${def.addsConstructs.map((c) => `\`${c}\``).join(', ')}. `
      + `In the industry's models: Google — ${def.industry.google}; Microsoft — ${def.industry.microsoft}; AWS — ${def.industry.aws}.`,
    '',
    '| | AWS | Google Cloud |',
    '|---|---|---|',
    `| reference stack | \`${aws.stackName}\` | ${gcp ? `\`${gcp.stackName}\`` : 'not in this build'} |`,
    `| constructs | ${services(aws)} | ${services(gcp)} |`,
    '',
    '## Architecture',
    '',
    'Generated from the construct trees (with an approved model version, so the endpoint is drawn).',
    '',
    '```mermaid',
    renderDiagram(def.level, gcp ? [aws, gcp] : [aws]),
    '```',
    '',
    '## Data flow (AWS)',
    '',
    t.flow,
    '',
    ...(gcp ? ['## Data flow (Google Cloud)', '', g.flow, ''] : []),
    '## Day one (AWS)',
    '',
    ...t.dayOne.map((d, i) => `${i + 1}. ${d}`),
    '',
    ...(gcp ? ['## Day one (Google Cloud)', '', ...g.dayOne.map((d, i) => `${i + 1}. ${d}`), ''] : []),
    '## Moving to the next level',
    '',
    t.next,
    '',
    '## What only a deploy shows',
    '',
    ...t.deployOnly.map((d) => `- AWS: ${d}`),
    ...(gcp ? g.deployOnly.map((d) => `- Google Cloud: ${d}`) : []),
    '',
    '## What bills while idle',
    '',
    'Estimates from the committed price tables (tools/levels/idle-costs.ts and idle-costs-gcp.ts: each price with its source and date), computed from the synthesized stack; US East list prices on AWS.',
    '',
    ...idleSection(aws, 'AWS'),
    ...idleSection(gcp, 'Google Cloud'),
  ];
  return `${lines.join('\n').trimEnd()}\n`;
}

function renderReadme(): string {
  const lines = [
    `<!-- Generated by \`npm run docs:levels\` (tools/levels/write-docs.ts) from lib/core/maturity. Do not edit. -->`,
    '# MLOps maturity levels',
    '',
    'Each level is one `MlopsPlatform` construct with a `level` (the same on both clouds); raising the number adds children and replaces none of the lake, the registry or the feature groups (tested). The reference stacks deploy with `npx cdk deploy MlopsLevel<N>Aws` on AWS and `terraform init && terraform apply -var project=… -var region=…` on Google Cloud (levels 2 and 3: also `-var repository=owner/name`).',
    '',
    '| level | gives the team | Google | Microsoft | AWS |',
    '|---|---|---|---|---|',
    ...MATURITY_LEVELS.map((l) => `| [${l.level}: ${l.name}](levels/level-${l.level}.md) | ${l.summary} | ${l.industry.google} | ${l.industry.microsoft} | ${l.industry.aws} |`),
    '',
    'Sources: Google Cloud, "MLOps: Continuous delivery and automation pipelines in machine learning"; Microsoft, "Machine Learning operations maturity model"; AWS, "MLOps foundation roadmap for enterprises with Amazon SageMaker" (links in lib/core/maturity/levels.ts).',
  ];
  return `${lines.join('\n')}\n`;
}

/** Every generated file, by path relative to the repository root. */
export function renderLevelDocs(): Record<string, string> {
  const files: Record<string, string> = { 'docs/README.md': renderReadme() };
  for (const def of MATURITY_LEVELS) {
    if (!AWS_LEVELS.includes(def.level)) continue;
    files[`docs/levels/level-${def.level}.md`] = renderLevel(def, awsLevel(def.level), gcpLevel(def.level));
  }
  return files;
}

if (require.main === module) {
  for (const [file, text] of Object.entries(renderLevelDocs())) {
    fs.mkdirSync(path.dirname(path.join(ROOT, file)), { recursive: true });
    fs.writeFileSync(path.join(ROOT, file), text);
    console.log(`wrote ${file}`);
  }
}
