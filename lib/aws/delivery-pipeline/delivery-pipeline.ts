import { Annotations, RemovalPolicy, Stack, Stage, Token, TokenComparison, Validations } from 'aws-cdk-lib/core';
import * as codebuild from 'aws-cdk-lib/aws-codebuild';
import * as codepipeline from 'aws-cdk-lib/aws-codepipeline';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY } from 'aws-cdk-lib/cx-api';
import { Construct, IConstruct } from 'constructs';
import { MlopsValidationError, NamingRule, throwIfProblems } from '../../core';
import { IModelRegistry } from '../model-registry';
import { GrantPolicyOptions, managedPolicyGrantee } from '../private/grants';
import { flagWeakenedKey, keyProps, logGroupKeyStatement } from '../private/kms';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { ACCESS_LOGS_BUCKET_DEFAULTS, bucketRemovalProps, DATA_BUCKET_DEFAULTS, lifecycleRules } from '../private/s3';
import { resolveApprovedPackageCommand } from './private/model-context';
import { acknowledgePipelineFindings } from './private/nag';
import {
  BRANCH_DESCRIPTION, branchNameProblem, commandsProblem, CONNECTION_ARN_DESCRIPTION, isConnectionArn, isRepository, REPOSITORY_DESCRIPTION,
} from './private/validation';
import { ProductionApproval } from './production-approval';
import { AWS_GUARD_CONTEXT } from '../private/guard';
import { DELIVERY_PIPELINE_PROPS_GUARD } from './private/props-guard';

/** Stable ids of the warnings a DeliveryPipeline adds. */
export const DELIVERY_PIPELINE_WARNINGS = {
  /** An encryption key passed in is a key of this app whose rotation is off. */
  keyRotationDisabled: 'mlops-constructs:DeliveryPipeline.keyRotationDisabled',
  /** Production deploys without a manual approval (`ProductionApproval.waived(reason)`). */
  approvalWaived: 'mlops-constructs:DeliveryPipeline.approvalWaived',
} as const;

/**
 * CodePipeline pipeline names: 1 to 100 letters, digits, ".", "@", "-" and "_".
 * @see https://docs.aws.amazon.com/codepipeline/latest/APIReference/API_PipelineDeclaration.html
 */
export const PIPELINE_NAME_RULE: NamingRule = {
  pattern: /^[A-Za-z0-9.@_-]{1,100}$/,
  description: '1 to 100 letters, digits, ".", "@", "-" and "_"',
};

/** The names of the pipeline's CodePipeline stages that this construct adds, in order. */
export const DELIVERY_PIPELINE_STAGES = {
  /** The source action (CodeConnections). */
  source: 'Source',
  /** The synth step: install, test, (resolve the approved model), synth. */
  build: 'Build',
  /** The approval between staging and production. */
  approval: 'ApproveProduction',
} as const;

/** The approval action's name in the approval stage. */
const APPROVAL_ACTION = 'Approve';
/** What an approver reads in the console before approving. */
const APPROVER_READ_ACTIONS = ['codepipeline:GetPipeline', 'codepipeline:GetPipelineState', 'codepipeline:GetPipelineExecution', 'codepipeline:ListPipelineExecutions', 'codepipeline:ListActionExecutions'];
/** The pipeline's grant policies (`DeliveryPipelineGrants-*`): no wildcard resources. */
const DELIVERY_PIPELINE_GRANTS: GrantPolicyOptions = { idPrefix: 'DeliveryPipelineGrants', kind: 'delivery pipeline' };

/** The CodeBuild image of every project: Amazon Linux with Node 18 and 20, the AWS CLI v2. */
const BUILD_IMAGE = codebuild.LinuxBuildImage.STANDARD_7_0;
/** The Node.js runtime of the builds. */
const NODE_VERSION = '20';

/** Retention of the build logs. */
const BUILD_LOG_RETENTION = logs.RetentionDays.ONE_YEAR;

/**
 * A delivery pipeline: CDK Pipelines on CodePipeline, building a CDK app from its repository and
 * deploying it to staging, then (after approval) production.
 *
 * There is no `fromDeliveryPipelineAttributes`: a delivery pipeline is generated from the app it
 * delivers (its stages are that app's stages), which an import would not have; start or watch an
 * existing pipeline with `codepipeline.Pipeline.fromPipelineArn`.
 */
