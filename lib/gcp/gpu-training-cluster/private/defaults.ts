/**
 * The hardened defaults of GpuTrainingCluster, as data in one place: what the cluster, every node
 * pool and the identities are given unless a prop says otherwise. Each value names the document
 * or policy rule it comes from.
 */
import { SERVICE_AGENT_DOMAINS } from '../../private/service-agents';

/**
 * What `google_container_cluster` always gets (the rule each value satisfies in brackets):
 * VPC-native networking [CIS GKE 5.6.2], Dataplane V2 [GCP-GKE8], Shielded GKE Nodes [GCP-GKE3],
 * no legacy ABAC and no client certificates [GCP-GKE7], separately managed node pools only, and
 * the Cloud Storage FUSE CSI driver so that training pods mount lake buckets with their own
 * (Workload Identity) credentials.
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster
 * @see https://cloud.google.com/kubernetes-engine/docs/concepts/dataplane-v2
 */
export const GPU_TRAINING_CLUSTER_DEFAULTS = {
  removeDefaultNodePool: true,
  initialNodeCount: 1,
  networkingMode: 'VPC_NATIVE',
  datapathProvider: 'ADVANCED_DATAPATH',
  enableShieldedNodes: true,
  enableLegacyAbac: false,
  masterAuth: { clientCertificateConfig: { issueClientCertificate: false } },
  addonsConfig: { gcsFuseCsiDriverConfig: { enabled: true } },
} as const;

/**
 * The range of the control plane's private endpoint: any /28 that overlaps no other range of the
 * network works; this one is outside the 10.0.0.0/8 ranges VPC subnets usually take.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#master_ipv4_cidr_block
 */
export const DEFAULT_MASTER_IPV4_CIDR_BLOCK = '172.16.0.0/28';

/** The prefix length GKE requires of `master_ipv4_cidr_block` ("it must be a /28 subnet"). */
export const MASTER_IPV4_CIDR_PREFIX_LENGTH = 28;

/**
 * Scope of the node VMs: every API, narrowed by the node service account's IAM roles, as Google
 * recommends for custom node service accounts.
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/access-scopes
 */
export const NODE_OAUTH_SCOPES: readonly string[] = ['https://www.googleapis.com/auth/cloud-platform'];

/**
 * What every node pool's `node_config` gets: the GKE metadata server [GCP-GKE2], secure boot and
 * integrity monitoring [GCP-GKE4], Container-Optimized OS [CIS GKE 5.5.1, checkov CKV_GCP_22],
 * and the legacy metadata endpoints off [CIS GKE 5.4.1] (the provider asks for the value to be
 * written out whenever `metadata` is set).
 *
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/container_cluster#nested_node_config
 */
export const NODE_CONFIG_DEFAULTS = {
  imageType: 'COS_CONTAINERD',
  oauthScopes: [...NODE_OAUTH_SCOPES],
  workloadMetadataConfig: { mode: 'GKE_METADATA' },
  shieldedInstanceConfig: { enableSecureBoot: true, enableIntegrityMonitoring: true },
  metadata: { 'disable-legacy-endpoints': 'true' },
} as const;

/** Node pools repair and upgrade themselves [GCP-GKE6]. */
export const NODE_POOL_MANAGEMENT = { autoRepair: true, autoUpgrade: true } as const;

/**
 * The taint on GPU nodes, so that only pods that ask for GPUs (and so tolerate it) land there.
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/node-taints
 */
export const GPU_NODE_TAINT = { key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' } as const;

/** Machine type of the small CPU pool that runs cluster services (DNS, metrics, drivers' controllers). */
export const DEFAULT_SYSTEM_MACHINE_TYPE = 'e2-standard-4';

/** Size of the system pool: one node, up to three under load. */
export const SYSTEM_POOL_AUTOSCALING = { totalMinNodeCount: 1, totalMaxNodeCount: 3 } as const;

/**
 * The project roles of the node service account: the least-privilege role Google made for GKE
 * nodes (logs, metrics, autoscaling metrics), and read access to Artifact Registry so that
 * kubelets pull training images.
 * @see https://docs.cloud.google.com/kubernetes-engine/security/configure-node-service-accounts ("At a minimum, these node service accounts must have the Kubernetes Engine Default Node Service Account role")
 * @see https://www.tenable.com/audits/items/CIS_Google_Kubernetes_Engine_GKE_v2.0.0_L1_GCP.audit:cdf61a66e0746b34d1841c68886110da (CIS GKE v2.0.0 5.2.1)
 */
export const NODE_SERVICE_ACCOUNT_ROLES: readonly string[] = ['roles/container.defaultNodeServiceAccount', 'roles/artifactregistry.reader'];

/**
 * The Google-managed service agents that use the customer-managed key, by what they encrypt.
 * Each is `service-<project number>@<domain>`.
 *
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/encrypting-secrets (GKE service agent: Secrets in etcd)
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/using-cmek (Compute Engine service agent: node boot disks)
 * @see https://cloud.google.com/vertex-ai/docs/general/cmek (Vertex AI service agent: custom training jobs)
 */
export const KEY_USING_SERVICE_AGENTS = [
  { id: 'ContainerServiceAgentKeyAccess', domain: SERVICE_AGENT_DOMAINS.gke },
  { id: 'ComputeServiceAgentKeyAccess', domain: SERVICE_AGENT_DOMAINS.compute },
  { id: 'VertexServiceAgentKeyAccess', domain: SERVICE_AGENT_DOMAINS.vertexAi },
] as const;

/**
 * Lets a Kubernetes service account act as a Google service account (Workload Identity).
 * @see https://cloud.google.com/kubernetes-engine/docs/how-to/workload-identity
 */
export const WORKLOAD_IDENTITY_USER_ROLE = 'roles/iam.workloadIdentityUser';

/**
 * What a member that launches Vertex AI custom jobs needs: to create jobs in the project, and to
 * act as the job's service account (`iam.serviceAccounts.actAs`).
 * @see https://cloud.google.com/vertex-ai/docs/general/access-control
 * @see https://cloud.google.com/vertex-ai/docs/general/custom-service-account
 */
export const LAUNCH_PROJECT_ROLE = 'roles/aiplatform.user';
/** @see LAUNCH_PROJECT_ROLE */
export const LAUNCH_SERVICE_ACCOUNT_ROLE = 'roles/iam.serviceAccountUser';

/** The lake zones training reads unless `inputZones` says otherwise. */
export const DEFAULT_INPUT_ZONES: readonly string[] = ['curated'];
/** The lake zone training writes (models, checkpoints, metrics, staging). */
export const TRAINING_WRITE_ZONE = 'artifacts';

/**
 * Longest Vertex AI custom job display name.
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.customJobs#CustomJob (field `displayName`)
 */
export const VERTEX_DISPLAY_NAME_MAX_LENGTH = 128;
