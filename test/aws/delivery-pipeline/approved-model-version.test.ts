/**
 * Model delivery, end to end as far as synth goes: the synth step's lookup command (run here with
 * a stand-in `aws` CLI) caches the approved package ARN in cdk.context.json; ApprovedModelVersion
 * reads it (or the offline fallback, or fails clearly); and the staging and production stacks of a
 * pipeline serve that version, so an approval reaches production through the same stages.
 */
import { execFileSync } from 'child_process';
import * as fs from 'fs';
import * as os from 'os';
import * as path from 'path';
import { App, Stack, Stage } from 'aws-cdk-lib';
import { Template } from 'aws-cdk-lib/assertions';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { MlopsValidationError } from 'mlops-constructs';
import {
  APPROVED_MODEL_PACKAGE_CONTEXT_PREFIX, ApprovedModelVersion, DataLake, DeliveryPipeline, ModelEndpoint, ModelEndpointDeployment, ModelRegistry,
} from 'mlops-constructs/aws';
import { CONNECTION_ARN, newStage, PIPELINE_ENV } from './fixtures';

const KEY = `${APPROVED_MODEL_PACKAGE_CONTEXT_PREFIX}acme-churn`;
const ARN_7 = 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/acme-churn/7';

/** A serving stack: a lake and an endpoint serving the approved version with a canary. */
class ServingStack extends Stack {
  public readonly approved: ApprovedModelVersion;
  constructor(scope: Stage | App, id: string, fallbackVersion?: number) {
    super(scope, id);
    const lake = new DataLake(this, 'Lake');
    const registry = ModelRegistry.fromModelRegistryName(this, 'Registry', 'acme-churn');
    this.approved = ApprovedModelVersion.fromContext(this, registry, { fallbackVersion });
    new ModelEndpoint(this, 'Churn', {
      model: this.approved.toModel({ artifactsLake: lake, imageRepository: ecr.Repository.fromRepositoryName(this, 'Images', 'churn-inference') }),
      deployment: ModelEndpointDeployment.canary(),
    });
  }
}

function packageOf(stack: Stack): unknown {
  const [model] = Object.values(Template.fromStack(stack).findResources('AWS::SageMaker::Model'));
  return model.Properties.PrimaryContainer.ModelPackageName;
}