export interface IDeliveryPipeline extends IConstruct {
  /** The CodePipeline pipeline's name. */
  readonly pipelineName: string;
  /** The CodePipeline pipeline's ARN. */
  readonly pipelineArn: string;
  /** The key of the artifact bucket and the build logs. */
  readonly encryptionKey: kms.IKey;
}

/** Properties of a {@link DeliveryPipeline}. */
export interface DeliveryPipelineProps {
  /**
   * The repository of the CDK app, `owner/name` (GitHub, GitHub Enterprise Server, Bitbucket or
   * GitLab through the connection).
   */
  readonly repository: string;

  /**
   * The branch that is delivered: every push to it runs the pipeline. Validated as git would
   * (`git check-ref-format --branch`).
   * @default 'main'
   */
  readonly branch?: string;

  /**
   * The ARN of the AWS CodeConnections connection (`codeconnections` or its older spelling
   * `codestar-connections`) that reads `repository`. The connection is created in the console
   * and approved there once by the repository's owner; it cannot be created from a template in
   * the AVAILABLE state. Required: a connection is the one source built so far (CodeCommit and
   * S3 sources, which have no `owner/name`, are not).
   */
  readonly connectionArn: string;

  /**
   * Commands that install the app's dependencies, in the synth step's install phase.
   * @default ['npm ci']
   */
  readonly installCommands?: string[];

  /**
   * The app's tests, run after install and before synth: a failing test stops the pipeline before
   * anything deploys. May be empty.
   * @default ['npm test']
   */
  readonly testCommands?: string[];

  /**
   * Commands that synthesize the app into `cdk.out`. Register cdk-nag on the app
   * (`Aspects.of(app).add(new AwsSolutionsChecks())`) and an unacknowledged finding fails this
   * command, and so the build.
   * @default ['npx cdk synth']
   */
  readonly synthCommands?: string[];

  /**
   * The stage deployed first, after every successful build. A `Stage` of the same App as the
   * pipeline's stack; its `env` is where it deploys (another account needs the bootstrap trust
   * described in the class doc).
   */
  readonly staging: Stage;

  /** The stage deployed after staging and the production approval. A `Stage` of the same App. */
  readonly production: Stage;

  /**
   * Whether a person approves each production deployment.
   * @default ProductionApproval.manual()
   */
  readonly productionApproval?: ProductionApproval;

  /**
   * Allow staging and production in the same account (both are in the pipeline's region). Refused by default: staging
   * exists to find what production would break, which a shared account and region does not
   * isolate (quotas, names, IAM, data). Stages without an `env` deploy where the pipeline is,
   * so two of them share it.
   * @default false
   */
  readonly allowSharedEnvironment?: boolean;

  /**
   * Model delivery: each version approved in this registry re-runs the pipeline (an EventBridge
   * rule targets it), and the synth step resolves the registry's latest approved package into the
   * app's context for {@link ApprovedModelVersion.fromContext}. The registry must be in the
   * pipeline's account and region (SageMaker's approval events are delivered there); import it
   * into the pipeline stack with `ModelRegistry.fromModelRegistryName`.
   * @default - no model delivery: only pushes run the pipeline
   */
  readonly modelRegistry?: IModelRegistry;

  /**
   * The pipeline's name (see {@link PIPELINE_NAME_RULE}).
   * @default - derived from the stack name and the construct path
   */
  readonly pipelineName?: string;

