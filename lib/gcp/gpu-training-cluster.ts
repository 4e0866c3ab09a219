import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import type { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorPlatform, acceleratorOfferingByInstanceType, AcceleratorRequest, MlopsValidationError, NamingRule, namingProblem, PREFIX_RULE,
  ResolvedAccelerator,
} from '../core';
import { Annotations, Fn, ITerraformDependable, Token } from './cdktf';
import { cryptoKeyIdProblem, ICryptoKey } from './crypto-key';
import { DataLake } from './data-lake';
import { iamMemberProblem } from './iam';
import { resolveGpuTrainingAccelerator } from './private/gpu-training-accelerators';
import {
  DEFAULT_MASTER_IPV4_CIDR_BLOCK, DEFAULT_SYSTEM_MACHINE_TYPE, GPU_NODE_TAINT, GPU_TRAINING_CLUSTER_DEFAULTS, GPU_TRAINING_LABELS,
  KEY_USING_SERVICE_AGENTS, KMS_ENCRYPTER_DECRYPTER_ROLE, LAUNCH_PROJECT_ROLE, LAUNCH_SERVICE_ACCOUNT_ROLE, MASTER_IPV4_CIDR_PREFIX_LENGTH,
  NODE_CONFIG_DEFAULTS, NODE_POOL_MANAGEMENT, NODE_SERVICE_ACCOUNT_ROLES, SYSTEM_POOL_AUTOSCALING, TRAINING_READ_ZONE, TRAINING_WRITE_ZONE,
  VERTEX_DISPLAY_NAME_MAX_LENGTH, WORKLOAD_IDENTITY_USER_ROLE,
} from './private/gpu-training-defaults';
import {
  GCP_REGION_RULE, GCP_ZONE_RULE, GKE_CLUSTER_NAME_RULE, GKE_NODE_POOL_NAME_RULE, KUBERNETES_NAMESPACE_RULE, KUBERNETES_SERVICE_ACCOUNT_RULE,
  parseIpv4Cidr, regionOf, SERVICE_ACCOUNT_ID_RULE,
} from './private/gpu-training-names';
import { GCP_PROJECT_ID_RULE } from './project';

/**
 * The GKE resource classes, loaded when the first cluster is built instead of when
 * `mlops-constructs/gcp` is imported: `container-cluster` holds the provider's largest resource
 * schema and takes ~60 ms to load, which every Google Cloud app would otherwise pay.
 */
function gkeResources(): { ContainerCluster: typeof ContainerCluster; ContainerNodePool: typeof ContainerNodePool } {
  return {
    ContainerCluster: require('@cdktf/provider-google/lib/container-cluster').ContainerCluster,
    ContainerNodePool: require('@cdktf/provider-google/lib/container-node-pool').ContainerNodePool,
  };
}

/**
 * Stable id of the synth-time warning a GPU pool gets when its driver version is set: changing
 * the driver version later replaces the node pool.
 */
export const GPU_TRAINING_DRIVER_VERSION_WARNING = 'mlops-constructs:gke-gpu-driver-version-recreates-pool';

/** The name of the CPU pool that runs cluster services; GPU pools may not take it. */
const SYSTEM_POOL_NAME = 'system';

/**
 * GKE release channels for the training cluster: the two that CIS GKE 5.5.4 (and GCP-GKE5)
 * recommends for production.
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/release-channels
 */
export enum GpuTrainingClusterReleaseChannel {
  /** Upgrades several times a month, after the Rapid channel: production clusters that want new features. */
  REGULAR = 'REGULAR',
  /** Upgrades every few months: production clusters that value stability above all. */
  STABLE = 'STABLE',
}

/**
 * How GKE installs the NVIDIA driver on GPU nodes (`gpu_driver_installation_config.gpu_driver_version`).
 *
 * Changing it on an existing pool replaces the pool (the provider marks the field ForceNew), so
 * every node of the pool is recreated and running jobs stop.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#nested_gpu_driver_installation_config
 * @see https://github.com/hashicorp/terraform-provider-google/blob/main/google/services/container/node_config.go (`gpu_driver_version`, ForceNew)
 */
export enum GpuTrainingClusterDriverVersion {
  /** The "Default" driver of the node's GKE version (COS and Ubuntu). */
  DEFAULT = 'DEFAULT',
  /** The "Latest" driver of the node's GKE version (COS). */
  LATEST = 'LATEST',
  /** No automatic installation: you install the driver yourself (for example with NVIDIA's installer DaemonSet). */
  INSTALLATION_DISABLED = 'INSTALLATION_DISABLED',
}

/** A network allowed to reach the cluster's control plane (`master_authorized_networks_config.cidr_blocks`). */
export interface GpuTrainingClusterAuthorizedNetwork {
  /** The IPv4 block, e.g. `10.10.0.0/24`. `0.0.0.0/0` is refused (checkov CKV_GCP_18). */
  readonly cidrBlock: string;
  /**
   * A name for the block.
   * @default - none
   */
  readonly displayName?: string;
}

/**
 * A GPU node pool of a {@link GpuTrainingCluster}.
 *
 * | `accelerator.nodeCount` | `compactPlacement` default | zone needed                                      |
 * |-------------------------|----------------------------|--------------------------------------------------|
 * | 1                       | false                      | no (regional clusters spread the pool over zones) |
 * | more than 1             | true                       | yes, for a regional cluster: `zone`              |
 */