describe('ApprovedModelVersion.fromContext', () => {
  test('reads the package ARN the pipeline cached: group and version, from the context', () => {
    const app = new App({ context: { [KEY]: ARN_7 } });
    const stack = new ServingStack(app, 'Serving');
    expect(stack.approved).toMatchObject({ modelPackageGroupName: 'acme-churn', version: 7, fromFallback: false, modelPackageArn: ARN_7 });
    expect(JSON.stringify(packageOf(stack))).toContain(':model-package/acme-churn/7');
  });

  test('without the context, the explicit fallback (tests, local synth)', () => {
    const stack = new ServingStack(new App(), 'Serving', 2);
    expect(stack.approved).toMatchObject({ version: 2, fromFallback: true, modelPackageArn: undefined });
    expect(JSON.stringify(packageOf(stack))).toContain(':model-package/acme-churn/2');
  });

  test('the context wins over the fallback', () => {
    expect(new ServingStack(new App({ context: { [KEY]: ARN_7 } }), 'Serving', 2).approved.version).toBe(7);
  });

  test('neither: an error naming the context key and how to set it', () => {
    expect(() => new ServingStack(new App(), 'Serving')).toThrow(
      new RegExp(`\\[Serving\\] invalid context "${KEY}": undefined\\. Allowed: the ARN of the latest approved package of acme-churn: .*cdk synth -c ${KEY}=<model package ARN>`));
  });

  test.each([
    ['arn:aws:sagemaker:eu-west-1:111111111111:model-package/other-group/7'],
    ['arn:aws:sagemaker:eu-west-1:111111111111:model-package-group/acme-churn'],
    ['acme-churn/7'],
    ['arn:aws:sagemaker:eu-west-1:111111111111:model-package/acme-churn/0'],
    [7],
  ])('a context value that is not a package of this group (%j) is refused', (value) => {
    try {
      new ServingStack(new App({ context: { [KEY]: value } }), 'Serving');
      throw new Error('accepted');
    } catch (e) {
      expect(e).toBeInstanceOf(MlopsValidationError);
      expect((e as MlopsValidationError).property).toBe(`context "${KEY}"`);
      expect((e as MlopsValidationError).value).toBe(value);
    }
  });

  test.each([[0], [1.5], ['1']])('a fallback that is not a version (%j) is refused', (fallbackVersion) => {
    expect(() => new ServingStack(new App(), 'Serving', fallbackVersion as number)).toThrow(/invalid fallbackVersion/);
  });

  test('a package of another account or region than the serving stack is refused (the endpoint names packages in its own)', () => {
    const app = new App({ context: { [KEY]: ARN_7 } });
    const stack = new Stack(app, 'S', { env: { account: '111111111111', region: 'us-east-1' } });
    expect(() => ApprovedModelVersion.fromContext(stack, ModelRegistry.fromModelRegistryName(stack, 'R', 'acme-churn')))
      .toThrow(/Allowed: a package in the serving stack's account and region \(111111111111\/us-east-1\)/);
  });

  test('the group is matched case-insensitively (SageMaker ARNs spell it in lower case)', () => {
    const app = new App({ context: { [`${APPROVED_MODEL_PACKAGE_CONTEXT_PREFIX}Acme-Churn`]: 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/acme-churn/4' } });
    const stack = new Stack(app, 'S');
    expect(ApprovedModelVersion.fromContext(stack, ModelRegistry.fromModelRegistryName(stack, 'R', 'Acme-Churn')).version).toBe(4);
  });
});

describe('the synth step\'s lookup command', () => {
  let dir: string;
  beforeEach(() => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'mlops-approved-'));
  });
  afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

  /** Runs the command of the synth step in `dir`, with an `aws` on PATH that prints `output` and logs its arguments. */
  function runLookup(output: string): { context: Record<string, string>; awsArgs: string } {
    const app = new App();
    const stack = new Stack(app, 'Tools', { env: PIPELINE_ENV });
    const delivery = new DeliveryPipeline(stack, 'Delivery', {
      repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN,
      staging: newStage(app, 'Staging', { account: '222222222222', region: 'eu-west-1' }),
      production: newStage(app, 'Production', { account: '333333333333', region: 'eu-west-1' }),
      modelRegistry: ModelRegistry.fromModelRegistryName(stack, 'Registry', 'acme-churn'),
    });
    const [project] = Object.entries(Template.fromStack(stack).findResources('AWS::CodeBuild::Project')).filter(([id]) => id.includes('BuildSynth'));
    const command: string = JSON.parse(project[1].Properties.Source.BuildSpec).phases.build.commands[1];
    expect(delivery.synthStep.commands).toContain(command);
    const bin = path.join(dir, 'bin');
    fs.mkdirSync(bin);
    fs.writeFileSync(path.join(bin, 'aws'), `#!/bin/sh\necho "$@" > "${dir}/aws-args"\necho '${output}'\n`, { mode: 0o755 });
    execFileSync('bash', ['-c', command], { cwd: dir, env: { ...process.env, PATH: `${bin}:${process.env.PATH}` }, stdio: 'pipe' });
    return { context: JSON.parse(fs.readFileSync(path.join(dir, 'cdk.context.json'), 'utf8')), awsArgs: fs.readFileSync(path.join(dir, 'aws-args'), 'utf8').trim() };
  }

  test('asks SageMaker for the latest approved package of the group and caches its ARN, keeping the other cached lookups', () => {
    fs.writeFileSync(path.join(dir, 'cdk.context.json'), JSON.stringify({ 'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a'] }));
    const { context, awsArgs } = runLookup(ARN_7);
    expect(awsArgs).toBe('sagemaker list-model-packages --model-package-group-name acme-churn --model-approval-status Approved --sort-by CreationTime '
      + '--sort-order Descending --max-results 1 --query ModelPackageSummaryList[0].ModelPackageArn --output text --no-paginate');
    expect(context).toEqual({ 'availability-zones:account=111111111111:region=eu-west-1': ['eu-west-1a'], [KEY]: ARN_7 });
  });

  test('no approved version yet ("None"): a stale cached ARN is removed, so the app falls back or fails', () => {
    fs.writeFileSync(path.join(dir, 'cdk.context.json'), JSON.stringify({ [KEY]: 'arn:aws:sagemaker:eu-west-1:111111111111:model-package/acme-churn/1' }));
    expect(runLookup('None').context).toEqual({});
  });
});

test('an approved version reaches staging, then production, through the pipeline\'s stages', () => {
  // What the synth step does in the build: the lookup caches the ARN, the CLI passes it to the app.
  const app = new App({ context: { [KEY]: ARN_7 } });
  const stack = new Stack(app, 'Tools', { env: PIPELINE_ENV });
  const staging = new Stage(app, 'Staging', { env: PIPELINE_ENV });
  const stagingServing = new ServingStack(staging, 'Serving');
  // Both serve the registry's packages, so both are where the registry is (allowSharedEnvironment).
  const production = new Stage(app, 'Production', { env: PIPELINE_ENV });
  const productionServing = new ServingStack(production, 'Serving');
  const delivery = new DeliveryPipeline(stack, 'Delivery', {
    repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging, production, allowSharedEnvironment: true,
    modelRegistry: ModelRegistry.fromModelRegistryName(stack, 'Registry', 'acme-churn'),
  });
  for (const serving of [stagingServing, productionServing]) {
    expect(JSON.stringify(packageOf(serving))).toContain(':model-package/acme-churn/7');
  }
  const [pipeline] = Object.values(Template.fromStack(stack).findResources('AWS::CodePipeline::Pipeline'));
  expect(pipeline.Properties.Stages.map((s: any) => s.Name)).toEqual(['Source', 'Build', 'UpdatePipeline', 'Staging', 'ApproveProduction', 'Production']);
  expect(delivery.modelApprovedRule).toBeDefined();
});
