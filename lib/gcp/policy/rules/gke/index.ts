import { PolicyRuleDefinition } from '../../engine/pack';
import { gkeCustomerManagedEncryption } from './gke-cmek';
import { gkeClusterNetworkPolicy } from './gke-network-policy';
import { gkeClusterNoLegacyAuthentication } from './gke-no-legacy-auth';
import { gkeNodeAutoRepairAndUpgrade } from './gke-node-auto-repair-upgrade';
import { gkeNodeSecureBoot } from './gke-node-integrity';
import { gkeNodeDedicatedServiceAccount } from './gke-node-service-account';
import { gkeClusterPrivateNodes } from './gke-private-nodes';
import { gkeClusterReleaseChannel } from './gke-release-channel';
import { gkeClusterShieldedNodes } from './gke-shielded-nodes';
import { gkeWorkloadMetadataServer } from './gke-workload-metadata';

/**
 * How GKE rule references name the CIS benchmark. Control numbers follow v1.1.0, as implemented by
 * Google's InSpec profile.
 *
 * @see https://github.com/GoogleCloudPlatform/inspec-gke-cis-benchmark
 */
const CIS_GKE = 'CIS Google Kubernetes Engine (GKE) Benchmark v1.1.0';

/**
 * The rules for Google Kubernetes Engine clusters and node pools (`GpuTrainingCluster`).
 * GcpFoundationChecks lists them after the storage rules.
 *
 * Every checkov id below was read in checkov's source
 * (`checkov/terraform/checks/resource/gcp/GKE*.py`); where checkov has no check, only the CIS
 * control is cited. "Pools" are node pools and a cluster's inline or default pool (see
 * `gkeNodePoolsOf`).
 *
 * | id       | rule                                                                  | reference                              |
 * |----------|-----------------------------------------------------------------------|----------------------------------------|
 * | GCP-GKE1 | cluster nodes are private; no pool opts out                           | CIS GKE 5.6.5; CKV_GCP_25, CKV_GCP_64  |
 * | GCP-GKE2 | workload identity on the cluster, GKE metadata server on every pool   | CIS GKE 5.4.2; CKV_GCP_69              |
 * | GCP-GKE3 | cluster has Shielded GKE Nodes                                        | CIS GKE 5.5.5; CKV_GCP_71              |
 * | GCP-GKE4 | pools have secure boot and integrity monitoring                       | CIS GKE 5.5.6, 5.5.7; CKV_GCP_68, CKV_GCP_72 |
 * | GCP-GKE5 | cluster is in the REGULAR or STABLE release channel                   | CIS GKE 5.5.4; CKV_GCP_70              |
 * | GCP-GKE6 | node pools auto-repair and auto-upgrade                               | CIS GKE 5.5.2, 5.5.3; CKV_GCP_9, CKV_GCP_10 |
 * | GCP-GKE7 | no legacy ABAC, no client certificates                                | CIS GKE 5.8.4, 5.8.2; CKV_GCP_7, CKV_GCP_13 |
 * | GCP-GKE8 | network policies are enforced (Dataplane V2 or the add-on)            | CIS GKE 5.6.7; CKV_GCP_12              |
 * | GCP-GKE9 | pools run as a dedicated service account, not the Compute default one | CIS GKE 5.2.1                          |
 * | GCP-GKE10| Secrets (etcd) and node boot disks are encrypted with a CMEK          | CIS GKE 5.3.1, 5.9.1                   |
 */
export const GKE_RULES: readonly PolicyRuleDefinition[] = [
  {
    id: 'GCP-GKE1',
    rule: gkeClusterPrivateNodes,
    message: 'The GKE nodes can have public IP addresses: set private_cluster_config { enable_private_nodes = true } on the cluster, and do not set network_config { enable_private_nodes = false } on node pools.',
    reference: `${CIS_GKE} 5.6.5; checkov CKV_GCP_25, CKV_GCP_64`,
  },
  {
    id: 'GCP-GKE2',
    rule: gkeWorkloadMetadataServer,
    message: 'Pods can reach the node\'s metadata and credentials: set workload_identity_config { workload_pool = "<project>.svc.id.goog" } on the cluster and node_config { workload_metadata_config { mode = "GKE_METADATA" } } on every node pool.',
    reference: `${CIS_GKE} 5.4.2; checkov CKV_GCP_69`,
  },
  {
    id: 'GCP-GKE3',
    rule: gkeClusterShieldedNodes,
    message: 'The GKE cluster does not state Shielded GKE Nodes: set enable_shielded_nodes = true.',
    reference: `${CIS_GKE} 5.5.5; checkov CKV_GCP_71`,
  },
  {
    id: 'GCP-GKE4',
    rule: gkeNodeSecureBoot,
    message: 'GKE nodes boot without verification: set node_config { shielded_instance_config { enable_secure_boot = true, enable_integrity_monitoring = true } }.',
    reference: `${CIS_GKE} 5.5.6, 5.5.7; checkov CKV_GCP_68, CKV_GCP_72`,
  },
  {
    id: 'GCP-GKE5',
    rule: gkeClusterReleaseChannel,
    message: 'The GKE cluster is not in a production release channel: set release_channel { channel = "REGULAR" } or "STABLE".',
    reference: `${CIS_GKE} 5.5.4; checkov CKV_GCP_70`,
  },
  {
    id: 'GCP-GKE6',
    rule: gkeNodeAutoRepairAndUpgrade,
    message: 'The GKE node pool does not repair and upgrade its nodes: set management { auto_repair = true, auto_upgrade = true }.',
    reference: `${CIS_GKE} 5.5.2, 5.5.3; checkov CKV_GCP_9, CKV_GCP_10`,
  },
  {
    id: 'GCP-GKE7',
    rule: gkeClusterNoLegacyAuthentication,
    message: 'The GKE cluster allows legacy authentication: do not set enable_legacy_abac = true, and set master_auth { client_certificate_config { issue_client_certificate = false } }.',
    reference: `${CIS_GKE} 5.8.4, 5.8.2; checkov CKV_GCP_7, CKV_GCP_13`,
  },
  {
    id: 'GCP-GKE8',
    rule: gkeClusterNetworkPolicy,
    message: 'The GKE cluster does not enforce network policies: set datapath_provider = "ADVANCED_DATAPATH" (Dataplane V2) or network_policy { enabled = true }.',
    reference: `${CIS_GKE} 5.6.7; checkov CKV_GCP_12`,
  },
  {
    id: 'GCP-GKE9',
    rule: gkeNodeDedicatedServiceAccount,
    message: 'GKE nodes run as the Compute Engine default service account: set node_config { service_account = <a dedicated, least-privilege service account> }.',
    reference: `${CIS_GKE} 5.2.1`,
  },
  {
    id: 'GCP-GKE10',
    rule: gkeCustomerManagedEncryption,
    message: 'GKE data is not under a customer-managed key: set database_encryption { state = "ENCRYPTED", key_name = <key> } on the cluster and node_config { boot_disk_kms_key = <key> } on node pools (GpuTrainingCluster: give the lake or the cluster an encryptionKey).',
    reference: `${CIS_GKE} 5.3.1, 5.9.1`,
  },
];