  /**
   * The key of the artifact bucket and the build logs.
   * @default - a new key with yearly rotation, retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to the artifact and access-log buckets, the build log group and the key when
   * they leave the stack. `DESTROY` needs the app context
   * `mlops-constructs:allowDataDestruction: true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A delivery pipeline on AWS (maturity level 2): CDK Pipelines (`aws-cdk-lib/pipelines`) on a
 * CodePipeline V2 pipeline that builds a CDK app from its repository and delivers it through
 *
 * `Source` → `Build` (install → test → synth) → `UpdatePipeline` (self-mutation) → `Assets` (when the
 * app has any) → staging → `ApproveProduction` → production,
 *
 * with the artifact bucket and the build logs encrypted with a rotating key, retained.
 *
 * Model delivery (`modelRegistry`): an approved version of the registry starts the pipeline through
 * the same path. The synth step looks up the latest approved package
 * (`aws sagemaker list-model-packages … --model-approval-status Approved`) and caches its ARN in
 * `cdk.context.json`, where {@link ApprovedModelVersion.fromContext} reads it in the serving
 * stack, so the version is written into that stack's template: the stack is the source of truth
 * (a redeploy of an older revision is a rollback, and `cdk diff` shows the version change). The
 * endpoint's own canary or linear deployment with alarm rollback (ModelEndpoint) protects each
 * rollout. Why not a deploy-time lookup (a custom resource): the template would then not say
 * which version runs, and reverting the stack would not revert the model.
 *
 * What cannot be automated, once per setup:
 * - approve the connection (console → Developer Tools → Settings → Connections → Update pending
 *   connection): a connection created by a template stays PENDING until its owner authorizes it;
 * - bootstrap each account and region the pipeline deploys to, trusting the pipeline's account:
 *   `cdk bootstrap aws://<staging account>/<region> --trust <pipeline account>
 *   --cloudformation-execution-policies arn:aws:iam::aws:policy/AdministratorAccess` (narrow the
 *   execution policy to what the app deploys), and the pipeline's own account and region with
 *   `cdk bootstrap aws://<pipeline account>/<region>`;
 * - the first `cdk deploy <pipeline stack>`; afterwards the pipeline updates itself.
 *
 * | staging, production env                | allowSharedEnvironment | result                                   |
 * |----------------------------------------|------------------------|------------------------------------------|
 * | a region other than the pipeline's     | any                    | refused at synth (replication buckets)   |
 * | different accounts, pipeline's region  | any                    | deployed; cross-account keys when needed |
 * | same account and region (or both none) | false (default)        | refused at synth                         |
 * | same account and region (or both none) | true                   | deployed to the one environment          |
 *
 * Not verifiable without a deploy: that the connection is available, that the target accounts
 * trust the pipeline's account, and that approval events reach the rule.
 *
 * @see https://docs.aws.amazon.com/cdk/v2/guide/cdk_pipeline.html
 * @see https://docs.aws.amazon.com/cdk/api/v2/docs/aws-cdk-lib.pipelines-readme.html
 */
export class DeliveryPipeline extends Construct implements IDeliveryPipeline {
  /** The pipeline's name. */
  public readonly pipelineName: string;
  /** The key of the artifact bucket and the build logs. */
  public readonly encryptionKey: kms.IKey;
  /** The artifact bucket (SSE-KMS with {@link encryptionKey}, versioned, access-logged, retained). */
  public readonly artifactBucket: s3.Bucket;
  /** The log group of every CodeBuild project of the pipeline (encrypted, one year, retained). */
  public readonly logGroup: logs.LogGroup;
  /** The CDK Pipelines pipeline (already built). */
  public readonly cdkPipeline: pipelines.CodePipeline;
  /** The CodePipeline pipeline. */
  public readonly pipeline: codepipeline.Pipeline;
  /** The synth step: install, test, resolve the approved model, synth. */
  public readonly synthStep: pipelines.CodeBuildStep;
  /** The rule that starts the pipeline when a model version is approved; `undefined` without `modelRegistry`. */
  public readonly modelApprovedRule?: events.Rule;
  /** Whether staging or production is in another account than the pipeline. */
  public readonly crossEnvironment: boolean;

