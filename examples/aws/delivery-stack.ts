/**
 * AWS example: delivery (maturity level 2). A CDK Pipelines pipeline builds this repository on every
 * push to `main` (install, test, synth with cdk-nag), deploys the serving stack to staging, waits
 * for a person's approval, and deploys it to production. Every model version approved in the
 * `acme-churn` registry (the continuous-training example's) runs the same pipeline: the synth step
 * looks up the latest approved package, the serving stacks are synthesized with it, and each
 * endpoint rolls it out with a canary (one instance first, rolled back by the error-rate and
 * latency alarms).
 *
 * One account and region for everything, staging and production apart by name
 * (`allowSharedEnvironment`): an endpoint serves model packages of its own account and region, and
 * the registry and the training lake are there. The serving stacks import the training lake's
 * buckets and key from the exports of `MlopsContinuousTrainingExample` (deploy it first, in the
 * same account and region), and serve SageMaker's built-in XGBoost image, the one the training
 * pipeline registers its versions with.
 *
 * Nothing to fill in. The stack creates the connection the pipeline reads the repository through
 * (pending until approved), and the repository is the context's:
 * 1. `npx cdk bootstrap` (the CLI's account and region);
 * 2. `npx cdk deploy MlopsDeliveryExample -c mlops-constructs:repository=<owner>/<name>`, the
 *    repository holding this CDK app (without the context the stack carries an error and
 *    `cdk deploy` refuses it);
 * 3. once, in the console (Developer Tools → Settings → Connections), approve the pending
 *    connection `MlopsDeliveryExample`; then release the pipeline's first run.
 */
import { Fn, Stack, StackProps, Stage, StageProps } from 'aws-cdk-lib';
import * as codestarconnections from 'aws-cdk-lib/aws-codestarconnections';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  ApprovedModelVersion, DataLake, DeliveryPipeline, ModelEndpoint, ModelEndpointDeployment, ModelEndpointTrafficSize, ModelRegistry, ProductionApproval,
} from 'mlops-constructs/aws';
import { EXPORTED_ZONES, trainingLakeExports } from './continuous-training-stack';
import { repositoryFromContext } from './repository-context';
import { xgboostRepository } from './xgboost-image';

/** The model package group the training pipeline registers into (the continuous-training example's). */
const GROUP = 'acme-churn';

/** The stack whose lake and registry the serving stacks use (examples/aws/app.ts). */
export const TRAINING_STACK_NAME = 'MlopsContinuousTrainingExample';

/** The churn endpoint, serving the registry's latest approved version. */
export class ChurnServingStack extends Stack {
  /** The endpoint. */
  public readonly endpoint: ModelEndpoint;
  /** The version this synth serves. */
  public readonly approved: ApprovedModelVersion;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    const registry = ModelRegistry.fromModelRegistryName(this, 'Registry', GROUP);
    // The pipeline's synth step puts the latest approved package into the context; the fallback
    // serves local synths and tests, which do not look it up.
    this.approved = ApprovedModelVersion.fromContext(this, registry, { fallbackVersion: 1 });
    // The continuous-training stack's lake, from its exports (an endpoint reads the artifacts zone).
    const exported = trainingLakeExports(TRAINING_STACK_NAME);
    const trainingLake = DataLake.fromDataLakeAttributes(this, 'TrainingLake', {
      zoneBuckets: Object.fromEntries(EXPORTED_ZONES.map((zone) => [zone, s3.Bucket.fromBucketName(this, `Lake-${zone}`, Fn.importValue(exported.buckets[zone]))])),
      encryptionKey: kms.Key.fromKeyArn(this, 'LakeKey', Fn.importValue(exported.key)),
    });
    this.endpoint = new ModelEndpoint(this, 'Churn', {
      model: this.approved.toModel({
        artifactsLake: trainingLake,
        imageRepository: xgboostRepository(this, 'Images'),
      }),
      // 2 × ml.m5.xlarge (the default); each new version takes one instance first for 10 minutes.
      deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.instances(1) }),
    });
  }
}

/** What staging and production deploy: the serving stack. */
export class ChurnServingStage extends Stage {
  /** The serving stack of this stage. */
  public readonly serving: ChurnServingStack;

  constructor(scope: Construct, id: string, props?: StageProps) {
    super(scope, id, props);
    this.serving = new ChurnServingStack(this, 'ChurnServing');
  }
}

/** The pipeline stack: the delivery pipeline and the two stages it deploys. */
export class DeliveryStack extends Stack {
  /** The pipeline. */
  public readonly delivery: DeliveryPipeline;
  /** The connection the pipeline reads the repository through: created pending, approved once in the console. */
  public readonly connection: codestarconnections.CfnConnection;

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const staging = new ChurnServingStage(this, 'Staging', { env: props.env });
    const production = new ChurnServingStage(this, 'Production', { env: props.env });
    this.connection = new codestarconnections.CfnConnection(this, 'Connection', { connectionName: this.stackName.slice(0, 32), providerType: 'GitHub' });
    this.delivery = new DeliveryPipeline(this, 'Delivery', {
      repository: repositoryFromContext(this, `${this.stackName}: its delivery pipeline needs repository`),
      connectionArn: this.connection.attrConnectionArn,
      // install: ['npm ci'], test: ['npm test'], synth: ['npx cdk synth'] are the defaults
      staging,
      production,
      allowSharedEnvironment: true,
      productionApproval: ProductionApproval.manual({ comment: 'Staging serves the new revision: check its endpoint alarms, then approve.' }),
      modelRegistry: ModelRegistry.fromModelRegistryName(this, 'Registry', GROUP),
    });
  }
}
