/**
 * The GKE rules of the GCP policy pack (GCP-GKE1 … GCP-GKE10), each on small Terraform JSON
 * fixtures: a compliant and a non-compliant case, and not-applicable for what it does not judge.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { PolicyRule } from '../../../../lib/gcp/policy/engine/pack';
import { SynthesizedStack } from '../../../../lib/gcp/policy/engine/synthesized-stack';
import { GcpFoundationChecks } from '../../../../lib/gcp/policy/packs/gcp-foundation-checks';
import { GKE_RULES } from '../../../../lib/gcp/policy/rules/gke';
import { gkeCustomerManagedEncryption } from '../../../../lib/gcp/policy/rules/gke/gke-cmek';
import { gkeClusterNetworkPolicy } from '../../../../lib/gcp/policy/rules/gke/gke-network-policy';
import { gkeClusterNoLegacyAuthentication } from '../../../../lib/gcp/policy/rules/gke/gke-no-legacy-auth';
import { gkeNodeAutoRepairAndUpgrade } from '../../../../lib/gcp/policy/rules/gke/gke-node-auto-repair-upgrade';
import { gkeNodePoolsOf } from '../../../../lib/gcp/policy/rules/gke/node-configs';
import { gkeNodeSecureBoot } from '../../../../lib/gcp/policy/rules/gke/gke-node-integrity';
import { gkeNodeDedicatedServiceAccount } from '../../../../lib/gcp/policy/rules/gke/gke-node-service-account';
import { gkeClusterPrivateNodes } from '../../../../lib/gcp/policy/rules/gke/gke-private-nodes';
import { gkeClusterReleaseChannel } from '../../../../lib/gcp/policy/rules/gke/gke-release-channel';
import { gkeClusterShieldedNodes } from '../../../../lib/gcp/policy/rules/gke/gke-shielded-nodes';
import { gkeWorkloadMetadataServer } from '../../../../lib/gcp/policy/rules/gke/gke-workload-metadata';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;

const KEY = 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k';

/** A node config that passes every GKE rule. */
const goodNodeConfig = (overrides: Record<string, unknown> = {}) => ({
  machine_type: 'g2-standard-8',
  service_account: '${google_service_account.nodes.email}',
  workload_metadata_config: { mode: 'GKE_METADATA' },
  shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
  boot_disk_kms_key: KEY,
  ...overrides,
});

/** A separately managed node pool that passes every GKE rule. */
const goodPool = (overrides: Record<string, unknown> = {}) => ({
  cluster: '${google_container_cluster.c.id}',
  management: { auto_repair: true, auto_upgrade: true },
  node_config: goodNodeConfig(),
  ...overrides,
});

/** A cluster (without its default pool) that passes every GKE rule. */
const goodCluster = (overrides: Record<string, unknown> = {}) => ({
  name: 'training',
  remove_default_node_pool: true,
  initial_node_count: 1,
  private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: true, master_ipv4_cidr_block: '172.16.0.0/28' },
  workload_identity_config: { workload_pool: 'p.svc.id.goog' },
  enable_shielded_nodes: true,
  release_channel: { channel: 'REGULAR' },
  master_auth: { client_certificate_config: { issue_client_certificate: false } },
  datapath_provider: 'ADVANCED_DATAPATH',
  database_encryption: { state: 'ENCRYPTED', key_name: KEY },
  ...overrides,
});

/** Judges a single cluster (`c`) or node pool (`p`) with `rule`. */
function judgeCluster(rule: PolicyRule, cluster: Record<string, unknown>): PolicyCompliance {
  const stack = new SynthesizedStack({ resource: { google_container_cluster: { c: cluster } } });
  return rule(stack.resources[0], stack);
}
function judgePool(rule: PolicyRule, pool: Record<string, unknown>): PolicyCompliance {
  const stack = new SynthesizedStack({ resource: { google_container_node_pool: { p: pool } } });
  return rule(stack.resources[0], stack);
}
function judgeOther(rule: PolicyRule): PolicyCompliance {
  const stack = new SynthesizedStack({ resource: { google_storage_bucket: { b: { name: 'b' } } } });
  return rule(stack.resources[0], stack);
}

