/**
 * The AWS reference architectures of the maturity levels 0–3: one stack per level, `MlopsLevel<N>Aws`,
 * each an {@link MlopsPlatform} at that level over the shared churn model (examples/schemas.ts).
 *
 * Zero parameters: the account and region are the CLI's (`CDK_DEFAULT_ACCOUNT`/`CDK_DEFAULT_REGION`),
 * the network is created here from level 1 (the jobs need one), nothing is a placeholder.
 * `npx cdk deploy MlopsLevel1Aws` after `cdk bootstrap` is the whole deployment.
 *
 * Scale: the level-3 stack must stay under 250 resources (CloudFormation allows 500, tested). Past
 * that, the split would follow the construct tree — the serving side (`Endpoint`, `Delivery`) and
 * the data side (`Ingest`, `Features`, `Drift`) as `NestedStack`s of the platform, the lake and the
 * registry staying in the parent so their logical ids (and data) never move.
 */
import { Annotations, App, Stack, StackProps } from 'aws-cdk-lib';
import * as codestarconnections from 'aws-cdk-lib/aws-codestarconnections';
import { Construct } from 'constructs';
import { MlopsPlatform, MlopsPlatformDeliveryOptions } from 'mlops-constructs/aws';
import { churnRetraining, churnTraining, orders } from '../../schemas';
import { ApplicationStage } from './application';
import { LevelNetwork } from './network';

/**
 * The context key naming the repository the level-2 and level-3 pipelines build
 * (`cdk deploy MlopsLevel2Aws -c mlops-constructs:repository=<owner/name>`).
 */
export const REPOSITORY_CONTEXT = 'mlops-constructs:repository';

/**
 * The context this repository's own synths build the level stacks with (the checks, the tests, the
 * docs generator): a repository name for the level-2 and level-3 pipelines to be drawn from. Not a
 * default: `cdk deploy` reads the context you give it, and without one the stack is refused.
 */
export const SYNTH_CONTEXT: { readonly [key: string]: string } = { [REPOSITORY_CONTEXT]: 'example-org/ml-platform' };

/**
 * What the level-2 and level-3 pipelines are built with while the context names no repository: a
 * value the pipeline construct accepts, so that the rest of the app (level 0 and 1, the other
 * examples) still synthesizes, in a stack that carries an error annotation — `cdk deploy` of that
 * stack stops on it (see {@link MlopsLevelStack}). Never deployed.
 */
export const MISSING_REPOSITORY = 'missing-context/mlops-constructs-repository';

/** Properties of a {@link MlopsLevelStack}. */
export interface MlopsLevelStackProps extends StackProps {
  /** The maturity level, 0 to 3. */
  readonly level: number;
  /**
   * The committed `replacementFingerprint` of the feature group (level ≥ 1): its name derives from
   * the stack name, so each stack commits its own.
   * @default - none: synth fails and prints the one to commit
   */
  readonly featureFingerprint?: string;
}

/** The feature group fingerprints of the reference stacks, as their first synth printed them. */
const FEATURE_FINGERPRINTS: { readonly [stackName: string]: string } = {
  MlopsLevel1Aws: 'v1.501740.1a8ce8.6ae92d.ee5606.3bd75a.57401f.23fd24.74234e',
  MlopsLevel2Aws: 'v1.721cd6.1a8ce8.6ae92d.ee5606.2cdcaa.57401f.23fd24.74234e',
  MlopsLevel3Aws: 'v1.1c4483.1a8ce8.6ae92d.ee5606.c8334c.57401f.23fd24.74234e',
};

/** A stack holding one MLOps platform at a level, and the network it needs. */
export class MlopsLevelStack extends Stack {
  /** The platform. */
  public readonly platform: MlopsPlatform;
  /** The jobs' network, from level 1. */
  public readonly network?: LevelNetwork;
  /** The connection the pipeline reads the repository through, from level 2: created pending, approved once in the console. */
  public connection?: codestarconnections.CfnConnection;

  constructor(scope: Construct, id: string, props: MlopsLevelStackProps) {
    super(scope, id, props);
    this.network = props.level >= 1 ? new LevelNetwork(this, 'Network') : undefined;
    // The stack's name, so that two level stacks in one account have their own names, and a stack
    // keeps its names (and its lake, registry and feature groups) when its level grows.
    const prefix = this.stackName.toLowerCase();
    this.platform = new MlopsPlatform(this, 'Platform', {
      level: props.level,
      prefix,
      training: props.level >= 3 ? churnRetraining : churnTraining,
      events: orders,
      vpc: this.network?.vpc,
      vpcSubnets: this.network?.subnets,
      featureGroups: props.level >= 1 ? [{ spec: MlopsPlatform.defaultFeatureGroup(churnTraining), replacementFingerprint: props.featureFingerprint }] : undefined,
      delivery: props.level >= 2 ? this.delivery(props.level, prefix) : undefined,
    });
  }

  /**
   * Level 2 and 3: a connection (pending until approved in the console), the repository from the
   * context, and the application's staging and production stages, in this stack's account and
   * region (one account: staging and production apart by name).
   */
  private delivery(level: number, prefix: string): MlopsPlatformDeliveryOptions {
    this.connection = new codestarconnections.CfnConnection(this, 'Connection', { connectionName: `${this.stackName}`.slice(0, 32), providerType: 'GitHub' });
    const repository: unknown = this.node.tryGetContext(REPOSITORY_CONTEXT);
    if (repository === undefined) {
      // An annotation, not a throw: the App builds every stack, and `cdk deploy MlopsLevel1Aws` must
      // not fail because a level-2 stack next to it has no repository. The CDK CLI refuses to
      // deploy (or synth by name) a stack with an error annotation.
      Annotations.of(this).addError(`${this.stackName} is level ${level}: its delivery pipeline needs delivery.repository, the repository `
        + `holding this CDK app ("owner/name"), from the context ${REPOSITORY_CONTEXT}. Deploy with `
        + `\`npx cdk deploy ${this.stackName} -c ${REPOSITORY_CONTEXT}=<owner>/<name>\` (or set it in cdk.json's "context").`);
    }
    // The platform adds its endpoint to each stage (a stack of its own, `<stack>-<stage>-Serving`);
    // the application calls the endpoint of its stage by name, without a cross-stage reference.
    return {
      repository: (repository ?? MISSING_REPOSITORY) as string,
      connectionArn: this.connection.attrConnectionArn,
      staging: new ApplicationStage(this, 'Staging', { endpointName: MlopsPlatform.endpointName(prefix, 'staging'), stackName: `${this.stackName}-Staging` }),
      production: new ApplicationStage(this, 'Production', { endpointName: MlopsPlatform.endpointName(prefix, 'production'), stackName: `${this.stackName}-Production` }),
      allowSharedEnvironment: true,
    };
  }
}

/** The reference stack of `level`, `MlopsLevel<level>Aws`, in the CLI's account and region. */
export function createLevelStack(app: App, level: number): MlopsLevelStack {
  return new MlopsLevelStack(app, `MlopsLevel${level}Aws`, {
    level,
    featureFingerprint: FEATURE_FINGERPRINTS[`MlopsLevel${level}Aws`],
    env: { account: process.env.CDK_DEFAULT_ACCOUNT, region: process.env.CDK_DEFAULT_REGION },
    description: `MLOps maturity level ${level} on AWS (mlops-constructs reference architecture)`,
  });
}

/** The levels this build has reference stacks for. */
export const AWS_LEVELS: readonly number[] = [0, 1, 2, 3];
