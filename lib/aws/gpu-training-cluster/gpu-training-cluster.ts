import { ArnFormat, Duration, Lazy, RemovalPolicy, Size, SizeRoundingBehavior, Stack, Token, Validations } from 'aws-cdk-lib/core';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as fsx from 'aws-cdk-lib/aws-fsx';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, Dependable, IConstruct, IDependable } from 'constructs';
import {
  AcceleratorOffering,
  AcceleratorPlatform,
  AcceleratorRequest,
  GpuType,
  MlopsValidationError,
  namingProblem,
  ResolvedAccelerator,
  resolveAcceleratorOffering,
  StandardZone,
  throwIfProblems,
  unwrap,
} from '../../core';
import { IDataLake } from '../data-lake';
import { resolveSageMakerInstanceType } from '../private/instance-types';
import { GrantPolicyOptions, managedPolicyGrantee } from '../private/grants';
import { keyProps, logGroupKeyStatement, LOGS_KEY_ACTIONS_NAMED } from '../private/kms';
import { acknowledgeWildcardResources } from '../private/nag';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { renderCreateTrainingJobRequest } from '../private/sagemaker-training';
import {
  HYPERPOD_CLUSTER_NAME_RULE,
  HYPERPOD_CPU_INSTANCE_TYPES,
  HYPERPOD_DEEP_HEALTH_CHECKS,
  HYPERPOD_GPU_INSTANCE_TYPES,
  HYPERPOD_GROUP_NAME_RULE,
  hyperPodAcceleratorProblems,
  hyperPodCombinations,
  hyperPodOfferings,
} from './private/hyperpod';
import { lifecycleScripts, ON_CREATE_SCRIPT, provisioningParameters } from './private/lifecycle-scripts';
import { S3TextFiles } from './private/s3-text-files';
import { ec2NetworkInterfaceStatements, networkInterfaceReason } from './private/vpc-iam';
import { CreateTrainingJobRequest, GpuTrainingJobProfile } from './training-job-profile';
import { AWS_GUARD_CONTEXT, selectSubnets } from '../private/guard';
import { GPU_TRAINING_CLUSTER_PROPS_GUARD } from './private/props-guard';

/**
 * Stable ids of the warnings a GpuTrainingCluster adds. None yet: every input it cannot honour is
 * an error. (Exported so that every construct has the same object, and a new warning has its place.)
 */
export const GPU_TRAINING_CLUSTER_WARNINGS = {} as const;

/** Why `training-job/*` is acknowledged on the launch grants. */
const TRAINING_JOB_WILDCARD_REASON = 'Launching training jobs: the job names are chosen by the pipeline at run time, so the '
  + 'sagemaker actions name training-job/* in this account and region; iam:PassRole names the one training role, passed only to SageMaker.';

/** Launch grants land in one managed policy per cluster and identity; only `training-job/*` is acknowledged on it. */
const GPU_TRAINING_GRANTS: GrantPolicyOptions = {
  idPrefix: 'GpuTrainingGrants',
  kind: 'GPU training cluster',
  wildcardReason: (resource) => (/:sagemaker:(?:<AWS::Region>|[^:]*):(?:<AWS::AccountId>|[^:]*):training-job\/\*$/.test(resource) ? TRAINING_JOB_WILDCARD_REASON : undefined),
};

/** Actions of a principal that runs training jobs with the profile (a pipeline, a notebook). */
const LAUNCH_TRAINING_JOB_ACTIONS = ['sagemaker:CreateTrainingJob', 'sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob', 'sagemaker:AddTags'];
/** ECR actions of a role that pulls training images. */
const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
/**
 * Key actions HyperPod needs on the execution role to encrypt node volumes with a customer managed
 * key (it creates grants for EC2 when it adds, scales or patches nodes).
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/smcluster-cmk.html
 */
const HYPERPOD_VOLUME_KEY_ACTIONS = ['kms:CreateGrant', 'kms:DescribeKey'];

/**
 * Why the all-traffic ingress rule is acknowledged: the rule flags every ingress of protocol -1,
 * whatever its source, and EFA's SRD is neither TCP nor UDP, so no narrower rule works.
 */
const SELF_INGRESS_REASON = 'The rule admits all traffic only from this same security group (never a CIDR): EFA requires all protocols '
  + 'in and out within its security group (its SRD transport is neither TCP nor UDP), and NCCL and Slurm use dynamic ports among the nodes.';

/** SageMaker stops a training job after at most 28 days (`MaxRuntimeInSeconds`). */
const MAX_TRAINING_RUNTIME = Duration.days(28);
/**
 * FSx for Lustre PERSISTENT_2 throughput per TiB of storage, in MB/s.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-fsx-filesystem-lustreconfiguration.html#cfn-fsx-filesystem-lustreconfiguration-perunitstoragethroughput
 */
const LUSTRE_THROUGHPUTS_PER_TIB = [125, 250, 500, 1000];
/**
 * Lustre client traffic: TCP 988 and 1018-1023, between clients and file servers and among the
 * servers themselves.
 * @see https://docs.aws.amazon.com/fsx/latest/LustreGuide/limit-access-security-groups.html
 */
const LUSTRE_PORTS = [ec2.Port.tcp(988), ec2.Port.tcpRange(1018, 1023)];
/**
 * Key prefixes in the lake: one or more segments of S3's safe characters, each followed by `/`.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/object-keys.html
 */