export interface GpuTrainingClusterGpuPoolOptions {
  /**
   * The GPUs of one training job: the GPU type, GPUs per node (a count some Compute Engine machine
   * type carries, from the accelerator catalog) and nodes. The same request a `GpuTrainingCluster`
   * on AWS takes.
   */
  readonly accelerator: AcceleratorRequest;
  /**
   * The machine type: one of the catalog's Compute Engine machine types carrying exactly
   * `accelerator.gpusPerNode` GPUs of `accelerator.gpu` (a larger host for the same GPUs).
   * @default - the smallest such machine type (fewest vCPUs)
   */
  readonly machineType?: string;
  /**
   * Run on Spot VMs: much cheaper, but Compute Engine may stop them at any time; use with
   * checkpointing training code.
   * @default false
   * @see https://cloud.google.com/kubernetes-engine/docs/concepts/spot-vms
   */
  readonly spot?: boolean;
  /**
   * Fewest nodes the autoscaler keeps (over all zones of the pool).
   * @default 0 - the pool costs nothing while no training runs
   */
  readonly minNodes?: number;
  /**
   * Most nodes the autoscaler creates (over all zones of the pool).
   * @default - `accelerator.nodeCount` (one training job at a time)
   */
  readonly maxNodes?: number;
  /**
   * The zone of the pool's nodes, in the cluster's region. Required for a multi-node pool with
   * compact placement in a regional cluster: compact placement keeps nodes in one zone.
   * @default - the cluster's zone (zonal cluster) or every zone GKE picks in its region (regional)
   */
  readonly zone?: string;
  /**
   * Place the nodes close to each other (`placement_policy { type = "COMPACT" }`), for lower
   * latency between the nodes of a distributed job. GKE supports it for some machine series
   * only; check yours before enabling it for a single-node pool.
   * @default - true when `accelerator.nodeCount` is more than 1
   * @see https://cloud.google.com/kubernetes-engine/docs/how-to/compact-placement
   */
  readonly compactPlacement?: boolean;
  /**
   * How GKE installs the NVIDIA driver. Setting it adds a synth-time warning
   * (`mlops-constructs:gke-gpu-driver-version-recreates-pool`): changing it later replaces the
   * pool.
   * @default GpuTrainingClusterDriverVersion.DEFAULT
   */
  readonly driverVersion?: GpuTrainingClusterDriverVersion;
}

/** A GPU node pool created by {@link GpuTrainingCluster.addGpuPool}. */
export interface GpuTrainingClusterGpuPool {
  /** The node pool name (also the `cloud.google.com/gke-nodepool` node label). */
  readonly name: string;
  /** The `google_container_node_pool`. */
  readonly nodePool: ContainerNodePool;
  /** The catalog row the pool runs on, with the requested node count. */
  readonly accelerator: ResolvedAccelerator;
  /** Whether the pool uses compact placement. */
  readonly compactPlacement: boolean;
  /** Whether the pool runs on Spot VMs. */
  readonly spot: boolean;
}

/**
 * What every Vertex AI custom job launched for this cluster's lake uses; what a pipeline passes
 * to `projects.locations.customJobs.create` besides the worker pools.
 */
export interface GpuTrainingClusterVertexProfile {
  /** The region to create jobs in (the cluster's region, where the key lives). */
  readonly region: string;
  /** Email of the service account jobs run as (`jobSpec.serviceAccount`). */
  readonly serviceAccount: string;
  /**
   * The VPC network jobs are peered with (`jobSpec.network`):
   * `projects/<project number>/global/networks/<name>`. Private services access must be
   * configured on it.
   */
  readonly network: string;
  /**
   * The customer-managed key of jobs (`encryptionSpec.kmsKeyName`).
   * @default - none: Google-managed encryption
   */
  readonly kmsKeyName?: string;
  /** Where the Vertex AI SDK stages code (`staging_bucket`): `gs://<artifacts bucket>/staging`. */
  readonly stagingUri: string;
  /** Where job outputs go: `gs://<artifacts bucket>/training`; each job writes below it. */
  readonly outputUriPrefix: string;
}

/** Options of {@link GpuTrainingCluster.customJob}. */
export interface GpuTrainingClusterCustomJobOptions {
  /** The job's display name: 1 to 128 characters. */
  readonly displayName: string;
  /** The training container image, e.g. `us-docker.pkg.dev/<project>/<repo>/train:1.4`. */
  readonly imageUri: string;
  /** The GPUs of the job, resolved on Vertex AI machine types (catalog platform GCP_VERTEX). */
  readonly accelerator: AcceleratorRequest;
  /**
   * The machine type: one of the catalog's Vertex AI machine types carrying exactly
   * `accelerator.gpusPerNode` GPUs of `accelerator.gpu`.
   * @default - the smallest such machine type
   */
  readonly machineType?: string;
  /**
   * The container entrypoint.
   * @default - the image's ENTRYPOINT
   */
  readonly command?: string[];
  /**
   * Arguments to the entrypoint.
   * @default - the image's CMD
   */
  readonly args?: string[];
  /**
   * The job's output directory below the profile's `outputUriPrefix` (no leading or trailing `/`).
   * @default - the display name
   */
  readonly outputPath?: string;
}

/** A Vertex AI `CustomJob` request body (`projects.locations.customJobs.create`). */
export interface GpuTrainingClusterCustomJob {
  /** `displayName`. */
  readonly displayName: string;
  /** `jobSpec`. */
  readonly jobSpec: GpuTrainingClusterCustomJobSpec;
  /**
   * `encryptionSpec`.
   * @default - none: Google-managed encryption
   */
  readonly encryptionSpec?: GpuTrainingClusterEncryptionSpec;
  /** `labels`. */
  readonly labels: { [key: string]: string };
}

/** `CustomJobSpec`. */
export interface GpuTrainingClusterCustomJobSpec {
  /** The primary replica's pool, then (for more than one node) the workers' pool. */
  readonly workerPoolSpecs: GpuTrainingClusterWorkerPoolSpec[];
  /** Email of the service account the job runs as. */
  readonly serviceAccount: string;
  /** `projects/<project number>/global/networks/<name>`. */
  readonly network: string;
  /** Where the job writes (`AIP_MODEL_DIR`, `AIP_CHECKPOINT_DIR` are below it). */
  readonly baseOutputDirectory: GpuTrainingClusterGcsDestination;
}

/** `WorkerPoolSpec`. */
export interface GpuTrainingClusterWorkerPoolSpec {
  /** `machineSpec`. */
  readonly machineSpec: GpuTrainingClusterMachineSpec;
  /** `replicaCount` (an int64, which the API also accepts as a JSON number). */
  readonly replicaCount: number;
  /** `containerSpec`. */
  readonly containerSpec: GpuTrainingClusterContainerSpec;
}

