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
import { App, Stack, StackProps } from 'aws-cdk-lib';
import * as codestarconnections from 'aws-cdk-lib/aws-codestarconnections';
import { Construct } from 'constructs';
import { MlopsPlatform, MlopsPlatformDeliveryOptions } from 'mlops-constructs/aws';
import { churnRetraining, churnTraining, orders } from '../../schemas';
import { repositoryFromContext } from '../repository-context';
import { ApplicationStage } from './application';
import { LevelNetwork } from './network';

export { MISSING_REPOSITORY, REPOSITORY_CONTEXT, SYNTH_CONTEXT } from '../repository-context';

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
    const repository = repositoryFromContext(this, `${this.stackName} is level ${level}: its delivery pipeline needs delivery.repository`);
    // The platform adds its endpoint to each stage (a stack of its own, `<stack>-<stage>-Serving`);
    // the application calls the endpoint of its stage by name, without a cross-stage reference.
    return {
      repository,
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