const KEY_PREFIX_PATTERN = /^(?:[a-zA-Z0-9!_.'()-]+\/){1,20}$/;
const KEY_PREFIX_DESCRIPTION = 'a key prefix of one or more segments of letters, digits and !_.\'()- each ending with "/" (e.g. "training/")';

/**
 * GPU capacity for training on AWS: a SageMaker HyperPod cluster and a launch profile for
 * SageMaker training jobs. Created by {@link GpuTrainingCluster}.
 *
 * There is no `fromXxxAttributes`: what other constructs consume is the training job profile and
 * the grant to launch jobs with it, both of which need the roles and network this construct
 * creates.
 */
export interface IGpuTrainingCluster extends IConstruct, ec2.IConnectable {
  /** The role SageMaker training jobs run as (`RoleArn` of the profile). */
  readonly trainingRole: iam.IRole;

  /** What a `CreateTrainingJob` request or a Pipelines TrainingStep needs, apart from the job's own code and data. */
  readonly trainingJobProfile: GpuTrainingJobProfile;

  /**
   * Lets `grantee` start, describe and stop SageMaker training jobs and pass the training role to
   * SageMaker (only to SageMaker). For a role, user or group of the app in the cluster's account
   * and region, the statements go to a customer managed policy of this cluster attached to it (one
   * per cluster and identity); other grantees get aws-cdk's usual grant.
   * @param grantee the principal that launches jobs (a pipeline's role)
   */
  grantLaunchTrainingJobs(grantee: iam.IGrantable): iam.Grant;
}

/** A HyperPod worker group to create: GPU nodes that form one Slurm partition. */
export interface GpuTrainingClusterWorkerGroupProps {
  /**
   * Instance group name, also the Slurm partition name. 1 to 63 letters, digits and hyphens,
   * starting and ending with a letter or digit; unique in the cluster and not the controller's.
   */
  readonly name: string;

  /**
   * The group's GPUs: `gpusPerNode` chooses the instance type (the smallest HyperPod type carrying
   * exactly that many), `nodeCount` is the instance count.
   * @default - the cluster's `accelerator`
   */
  readonly accelerator?: AcceleratorRequest;

  /**
   * An explicit `ml.*` instance type instead of the smallest one. It must be a HyperPod type that
   * carries exactly the accelerator's GPUs.
   * @default - the smallest HyperPod type carrying the accelerator request
   */
  readonly instanceType?: string;
}

/** A HyperPod worker group of a {@link GpuTrainingCluster}. */
export interface GpuTrainingClusterWorkerGroup {
  /** Instance group name, also the Slurm partition name. */
  readonly name: string;
  /** The HyperPod instance type, from the catalog. */
  readonly instanceType: string;
  /** The number of instances: the accelerator request's node count. */
  readonly instanceCount: number;
}

/**
 * An FSx for Lustre file system for the HyperPod nodes, linked to a zone of the lake by a data
 * repository association (objects are imported on first access and kept in sync as the zone
 * changes; nothing is exported back to the lake).
 */
export interface GpuTrainingClusterFileSystem {
  /**
   * Storage capacity: 1,200 GiB, 2,400 GiB or a multiple of 2,400 GiB (PERSISTENT_2).
   * @default Size.gibibytes(1200)
   */
  readonly storageCapacity?: Size;

  /**
   * Throughput per TiB of storage, in MB/s: 125, 250, 500 or 1000.
   * @default 250
   */
  readonly throughputPerTiB?: number;

  /**
   * The lake zone linked to the file system, at `/lake` on the file system (`/fsx/lake` on nodes).
   * @default 'curated'
   */
  readonly lakeZone?: string;
}

/** Properties of a {@link GpuTrainingCluster}. */
export interface GpuTrainingClusterProps {
  /** The lake: training reads `inputZones` and writes outputs, checkpoints and the lifecycle scripts to its artifacts zone. */
  readonly lake: IDataLake;

  /** The network. Nodes and training jobs run in its private subnets. */
  readonly vpc: ec2.IVpc;

  /**
   * Subnets of the nodes and training jobs: private, with a route to S3 and the AWS APIs (NAT or
   * VPC endpoints). The FSx file system goes into the first one.
   * @default - the VPC's private subnets with egress
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * The GPUs, as the same neutral request the Google Cloud twin takes: it chooses the training
   * job instance type and the default worker group.
   */
  readonly accelerator: AcceleratorRequest;

  /**
   * Whether to create the persistent HyperPod (Slurm) cluster. Without it, only the training job
   * profile (roles, network, key) is created.
   * @default true
   */
  readonly hyperPod?: boolean;

  /**
   * HyperPod cluster name: 1 to 63 letters, digits and hyphens, starting and ending with a letter
   * or digit. Unique per account and region.
   * @default - derived from the stack name and the construct path
   */
  readonly clusterName?: string;

  /**
   * Instance type of the Slurm controller group (one node): a HyperPod CPU type.
   * @default 'ml.m5.xlarge'
   */
  readonly controllerInstanceType?: string;

  /**
   * GPU worker groups, one Slurm partition each. More can be added with
   * {@link GpuTrainingCluster.addWorkerGroup}.
   * @default - one group named `workers` with the cluster's `accelerator`
   */
  readonly workerGroups?: GpuTrainingClusterWorkerGroupProps[];

  /**
   * Whether worker nodes run HyperPod's deep health checks (`InstanceStress`,
   * `InstanceConnectivity`) before joining Slurm.
   * @default true
   */
  readonly deepHealthChecks?: boolean;

  /**
   * Size of the extra EBS volume of every node (mounted at `/opt/sagemaker`), encrypted with the
   * cluster key like the root volume. Whole GiB.
   * @default Size.gibibytes(500)
   */
  readonly nodeVolumeSize?: Size;

  /**
   * An FSx for Lustre file system mounted at `/fsx` on every node, linked to a lake zone. Needs
   * `hyperPod`.
   * @default - no file system
   */
  readonly fileSystem?: GpuTrainingClusterFileSystem;

  /**
   * Key of the node volumes, the file system and the scripts writer's logs. A key of your own must
   * rotate and its policy must let CloudWatch Logs use it (added automatically to a `kms.Key`
   * created in this app).
   * @default - a new key with yearly rotation, retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to the key, the file system and the scripts writer's log group when they leave
   * the stack. `DESTROY` needs the app context `mlops-constructs:allowDataDestruction: true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Lake zones training may read.
   * @default ['curated']
   */
  readonly inputZones?: string[];

  /**
   * Prefix in the artifacts zone under which training writes `output/` and `checkpoints/`, and
   * the lifecycle scripts live (`hyperpod/<clusterName>/`).
   * @default 'training/'
   */
  readonly artifactsPrefix?: string;

  /**
   * An explicit `ml.*` training job instance type. It must carry exactly the accelerator's GPUs.
   * @default - the smallest SageMaker type carrying the accelerator request
   */
  readonly trainingInstanceType?: string;

  /**
   * Longest a training job may run (1 second to 28 days).
   * @default Duration.days(1)
   */
  readonly maxRuntime?: Duration;

  /**
   * Whether training jobs run on managed spot capacity.
   * @default false
   */
  readonly useSpotInstances?: boolean;

  /**
   * With spot: longest a job may wait for capacity and run, at least `maxRuntime`.
   * @default - twice `maxRuntime` with spot; none without
   */
  readonly maxWait?: Duration;

  /**
   * `VolumeSizeInGB` of training jobs (ignored by SageMaker on the catalog's GPU types, which have
   * NVMe instance storage; the API requires it).
   * @default Size.gibibytes(100)
   */
  readonly trainingVolumeSize?: Size;

  /**
   * Whether training containers run without network access (SageMaker still moves data and
   * artifacts through the VPC).
   * @default true
   */
  readonly networkIsolation?: boolean;

  /**
   * ECR repositories of the training images, which the training and execution roles may pull.
   * @default - none (grant pulls yourself, e.g. for AWS Deep Learning Containers)
   */
  readonly imageRepositories?: ecr.IRepository[];
}

/** An instance group as rendered into the cluster: the controller, or a GPU worker group. */
interface ResolvedGroup extends GpuTrainingClusterWorkerGroup {
  readonly gpu: boolean;
}

/**
 * GPU training capacity on AWS, in two faces over one network, one key and one lake:
 *
 * - a persistent SageMaker HyperPod cluster (Slurm): a controller group and GPU worker groups
 *   chosen from the accelerator catalog, lifecycle scripts generated by the construct and written
 *   to the lake's artifacts zone, private subnets, a security group that allows all traffic among
 *   its members (EFA and NCCL need it), on-start deep health checks, automatic node recovery,
 *   root and extra EBS volumes encrypted with the cluster key, an optional FSx for Lustre file
 *   system linked to the lake, and a least-privilege execution role;
 * - a launch profile for SageMaker training jobs ({@link trainingJobProfile}): role, VPC, output
 *   and checkpoint locations in the lake with the lake key, spot with max wait, inter-container
 *   traffic encryption, network isolation, instance type from the catalog.
 *
 * | hyperPod | fileSystem | creates                                                        |
 * |----------|------------|----------------------------------------------------------------|
 * | true     | -          | key, security group, roles, lifecycle scripts, HyperPod cluster |
 * | true     | given      | the above + FSx for Lustre and its lake association            |
 * | false    | -          | key, security group, training role (profile only)              |
 * | false    | given      | error: the file system is mounted by HyperPod nodes            |
 *
 * Not verifiable without a deploy: that the generated lifecycle scripts bring nodes into Slurm,
 * that HyperPod accepts the customer managed key with the execution role's grants, and that
 * capacity exists for the chosen instance types in the chosen subnets.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-cluster.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ClusterEbsVolumeConfig.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-hyperpod-scaling-slurm.html (continuous provisioning)
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-hyperpod-resiliency-slurm-deep-health-checks.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ResourceConfig.html (VolumeKmsKeyId is refused on instance storage)
 *
 * @example
 * const gpus = new GpuTrainingCluster(stack, 'Gpus', {
 *   lake, vpc, accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 4 },
 * });
 * gpus.grantLaunchTrainingJobs(pipelineRole);
 */
export class GpuTrainingCluster extends Construct implements IGpuTrainingCluster {
  /** Network connections of the nodes and training jobs (the cluster security group). */
  public readonly connections: ec2.Connections;
  /** The security group of nodes and training jobs: all traffic among members, HTTPS out. */
  public readonly securityGroup: ec2.ISecurityGroup;
  /** Key of the node volumes, the file system and the scripts writer's logs. */
  public readonly encryptionKey: kms.IKey;
  /** The role training jobs run as. */
  public readonly trainingRole: iam.IRole;
  /** The accelerator training jobs run on. */
  public readonly trainingAccelerator: ResolvedAccelerator;
  /** The training job launch profile. */
  public readonly trainingJobProfile: GpuTrainingJobProfile;
  /** The HyperPod cluster; `undefined` with `hyperPod: false`. */
  public readonly cluster?: sagemaker.CfnCluster;
  /** The HyperPod cluster name; `undefined` with `hyperPod: false`. */
  public readonly clusterName?: string;
  /** The role of the HyperPod nodes; `undefined` with `hyperPod: false`. */
  public readonly executionRole?: iam.IRole;
  /** Where HyperPod reads the lifecycle scripts (`SourceS3Uri`); `undefined` with `hyperPod: false`. */
  public readonly lifecycleScriptsUri?: string;
  /** The FSx for Lustre file system; `undefined` without `fileSystem`. */
  public readonly fileSystem?: fsx.LustreFileSystem;

  private readonly subnets: ec2.SelectedSubnets;
  /** The cluster-level request, which worker groups without their own use. */
  private readonly accelerator: AcceleratorRequest;
  /** The controller, then the worker groups in the order they were added; empty with `hyperPod: false`. */
  private readonly instanceGroups: ResolvedGroup[] = [];

  constructor(scope: Construct, id: string, props: GpuTrainingClusterProps) {
    super(scope, id);
    GPU_TRAINING_CLUSTER_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    const lake = props.lake;
    const hyperPod = props.hyperPod ?? true;
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    const artifactsPrefix = this.resolveArtifactsPrefix(props.artifactsPrefix ?? 'training/');
    const inputZones = this.resolveInputZones(lake, props.inputZones ?? [StandardZone.CURATED]);
    this.accelerator = props.accelerator;
    this.trainingAccelerator = this.resolveTrainingAccelerator(props.accelerator, props.trainingInstanceType);
    resolveSageMakerInstanceType(this, 'trainingInstanceType', this.trainingAccelerator.instanceType, 'training');
    const stopping = this.resolveStoppingCondition(props);
    const trainingVolumeGb = this.wholeGibibytes('trainingVolumeSize', props.trainingVolumeSize ?? Size.gibibytes(100));
    if (!hyperPod && props.fileSystem !== undefined) {
      throw new MlopsValidationError(this, 'fileSystem', 'given with hyperPod: false', 'a file system only with hyperPod: true (HyperPod nodes mount it)');
    }
    if (hyperPod) {
      this.addInstanceGroups(props);
    }
    const clusterName = hyperPod ? this.resolveClusterName(props.clusterName) : undefined;
    const nodeVolumeGb = this.wholeGibibytes('nodeVolumeSize', props.nodeVolumeSize ?? Size.gibibytes(500));

    this.subnets = selectSubnets(this, 'vpcSubnets', props.vpc, props.vpcSubnets ?? { subnetType: ec2.SubnetType.PRIVATE_WITH_EGRESS });
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', keyProps(`GPU training cluster ${this.node.path}: node volumes, file system, logs`, removalPolicy));
    if (this.encryptionKey instanceof kms.Key) {
      // The scripts writer's log group (and any later one of the cluster) is encrypted with this key.
      this.encryptionKey.addToResourcePolicy(logGroupKeyStatement(this.encryptionKey, '*', { actions: LOGS_KEY_ACTIONS_NAMED }));
    }
    this.securityGroup = this.createSecurityGroup(props.vpc);
    this.connections = new ec2.Connections({ securityGroups: [this.securityGroup] });

    const artifacts = lake.zoneBucket(StandardZone.ARTIFACTS);
    const artifactsUri = `s3://${artifacts.bucketName}/${artifactsPrefix}`;
    const repositories = props.imageRepositories ?? [];
    const readZones = [...new Set([...inputZones, StandardZone.ARTIFACTS])];
    this.trainingRole = this.createRole('TrainingRole', 'SageMaker training jobs', lake, readZones, repositories, [
      ...ec2NetworkInterfaceStatements(Stack.of(this), 'sagemaker'),
      ...logStatements(Stack.of(this), '/aws/sagemaker/TrainingJobs'),
      metricStatement('/aws/sagemaker/TrainingJobs'),
    ], 'Actions without resource types, each confined otherwise: EC2 Describe (read only), cloudwatch:PutMetricData (namespace '
      + `condition /aws/sagemaker/TrainingJobs)${repositories.length > 0 ? ', ecr:GetAuthorizationToken (the pulls themselves name the repositories)' : ''}.`);

    this.trainingJobProfile = {
      roleArn: this.trainingRole.roleArn,
      subnetIds: this.subnets.subnetIds,
      securityGroupIds: [this.securityGroup.securityGroupId],
      instanceType: this.trainingAccelerator.instanceType,
      instanceCount: this.trainingAccelerator.nodeCount,
      volumeSizeInGb: trainingVolumeGb,
      outputS3Uri: `${artifactsUri}output/`,
      outputKmsKeyId: lake.encryptionKey?.keyArn,
      checkpointS3Uri: `${artifactsUri}checkpoints/`,
      useSpotInstances: stopping.useSpotInstances,
      maxRuntimeInSeconds: stopping.maxRuntimeInSeconds,
      maxWaitTimeInSeconds: stopping.maxWaitTimeInSeconds,
      interContainerTrafficEncryption: true,
      networkIsolation: props.networkIsolation ?? true,
    };

    if (clusterName === undefined) {
      return;
    }
    this.clusterName = clusterName;
    const fileSystem = props.fileSystem ? this.createFileSystem(props.vpc, lake, props.fileSystem, removalPolicy) : undefined;
    this.fileSystem = fileSystem;

    const executionRole = this.createRole('ExecutionRole', `the HyperPod nodes of cluster ${clusterName}`, lake, readZones, repositories, [
      ...ec2NetworkInterfaceStatements(Stack.of(this), 'sagemaker'),
      ...logStatements(Stack.of(this), `/aws/sagemaker/Clusters/${clusterName}/*`),
      metricStatement('/aws/sagemaker/Clusters'),
      // Session Manager access to the nodes, as AmazonSageMakerClusterInstanceRolePolicy grants it.
      new iam.PolicyStatement({ actions: ['ssmmessages:CreateControlChannel', 'ssmmessages:CreateDataChannel', 'ssmmessages:OpenControlChannel', 'ssmmessages:OpenDataChannel'], resources: ['*'] }),
      new iam.PolicyStatement({ actions: HYPERPOD_VOLUME_KEY_ACTIONS, resources: [this.encryptionKey.keyArn] }),
    ], 'Actions without resource types, each confined otherwise: EC2 Describe (read only), cloudwatch:PutMetricData (namespace '
      + 'condition /aws/sagemaker/Clusters), ssmmessages channels (Session Manager to the nodes, as AmazonSageMakerClusterInstanceRolePolicy '
      + `grants)${repositories.length > 0 ? ', ecr:GetAuthorizationToken (the pulls themselves name the repositories)' : ''}.`);
    this.executionRole = executionRole;

    const scriptsPrefix = `${artifactsPrefix}hyperpod/${clusterName}/`;
    const scripts = new S3TextFiles(this, 'LifecycleScripts', {
      bucket: artifacts,
      bucketKey: lake.encryptionKey,
      prefix: scriptsPrefix,
      // Worker groups may still be added after the constructor: the parameters are read at synth.
      files: lifecycleScripts(Lazy.string({
        produce: () => provisioningParameters({
          controllerGroup: CONTROLLER_GROUP,
          workerGroups: this.workerGroups.map((g) => ({ instanceGroupName: g.name })),
          fsxDnsName: fileSystem?.dnsName,
          fsxMountName: fileSystem?.mountName,
        }),
      })),
      vpc: props.vpc,
      vpcSubnets: { subnets: this.subnets.subnets },
      logKey: this.encryptionKey,
      logRemovalPolicy: removalPolicy,
      functionDescription: `Writes the HyperPod lifecycle scripts of ${this.node.path} to the lake`,
      securityGroupDescription: 'Lifecycle scripts writer: HTTPS to S3 and to the CloudFormation response URL only',
      objectWildcardReason: `Writes the lifecycle files under the one prefix ${scriptsPrefix} of the artifacts bucket; only s3:PutObject, and the object ARN `
        + 'ends in "*" because the file names are the data written.',
    });
    this.lifecycleScriptsUri = `s3://${artifacts.bucketName}/${scriptsPrefix}`;

    const deepHealthChecks = props.deepHealthChecks ?? true;
    const volumes: sagemaker.CfnCluster.ClusterInstanceStorageConfigProperty[] = [
      { ebsVolumeConfig: { rootVolume: true, volumeKmsKeyId: this.encryptionKey.keyArn } },
      { ebsVolumeConfig: { volumeSizeInGb: nodeVolumeGb, volumeKmsKeyId: this.encryptionKey.keyArn } },
    ];
    const cluster = new sagemaker.CfnCluster(this, 'Resource', {
      clusterName,
      // Customer managed keys on node volumes require continuous provisioning (smcluster-cmk.html).
      nodeProvisioningMode: 'Continuous',
      nodeRecovery: 'Automatic',
      vpcConfig: { securityGroupIds: [this.securityGroup.securityGroupId], subnets: this.subnets.subnetIds },
      instanceGroups: Lazy.any({
        produce: () => this.instanceGroups.map((g): sagemaker.CfnCluster.ClusterInstanceGroupProperty => ({
          instanceGroupName: g.name,
          instanceType: g.instanceType,
          instanceCount: g.instanceCount,
          executionRole: executionRole.roleArn,
          lifeCycleConfig: { sourceS3Uri: this.lifecycleScriptsUri!.replace(/\/$/, ''), onCreate: ON_CREATE_SCRIPT },
          instanceStorageConfigs: volumes,
          onStartDeepHealthChecks: g.gpu && deepHealthChecks ? HYPERPOD_DEEP_HEALTH_CHECKS : undefined,
        })),
      }),
    });
    // Nodes start only once their scripts, permissions and file system exist. The execution role
    // itself is reached through GetAtt Arn; a DependsOn on it too is redundant (validator W3005),
    // so the dependency is on its policies only, read at synth so that later grants count.
    cluster.node.addDependency(scripts, policiesOf(executionRole));
    if (fileSystem) {
      cluster.node.addDependency(fileSystem);
    }
    this.cluster = cluster;
  }

  /** The GPU worker groups, from props and {@link addWorkerGroup}, in the order they were added; empty with `hyperPod: false`. */
  public get workerGroups(): GpuTrainingClusterWorkerGroup[] {
    return this.instanceGroups.filter((g) => g.gpu).map(({ name, instanceType, instanceCount }) => ({ name, instanceType, instanceCount }));
  }

  /**
   * Adds a GPU worker group (one more Slurm partition) to the HyperPod cluster.
   * @param props the group's name, and optionally its own accelerator and instance type
   */
  public addWorkerGroup(props: GpuTrainingClusterWorkerGroupProps): GpuTrainingClusterWorkerGroup {
    if (this.cluster === undefined) {
      throw new MlopsValidationError(this, 'addWorkerGroup', props?.name, 'a cluster with hyperPod: true: worker groups are HyperPod instance groups');
    }
    return this.addWorkerGroupAt(props, 'addWorkerGroup');
  }

  /**
   * The profile as a fragment of a `CreateTrainingJob` request (API casing): `RoleArn`,
   * `VpcConfig`, `ResourceConfig`, `OutputDataConfig`, `CheckpointConfig`,
   * `EnableManagedSpotTraining`, `StoppingCondition`, `EnableInterContainerTrafficEncryption`,
   * `EnableNetworkIsolation`. Add `TrainingJobName`, `AlgorithmSpecification` and input channels.
   * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateTrainingJob.html
   */
  public createTrainingJobRequest(): CreateTrainingJobRequest {
    return renderCreateTrainingJobRequest(this.trainingJobProfile);
  }

  public grantLaunchTrainingJobs(grantee: iam.IGrantable): iam.Grant {
    const stack = Stack.of(this);
    const to = managedPolicyGrantee(this, grantee, GPU_TRAINING_GRANTS);
    return iam.Grant.addToPrincipal({
      grantee: to,
      actions: LAUNCH_TRAINING_JOB_ACTIONS,
      resourceArns: [stack.formatArn({ service: 'sagemaker', resource: 'training-job', resourceName: '*' })],
    }).combine(iam.Grant.addToPrincipal({
      grantee: to,
      actions: ['iam:PassRole'],
      resourceArns: [this.trainingRole.roleArn],
      conditions: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } },
    }));
  }

  /** The key prefix in the artifacts zone under which training writes and the lifecycle scripts live. */
  private resolveArtifactsPrefix(prefix: string): string {
    if (!Token.isUnresolved(prefix) && !(prefix.length <= 256 && KEY_PREFIX_PATTERN.test(prefix))) {
      throw new MlopsValidationError(this, 'artifactsPrefix', prefix, `${KEY_PREFIX_DESCRIPTION}, at most 256 characters`);
    }
    return prefix;
  }

  private resolveInputZones(lake: IDataLake, zones: string[]): string[] {
    zones.forEach((zone, i) => {
      if (!lake.zoneNames.includes(zone)) {
        throw new MlopsValidationError(this, `inputZones[${i}]`, zone, `a zone of the lake: ${lake.zoneNames.join(', ')}`);
      }
    });
    return zones;
  }

  /** The training job's offering: the catalog's smallest SageMaker type carrying the request, or the explicit type if it carries exactly those GPUs. */
  private resolveTrainingAccelerator(request: AcceleratorRequest, instanceType: string | undefined): ResolvedAccelerator {
    return unwrap(this, '', resolveAcceleratorOffering(this.resolveKnownAtSynth('accelerator', request), AcceleratorPlatform.SAGEMAKER, {
      instanceType,
      requestProperty: 'accelerator',
      instanceTypeProperty: 'trainingInstanceType',
    }));
  }

  /** The request, when its GPU type, GPUs per node and node count are known at synth (the instance type is chosen from them). */
  private resolveKnownAtSynth(property: string, request: AcceleratorRequest | undefined): AcceleratorRequest {
    if (request === undefined || !(request.gpu instanceof GpuType)) {
      throw new MlopsValidationError(this, property, request, 'an AcceleratorRequest ({ gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 })');
    }
    for (const field of ['gpusPerNode', 'nodeCount'] as const) {
      if (Token.isUnresolved(request[field])) {
        throw new MlopsValidationError(this, `${property}.${field}`, '(a token)', 'a number known at synth time: the instance type is chosen from it');
      }
    }
    return request;
  }

  private resolveStoppingCondition(props: GpuTrainingClusterProps) {
    const useSpotInstances = props.useSpotInstances ?? false;
    const maxRuntime = props.maxRuntime ?? Duration.days(1);
    const maxRuntimeInSeconds = this.wholeSeconds('maxRuntime', maxRuntime);
    if (!Token.isUnresolved(maxRuntimeInSeconds) && !(maxRuntimeInSeconds >= 1 && maxRuntimeInSeconds <= MAX_TRAINING_RUNTIME.toSeconds())) {
      throw new MlopsValidationError(this, 'maxRuntime', maxRuntime.toHumanString(), 'from 1 second to 28 days, the longest SageMaker lets a training job run');
    }
    if (!useSpotInstances) {
      if (props.maxWait !== undefined) {
        throw new MlopsValidationError(this, 'maxWait', props.maxWait.toHumanString(), 'a maximum wait only with useSpotInstances: true (it bounds the wait for spot capacity)');
      }
      return { useSpotInstances, maxRuntimeInSeconds, maxWaitTimeInSeconds: undefined };
    }
    const maxWaitTimeInSeconds = props.maxWait === undefined ? maxRuntimeInSeconds * 2 : this.wholeSeconds('maxWait', props.maxWait);
    if (!Token.isUnresolved(maxWaitTimeInSeconds) && !Token.isUnresolved(maxRuntimeInSeconds) && !(maxWaitTimeInSeconds >= maxRuntimeInSeconds)) {
      throw new MlopsValidationError(this, 'maxWait', props.maxWait!.toHumanString(), `at least maxRuntime (${maxRuntime.toHumanString()}): SageMaker counts the run inside the wait`);
    }
    return { useSpotInstances, maxRuntimeInSeconds, maxWaitTimeInSeconds };
  }

  private wholeSeconds(property: string, duration: Duration): number {
    const millis = duration.toMilliseconds();
    if (!Token.isUnresolved(millis) && millis % 1000 !== 0) {
      throw new MlopsValidationError(this, property, duration.toHumanString(), 'a whole number of seconds');
    }
    return Token.isUnresolved(millis) ? duration.toSeconds() : millis / 1000;
  }

  private wholeGibibytes(property: string, size: Size): number {
    const gib = size.toGibibytes({ rounding: SizeRoundingBehavior.NONE });
    if (!Token.isUnresolved(gib) && !(Number.isInteger(gib) && gib >= 1)) {
      throw new MlopsValidationError(this, property, `${gib} GiB`, 'a whole number of GiB, at least 1');
    }
    return gib;
  }

  private resolveClusterName(name: string | undefined): string {
    return name === undefined ? defaultPrefix(this) : resolveName(this, 'clusterName', name, HYPERPOD_CLUSTER_NAME_RULE);
  }

  /** The controller group, then the worker groups of the props (default: one `workers` group with the cluster's accelerator). */
  private addInstanceGroups(props: GpuTrainingClusterProps): void {
    const controllerType = props.controllerInstanceType ?? 'ml.m5.xlarge';
    if (!Token.isUnresolved(controllerType) && !HYPERPOD_CPU_INSTANCE_TYPES.includes(controllerType)) {
      throw new MlopsValidationError(this, 'controllerInstanceType', controllerType, `a HyperPod CPU instance type: ${HYPERPOD_CPU_INSTANCE_TYPES.join(', ')}`);
    }
    const specs = props.workerGroups ?? [{ name: DEFAULT_WORKER_GROUP }];
    if (specs.length === 0) {
      throw new MlopsValidationError(this, 'workerGroups', [], 'at least one worker group (or hyperPod: false for training jobs only)');
    }
    resolveSageMakerInstanceType(this, 'controllerInstanceType', controllerType, 'cluster');
    this.instanceGroups.push({ name: CONTROLLER_GROUP, instanceType: controllerType, instanceCount: 1, gpu: false });
    specs.forEach((spec, i) => this.addWorkerGroupAt(spec, `workerGroups[${i}]`));
  }

  private addWorkerGroupAt(spec: GpuTrainingClusterWorkerGroupProps, path: string): GpuTrainingClusterWorkerGroup {
    const names = this.instanceGroups.map((g) => g.name);
    const problem = namingProblem(HYPERPOD_GROUP_NAME_RULE, spec?.name);
    if (problem) {
      throw new MlopsValidationError(this, `${path}.name`, spec?.name, problem);
    }
    if (names.includes(spec.name)) {
      throw new MlopsValidationError(this, `${path}.name`, spec.name, `a group name not yet used in the cluster (${names.join(', ')})`);
    }
    // A group without its own accelerator uses the cluster's: report problems where the value came from.
    const requestPath = spec.accelerator ? `${path}.accelerator` : 'accelerator';
    const request = this.resolveKnownAtSynth(requestPath, spec.accelerator ?? this.accelerator);
    throwIfProblems(this, requestPath, hyperPodAcceleratorProblems(request));
    const workerType = resolveSageMakerInstanceType(this, `${path}.instanceType`, this.resolveWorkerType(path, request, spec.instanceType).instanceType, 'cluster');
    const group = { name: spec.name, instanceType: workerType, instanceCount: request.nodeCount ?? 1 };
    this.instanceGroups.push({ ...group, gpu: true });
    return group;
  }

  private resolveWorkerType(path: string, request: AcceleratorRequest, instanceType: string | undefined): AcceleratorOffering {
    const carrying = hyperPodOfferings(request).filter((o) => o.gpusPerNode === request.gpusPerNode);
    if (instanceType === undefined) {
      return carrying[0];
    }
    if (!HYPERPOD_GPU_INSTANCE_TYPES.has(instanceType)) {
      throw new MlopsValidationError(this, `${path}.instanceType`, instanceType, `a HyperPod GPU instance type: ${hyperPodCombinations()}`);
    }
    const offering = carrying.find((o) => o.instanceType === instanceType);
    if (offering === undefined) {
      throw new MlopsValidationError(this, `${path}.instanceType`, instanceType,
        `a HyperPod instance type carrying ${request.gpusPerNode} × ${request.gpu.name}: ${carrying.map((o) => o.instanceType).join(', ')}`);
    }
    return offering;
  }

  private createSecurityGroup(vpc: ec2.IVpc): ec2.SecurityGroup {
    const sg = new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc,
      allowAllOutbound: false,
      description: 'GPU training nodes and jobs: all traffic among members (EFA, NCCL, Slurm), HTTPS to AWS APIs',
    });
    // EFA needs all traffic allowed in and out within the security group.
    // https://docs.aws.amazon.com/AWSEC2/latest/UserGuide/efa-start.html#efa-start-security
    sg.addIngressRule(sg, ec2.Port.allTraffic(), 'All traffic among training nodes (EFA, NCCL, Slurm)');
    const selfIngress = sg.node.children.filter((c) => c instanceof ec2.CfnSecurityGroupIngress).pop()!;
    Validations.of(selfIngress).acknowledge({ id: 'NIST.800.53.R5-EC2RestrictedCommonPorts', reason: SELF_INGRESS_REASON });
    sg.addEgressRule(sg, ec2.Port.allTraffic(), 'All traffic among training nodes (EFA, NCCL, Slurm)');
    sg.addEgressRule(ec2.Peer.anyIpv4(), ec2.Port.tcp(443), 'HTTPS to S3, ECR, CloudWatch and SageMaker (through NAT or VPC endpoints)');
    return sg;
  }

  private createRole(id: string, purpose: string, lake: IDataLake, readZones: string[], repositories: ecr.IRepository[], statements: iam.PolicyStatement[], starReason: string): iam.Role {
    const role = new iam.Role(this, id, { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'), description: `Role of ${purpose} (${this.node.path})` });
    const policy = new iam.ManagedPolicy(role, 'Policy', { description: `Permissions of ${purpose} (${this.node.path})`, roles: [role] });
    policy.addStatements(...statements);
    if (repositories.length > 0) {
      policy.addStatements(
        new iam.PolicyStatement({ actions: ECR_PULL_ACTIONS, resources: repositories.map((r) => r.repositoryArn) }),
        // GetAuthorizationToken takes no resource.
        new iam.PolicyStatement({ actions: ['ecr:GetAuthorizationToken'], resources: ['*'] }),
      );
    }
    acknowledgeWildcardResources(policy, (resource) => roleWildcardReason(resource, starReason));
    for (const zone of readZones) {
      lake.grantRead(zone, role);
    }
    lake.grantWrite(StandardZone.ARTIFACTS, role);
    return role;
  }

  private createFileSystem(vpc: ec2.IVpc, lake: IDataLake, options: GpuTrainingClusterFileSystem, removalPolicy: RemovalPolicy): fsx.LustreFileSystem {
    const capacity = this.wholeGibibytes('fileSystem.storageCapacity', options.storageCapacity ?? Size.gibibytes(1200));
    if (!Token.isUnresolved(capacity) && !(capacity === 1200 || capacity % 2400 === 0)) {
      throw new MlopsValidationError(this, 'fileSystem.storageCapacity', `${capacity} GiB`, '1,200 GiB, 2,400 GiB or a multiple of 2,400 GiB (FSx for Lustre PERSISTENT_2)');
    }
    const throughput = options.throughputPerTiB ?? 250;
    // Literal only: aws-cdk-lib's LustreFileSystem compares it with the allowed values at synth.
    if (Token.isUnresolved(throughput) || !LUSTRE_THROUGHPUTS_PER_TIB.includes(throughput)) {
      throw new MlopsValidationError(this, 'fileSystem.throughputPerTiB', throughput, `one of ${LUSTRE_THROUGHPUTS_PER_TIB.join(', ')} MB/s per TiB (PERSISTENT_2)`);
    }
    const zone = options.lakeZone ?? StandardZone.CURATED;
    if (!lake.zoneNames.includes(zone)) {
      throw new MlopsValidationError(this, 'fileSystem.lakeZone', zone, `a zone of the lake: ${lake.zoneNames.join(', ')}`);
    }

    const sg = new ec2.SecurityGroup(this, 'FileSystemSecurityGroup', { vpc, allowAllOutbound: false, description: 'FSx for Lustre of the GPU training nodes: Lustre ports from the nodes and among file servers' });
    for (const port of LUSTRE_PORTS) {
      sg.addIngressRule(this.securityGroup, port, 'Lustre from training nodes');
      sg.addIngressRule(sg, port, 'Lustre among file servers');
      sg.addEgressRule(sg, port, 'Lustre among file servers');
      this.securityGroup.addEgressRule(sg, port, 'Lustre to the file system');
    }
    const fileSystem = new fsx.LustreFileSystem(this, 'FileSystem', {
      vpc,
      vpcSubnet: this.subnets.subnets[0],
      securityGroup: sg,
      storageCapacityGiB: capacity,
      kmsKey: this.encryptionKey,
      removalPolicy,
      lustreConfiguration: { deploymentType: fsx.LustreDeploymentType.PERSISTENT_2, perUnitStorageThroughput: throughput },
    });
    const bucket = lake.zoneBucket(zone);
    allowFsxImportThroughLakeKey(lake.encryptionKey);
    new fsx.CfnDataRepositoryAssociation(fileSystem, 'LakeAssociation', {
      fileSystemId: fileSystem.fileSystemId,
      fileSystemPath: '/lake',
      dataRepositoryPath: `s3://${bucket.bucketName}/`,
      batchImportMetaDataOnCreate: true,
      s3: { autoImportPolicy: { events: ['NEW', 'CHANGED', 'DELETED'] } },
    });
    return fileSystem;
  }
}

/**
 * Lets FSx for Lustre read SSE-KMS objects of the lake through S3 for its data repository
 * associations: its service-linked role (`AWSServiceRoleForFSxS3Access_<file system id>`) needs
 * the lake key. The statement names the role by pattern rather than by file system id, because
 * the key policy cannot reference the file system (the lake's buckets, which the association
 * reads, already depend on the key). Import only: decrypt, never encrypt.
 *
 * Only a `kms.Key` of this app can take the statement; for an imported key, add it to the key
 * policy yourself.
 * @see https://docs.aws.amazon.com/fsx/latest/LustreGuide/s3-server-side-encryption-support.html
 */
function allowFsxImportThroughLakeKey(key: kms.IKey | undefined): void {
  if (!(key instanceof kms.Key)) {
    return;
  }
  const stack = Stack.of(key);
  key.addToResourcePolicy(new iam.PolicyStatement({
    sid: 'FsxLustreDataRepositoryImport',
    principals: [new iam.AnyPrincipal()],
    actions: ['kms:Decrypt', 'kms:DescribeKey'],
    resources: ['*'],
    conditions: {
      StringEquals: { 'kms:CallerAccount': stack.account, 'kms:ViaService': `s3.${stack.region}.amazonaws.com` },
      ArnLike: { 'aws:PrincipalArn': `arn:${stack.partition}:iam::${stack.account}:role/aws-service-role/s3.data-source.lustre.fsx.amazonaws.com/AWSServiceRoleForFSxS3Access_*` },
    },
  }));
}

/** Name of the Slurm controller instance group. */
const CONTROLLER_GROUP = 'controller';
/** Name of the default worker group. */
const DEFAULT_WORKER_GROUP = 'workers';

/**
 * CloudWatch Logs statements of a SageMaker role: create the group and write its streams.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/security-iam-awsmanpol-AmazonSageMakerClusterInstanceRolePolicy.html
 */
function logStatements(stack: Stack, logGroupName: string): iam.PolicyStatement[] {
  const logGroup = stack.formatArn({ service: 'logs', resource: 'log-group', resourceName: logGroupName, arnFormat: ArnFormat.COLON_RESOURCE_NAME });
  return [
    new iam.PolicyStatement({ actions: ['logs:CreateLogGroup'], resources: [logGroup] }),
    new iam.PolicyStatement({ actions: ['logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'], resources: [`${logGroup}:log-stream:*`] }),
  ];
}

/**
 * `cloudwatch:PutMetricData` takes no resource; the namespace condition confines it to one.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/security-iam-awsmanpol-AmazonSageMakerClusterInstanceRolePolicy.html
 */
function metricStatement(namespace: string): iam.PolicyStatement {
  return new iam.PolicyStatement({ actions: ['cloudwatch:PutMetricData'], resources: ['*'], conditions: { StringEquals: { 'cloudwatch:namespace': namespace } } });
}

function roleWildcardReason(resource: string, starReason: string): string | undefined {
  if (resource.includes(':log-group:/aws/sagemaker/')) {
    return 'SageMaker names the log streams (and, for HyperPod, the log group after the cluster id) at run time, so they are matched '
      + 'under the one service prefix: /aws/sagemaker/TrainingJobs, or /aws/sagemaker/Clusters/<this cluster name>/.';
  }
  return resource === '*' ? starReason : networkInterfaceReason(resource);
}

/** What depends on this waits for the policies of `role` (its children other than the role resource), not for the role itself. */
function policiesOf(role: iam.Role): IDependable {
  const dependable = {};
  Dependable.implement(dependable, {
    get dependencyRoots() {
      return role.node.children.filter((c) => c !== role.node.defaultChild);
    },
  });
  return dependable as IDependable;
}