/** `MachineSpec`. */
export interface GpuTrainingClusterMachineSpec {
  /** A Vertex AI machine type, e.g. `a2-highgpu-8g`. */
  readonly machineType: string;
  /** The Vertex AI `AcceleratorType`, e.g. `NVIDIA_TESLA_A100`. */
  readonly acceleratorType: string;
  /** GPUs per replica. */
  readonly acceleratorCount: number;
}

/** `ContainerSpec`. */
export interface GpuTrainingClusterContainerSpec {
  /** The image. */
  readonly imageUri: string;
  /**
   * The entrypoint.
   * @default - the image's
   */
  readonly command?: string[];
  /**
   * The arguments.
   * @default - the image's
   */
  readonly args?: string[];
}

/** `GcsDestination`. */
export interface GpuTrainingClusterGcsDestination {
  /** A `gs://` prefix. */
  readonly outputUriPrefix: string;
}

/** `EncryptionSpec`. */
export interface GpuTrainingClusterEncryptionSpec {
  /** The Cloud KMS key resource id. */
  readonly kmsKeyName: string;
}

/** The behavioural contract of a GPU training cluster: its identity and how pipelines launch training. */
export interface IGpuTrainingCluster extends IConstruct {
  /** The GKE cluster name. */
  readonly clusterName: string;
  /** The region of the cluster and of Vertex AI jobs. */
  readonly region: string;
  /** Email of the service account training runs as, on GKE (Workload Identity) and on Vertex AI. */
  readonly trainingServiceAccountEmail: string;
  /** What Vertex AI custom jobs use: service account, network, key, staging and output locations. */
  readonly vertexProfile: GpuTrainingClusterVertexProfile;

  /**
   * Lets `member` launch Vertex AI custom jobs as the training service account:
   * `roles/aiplatform.user` on the project and `roles/iam.serviceAccountUser` on the account.
   * Code staging (Vertex AI SDK `staging_bucket`) also needs `lake.grantWrite('artifacts', member)`.
   * @returns the IAM member resources, to depend on
   */
  grantLaunch(member: string): ITerraformDependable[];

  /** The request body of a Vertex AI custom job on this cluster's profile. */
  customJob(options: GpuTrainingClusterCustomJobOptions): GpuTrainingClusterCustomJob;
}

/**
 * Props of {@link GpuTrainingCluster}.
 *
 * Encryption key (the key must be in the cluster's region: GKE, Compute Engine and Vertex AI
 * encrypt with keys of the resource's location):
 *
 * | `encryptionKey` | lake key                     | key used                                                   |
 * |-----------------|------------------------------|------------------------------------------------------------|
 * | given           | any                          | `encryptionKey` (its location, when literal, must be the region) |
 * | not given       | none                         | none: Google-managed keys (GCP-GKE10 reports it)           |
 * | not given       | literal id                   | the lake's, if its location is the region; else an error   |
 * | not given       | token (a KmsCryptoKey)       | the lake's, if the lake's location is the region; else an error |
 */
export interface GpuTrainingClusterProps {
  /** The data lake training reads (`curated`) and writes (`artifacts`). */
  readonly lake: DataLake;

  /**
   * Where the cluster runs: a region (`us-central1`, a regional cluster with a replicated control
   * plane) or a zone (`us-central1-a`). Vertex AI jobs run in its region.
   */
  readonly location: string;

  /**
   * The VPC network (name or self link). Nodes get private addresses only; give the network Cloud
   * NAT for image pulls from outside Google, and private services access for Vertex AI jobs.
   */
  readonly network: string;

  /**
   * The subnetwork (name or self link) of the nodes.
   * @default - GKE's choice (the network's subnetwork in the region, for auto-mode networks)
   */
  readonly subnetwork?: string;

  /**
   * Prefix of names: cluster `<prefix>-training`, service accounts `<prefix>-nodes` and
   * `<prefix>-trainer` (at most 22 characters, so that both ids fit the 30 IAM allows).
   * @default - the lake's prefix
   */
  readonly prefix?: string;

  /**
   * The cluster name.
   * @default - `<prefix>-training`
   */
  readonly clusterName?: string;

  /**
   * Project of the cluster, service accounts and grants.
   * @default - the lake's project (the provider's project when the lake has none)
   */
  readonly project?: string;

  /**
   * GPU node pools by name, each autoscaling from `minNodes` (0) to `maxNodes`. More can be added
   * with `addGpuPool`.
   * @default - no GPU pools
   */
  readonly gpuPools?: { [name: string]: GpuTrainingClusterGpuPoolOptions };

  /**
   * The GKE release channel.
   * @default GpuTrainingClusterReleaseChannel.REGULAR
   */
  readonly releaseChannel?: GpuTrainingClusterReleaseChannel;

  /**
   * The /28 of the control plane's private endpoint; it must overlap no range of the network.
   * @default '172.16.0.0/28'
   */
  readonly masterIpv4CidrBlock?: string;

  /**
   * Networks allowed to reach the control plane, besides the nodes.
   * @default - none: only the cluster's own network
   */
  readonly masterAuthorizedNetworks?: GpuTrainingClusterAuthorizedNetwork[];

  /**
   * Make the control plane reachable through its private endpoint only (CIS GKE 5.6.4). Then
   * `kubectl` runs from inside the network (or a peered one); Terraform itself only needs the GKE
   * API.
   * @default true
   */
  readonly privateEndpoint?: boolean;

  /**
   * Name of the subnetwork's secondary range for pod addresses.
   * @default - a range GKE creates
   */
  readonly podsSecondaryRangeName?: string;

  /**
   * Name of the subnetwork's secondary range for service addresses.
   * @default - a range GKE creates
   */
  readonly servicesSecondaryRangeName?: string;

  /**
   * Customer-managed key for Kubernetes Secrets (application-layer encryption), node boot disks
   * and Vertex AI jobs. See the table above.
   * @default - the lake's key
   */
  readonly encryptionKey?: ICryptoKey;

  /**
   * Terraform refuses to destroy the cluster while this is true (`deletion_protection`). The
   * cluster holds no lake data; its workloads' volumes are separate disks.
   * @default true
   */
  readonly deletionProtection?: boolean;

  /**
   * Machine type of the CPU pool that runs cluster services while GPU pools are scaled to zero.
   * @default 'e2-standard-4'
   */
  readonly systemMachineType?: string;