describe('the GKE rule set', () => {
  test('lists GCP-GKE1 to GCP-GKE10, each with a CIS GKE reference, and is part of GcpFoundationChecks', () => {
    expect(GKE_RULES.map((r) => r.id)).toEqual(Array.from({ length: 10 }, (_, i) => `GCP-GKE${i + 1}`));
    for (const rule of GKE_RULES) {
      expect(rule.reference).toMatch(/^CIS Google Kubernetes Engine \(GKE\) Benchmark v1\.1\.0 5\.\d+\.\d+/);
    }
    const packIds = new GcpFoundationChecks().rules.map((r) => r.id);
    expect(packIds).toEqual(expect.arrayContaining(GKE_RULES.map((r) => r.id)));
  });

  test('a good cluster and a good node pool break no GKE rule (the fixtures the other tests vary)', () => {
    for (const { id, rule } of GKE_RULES) {
      expect([id, judgeCluster(rule, goodCluster())]).not.toEqual([id, NON_COMPLIANT]);
      expect([id, judgePool(rule, goodPool())]).not.toEqual([id, NON_COMPLIANT]);
    }
  });

  test('no GKE rule judges resources of other services', () => {
    for (const { id, rule } of GKE_RULES) {
      expect([id, judgeOther(rule)]).toEqual([id, NOT_APPLICABLE]);
    }
  });
});

describe('gkeNodePoolsOf', () => {
  test('a cluster keeping its default pool contributes that pool and its inline pools; one removing it only its inline pools', () => {
    const stack = new SynthesizedStack({ resource: { google_container_cluster: {
      keeps: { node_config: { machine_type: 'e2-medium' }, node_pool: [{ name: 'a' }] },
      removes: { remove_default_node_pool: true, node_config: { machine_type: 'e2-medium' } },
    } } });
    expect(gkeNodePoolsOf(stack.resources[0])).toEqual([{ node_config: { machine_type: 'e2-medium' } }, { name: 'a' }]);
    expect(gkeNodePoolsOf(stack.resources[1])).toEqual([]);
  });
});

