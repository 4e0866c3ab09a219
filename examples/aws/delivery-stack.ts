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
 * the registry and the training lake are there. The training lake's buckets and key are
 * imported by names and ARN: replace them with the ones the continuous-training stack created.
 *
 * Once, by hand, before the first `cdk deploy MlopsDeliveryExample` (see README, "Delivery"):
 * create and approve the connection in the console, put its ARN below, and
 * `cdk bootstrap aws://111111111111/eu-west-1`.
 */
import { Stack, StackProps, Stage, StageProps } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import {
  ApprovedModelVersion, DataLake, DeliveryPipeline, ModelEndpoint, ModelEndpointDeployment, ModelEndpointTrafficSize, ModelRegistry, ProductionApproval,
} from 'mlops-constructs/aws';

/** The model package group the training pipeline registers into (the continuous-training example's). */
const GROUP = 'acme-churn';

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
    const bucket = (zone: string) => s3.Bucket.fromBucketName(this, `Lake-${zone}`, `acme-ml-training-${zone}-0123456789ab`);
    const trainingLake = DataLake.fromDataLakeAttributes(this, 'TrainingLake', {
      zoneBuckets: { raw: bucket('raw'), curated: bucket('curated'), artifacts: bucket('artifacts') },
      encryptionKey: kms.Key.fromKeyArn(this, 'LakeKey', 'arn:aws:kms:eu-west-1:111111111111:key/0a1b2c3d-4e5f-6a7b-8c9d-0e1f2a3b4c5d'),
    });
    this.endpoint = new ModelEndpoint(this, 'Churn', {
      model: this.approved.toModel({
        artifactsLake: trainingLake,
        imageRepository: ecr.Repository.fromRepositoryName(this, 'Images', 'sagemaker-xgboost'),
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

  constructor(scope: Construct, id: string, props: StackProps) {
    super(scope, id, props);
    const staging = new ChurnServingStage(this, 'Staging', { env: props.env });
    const production = new ChurnServingStage(this, 'Production', { env: props.env });
    this.delivery = new DeliveryPipeline(this, 'Delivery', {
      repository: 'acme/ml-platform',
      connectionArn: 'arn:aws:codeconnections:eu-west-1:111111111111:connection/7d2469ff-514a-4e4f-9003-5ca4a43cdc41',
      // install: ['npm ci'], test: ['npm test'], synth: ['npx cdk synth'] are the defaults
      staging,
      production,
      allowSharedEnvironment: true,
      productionApproval: ProductionApproval.manual({ comment: 'Staging serves the new revision: check its endpoint alarms, then approve.' }),
      modelRegistry: ModelRegistry.fromModelRegistryName(this, 'Registry', GROUP),
    });
  }
}