  /**
   * Kubernetes namespace of training workloads.
   * @default 'training'
   */
  readonly trainingNamespace?: string;

  /**
   * Kubernetes service account training pods run as; it acts as the training service account
   * through Workload Identity. Create it in `trainingNamespace` with the annotation
   * `iam.gke.io/gcp-service-account: <trainingServiceAccountEmail>`.
   * @default 'trainer'
   */
  readonly trainingKubernetesServiceAccount?: string;
}

/**
 * GPU training capacity on Google Cloud: a hardened GKE Standard cluster with GPU node pools from
 * the accelerator catalog, and the launch profile of Vertex AI custom jobs, both running as one
 * least-privilege training identity on the lake.
 *
 * The cluster: private nodes and (by default) a private control plane endpoint, Workload Identity
 * with the GKE metadata server, Shielded GKE Nodes with secure boot, Dataplane V2 (network
 * policies), the REGULAR release channel, auto-repair and auto-upgrade, no legacy authentication,
 * CMEK for Secrets and boot disks when a key is known, deletion protection, and a small CPU pool
 * for cluster services. Nodes run as a dedicated service account with
 * `roles/container.defaultNodeServiceAccount` and `roles/artifactregistry.reader` only.
 *
 * GPU pools: the machine type comes from the catalog (`accelerator`), GKE installs the driver,
 * nodes are tainted `nvidia.com/gpu=present:NoSchedule`, pools scale from zero, multi-node pools
 * use compact placement, Spot VMs on request. Changing a pool's driver version recreates the pool
 * (warned at synth).
 *
 * Training identity (`<prefix>-trainer`): reads the lake's `curated` zone, writes its `artifacts`
 * zone; GKE pods use it through Workload Identity (`trainingNamespace/trainingKubernetesServiceAccount`),
 * Vertex AI jobs run as it (`customJob`, `vertexProfile`).
 *
 * Passes GcpFoundationChecks (GCP-GKE1 to GCP-GKE10) with zero findings when a key is known.
 *
 * Checked at synth: names, locations, the catalog fit of every GPU request, node counts, CIDR
 * blocks, the key's region. Only a deploy shows: GPU availability and quota in the chosen zone,
 * whether the machine series supports compact placement, private services access on the network
 * (Vertex AI peering), Cloud NAT for image pulls, and that the project's GKE, Compute Engine and
 * Vertex AI service agents exist when the key grants are applied (Vertex AI creates its agent when
 * the API is first used; the google-beta provider's `google_project_service_identity` creates it
 * ahead).
 *
 * Construct ids: `Resource` (the cluster), `SystemPool`, `GpuPool-<name>`, `NodeServiceAccount`,
 * `TrainingServiceAccount`, `Encryption/*`, `Launch/*`.
 *
 * @example
 * const cluster = new GpuTrainingCluster(stack, 'Training', {
 *   lake, location: 'us-central1', network: 'ml-vpc', subnetwork: 'ml-us-central1',
 *   gpuPools: { l4: { accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, spot: true } },
 * });
 * const job = cluster.customJob({ displayName: 'train-ranker', imageUri, accelerator: { gpu: GpuType.A100_40GB, gpusPerNode: 8, nodeCount: 2 } });
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/gpus
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.customJobs
 */
export class GpuTrainingCluster extends Construct implements IGpuTrainingCluster {
  /** The lake training reads and writes. */
  public readonly lake: DataLake;
  /** The name prefix. */
  public readonly prefix: string;
  /** The project given in props or by the lake; `undefined` means the provider's project. */
  public readonly project?: string;
  /** The cluster's location (region or zone). */
  public readonly location: string;
  /** The region of the cluster and of Vertex AI jobs. */
  public readonly region: string;
  /** The GKE cluster name. */
  public readonly clusterName: string;
  /** The customer-managed key in use, if any. */
  public readonly encryptionKey?: ICryptoKey;
  /** The `google_container_cluster`. */
  public readonly cluster: ContainerCluster;
  /** The CPU pool for cluster services. */
  public readonly systemPool: ContainerNodePool;
  /** The node VMs' service account. */
  public readonly nodeServiceAccount: ServiceAccount;
  /** The service account training runs as. */
  public readonly trainingServiceAccount: ServiceAccount;
  /** {@inheritDoc IGpuTrainingCluster.trainingServiceAccountEmail} */
  public readonly trainingServiceAccountEmail: string;
  /** {@inheritDoc IGpuTrainingCluster.vertexProfile} */
  public readonly vertexProfile: GpuTrainingClusterVertexProfile;

  private readonly projectData: DataGoogleProject;
  private readonly poolDependencies: ITerraformDependable[];
  private readonly pools: GpuTrainingClusterGpuPool[] = [];
  private readonly launchGrants = new Map<string, ITerraformDependable[]>();