  constructor(scope: Construct, id: string, props: DeliveryPipelineProps) {
    super(scope, id);
    // Log delivery to the access-logs bucket through a bucket policy (as the lake does), so ACLs stay disabled.
    this.node.setContext(S3_SERVER_ACCESS_LOGS_USE_BUCKET_POLICY, true);
    DELIVERY_PIPELINE_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    const { repository, branch, connectionArn } = this.resolveSource(props);
    const installCommands = this.resolveCommands('installCommands', props.installCommands === undefined ? ['npm ci'] : props.installCommands, true);
    const testCommands = this.resolveCommands('testCommands', props.testCommands === undefined ? ['npm test'] : props.testCommands, true);
    const synthCommands = this.resolveCommands('synthCommands', props.synthCommands === undefined ? ['npx cdk synth'] : props.synthCommands, false);
    const approval = this.resolveApproval(props.productionApproval);
    this.resolveStages(props.staging, props.production, props.allowSharedEnvironment);
    const registry = this.resolveRegistry(props.modelRegistry);
    this.pipelineName = props.pipelineName === undefined ? defaultPrefix(this) : resolveName(this, 'pipelineName', props.pipelineName, PIPELINE_NAME_RULE);

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', keyProps(`Delivery pipeline ${this.pipelineName}: artifacts and build logs`, removalPolicy));
    if (props.encryptionKey) {
      flagWeakenedKey(this, props.encryptionKey, { warningId: DELIVERY_PIPELINE_WARNINGS.keyRotationDisabled, property: 'encryptionKey', owner: 'pipeline' });
    }
    this.artifactBucket = this.createArtifactBucket(removalPolicy);
    this.logGroup = this.createLogGroup(removalPolicy);

    const stack = Stack.of(this);
    this.crossEnvironment = [props.staging, props.production].some((stage) => !knownSame(stage.account ?? stack.account, stack.account)
      || !knownSame(stage.region ?? stack.region, stack.region));

    const listPolicy = registry && new iam.PolicyStatement({
      sid: 'ResolveApprovedModelPackage',
      actions: ['sagemaker:ListModelPackages'],
      // ListModelPackages has no resource type: the group is a request parameter.
      resources: ['*'],
    });
    this.synthStep = new pipelines.CodeBuildStep('Synth', {
      input: pipelines.CodePipelineSource.connection(repository, branch, { connectionArn, triggerOnPush: true }),
      installCommands,
      commands: [...testCommands, ...(registry ? [resolveApprovedPackageCommand(registry.modelPackageGroupName)] : []), ...synthCommands],
      rolePolicyStatements: listPolicy ? [listPolicy] : undefined,
    });
    this.cdkPipeline = new pipelines.CodePipeline(this, 'Pipeline', {
      pipelineName: this.pipelineName,
      pipelineType: codepipeline.PipelineType.V2,
      synth: this.synthStep,
      artifactBucket: this.artifactBucket,
      crossAccountKeys: this.crossEnvironment,
      enableKeyRotation: this.crossEnvironment ? true : undefined,
      codeBuildDefaults: {
        logging: { cloudWatch: { logGroup: this.logGroup } },
        buildEnvironment: { buildImage: BUILD_IMAGE },
        // The library and current CDK CLIs need Node 20 or later; the image's default is older.
        partialBuildSpec: codebuild.BuildSpec.fromObject({ phases: { install: { 'runtime-versions': { nodejs: NODE_VERSION } } } }),
      },
    });
    this.cdkPipeline.addStage(props.staging);
    const rendered = approval._render(APPROVAL_ACTION, props.staging.stageName);
    if (rendered.step) {
      this.cdkPipeline.addWave(DELIVERY_PIPELINE_STAGES.approval, { pre: [rendered.step] });
    } else {
      Annotations.of(this).addWarningV2(DELIVERY_PIPELINE_WARNINGS.approvalWaived,
        `Production (${props.production.stageName}) deploys without a manual approval: ${rendered.waiverReason}`);
    }
    this.cdkPipeline.addStage(props.production);
    this.cdkPipeline.buildPipeline();
    this.pipeline = this.cdkPipeline.pipeline;

    for (const approver of rendered.approvers) {
      this.grantApproveProduction(approver);
    }
    if (registry) {
      this.modelApprovedRule = registry.onVersionApproved(`DeliveryPipeline-${this.node.id}`, {
        description: `A version of ${registry.modelPackageGroupName} was approved: deliver it through ${this.pipelineName}`,
        target: new targets.CodePipeline(this.pipeline),
      });
    }
    acknowledgePipelineFindings(this.cdkPipeline);
  }

  /** The pipeline's ARN. */
  public get pipelineArn(): string {
    return this.pipeline.pipelineArn;
  }