describe('GCP-GKE1 gkeClusterPrivateNodes (CIS GKE 5.6.5, CKV_GCP_25, CKV_GCP_64)', () => {
  test('compliant with private nodes', () => {
    expect(judgeCluster(gkeClusterPrivateNodes, goodCluster())).toBe(COMPLIANT);
  });
  test.each([
    ['no private_cluster_config', undefined],
    ['the block without the flag', { master_ipv4_cidr_block: '172.16.0.0/28' }],
    ['enable_private_nodes = false', { enable_private_nodes: false }],
  ])('non-compliant with %s', (_, privateClusterConfig) => {
    expect(judgeCluster(gkeClusterPrivateNodes, goodCluster({ private_cluster_config: privateClusterConfig }))).toBe(NON_COMPLIANT);
  });
  test('a node pool that opts out of private nodes is non-compliant; one that inherits is not applicable', () => {
    expect(judgePool(gkeClusterPrivateNodes, goodPool({ network_config: { enable_private_nodes: false } }))).toBe(NON_COMPLIANT);
    expect(judgePool(gkeClusterPrivateNodes, goodPool())).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-GKE2 gkeWorkloadMetadataServer (CIS GKE 5.4.2, CKV_GCP_69)', () => {
  test('compliant: workload pool on the cluster, GKE_METADATA on the pool', () => {
    expect(judgeCluster(gkeWorkloadMetadataServer, goodCluster())).toBe(COMPLIANT);
    expect(judgePool(gkeWorkloadMetadataServer, goodPool())).toBe(COMPLIANT);
  });
  test('non-compliant: a cluster without workload identity', () => {
    expect(judgeCluster(gkeWorkloadMetadataServer, goodCluster({ workload_identity_config: undefined }))).toBe(NON_COMPLIANT);
    expect(judgeCluster(gkeWorkloadMetadataServer, goodCluster({ workload_identity_config: { workload_pool: '' } }))).toBe(NON_COMPLIANT);
  });
  test.each([undefined, { mode: 'GCE_METADATA' }])('non-compliant: a pool with workload_metadata_config %j', (metadata) => {
    expect(judgePool(gkeWorkloadMetadataServer, goodPool({ node_config: goodNodeConfig({ workload_metadata_config: metadata }) }))).toBe(NON_COMPLIANT);
  });
  test('a cluster keeping its default pool is judged on that pool too', () => {
    expect(judgeCluster(gkeWorkloadMetadataServer, goodCluster({ remove_default_node_pool: undefined, node_config: { machine_type: 'e2-medium' } }))).toBe(NON_COMPLIANT);
    expect(judgeCluster(gkeWorkloadMetadataServer, goodCluster({ remove_default_node_pool: undefined, node_config: goodNodeConfig() }))).toBe(COMPLIANT);
  });
});

describe('GCP-GKE3 gkeClusterShieldedNodes (CIS GKE 5.5.5, CKV_GCP_71)', () => {
  test('compliant with enable_shielded_nodes = true', () => {
    expect(judgeCluster(gkeClusterShieldedNodes, goodCluster())).toBe(COMPLIANT);
  });
  test.each([false, undefined])('non-compliant with enable_shielded_nodes = %s', (value) => {
    expect(judgeCluster(gkeClusterShieldedNodes, goodCluster({ enable_shielded_nodes: value }))).toBe(NON_COMPLIANT);
  });
  test('node pools are not applicable', () => {
    expect(judgePool(gkeClusterShieldedNodes, goodPool())).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-GKE4 gkeNodeSecureBoot (CIS GKE 5.5.6, 5.5.7, CKV_GCP_68, CKV_GCP_72)', () => {
  test('compliant with secure boot and integrity monitoring (monitoring defaults to on)', () => {
    expect(judgePool(gkeNodeSecureBoot, goodPool())).toBe(COMPLIANT);
    expect(judgePool(gkeNodeSecureBoot, goodPool({ node_config: goodNodeConfig({ shielded_instance_config: { enable_secure_boot: true } }) }))).toBe(COMPLIANT);
  });
  test.each([
    ['no shielded_instance_config (secure boot defaults to off)', undefined],
    ['secure boot off', { enable_secure_boot: false, enable_integrity_monitoring: true }],
    ['integrity monitoring off', { enable_secure_boot: true, enable_integrity_monitoring: false }],
  ])('non-compliant with %s', (_, shielded) => {
    expect(judgePool(gkeNodeSecureBoot, goodPool({ node_config: goodNodeConfig({ shielded_instance_config: shielded }) }))).toBe(NON_COMPLIANT);
  });
  test('a cluster without a default pool is judged on its inline pools only', () => {
    expect(judgeCluster(gkeNodeSecureBoot, goodCluster({ node_pool: [{ node_config: goodNodeConfig({ shielded_instance_config: undefined }) }] }))).toBe(NON_COMPLIANT);
    expect(judgeCluster(gkeNodeSecureBoot, goodCluster())).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-GKE5 gkeClusterReleaseChannel (CIS GKE 5.5.4, CKV_GCP_70)', () => {
  test.each(['REGULAR', 'STABLE'])('compliant in %s', (channel) => {
    expect(judgeCluster(gkeClusterReleaseChannel, goodCluster({ release_channel: { channel } }))).toBe(COMPLIANT);
  });
  test.each(['RAPID', 'UNSPECIFIED', undefined])('non-compliant with channel %s', (channel) => {
    expect(judgeCluster(gkeClusterReleaseChannel, goodCluster({ release_channel: channel === undefined ? undefined : { channel } }))).toBe(NON_COMPLIANT);
  });
});

describe('GCP-GKE6 gkeNodeAutoRepairAndUpgrade (CIS GKE 5.5.2, 5.5.3, CKV_GCP_9, CKV_GCP_10)', () => {
  test('compliant with both written out', () => {
    expect(judgePool(gkeNodeAutoRepairAndUpgrade, goodPool())).toBe(COMPLIANT);
  });
  test.each([
    ['no management block', undefined],
    ['auto_repair off', { auto_repair: false, auto_upgrade: true }],
    ['auto_upgrade off', { auto_repair: true, auto_upgrade: false }],
  ])('non-compliant with %s', (_, management) => {
    expect(judgePool(gkeNodeAutoRepairAndUpgrade, goodPool({ management }))).toBe(NON_COMPLIANT);
  });
  test('a cluster is judged on its inline pools; without any it is not applicable', () => {
    expect(judgeCluster(gkeNodeAutoRepairAndUpgrade, goodCluster({ node_pool: [{ management: { auto_repair: true } }] }))).toBe(NON_COMPLIANT);
    expect(judgeCluster(gkeNodeAutoRepairAndUpgrade, goodCluster())).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-GKE7 gkeClusterNoLegacyAuthentication (CIS GKE 5.8.4, 5.8.2, CKV_GCP_7, CKV_GCP_13)', () => {
  test('compliant without ABAC and with client certificates off', () => {
    expect(judgeCluster(gkeClusterNoLegacyAuthentication, goodCluster())).toBe(COMPLIANT);
    expect(judgeCluster(gkeClusterNoLegacyAuthentication, goodCluster({ enable_legacy_abac: false }))).toBe(COMPLIANT);
  });
  test('non-compliant with legacy ABAC', () => {
    expect(judgeCluster(gkeClusterNoLegacyAuthentication, goodCluster({ enable_legacy_abac: true }))).toBe(NON_COMPLIANT);
  });
  test.each([
    ['client certificates issued', { client_certificate_config: { issue_client_certificate: true } }],
    ['no master_auth block', undefined],
  ])('non-compliant with %s', (_, masterAuth) => {
    expect(judgeCluster(gkeClusterNoLegacyAuthentication, goodCluster({ master_auth: masterAuth }))).toBe(NON_COMPLIANT);
  });
});

describe('GCP-GKE8 gkeClusterNetworkPolicy (CIS GKE 5.6.7, CKV_GCP_12)', () => {
  test('compliant with Dataplane V2 or with the network policy add-on', () => {
    expect(judgeCluster(gkeClusterNetworkPolicy, goodCluster())).toBe(COMPLIANT);
    expect(judgeCluster(gkeClusterNetworkPolicy, goodCluster({ datapath_provider: undefined, network_policy: { enabled: true, provider: 'CALICO' } }))).toBe(COMPLIANT);
  });
  test.each([
    ['the legacy datapath', { datapath_provider: 'LEGACY_DATAPATH' }],
    ['neither', { datapath_provider: undefined }],
    ['the add-on disabled', { datapath_provider: undefined, network_policy: { enabled: false } }],
  ])('non-compliant with %s', (_, overrides) => {
    expect(judgeCluster(gkeClusterNetworkPolicy, goodCluster(overrides))).toBe(NON_COMPLIANT);
  });
});

describe('GCP-GKE9 gkeNodeDedicatedServiceAccount (CIS GKE 5.2.1)', () => {
  test('compliant with a dedicated service account', () => {
    expect(judgePool(gkeNodeDedicatedServiceAccount, goodPool())).toBe(COMPLIANT);
    expect(judgePool(gkeNodeDedicatedServiceAccount, goodPool({ node_config: goodNodeConfig({ service_account: 'nodes@p.iam.gserviceaccount.com' }) }))).toBe(COMPLIANT);
  });
  test.each([undefined, 'default', '123456789-compute@developer.gserviceaccount.com'])('non-compliant with service_account %s', (account) => {
    expect(judgePool(gkeNodeDedicatedServiceAccount, goodPool({ node_config: goodNodeConfig({ service_account: account }) }))).toBe(NON_COMPLIANT);
  });
  test('a cluster keeping its default pool without a service account is non-compliant', () => {
    expect(judgeCluster(gkeNodeDedicatedServiceAccount, goodCluster({ remove_default_node_pool: false }))).toBe(NON_COMPLIANT);
  });
});

describe('GCP-GKE10 gkeCustomerManagedEncryption (CIS GKE 5.3.1, 5.9.1)', () => {
  test('compliant with Secrets encryption and CMEK boot disks', () => {
    expect(judgeCluster(gkeCustomerManagedEncryption, goodCluster())).toBe(COMPLIANT);
    expect(judgePool(gkeCustomerManagedEncryption, goodPool())).toBe(COMPLIANT);
  });
  test.each([
    ['no database_encryption', undefined],
    ['state DECRYPTED', { state: 'DECRYPTED', key_name: KEY }],
    ['no key', { state: 'ENCRYPTED' }],
  ])('a cluster with %s is non-compliant', (_, encryption) => {
    expect(judgeCluster(gkeCustomerManagedEncryption, goodCluster({ database_encryption: encryption }))).toBe(NON_COMPLIANT);
  });
  test('a pool without boot_disk_kms_key is non-compliant', () => {
    expect(judgePool(gkeCustomerManagedEncryption, goodPool({ node_config: goodNodeConfig({ boot_disk_kms_key: undefined }) }))).toBe(NON_COMPLIANT);
  });
});