  constructor(scope: Construct, id: string, props: GpuTrainingClusterProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least lake, location and network');
    }
    if (!(props.lake instanceof DataLake)) {
      throw new MlopsValidationError(this, 'lake', props.lake, 'a DataLake of mlops-constructs/gcp');
    }
    this.lake = props.lake;
    this.prefix = props.prefix === undefined ? this.lake.prefix : this.validName('prefix', PREFIX_RULE, props.prefix);
    this.project = props.project === undefined ? this.lake.project : this.validName('project', GCP_PROJECT_ID_RULE, props.project);
    this.location = this.validLocation(props.location);
    this.region = regionOf(this.location);
    const network = this.validReference('network', props.network, true) as string;
    const subnetwork = this.validReference('subnetwork', props.subnetwork, false);
    const podsRange = this.validReference('podsSecondaryRangeName', props.podsSecondaryRangeName, false);
    const servicesRange = this.validReference('servicesSecondaryRangeName', props.servicesSecondaryRangeName, false);
    this.clusterName = props.clusterName === undefined
      ? `${this.prefix}-training`
      : this.validName('clusterName', GKE_CLUSTER_NAME_RULE, props.clusterName);
    const nodeAccountId = this.serviceAccountId('nodes');
    const trainerAccountId = this.serviceAccountId('trainer');
    const releaseChannel = this.validEnum('releaseChannel', GpuTrainingClusterReleaseChannel, props.releaseChannel) ?? GpuTrainingClusterReleaseChannel.REGULAR;
    const masterIpv4CidrBlock = this.validMasterCidr(props.masterIpv4CidrBlock);
    const authorizedNetworks = this.validAuthorizedNetworks(props.masterAuthorizedNetworks);
    const privateEndpoint = this.validBoolean('privateEndpoint', props.privateEndpoint) ?? true;
    const deletionProtection = this.validBoolean('deletionProtection', props.deletionProtection) ?? true;
    const systemMachineType = this.validSystemMachineType(props.systemMachineType);
    const namespace = props.trainingNamespace === undefined ? 'training' : this.validName('trainingNamespace', KUBERNETES_NAMESPACE_RULE, props.trainingNamespace);
    const kubernetesServiceAccount = props.trainingKubernetesServiceAccount === undefined
      ? 'trainer'
      : this.validName('trainingKubernetesServiceAccount', KUBERNETES_SERVICE_ACCOUNT_RULE, props.trainingKubernetesServiceAccount);
    this.encryptionKey = this.resolveEncryptionKey(props.encryptionKey);
    if (props.gpuPools !== undefined && (props.gpuPools === null || typeof props.gpuPools !== 'object' || Array.isArray(props.gpuPools))) {
      throw new MlopsValidationError(this, 'gpuPools', props.gpuPools, 'an object mapping pool names to GPU pool options');
    }

    this.projectData = new DataGoogleProject(this, 'Project', { projectId: this.project });
    const projectId = this.project ?? this.projectData.projectId;
    const keyAccess = this.grantKeyToServiceAgents();

    this.nodeServiceAccount = new ServiceAccount(this, 'NodeServiceAccount', {
      project: this.project,
      accountId: nodeAccountId,
      displayName: `GKE nodes of ${this.clusterName}`,
      description: 'Node VMs of the GPU training cluster: logs, metrics and image pulls only (mlops-constructs).',
    });
    const nodeRoles = NODE_SERVICE_ACCOUNT_ROLES.map((role) => new ProjectIamMember(this.nodeServiceAccount, `Role-${role}`, {
      project: projectId, role, member: this.nodeServiceAccount.member,
    }));

    this.trainingServiceAccount = new ServiceAccount(this, 'TrainingServiceAccount', {
      project: this.project,
      accountId: trainerAccountId,
      displayName: `Training on ${this.clusterName}`,
      description: `Training jobs on GKE and Vertex AI: reads the lake's ${TRAINING_READ_ZONE} zone, writes its ${TRAINING_WRITE_ZONE} zone (mlops-constructs).`,
    });
    this.trainingServiceAccountEmail = this.trainingServiceAccount.email;
    this.lake.grantRead(TRAINING_READ_ZONE, this.trainingServiceAccount.member);
    this.lake.grantWrite(TRAINING_WRITE_ZONE, this.trainingServiceAccount.member);

    this.cluster = new (gkeResources().ContainerCluster)(this, 'Resource', {
      ...GPU_TRAINING_CLUSTER_DEFAULTS,
      project: this.project,
      name: this.clusterName,
      location: this.location,
      network,
      subnetwork,
      deletionProtection,
      resourceLabels: { ...GPU_TRAINING_LABELS },
      releaseChannel: { channel: releaseChannel },
      ipAllocationPolicy: {
        // Written out so that the block exists (VPC-native, CIS GKE 5.6.2) when GKE picks the ranges.
        stackType: 'IPV4',
        clusterSecondaryRangeName: podsRange,
        servicesSecondaryRangeName: servicesRange,
      },
      privateClusterConfig: { enablePrivateNodes: true, enablePrivateEndpoint: privateEndpoint, masterIpv4CidrBlock },
      masterAuthorizedNetworksConfig: { gcpPublicCidrsAccessEnabled: false, cidrBlocks: authorizedNetworks.length > 0 ? authorizedNetworks : undefined },
      workloadIdentityConfig: { workloadPool: `${projectId}.svc.id.goog` },
      databaseEncryption: this.encryptionKey ? { state: 'ENCRYPTED', keyName: this.encryptionKey.id } : undefined,
      dependsOn: keyAccess.ContainerServiceAgentKeyAccess ? [keyAccess.ContainerServiceAgentKeyAccess] : undefined,
    });

    new ServiceAccountIamMember(this.trainingServiceAccount, 'WorkloadIdentity', {
      serviceAccountId: this.trainingServiceAccount.name,
      role: WORKLOAD_IDENTITY_USER_ROLE,
      member: `serviceAccount:${this.cluster.workloadIdentityConfig.workloadPool}[${namespace}/${kubernetesServiceAccount}]`,
    });

    this.poolDependencies = [...nodeRoles, ...(keyAccess.ComputeServiceAgentKeyAccess ? [keyAccess.ComputeServiceAgentKeyAccess] : [])];
    this.systemPool = new (gkeResources().ContainerNodePool)(this, 'SystemPool', {
      project: this.project,
      cluster: this.cluster.id,
      location: this.location,
      name: SYSTEM_POOL_NAME,
      initialNodeCount: SYSTEM_POOL_AUTOSCALING.totalMinNodeCount,
      autoscaling: { ...SYSTEM_POOL_AUTOSCALING },
      management: { ...NODE_POOL_MANAGEMENT },
      nodeConfig: this.nodeConfig(systemMachineType, false),
      dependsOn: this.poolDependencies,
    });

    const artifacts = `gs://${this.lake.zoneBucket(TRAINING_WRITE_ZONE).name}`;
    this.vertexProfile = {
      region: this.region,
      serviceAccount: this.trainingServiceAccountEmail,
      network: `projects/${this.projectData.number}/global/networks/${networkName(network)}`,
      kmsKeyName: this.encryptionKey?.id,
      stagingUri: `${artifacts}/staging`,
      outputUriPrefix: `${artifacts}/training`,
    };

