import type { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import type { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { ProjectIamMember } from '@cdktf/provider-google/lib/project-iam-member';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { ServiceAccountIamMember } from '@cdktf/provider-google/lib/service-account-iam-member';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorPlatform, AcceleratorRequest, MlopsValidationError, namingProblem, PREFIX_RULE, resolveAcceleratorOffering,
  ResolvedAccelerator, unwrap,
} from '../../core';
import { Fn, ITerraformDependable, Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { IDataLake } from '../data-lake/data-lake';
import { GcpIamProps } from '../iam';
import { childScope, IamMemberRegistry, resolveIamGrants } from '../private/iam-members';
import { MANAGED_BY_LABELS, managedLabels } from '../private/labels';
import { GCP_ZONE_RULE, regionOf } from '../private/regions';
import { createKeyAccess, createProjectLookup, serviceAgentMember } from '../private/service-agents';
import {
  resolveBoolean, resolveCount, resolveEncryptionKey, resolveEnum, resolveLake, resolveLiteralName, resolveMember, resolveName, resolveStrings,
} from '../private/validate';
import { warn } from '../private/warnings';
import { GCP_PROJECT_ID_RULE } from '../project';
import { VertexAiCustomJob, VertexAiWorkerPoolSpec } from '../vertex-ai-api';
import { GpuTrainingClusterCustomJobOptions, GpuTrainingJobProfile } from './custom-job';
import { GpuTrainingClusterDriverVersion, GpuTrainingClusterGpuPool, GpuTrainingClusterGpuPoolProps } from './gpu-pool';
import {
  DEFAULT_INPUT_ZONES, GPU_NODE_TAINT, GPU_TRAINING_CLUSTER_DEFAULTS, KEY_USING_SERVICE_AGENTS, LAUNCH_PROJECT_ROLE,
  LAUNCH_SERVICE_ACCOUNT_ROLE, NODE_CONFIG_DEFAULTS, NODE_POOL_MANAGEMENT, NODE_SERVICE_ACCOUNT_ROLES, SYSTEM_POOL_AUTOSCALING,
  TRAINING_WRITE_ZONE, VERTEX_DISPLAY_NAME_MAX_LENGTH, WORKLOAD_IDENTITY_USER_ROLE,
} from './private/defaults';
import { gkeResources } from './private/gke';
import {
  GKE_CLUSTER_NAME_RULE, GKE_NODE_POOL_NAME_RULE, KUBERNETES_NAMESPACE_RULE, KUBERNETES_SERVICE_ACCOUNT_RULE, resolveAuthorizedNetworks,
  resolveLocation, resolveMasterCidr, resolvePoolZone, resolveReference, resolveSystemMachineType, SERVICE_ACCOUNT_ID_RULE,
} from './private/names';

/**
 * The synth-time warnings of a GpuTrainingCluster, by id. Users acknowledge them by these ids.
 */
export const GPU_TRAINING_CLUSTER_WARNINGS = {
  /** A GPU pool sets `driverVersion`: changing the driver version later replaces the node pool. */
  driverVersionRecreatesPool: 'mlops-constructs:gke-gpu-driver-version-recreates-pool',
} as const;

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
 * The behavioural contract of a GPU training cluster: its identity and how pipelines launch training.
 *
 * There is no `fromGpuTrainingClusterAttributes`: what other constructs consume is the training
 * job profile and the grant to launch jobs with it, both of which need the service accounts and
 * network this construct creates (as on AWS).
 */
export interface IGpuTrainingCluster extends IConstruct {
  /** The GKE cluster name. */
  readonly clusterName: string;
  /** The region of the cluster and of Vertex AI jobs. */
  readonly region: string;
  /** Email of the service account training runs as, on GKE (Workload Identity) and on Vertex AI. */
  readonly trainingServiceAccountEmail: string;
  /** What Vertex AI custom jobs use: service account, network, key, staging and output locations. */
  readonly trainingJobProfile: GpuTrainingJobProfile;

  /**
   * Lets `member` launch Vertex AI custom jobs as the training service account:
   * `roles/aiplatform.user` on the project and `roles/iam.serviceAccountUser` on the account.
   * Code staging (Vertex AI SDK `staging_bucket`) also needs `lake.grantWrite('artifacts', member)`.
   * @returns the IAM member resources, to depend on
   */
  grantLaunchTrainingJobs(member: string): ITerraformDependable[];

  /** The request body of a Vertex AI custom job on this cluster's profile (`projects.locations.customJobs.create`). */
  createCustomJobRequest(options: GpuTrainingClusterCustomJobOptions): VertexAiCustomJob;
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
 *
 * `iam` (from {@link GcpIamProps}): only Kubernetes Engine roles (`roles/container.*`) are
 * accepted, granted on the project (the google provider has no cluster-level IAM resource), so
 * they cover every cluster of the project; to let a member launch Vertex AI jobs as the trainer,
 * use `grantLaunchTrainingJobs`.
 */
export interface GpuTrainingClusterProps extends GcpIamProps {
  /** The data lake training reads (`inputZones`) and writes (`artifacts`), created or imported. */
  readonly lake: IDataLake;

  /**
   * Lake zones training reads: the training service account gets `grantRead` on each.
   * @default ['curated']
   */
  readonly inputZones?: string[];

  /**
   * Where the cluster runs: a region (`us-central1`, a regional cluster with a replicated control
   * plane) or a zone (`us-central1-a`). Vertex AI jobs run in its region. A Terraform value (a
   * variable) is taken as a region; the checks against it (pool zones, the key's location) are
   * then the plan's.
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
   * Whether to create the GKE cluster (with its system pool, node service account and GPU pools).
   * Without it, only the launch profile of Vertex AI custom jobs is created — the training
   * identity, its grants on the lake, the key access of the Vertex AI service agent — so nothing
   * bills while no job runs (as `hyperPod: false` on AWS). `gpuPools` and `addGpuPool` are then
   * refused.
   * @default true
   */
  readonly gkeCluster?: boolean;

  /**
   * Project of the cluster, service accounts and grants.
   * @default - the lake's project (the provider's project when the lake has none)
   */
  readonly project?: string;

  /**
   * GPU node pools, each autoscaling from `minNodes` (0) to `maxNodes`. More can be added with
   * `addGpuPool`.
   * @default - no GPU pools
   */
  readonly gpuPools?: GpuTrainingClusterGpuPoolProps[];

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
 * Training identity (`<prefix>-trainer`): reads the lake's `inputZones` (`curated`), writes its
 * `artifacts` zone; GKE pods use it through Workload Identity
 * (`trainingNamespace/trainingKubernetesServiceAccount`), Vertex AI jobs run as it
 * (`createCustomJobRequest`, `trainingJobProfile`).
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
 * With `gkeCluster: false` only the launch profile exists (training identity, its lake grants,
 * the Vertex AI service agent's key access): no cluster, pools or node account, nothing that bills
 * while no job runs — what the maturity-level platforms use.
 *
 * Construct ids: `Resource` (the cluster), `SystemPool`, `GpuPool-<name>`, `NodeServiceAccount`,
 * `TrainingServiceAccount`, `Encryption/*`, `Launch/*`, `Iam/*`.
 *
 * @example
 * const cluster = new GpuTrainingCluster(stack, 'Training', {
 *   lake, location: 'us-central1', network: 'ml-vpc', subnetwork: 'ml-us-central1',
 *   gpuPools: [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, spot: true }],
 * });
 * const job = cluster.createCustomJobRequest({ displayName: 'train-ranker', imageUri, accelerator: { gpu: GpuType.A100_40GB, gpusPerNode: 8, nodeCount: 2 } });
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/hardening-your-cluster
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/gpus
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.customJobs
 */
export class GpuTrainingCluster extends Construct implements IGpuTrainingCluster {
  /** The lake training reads and writes. */
  public readonly lake: IDataLake;
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
  /** The lake zones training reads. */
  public readonly inputZones: string[];
  /** The customer-managed key in use, if any. */
  public readonly encryptionKey?: ICryptoKey;
  /** The `google_container_cluster`; `undefined` with `gkeCluster: false`. */
  public readonly cluster?: ContainerCluster;
  /** The CPU pool for cluster services; `undefined` with `gkeCluster: false`. */
  public readonly systemPool?: ContainerNodePool;
  /** The node VMs' service account; `undefined` with `gkeCluster: false`. */
  public readonly nodeServiceAccount?: ServiceAccount;
  /** The service account training runs as. */
  public readonly trainingServiceAccount: ServiceAccount;
  /** {@inheritDoc IGpuTrainingCluster.trainingServiceAccountEmail} */
  public readonly trainingServiceAccountEmail: string;
  /** {@inheritDoc IGpuTrainingCluster.trainingJobProfile} */
  public readonly trainingJobProfile: GpuTrainingJobProfile;

  private readonly projectData: DataGoogleProject;
  private readonly poolDependencies: ITerraformDependable[];
  /** Whether the GKE cluster exists (`gkeCluster`). */
  private readonly withCluster: boolean;
  private readonly pools: GpuTrainingClusterGpuPool[] = [];
  private readonly iamMembers = new IamMemberRegistry();
  /** The grants of each member given `grantLaunchTrainingJobs`, so that a second call returns the same list. */
  private readonly launchGrants = new Map<string, ITerraformDependable[]>();

  constructor(scope: Construct, id: string, props: GpuTrainingClusterProps) {
    super(scope, id);
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, 'props', props, 'an object with at least lake, location and network');
    }
    this.lake = resolveLake(this, 'lake', props.lake);
    this.prefix = props.prefix === undefined ? this.lake.prefix : resolveName(this, 'prefix', PREFIX_RULE, props.prefix);
    this.project = props.project === undefined ? this.lake.project : resolveName(this, 'project', GCP_PROJECT_ID_RULE, props.project);
    this.location = resolveLocation(this, props.location);
    this.region = regionOf(this.location);
    const network = resolveReference(this, 'network', props.network, true) as string;
    const subnetwork = resolveReference(this, 'subnetwork', props.subnetwork, false);
    const podsRange = resolveReference(this, 'podsSecondaryRangeName', props.podsSecondaryRangeName, false);
    const servicesRange = resolveReference(this, 'servicesSecondaryRangeName', props.servicesSecondaryRangeName, false);
    this.clusterName = props.clusterName === undefined
      ? `${this.prefix}-training`
      : resolveName(this, 'clusterName', GKE_CLUSTER_NAME_RULE, props.clusterName);
    const nodeAccountId = this.serviceAccountId('nodes');
    const trainerAccountId = this.serviceAccountId('trainer');
    const releaseChannel = resolveEnum(this, 'releaseChannel', GpuTrainingClusterReleaseChannel, props.releaseChannel) ?? GpuTrainingClusterReleaseChannel.REGULAR;
    const masterIpv4CidrBlock = resolveMasterCidr(this, props.masterIpv4CidrBlock);
    const authorizedNetworks = resolveAuthorizedNetworks(this, props.masterAuthorizedNetworks);
    const privateEndpoint = resolveBoolean(this, 'privateEndpoint', props.privateEndpoint) ?? true;
    const deletionProtection = resolveBoolean(this, 'deletionProtection', props.deletionProtection) ?? true;
    const withCluster = resolveBoolean(this, 'gkeCluster', props.gkeCluster) ?? true;
    const systemMachineType = resolveSystemMachineType(this, props.systemMachineType);
    const namespace = props.trainingNamespace === undefined ? 'training' : resolveName(this, 'trainingNamespace', KUBERNETES_NAMESPACE_RULE, props.trainingNamespace);
    const kubernetesServiceAccount = props.trainingKubernetesServiceAccount === undefined
      ? 'trainer'
      : resolveName(this, 'trainingKubernetesServiceAccount', KUBERNETES_SERVICE_ACCOUNT_RULE, props.trainingKubernetesServiceAccount);
    this.encryptionKey = this.resolveEncryptionKey(props.encryptionKey);
    this.inputZones = this.resolveInputZones(props.inputZones);
    if (props.gpuPools !== undefined && !Array.isArray(props.gpuPools)) {
      throw new MlopsValidationError(this, 'gpuPools', props.gpuPools, 'a list of GPU pool props ({ name, accelerator, ... })');
    }
    if (!withCluster && (props.gpuPools ?? []).length > 0) {
      throw new MlopsValidationError(this, 'gpuPools', props.gpuPools!.map((p) => p?.name), 'no GPU pools with gkeCluster: false (pools are GKE node pools; Vertex AI jobs take their GPUs from the job request)');
    }
    const iamGrants = resolveIamGrants(this, props.iam, clusterRoleProblem);

    this.projectData = createProjectLookup(this, 'Project', this.project);
    const projectId = this.project ?? this.projectData.projectId;
    this.withCluster = withCluster;
    const keyAccess = this.grantKeyToServiceAgents();

    const zones = `${this.inputZones.join(', ')} zone${this.inputZones.length === 1 ? '' : 's'}`;
    this.trainingServiceAccount = new ServiceAccount(this, 'TrainingServiceAccount', {
      project: this.project,
      accountId: trainerAccountId,
      displayName: `Training on ${this.clusterName}`,
      description: `Training jobs on GKE and Vertex AI: reads the lake's ${zones}, writes its ${TRAINING_WRITE_ZONE} zone (mlops-constructs).`,
    });
    this.trainingServiceAccountEmail = this.trainingServiceAccount.email;
    for (const zone of this.inputZones) {
      this.lake.grantRead(zone, this.trainingServiceAccount.member);
    }
    this.lake.grantWrite(TRAINING_WRITE_ZONE, this.trainingServiceAccount.member);

    const artifacts = `gs://${this.lake.zoneBucket(TRAINING_WRITE_ZONE).name}`;
    this.trainingJobProfile = {
      region: this.region,
      serviceAccount: this.trainingServiceAccountEmail,
      network: `projects/${this.projectData.number}/global/networks/${networkName(network)}`,
      kmsKeyName: this.encryptionKey?.id,
      stagingUri: `${artifacts}/staging`,
      outputUriPrefix: `${artifacts}/training`,
    };
    for (const grant of iamGrants) {
      this.iamMembers.grant({ scope: childScope(this, 'Iam'), prefix: `${grant.role}=` }, grant.member,
        (iamScope, grantId) => new ProjectIamMember(iamScope, grantId, { project: projectId, role: grant.role, member: grant.member }));
    }
    if (!withCluster) {
      this.poolDependencies = [];
      return;
    }

    const nodeServiceAccount = new ServiceAccount(this, 'NodeServiceAccount', {
      project: this.project,
      accountId: nodeAccountId,
      displayName: `GKE nodes of ${this.clusterName}`,
      description: 'Node VMs of the GPU training cluster: logs, metrics and image pulls only (mlops-constructs).',
    });
    this.nodeServiceAccount = nodeServiceAccount;
    const nodeRoles = NODE_SERVICE_ACCOUNT_ROLES.map((role) => new ProjectIamMember(nodeServiceAccount, `Role-${role}`, {
      project: projectId, role, member: nodeServiceAccount.member,
    }));

    const cluster = new (gkeResources().ContainerCluster)(this, 'Resource', {
      ...GPU_TRAINING_CLUSTER_DEFAULTS,
      project: this.project,
      name: this.clusterName,
      location: this.location,
      network,
      subnetwork,
      deletionProtection,
      resourceLabels: managedLabels(),
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
      member: `serviceAccount:${cluster.workloadIdentityConfig.workloadPool}[${namespace}/${kubernetesServiceAccount}]`,
    });

    this.poolDependencies = [...nodeRoles, ...(keyAccess.ComputeServiceAgentKeyAccess ? [keyAccess.ComputeServiceAgentKeyAccess] : [])];
    this.systemPool = new (gkeResources().ContainerNodePool)(this, 'SystemPool', {
      project: this.project,
      cluster: cluster.id,
      location: this.location,
      name: SYSTEM_POOL_NAME,
      initialNodeCount: SYSTEM_POOL_AUTOSCALING.totalMinNodeCount,
      autoscaling: { ...SYSTEM_POOL_AUTOSCALING },
      management: { ...NODE_POOL_MANAGEMENT },
      nodeConfig: this.nodeConfig(systemMachineType, false),
      dependsOn: this.poolDependencies,
    });
    this.cluster = cluster;

    (props.gpuPools ?? []).forEach((pool, i) => this.createGpuPool(pool, `gpuPools[${i}]`));
  }

  /** The GPU pools, from props and `addGpuPool`, in creation order. */
  public get gpuPools(): GpuTrainingClusterGpuPool[] {
    return [...this.pools];
  }

  /**
   * Adds a GPU node pool named `props.name` (1 to 40 lowercase letters, digits and hyphens; not
   * `system`).
   *
   * @throws MlopsValidationError for a GPU type no Compute Engine machine type carries, a GPU
   * count no machine type of that GPU carries, a bad name, node counts or zone, or a multi-node
   * compact pool without a zone in a regional cluster
   */
  public addGpuPool(props: GpuTrainingClusterGpuPoolProps): GpuTrainingClusterGpuPool {
    return this.createGpuPool(props, 'addGpuPool');
  }

  /** {@inheritDoc IGpuTrainingCluster.grantLaunchTrainingJobs} */
  public grantLaunchTrainingJobs(member: string): ITerraformDependable[] {
    resolveMember(this, member);
    const existing = this.launchGrants.get(member);
    if (existing) {
      return existing;
    }
    // Ids name the member, so that they do not depend on call order; token members are numbered.
    const launch = childScope(this, 'Launch');
    const grants = [
      this.iamMembers.grant({ scope: launch, prefix: 'CreateJobs=' }, member, (scope, id) =>
        new ProjectIamMember(scope, id, { project: this.project ?? this.projectData.projectId, role: LAUNCH_PROJECT_ROLE, member })),
      this.iamMembers.grant({ scope: launch, prefix: 'ActAsTrainer=' }, member, (scope, id) =>
        new ServiceAccountIamMember(scope, id, { serviceAccountId: this.trainingServiceAccount.name, role: LAUNCH_SERVICE_ACCOUNT_ROLE, member })),
    ];
    this.launchGrants.set(member, grants);
    return grants;
  }

  /**
   * The request body of a Vertex AI custom job on this cluster's profile (`projects.locations.customJobs.create`).
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
  public createCustomJobRequest(options: GpuTrainingClusterCustomJobOptions): VertexAiCustomJob {
    const at = 'createCustomJobRequest';
    if (options === null || typeof options !== 'object') {
      throw new MlopsValidationError(this, `${at}.options`, options, 'an object with displayName, imageUri and accelerator');
    }
    const { displayName, imageUri } = options;
    if (typeof displayName !== 'string' || (!Token.isUnresolved(displayName) && (displayName.length === 0 || displayName.length > VERTEX_DISPLAY_NAME_MAX_LENGTH))) {
      throw new MlopsValidationError(this, `${at}.displayName`, displayName, `1 to ${VERTEX_DISPLAY_NAME_MAX_LENGTH} characters`);
    }
    if (typeof imageUri !== 'string' || imageUri.trim() === '') {
      throw new MlopsValidationError(this, `${at}.imageUri`, imageUri, 'a container image URI such as "us-docker.pkg.dev/<project>/<repository>/<image>:<tag>"');
    }
    const command = resolveStrings(this, `${at}.command`, options.command);
    const args = resolveStrings(this, `${at}.args`, options.args);
    const outputPath = options.outputPath ?? displayName;
    if (typeof outputPath !== 'string' || (!Token.isUnresolved(outputPath) && !/^[^/\r\n](?:[^\r\n]*[^/\r\n])?$/.test(outputPath))) {
      throw new MlopsValidationError(this, `${at}.outputPath`, outputPath, 'a non-empty path without leading or trailing "/" nor line breaks');
    }
    const accelerator = this.resolveAccelerator(at, options.accelerator, options.machineType, AcceleratorPlatform.GCP_VERTEX);
    const replica = (replicaCount: number): VertexAiWorkerPoolSpec => ({
      machineSpec: { machineType: accelerator.instanceType, acceleratorType: accelerator.vertexAcceleratorType as string, acceleratorCount: accelerator.gpusPerNode },
      replicaCount,
      containerSpec: { imageUri, command, args },
    });
    const workerPoolSpecs = accelerator.nodeCount === 1 ? [replica(1)] : [replica(1), replica(accelerator.nodeCount - 1)];
    return {
      displayName,
      jobSpec: {
        workerPoolSpecs,
        serviceAccount: this.trainingJobProfile.serviceAccount,
        network: this.trainingJobProfile.network,
        baseOutputDirectory: { outputUriPrefix: `${this.trainingJobProfile.outputUriPrefix}/${outputPath}` },
      },
      encryptionSpec: this.trainingJobProfile.kmsKeyName === undefined ? undefined : { kmsKeyName: this.trainingJobProfile.kmsKeyName },
      labels: { ...MANAGED_BY_LABELS },
    };
  }

  // -------------------------------------------------------------------------------------------

  /** @param property how errors name the pool (`addGpuPool`, `gpuPools[0]`) */
  private createGpuPool(props: GpuTrainingClusterGpuPoolProps, property: string): GpuTrainingClusterGpuPool {
    if (props === null || typeof props !== 'object') {
      throw new MlopsValidationError(this, property, props, 'GPU pool props with at least a name and an accelerator');
    }
    if (this.cluster === undefined) {
      throw new MlopsValidationError(this, property, props.name, 'no GPU pool: this GpuTrainingCluster has no GKE cluster (gkeCluster: false); Vertex AI jobs take their GPUs from the job request (createCustomJobRequest)');
    }
    const nameProperty = `${property}.name`;
    // Literal only: the pool's construct id and the jobs' node selector are derived from it at synth.
    const poolName = resolveLiteralName(this, nameProperty, GKE_NODE_POOL_NAME_RULE, props.name);
    if (poolName === SYSTEM_POOL_NAME || this.pools.some((p) => p.name === poolName)) {
      throw new MlopsValidationError(this, nameProperty, props.name,
        `a pool name not yet used in this cluster (${[SYSTEM_POOL_NAME, ...this.pools.map((p) => p.name)].join(', ')} are taken)`);
    }
    const accelerator = this.resolveAccelerator(property, props.accelerator, props.machineType, AcceleratorPlatform.GCP_COMPUTE);
    const spot = resolveBoolean(this, `${property}.spot`, props.spot) ?? false;
    const minNodes = resolveCount(this, `${property}.minNodes`, props.minNodes, 0) ?? 0;
    const maxNodes = resolveCount(this, `${property}.maxNodes`, props.maxNodes, 1) ?? accelerator.nodeCount;
    if (maxNodes < minNodes) {
      throw new MlopsValidationError(this, `${property}.maxNodes`, maxNodes, `at least minNodes (${minNodes})`);
    }
    if (maxNodes < accelerator.nodeCount) {
      throw new MlopsValidationError(this, `${property}.maxNodes`, maxNodes,
        `at least accelerator.nodeCount (${accelerator.nodeCount}): a job on ${accelerator.nodeCount} nodes could never be scheduled`);
    }
    const compactPlacement = resolveBoolean(this, `${property}.compactPlacement`, props.compactPlacement) ?? accelerator.nodeCount > 1;
    const zone = resolvePoolZone(this, `${property}.zone`, props.zone, this.region);
    if (compactPlacement && zone === undefined && !GCP_ZONE_RULE.pattern.test(this.location)) {
      throw new MlopsValidationError(this, `${property}.zone`, undefined,
        `a zone of ${this.region}: compact placement keeps the pool's nodes in one zone, and the cluster is regional (or set compactPlacement: false)`);
    }
    const driverVersion = resolveEnum(this, `${property}.driverVersion`, GpuTrainingClusterDriverVersion, props.driverVersion);

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
      warn(nodePool, GPU_TRAINING_CLUSTER_WARNINGS.driverVersionRecreatesPool, `GPU pool "${poolName}" sets driverVersion ${driverVersion}: `
        + 'changing the GPU driver version later replaces the node pool (all its nodes are recreated and running jobs stop).');
    }
    const pool: GpuTrainingClusterGpuPool = { name: poolName, nodePool, accelerator, compactPlacement, spot };
    this.pools.push(pool);
    return pool;
  }

  /**
   * The catalog row of a GPU request on `platform`, naming `<property>.accelerator.*` and
   * `<property>.machineType` in errors. Without `machineType`, the smallest machine type carrying
   * exactly `gpusPerNode` GPUs; with it, that row (a larger host for the same GPUs); a machine type
   * holding a token is used as given.
   */
  private resolveAccelerator(property: string, request: AcceleratorRequest, machineType: string | undefined, platform: AcceleratorPlatform): ResolvedAccelerator {
    return unwrap(this, '', resolveAcceleratorOffering(request, platform, {
      instanceType: machineType,
      requestProperty: `${property}.accelerator`,
      instanceTypeProperty: `${property}.machineType`,
      isUnresolved: (value) => typeof value === 'string' && Token.isUnresolved(value),
    }));
  }

  /** The hardened `node_config` of every pool (see NODE_CONFIG_DEFAULTS). */
  private nodeConfig(machineType: string, spot: boolean) {
    return {
      ...NODE_CONFIG_DEFAULTS,
      oauthScopes: [...NODE_CONFIG_DEFAULTS.oauthScopes],
      metadata: { ...NODE_CONFIG_DEFAULTS.metadata },
      machineType,
      spot: spot ? true : undefined,
      serviceAccount: this.nodeServiceAccount!.email,
      bootDiskKmsKey: this.encryptionKey?.id,
      resourceLabels: managedLabels(),
    };
  }

  /** Lets the GKE, Compute Engine and Vertex AI service agents use the key; nothing without a key. */
  private grantKeyToServiceAgents(): Partial<Record<(typeof KEY_USING_SERVICE_AGENTS)[number]['id'], KmsCryptoKeyIamMember>> {
    const key = this.encryptionKey;
    if (key === undefined) {
      return {};
    }
    const encryption = new Construct(this, 'Encryption');
    const agents = this.withCluster ? KEY_USING_SERVICE_AGENTS : KEY_USING_SERVICE_AGENTS.filter((a) => a.id === 'VertexServiceAgentKeyAccess');
    return Object.fromEntries(agents.map(({ id, domain }) =>
      [id, createKeyAccess(encryption, id, key, serviceAgentMember(this.projectData, domain))]));
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

  private resolveInputZones(zones: unknown): string[] {
    if (zones === undefined) {
      return [...DEFAULT_INPUT_ZONES];
    }
    if (!Array.isArray(zones) || zones.length === 0) {
      throw new MlopsValidationError(this, 'inputZones', zones, 'a non-empty list of lake zones');
    }
    zones.forEach((zone, i) => {
      if (!this.lake.zoneNames.includes(zone)) {
        throw new MlopsValidationError(this, `inputZones[${i}]`, zone, `a zone of the lake: ${this.lake.zoneNames.join(', ')}`);
      }
    });
    return [...zones];
  }

  private resolveEncryptionKey(given: unknown): ICryptoKey | undefined {
    if (given !== undefined) {
      return resolveEncryptionKey(this, given, (id) => this.keyLocationProblem(id));
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
    return keyLocation === this.region || Token.isUnresolved(this.region)
      ? undefined
      : `a Cloud KMS key in the cluster's region "${this.region}" (key ring location "${this.region}"): GKE, Compute Engine and Vertex AI encrypt only with keys of the resource's region`;
  }
}

/** Which roles the `iam` prop accepts: Kubernetes Engine roles, granted on the project. */
function clusterRoleProblem(role: string): string | undefined {
  return role.startsWith('roles/container.')
    ? undefined
    : 'a Kubernetes Engine role (roles/container.*), granted on the project; to let a member launch Vertex AI jobs use grantLaunchTrainingJobs(member)';
}

/** The network name of a name or self link (`…/global/networks/<name>`), in Terraform when it is a token. */
function networkName(network: string): string {
  if (Token.isUnresolved(network)) {
    return Fn.element(Fn.reverse(Fn.split('/', network)), 0) as string;
  }
  return network.slice(network.lastIndexOf('/') + 1);
}