  /** `PutApprovalResult` on the production approval action, and the pipeline reads the console needs. */
  private grantApproveProduction(grantee: iam.IGrantable): iam.Grant {
    const to = managedPolicyGrantee(this, grantee, DELIVERY_PIPELINE_GRANTS);
    const stack = Stack.of(this);
    const pipelineArn = stack.formatArn({ service: 'codepipeline', resource: this.pipelineName });
    return iam.Grant.addToPrincipal({ grantee: to, actions: ['codepipeline:PutApprovalResult'], resourceArns: [`${pipelineArn}/${DELIVERY_PIPELINE_STAGES.approval}/${APPROVAL_ACTION}`] })
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: APPROVER_READ_ACTIONS, resourceArns: [pipelineArn] }));
  }

  private resolveSource(props: DeliveryPipelineProps): { repository: string; branch: string; connectionArn: string } {
    if (!isRepository(props.repository)) {
      throw new MlopsValidationError(this, 'repository', props.repository, REPOSITORY_DESCRIPTION);
    }
    const branch = props.branch === undefined ? 'main' : props.branch;
    const branchProblem = branchNameProblem(branch);
    if (branchProblem !== undefined) {
      throw new MlopsValidationError(this, 'branch', branch, `${BRANCH_DESCRIPTION}; here: ${branchProblem}`);
    }
    if (props.connectionArn === undefined || !isConnectionArn(props.connectionArn)) {
      throw new MlopsValidationError(this, 'connectionArn', props.connectionArn, CONNECTION_ARN_DESCRIPTION);
    }
    return { repository: props.repository, branch, connectionArn: props.connectionArn };
  }

  private resolveCommands(property: string, value: unknown, allowEmpty: boolean): string[] {
    const problem = commandsProblem(value, allowEmpty);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, property, value, problem);
    }
    return [...(value as string[])];
  }

  private resolveApproval(approval: ProductionApproval | undefined): ProductionApproval {
    const resolved = approval === undefined ? ProductionApproval.manual() : approval;
    if (!(resolved instanceof ProductionApproval)) {
      throw new MlopsValidationError(this, 'productionApproval', approval, 'ProductionApproval.manual(options?) or ProductionApproval.waived(reason)');
    }
    throwIfProblems(this, 'productionApproval', resolved.problems());
    return resolved;
  }

  private resolveStages(staging: unknown, production: unknown, allowShared: unknown): void {
    const app = Stage.of(this);
    for (const [property, stage] of [['staging', staging], ['production', production]] as const) {
      if (!Stage.isStage(stage)) {
        throw new MlopsValidationError(this, property, stage, 'a cdk Stage (new Stage(app, id, { env })) holding the stacks to deploy');
      }
      if (stage === app || stage.node.scopes.includes(this)) {
        throw new MlopsValidationError(this, property, stage.node.path, 'a Stage of its own, outside this pipeline (not the pipeline\'s own stage or app)');
      }
      if (!stage.node.findAll().some((c) => Stack.isStack(c))) {
        throw new MlopsValidationError(this, property, stage.node.path, 'a Stage holding at least one Stack (create the stage\'s stacks before the pipeline)');
      }
    }
    if (staging === production) {
      throw new MlopsValidationError(this, 'production', (production as Stage).node.path, 'a different Stage than staging');
    }
    if (allowShared !== undefined && typeof allowShared !== 'boolean') {
      throw new MlopsValidationError(this, 'allowSharedEnvironment', allowShared, 'true or false');
    }
    const stack = Stack.of(this);
    const s = staging as Stage;
    const p = production as Stage;
    for (const [property, stage] of [['staging', s], ['production', p]] as const) {
      if (stage.region !== undefined && Token.compareStrings(stage.region, stack.region) === TokenComparison.DIFFERENT) {
        throw new MlopsValidationError(this, property, `${stage.node.path} in ${stage.region}`,
          `a Stage in the pipeline's region ${stack.region} (any account): a stage in another region needs CodePipeline replication buckets `
          + 'in that region, which CDK Pipelines would create without encryption key, access logs or versioning; create a pipeline in that region instead');
      }
    }
    const shared = knownSame(s.account ?? stack.account, p.account ?? stack.account) && knownSame(s.region ?? stack.region, p.region ?? stack.region);
    if (shared && allowShared !== true) {
      throw new MlopsValidationError(this, 'production', `${p.node.path} in ${describeEnv(p, stack)} like staging ${s.node.path}`,
        'staging and production in different accounts (Stage env; a Stage without env deploys to the pipeline\'s), '
        + 'or allowSharedEnvironment: true to deploy both to one account and region');
    }
  }

  private resolveRegistry(registry: IModelRegistry | undefined): IModelRegistry | undefined {
    if (registry === undefined) {
      return undefined;
    }
    const name = (registry as Partial<IModelRegistry> | null)?.modelPackageGroupName;
    if (typeof name !== 'string' || typeof (registry as Partial<IModelRegistry>).onVersionApproved !== 'function' || Token.isUnresolved(name)) {
      throw new MlopsValidationError(this, 'modelRegistry', name ?? registry, 'a model registry (IModelRegistry) whose group name is known at synth time');
    }
    const mine = Stack.of(this);
    const theirs = Stack.of(registry);
    if (Stage.of(theirs) !== Stage.of(mine) || !knownSame(theirs.account, mine.account) || !knownSame(theirs.region, mine.region)) {
      throw new MlopsValidationError(this, 'modelRegistry', registry.node.path,
        'a registry in the pipeline\'s stage, account and region (SageMaker sends its approval events there): '
        + 'ModelRegistry.fromModelRegistryName(pipelineStack, id, name)');
    }
    return registry;
  }

  private createArtifactBucket(removalPolicy: RemovalPolicy): s3.Bucket {
    const accessLogs = new s3.Bucket(this, 'AccessLogs', {
      ...ACCESS_LOGS_BUCKET_DEFAULTS,
      lifecycleRules: lifecycleRules({ expireAfterDays: 365, noncurrentVersionExpirationDays: 30 }),
      ...bucketRemovalProps(removalPolicy),
    });
    Validations.of(accessLogs).acknowledge(...ACCESS_LOGS_ACKNOWLEDGMENTS);
    const bucket = new s3.Bucket(this, 'Artifacts', {
      ...DATA_BUCKET_DEFAULTS,
      encryptionKey: this.encryptionKey,
      serverAccessLogsBucket: accessLogs,
      serverAccessLogsPrefix: 'artifacts/',
      // Build artifacts are inputs of one execution; old versions only serve a rollback of a few weeks.
      lifecycleRules: lifecycleRules({ noncurrentVersionExpirationDays: 90 }),
      ...bucketRemovalProps(removalPolicy),
    });
    Validations.of(bucket).acknowledge({ id: 'NIST.800.53.R5-S3BucketReplicationEnabled', reason: ARTIFACT_REPLICATION_REASON });
    return bucket;
  }

  private createLogGroup(removalPolicy: RemovalPolicy): logs.LogGroup {
    const logGroupName = `/aws/codebuild/${this.pipelineName}`;
    this.encryptionKey.addToResourcePolicy(logGroupKeyStatement(this, logGroupName, { sid: 'BuildLogGroupEncryption' }));
    return new logs.LogGroup(this, 'BuildLogs', { logGroupName, encryptionKey: this.encryptionKey, retention: BUILD_LOG_RETENTION, removalPolicy });
  }
}