    for (const [name, options] of Object.entries(props.gpuPools ?? {})) {
      const property = `gpuPools[${JSON.stringify(name)}]`;
      this.createGpuPool(name, options, property, property);
    }
  }

  /** The GPU pools, from props and `addGpuPool`, in creation order. */
  public get gpuPools(): GpuTrainingClusterGpuPool[] {
    return [...this.pools];
  }

  /**
   * Adds a GPU node pool named `name` (1 to 40 lowercase letters, digits and hyphens; not
   * `system`).
   *
   * @throws MlopsValidationError for a GPU type no Compute Engine machine type carries, a GPU
   * count no machine type of that GPU carries, a bad name, node counts or zone, or a multi-node
   * compact pool without a zone in a regional cluster
   */
  public addGpuPool(name: string, options: GpuTrainingClusterGpuPoolOptions): GpuTrainingClusterGpuPool {
    return this.createGpuPool(name, options, 'addGpuPool.name', 'addGpuPool.options');
  }

  /** {@inheritDoc IGpuTrainingCluster.grantLaunch} */
  public grantLaunch(member: string): ITerraformDependable[] {
    const problem = iamMemberProblem(member);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, 'member', member, problem);
    }
    const existing = this.launchGrants.get(member);
    if (existing) {
      return existing;
    }
    const launch = (this.node.tryFindChild('Launch') as Construct | undefined) ?? new Construct(this, 'Launch');
    // Ids name the member, so that they do not depend on call order; token members are numbered.
    const who = Token.isUnresolved(member) ? `member-${[...this.launchGrants.keys()].filter((m) => Token.isUnresolved(m)).length + 1}` : member;
    const grants = [
      new ProjectIamMember(launch, `CreateJobs=${who}`, { project: this.project ?? this.projectData.projectId, role: LAUNCH_PROJECT_ROLE, member }),
      new ServiceAccountIamMember(launch, `ActAsTrainer=${who}`, { serviceAccountId: this.trainingServiceAccount.name, role: LAUNCH_SERVICE_ACCOUNT_ROLE, member }),
    ];
    this.launchGrants.set(member, grants);
    return grants;
  }

  /**
   * {@inheritDoc IGpuTrainingCluster.customJob}
   *
   * One node: one worker pool with one replica. More nodes: the primary replica's pool (one
   * replica) and a workers' pool with the remaining `nodeCount - 1` replicas, on the same machine
   * type. The values hold Terraform references (bucket, service account, project number): pass
   * the object through `Fn.jsonencode` into a Terraform output or a workflow definition.
   *
   * @throws MlopsValidationError for a GPU type or count no Vertex AI machine type carries, or a
   * bad display name, image or output path
   * @see https://cloud.google.com/vertex-ai/docs/training/distributed-training
   */
  public customJob(options: GpuTrainingClusterCustomJobOptions): GpuTrainingClusterCustomJob {
    if (options === null || typeof options !== 'object') {
      throw new MlopsValidationError(this, 'customJob.options', options, 'an object with displayName, imageUri and accelerator');
    }
    const { displayName, imageUri } = options;
    if (typeof displayName !== 'string' || (!Token.isUnresolved(displayName) && (displayName.length === 0 || displayName.length > VERTEX_DISPLAY_NAME_MAX_LENGTH))) {
      throw new MlopsValidationError(this, 'customJob.displayName', displayName, `1 to ${VERTEX_DISPLAY_NAME_MAX_LENGTH} characters`);
    }
    if (typeof imageUri !== 'string' || imageUri.trim() === '') {
      throw new MlopsValidationError(this, 'customJob.imageUri', imageUri, 'a container image URI such as "us-docker.pkg.dev/<project>/<repository>/<image>:<tag>"');
    }
    const command = this.validStrings('customJob.command', options.command);
    const args = this.validStrings('customJob.args', options.args);
    const outputPath = options.outputPath ?? displayName;
    if (typeof outputPath !== 'string' || (!Token.isUnresolved(outputPath) && !/^[^/\r\n](?:[^\r\n]*[^/\r\n])?$/.test(outputPath))) {
      throw new MlopsValidationError(this, 'customJob.outputPath', outputPath, 'a non-empty path without leading or trailing "/" nor line breaks');
    }
    const accelerator = resolveGpuTrainingAccelerator(this, 'customJob', options.accelerator, options.machineType, AcceleratorPlatform.GCP_VERTEX);
    const replica = (replicaCount: number): GpuTrainingClusterWorkerPoolSpec => ({
      machineSpec: { machineType: accelerator.instanceType, acceleratorType: accelerator.vertexAcceleratorType as string, acceleratorCount: accelerator.gpusPerNode },
      replicaCount,
      containerSpec: { imageUri, command, args },
    });
    const workerPoolSpecs = accelerator.nodeCount === 1 ? [replica(1)] : [replica(1), replica(accelerator.nodeCount - 1)];
    return {
      displayName,
      jobSpec: {
        workerPoolSpecs,
        serviceAccount: this.vertexProfile.serviceAccount,
        network: this.vertexProfile.network,
        baseOutputDirectory: { outputUriPrefix: `${this.vertexProfile.outputUriPrefix}/${outputPath}` },
      },
      encryptionSpec: this.vertexProfile.kmsKeyName === undefined ? undefined : { kmsKeyName: this.vertexProfile.kmsKeyName },
      labels: { ...GPU_TRAINING_LABELS },
    };
  }

  // -------------------------------------------------------------------------------------------

  /**
   * @param nameProperty how errors name the pool name (`addGpuPool.name`, `gpuPools["a100"]`)
   * @param property how errors name the options (`addGpuPool.options`, `gpuPools["a100"]`)
   */
  private createGpuPool(name: string, options: GpuTrainingClusterGpuPoolOptions, nameProperty: string, property: string): GpuTrainingClusterGpuPool {
    const poolName = this.validName(nameProperty, GKE_NODE_POOL_NAME_RULE, name);
    if (poolName === SYSTEM_POOL_NAME || this.pools.some((p) => p.name === poolName)) {
      throw new MlopsValidationError(this, nameProperty, name,
        `a pool name not yet used in this cluster (${[SYSTEM_POOL_NAME, ...this.pools.map((p) => p.name)].join(', ')} are taken)`);
    }
    if (options === null || typeof options !== 'object') {
      throw new MlopsValidationError(this, property, options, 'GPU pool options with at least an accelerator');
    }
    const accelerator = resolveGpuTrainingAccelerator(this, property, options.accelerator, options.machineType, AcceleratorPlatform.GCP_COMPUTE);
    const spot = this.validBoolean(`${property}.spot`, options.spot) ?? false;
    const minNodes = this.validCount(`${property}.minNodes`, options.minNodes, 0) ?? 0;
    const maxNodes = this.validCount(`${property}.maxNodes`, options.maxNodes, 1) ?? accelerator.nodeCount;
    if (maxNodes < minNodes) {
      throw new MlopsValidationError(this, `${property}.maxNodes`, maxNodes, `at least minNodes (${minNodes})`);
    }
    if (maxNodes < accelerator.nodeCount) {
      throw new MlopsValidationError(this, `${property}.maxNodes`, maxNodes,
        `at least accelerator.nodeCount (${accelerator.nodeCount}): a job on ${accelerator.nodeCount} nodes could never be scheduled`);
    }
    const compactPlacement = this.validBoolean(`${property}.compactPlacement`, options.compactPlacement) ?? accelerator.nodeCount > 1;
    const zone = this.validPoolZone(`${property}.zone`, options.zone);
    if (compactPlacement && zone === undefined && !GCP_ZONE_RULE.pattern.test(this.location)) {
      throw new MlopsValidationError(this, `${property}.zone`, undefined,
        `a zone of ${this.region}: compact placement keeps the pool's nodes in one zone, and the cluster is regional (or set compactPlacement: false)`);
    }
    const driverVersion = this.validEnum(`${property}.driverVersion`, GpuTrainingClusterDriverVersion, options.driverVersion);

    const nodePool = new (gkeResources().ContainerNodePool)(this, `GpuPool-${poolName}`, {
      project: this.project,
      cluster: this.cluster.id,
      location: this.location,
      name: poolName,
      nodeLocations: zone === undefined ? undefined : [zone],
      initialNodeCount: minNodes,
      autoscaling: { totalMinNodeCount: minNodes, totalMaxNodeCount: maxNodes, locationPolicy: spot ? 'ANY' : undefined },
      management: { ...NODE_POOL_MANAGEMENT },
      placementPolicy: compactPlacement ? { type: 'COMPACT' } : undefined,
      nodeConfig: {
        ...this.nodeConfig(accelerator.instanceType, spot),
        guestAccelerator: [{
          type: accelerator.gcpAcceleratorType as string,
          count: accelerator.gpusPerNode,
          gpuDriverInstallationConfig: { gpuDriverVersion: driverVersion ?? GpuTrainingClusterDriverVersion.DEFAULT },
        }],
        taint: [{ ...GPU_NODE_TAINT }],
      },
      dependsOn: this.poolDependencies,
    });
    if (driverVersion !== undefined) {
      Annotations.of(nodePool).addWarning(`[${GPU_TRAINING_DRIVER_VERSION_WARNING}] GPU pool "${poolName}" sets driverVersion ${driverVersion}: `
        + 'changing the GPU driver version later replaces the node pool (all its nodes are recreated and running jobs stop).');
    }
    const pool: GpuTrainingClusterGpuPool = { name: poolName, nodePool, accelerator, compactPlacement, spot };
    this.pools.push(pool);
    return pool;
  }

  /** The hardened `node_config` of every pool (see NODE_CONFIG_DEFAULTS). */
  private nodeConfig(machineType: string, spot: boolean) {
    return {
      ...NODE_CONFIG_DEFAULTS,
      oauthScopes: [...NODE_CONFIG_DEFAULTS.oauthScopes],
      metadata: { ...NODE_CONFIG_DEFAULTS.metadata },
      machineType,
      spot: spot ? true : undefined,
      serviceAccount: this.nodeServiceAccount.email,
      bootDiskKmsKey: this.encryptionKey?.id,
      resourceLabels: { ...GPU_TRAINING_LABELS },
    };
  }

  /** Lets the GKE, Compute Engine and Vertex AI service agents use the key; nothing without a key. */
  private grantKeyToServiceAgents(): Partial<Record<(typeof KEY_USING_SERVICE_AGENTS)[number]['id'], KmsCryptoKeyIamMember>> {
    const key = this.encryptionKey;
    if (key === undefined) {
      return {};
    }
    const encryption = new Construct(this, 'Encryption');
    return Object.fromEntries(KEY_USING_SERVICE_AGENTS.map(({ id, domain }) => [id, new KmsCryptoKeyIamMember(encryption, id, {
      cryptoKeyId: key.id,
      role: KMS_ENCRYPTER_DECRYPTER_ROLE,
      member: `serviceAccount:service-${this.projectData.number}@${domain}`,
    })]));
  }

  /** `<prefix>-<suffix>`, when it is a valid service account id; otherwise an error naming `prefix`. */
  private serviceAccountId(suffix: string): string {
    const id = `${this.prefix}-${suffix}`;
    if (!Token.isUnresolved(this.prefix) && namingProblem(SERVICE_ACCOUNT_ID_RULE, id) !== undefined) {
      throw new MlopsValidationError(this, 'prefix', this.prefix,
        `a prefix that makes "${id}" a service account id: ${SERVICE_ACCOUNT_ID_RULE.description} (a prefix of at most 22 characters)`);
    }
    return id;
  }

  private resolveEncryptionKey(given: unknown): ICryptoKey | undefined {
    if (given !== undefined) {
      const id = given !== null && typeof given === 'object' ? (given as ICryptoKey).id : undefined;
      if (!(typeof id === 'string' && Token.isUnresolved(id))) {
        const problem = cryptoKeyIdProblem(id) ?? this.keyLocationProblem(id as string);
        if (problem !== undefined) {
          throw new MlopsValidationError(this, 'encryptionKey.id', id, problem);
        }
      }
      return given as ICryptoKey;
    }
    const lakeKey = this.lake.encryptionKey;
    if (lakeKey === undefined) {
      return undefined;
    }
    const inRegion = Token.isUnresolved(lakeKey.id) ? this.lake.location === this.region : this.keyLocationProblem(lakeKey.id) === undefined;
    if (!inRegion) {
      throw new MlopsValidationError(this, 'encryptionKey', undefined,
        `a key in ${this.region}: the lake's key serves the lake's location ${this.lake.location}, and GKE, Compute Engine and Vertex AI `
        + `encrypt only with keys of the cluster's region; pass encryptionKey`);
    }
    return lakeKey;
  }

  private keyLocationProblem(id: string): string | undefined {
    const keyLocation = /\/locations\/([^/]+)\//.exec(id)?.[1];
    return keyLocation === this.region
      ? undefined
      : `a Cloud KMS key in the cluster's region "${this.region}" (key ring location "${this.region}"): GKE, Compute Engine and Vertex AI encrypt only with keys of the resource's region`;
  }

  private validLocation(location: unknown): string {
    if (typeof location === 'string' && Token.isUnresolved(location)) {
      throw new MlopsValidationError(this, 'location', location, 'a literal region or zone (the cluster derives its region and key checks from it)');
    }
    if (typeof location !== 'string' || (!GCP_REGION_RULE.pattern.test(location) && !GCP_ZONE_RULE.pattern.test(location))) {
      throw new MlopsValidationError(this, 'location', location, `${GCP_REGION_RULE.description} or ${GCP_ZONE_RULE.description}`);
    }
    return location;
  }

  private validPoolZone(property: string, zone: unknown): string | undefined {
    if (zone === undefined) {
      return undefined;
    }
    if (typeof zone !== 'string' || !GCP_ZONE_RULE.pattern.test(zone) || regionOf(zone) !== this.region) {
      throw new MlopsValidationError(this, property, zone, `a zone of the cluster's region ${this.region}, such as "${this.region}-a"`);
    }
    return zone;
  }

  private validMasterCidr(value: unknown): string {
    if (value === undefined) {
      return DEFAULT_MASTER_IPV4_CIDR_BLOCK;
    }
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      return value;
    }
    if (parseIpv4Cidr(value)?.prefixLength !== MASTER_IPV4_CIDR_PREFIX_LENGTH) {
      throw new MlopsValidationError(this, 'masterIpv4CidrBlock', value, 'an IPv4 /28 block such as "172.16.0.0/28" (GKE requires a /28 for the control plane)');
    }
    return value as string;
  }

  private validAuthorizedNetworks(networks: unknown): { cidrBlock: string; displayName?: string }[] {
    if (networks === undefined) {
      return [];
    }
    if (!Array.isArray(networks)) {
      throw new MlopsValidationError(this, 'masterAuthorizedNetworks', networks, 'a list of { cidrBlock, displayName? }');
    }
    return networks.map((network: GpuTrainingClusterAuthorizedNetwork, i) => {
      const cidrBlock = network?.cidrBlock;
      if (!(typeof cidrBlock === 'string' && Token.isUnresolved(cidrBlock))) {
        const cidr = parseIpv4Cidr(cidrBlock);
        if (cidr === undefined || cidr.prefixLength === 0) {
          throw new MlopsValidationError(this, `masterAuthorizedNetworks[${i}].cidrBlock`, cidrBlock,
            'an IPv4 CIDR block such as "10.10.0.0/24", not 0.0.0.0/0 (a control plane open to every address, checkov CKV_GCP_18)');
        }
      }
      return { cidrBlock, displayName: network.displayName };
    });
  }

  private validSystemMachineType(value: unknown): string {
    if (value === undefined) {
      return DEFAULT_SYSTEM_MACHINE_TYPE;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      throw new MlopsValidationError(this, 'systemMachineType', value, 'a Compute Engine machine type such as "e2-standard-4"');
    }
    if (acceleratorOfferingByInstanceType(AcceleratorPlatform.GCP_COMPUTE, value) !== undefined) {
      throw new MlopsValidationError(this, 'systemMachineType', value, 'a machine type without GPUs such as "e2-standard-4" (GPU capacity goes in gpuPools)');
    }
    return value;
  }

  /** A network, subnetwork or range name: a non-empty string (tokens allowed); `undefined` when optional and absent. */
  private validReference(property: string, value: unknown, required: boolean): string | undefined {
    if (value === undefined && !required) {
      return undefined;
    }
    if (typeof value !== 'string' || value.trim() === '') {
      throw new MlopsValidationError(this, property, value, 'a name or self link (a non-empty string)');
    }
    return value;
  }

  private validBoolean(property: string, value: unknown): boolean | undefined {
    if (value !== undefined && typeof value !== 'boolean') {
      throw new MlopsValidationError(this, property, value, 'true or false');
    }
    return value;
  }

  private validCount(property: string, value: unknown, min: number): number | undefined {
    if (value !== undefined && !(typeof value === 'number' && Number.isInteger(value) && value >= min)) {
      throw new MlopsValidationError(this, property, value, `an integer of at least ${min}`);
    }
    return value;
  }

  private validEnum<T extends Record<string, string>>(property: string, values: T, value: unknown): T[keyof T] | undefined {
    if (value !== undefined && !(Object.values(values) as unknown[]).includes(value)) {
      throw new MlopsValidationError(this, property, value, `one of ${Object.values(values).join(', ')}`);
    }
    return value as T[keyof T] | undefined;
  }

  private validStrings(property: string, value: unknown): string[] | undefined {
    if (value !== undefined && !(Array.isArray(value) && value.every((v) => typeof v === 'string'))) {
      throw new MlopsValidationError(this, property, value, 'a list of strings');
    }
    return value === undefined ? undefined : [...value];
  }

  /** `value` when it follows `rule` or is an unresolved token; otherwise an error naming `property`. */
  private validName(property: string, rule: NamingRule, value: unknown): string {
    if (typeof value === 'string' && Token.isUnresolved(value)) {
      return value;
    }
    const problem = namingProblem(rule, value);
    if (problem !== undefined) {
      throw new MlopsValidationError(this, property, value, problem);
    }
    return value as string;
  }
}

/** The network name of a name or self link (`…/global/networks/<name>`), in Terraform when it is a token. */
function networkName(network: string): string {
  if (Token.isUnresolved(network)) {
    return Fn.element(Fn.reverse(Fn.split('/', network)), 0) as string;
  }
  return network.slice(network.lastIndexOf('/') + 1);
}