const ARTIFACT_REPLICATION_REASON = 'Replication needs a destination bucket in a second region that the account owner chooses and owns, which one stack cannot '
  + 'create. Pipeline artifacts are rebuilt from the repository by any execution; the bucket is versioned and retained.';

const ACCESS_LOGS_ACKNOWLEDGMENTS = [
  {
    id: 'NIST.800.53.R5-S3DefaultEncryptionKMS',
    reason: 'S3 server access log delivery supports only SSE-S3 (AES256) default encryption on the target bucket, not SSE-KMS '
      + '(docs.aws.amazon.com/AmazonS3/latest/userguide/enable-server-access-logging.html); the bucket uses SSE-S3 and denies non-TLS requests.',
  },
  {
    id: 'NIST.800.53.R5-S3BucketReplicationEnabled',
    reason: 'Replication needs a destination bucket in a second region that the account owner chooses and owns, which one stack cannot create. '
      + 'The access logs stay in a versioned, retained bucket.',
  },
];

/** Known to be the same at synth: equal literals, or both tokens (the environment-agnostic stack's own). */
function knownSame(a: string, b: string): boolean {
  return [TokenComparison.SAME, TokenComparison.BOTH_UNRESOLVED].includes(Token.compareStrings(a, b));
}

function describeEnv(stage: Stage, stack: Stack): string {
  const account = stage.account ?? (Token.isUnresolved(stack.account) ? 'the pipeline\'s account' : stack.account);
  const region = stage.region ?? (Token.isUnresolved(stack.region) ? 'the pipeline\'s region' : stack.region);
  return `${account}/${region}`;
}
