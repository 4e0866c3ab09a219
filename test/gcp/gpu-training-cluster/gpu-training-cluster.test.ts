/**
 * GpuTrainingCluster on Google Cloud: the hardened cluster, GPU pools from the accelerator
 * catalog, the training identity on the lake, and the Vertex AI launch profile.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { Fn, TerraformOutput, TerraformStack, TerraformVariable } from 'cdktf';
import { GpuType } from 'mlops-constructs';
import {
  DataLake, DataLakeProps, GPU_TRAINING_CLUSTER_WARNINGS, GpuTrainingCluster, GpuTrainingClusterDriverVersion, GpuTrainingClusterProps,
  GpuTrainingClusterReleaseChannel,
} from 'mlops-constructs/gcp';
import { IMPORTED_LAKE, importedLake, newStack, Synth } from '../support';

const KEY_TYPE = 'google_kms_crypto_key';

/** A rotating key in us-central1, where the clusters of these tests run. */
function regionalKey(stack: TerraformStack): KmsCryptoKey {
  const ring = new KmsKeyRing(stack, 'Ring', { name: 'ml', location: 'us-central1' });
  return new KmsCryptoKey(stack, 'Key', { name: 'ml', keyRing: ring.id, rotationPeriod: '7776000s' });
}

/** A lake in us-central1 (with a key unless `lakeProps.encryptionKey` says otherwise) and a cluster on it. */
function clusterIn(props: Partial<GpuTrainingClusterProps> = {}, lakeProps: Partial<DataLakeProps> = {}) {
  const stack = newStack();
  const key = regionalKey(stack);
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1', encryptionKey: key, ...lakeProps });
  const cluster = new GpuTrainingCluster(stack, 'Training', { lake, location: 'us-central1', network: 'ml-vpc', subnetwork: 'ml-us-central1', ...props });
  return { stack, lake, cluster, synth: () => new Synth(stack) };
}

describe('GpuTrainingCluster: the cluster', () => {
  test('a private, VPC-native Standard cluster with workload identity, Dataplane V2, shielded nodes, REGULAR channel, CMEK and deletion protection', () => {
    // given a cluster with defaults on a lake with a regional key
    const tf = clusterIn().synth();
    // then the cluster is hardened
    const cluster = tf.at('google_container_cluster', 'Training/Resource');
    expect(cluster).toMatchObject({
      name: 'acme-ml-training',
      location: 'us-central1',
      network: 'ml-vpc',
      subnetwork: 'ml-us-central1',
      remove_default_node_pool: true,
      initial_node_count: 1,
      deletion_protection: true,
      networking_mode: 'VPC_NATIVE',
      ip_allocation_policy: { stack_type: 'IPV4' },
      datapath_provider: 'ADVANCED_DATAPATH',
      enable_shielded_nodes: true,
      enable_legacy_abac: false,
      master_auth: { client_certificate_config: { issue_client_certificate: false } },
      private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: true, master_ipv4_cidr_block: '172.16.0.0/28' },
      master_authorized_networks_config: { gcp_public_cidrs_access_enabled: false },
      release_channel: { channel: 'REGULAR' },
      workload_identity_config: { workload_pool: `${tf.ref('google_project', 'Training/Project', 'project_id')}.svc.id.goog` },
      database_encryption: { state: 'ENCRYPTED', key_name: tf.ref(KEY_TYPE, 'Key', 'id') },
      addons_config: { gcs_fuse_csi_driver_config: { enabled: true } },
      resource_labels: { 'managed-by': 'mlops-constructs' },
    });
    expect(cluster.master_authorized_networks_config.cidr_blocks).toBeUndefined();
    // and waits for the GKE service agent's access to the key
    expect(cluster.depends_on).toEqual([tf.address('google_kms_crypto_key_iam_member', 'Training/Encryption/ContainerServiceAgentKeyAccess')]);
  });

  test('the GKE, Compute Engine and Vertex AI service agents of the project may use the key, and nothing else is granted on it by the cluster', () => {
    const tf = clusterIn().synth();
    const number = tf.ref('google_project', 'Training/Project', 'number');
    const grants = tf.resources('google_kms_crypto_key_iam_member').filter((b) => b.path.startsWith('Training/'));
    expect(grants.map((g) => [g.path, g.config.role, g.config.member, g.config.crypto_key_id])).toEqual([
      ['Training/Encryption/ContainerServiceAgentKeyAccess', 'roles/cloudkms.cryptoKeyEncrypterDecrypter', `serviceAccount:service-${number}@container-engine-robot.iam.gserviceaccount.com`, tf.ref(KEY_TYPE, 'Key', 'id')],
      ['Training/Encryption/ComputeServiceAgentKeyAccess', 'roles/cloudkms.cryptoKeyEncrypterDecrypter', `serviceAccount:service-${number}@compute-system.iam.gserviceaccount.com`, tf.ref(KEY_TYPE, 'Key', 'id')],
      ['Training/Encryption/VertexServiceAgentKeyAccess', 'roles/cloudkms.cryptoKeyEncrypterDecrypter', `serviceAccount:service-${number}@gcp-sa-aiplatform.iam.gserviceaccount.com`, tf.ref(KEY_TYPE, 'Key', 'id')],
    ]);
  });

  test('release channel, control plane access, address ranges, project, name and deletion protection follow props', () => {
    const tf = clusterIn({
      releaseChannel: GpuTrainingClusterReleaseChannel.STABLE,
      privateEndpoint: false,
      masterIpv4CidrBlock: '172.16.8.16/28',
      masterAuthorizedNetworks: [{ cidrBlock: '10.10.0.0/24', displayName: 'bastion' }, { cidrBlock: '192.168.4.0/22' }],
      podsSecondaryRangeName: 'pods',
      servicesSecondaryRangeName: 'services',
      project: 'acme-train-prod',
      clusterName: 'ranker-gpu',
      deletionProtection: false,
    }).synth();
    expect(tf.at('google_container_cluster', 'Training/Resource')).toMatchObject({
      project: 'acme-train-prod',
      name: 'ranker-gpu',
      deletion_protection: false,
      release_channel: { channel: 'STABLE' },
      private_cluster_config: { enable_private_nodes: true, enable_private_endpoint: false, master_ipv4_cidr_block: '172.16.8.16/28' },
      master_authorized_networks_config: { cidr_blocks: [{ cidr_block: '10.10.0.0/24', display_name: 'bastion' }, { cidr_block: '192.168.4.0/22' }] },
      ip_allocation_policy: { stack_type: 'IPV4', cluster_secondary_range_name: 'pods', services_secondary_range_name: 'services' },
      workload_identity_config: { workload_pool: 'acme-train-prod.svc.id.goog' },
    });
    expect(tf.dataSources('google_project')[0].config.project_id).toBe('acme-train-prod');
  });

  test('without a key (none given, lake without one) nothing is encrypted with a CMEK and no key grant exists', () => {
    const { cluster, synth } = clusterIn({}, { encryptionKey: undefined });
    const tf = synth();
    expect(cluster.encryptionKey).toBeUndefined();
    expect(tf.at('google_container_cluster', 'Training/Resource').database_encryption).toBeUndefined();
    expect(tf.resources('google_container_node_pool').map((p) => p.config.node_config.boot_disk_kms_key)).toEqual([undefined]);
    expect(tf.resources('google_kms_crypto_key_iam_member')).toEqual([]);
  });

  test('a key given explicitly (a literal id in the region) replaces the lake\'s', () => {
    const id = 'projects/acme-keys/locations/us-central1/keyRings/gke/cryptoKeys/training';
    const tf = clusterIn({ encryptionKey: { id } }).synth();
    expect(tf.at('google_container_cluster', 'Training/Resource').database_encryption).toEqual({ state: 'ENCRYPTED', key_name: id });
    expect(tf.at('google_container_node_pool', 'Training/SystemPool').node_config.boot_disk_kms_key).toBe(id);
  });

  test('a zonal cluster takes the zone as location and its region for Vertex AI', () => {
    const { cluster, synth } = clusterIn({ location: 'us-central1-b' });
    expect(cluster.region).toBe('us-central1');
    expect(synth().at('google_container_cluster', 'Training/Resource').location).toBe('us-central1-b');
    expect(cluster.trainingJobProfile.region).toBe('us-central1');
  });
});

describe('GpuTrainingCluster: identities', () => {
  test('nodes run as a dedicated service account holding only the GKE node role and Artifact Registry read', () => {
    const tf = clusterIn().synth();
    expect(tf.at('google_service_account', 'Training/NodeServiceAccount')).toMatchObject({ account_id: 'acme-ml-nodes' });
    const nodeMember = tf.ref('google_service_account', 'Training/NodeServiceAccount', 'member');
    const nodeGrants = tf.blocks.filter((b) => b.mode === 'resource' && b.config.member === nodeMember);
    expect(nodeGrants.map((g) => [g.type, g.config.role]).sort()).toEqual([
      ['google_project_iam_member', 'roles/artifactregistry.reader'],
      ['google_project_iam_member', 'roles/container.defaultNodeServiceAccount'],
    ]);
    expect(nodeGrants.map((g) => g.config.project)).toEqual([tf.ref('google_project', 'Training/Project', 'project_id'), tf.ref('google_project', 'Training/Project', 'project_id')]);
  });

  test('training runs as its own service account: reads curated, writes artifacts, touches no other zone', () => {
    const tf = clusterIn().synth();
    expect(tf.at('google_service_account', 'Training/TrainingServiceAccount')).toMatchObject({ account_id: 'acme-ml-trainer' });
    const trainer = tf.ref('google_service_account', 'Training/TrainingServiceAccount', 'member');
    const grants = tf.blocks.filter((b) => b.mode === 'resource' && b.config.member === trainer);
    const bucketOf = (zone: string) => tf.ref('google_storage_bucket', `Lake/Zone-${zone}/Bucket`, 'name');
    const datasetOf = (zone: string) => tf.ref('google_bigquery_dataset', `Lake/Zone-${zone}/Dataset`, 'dataset_id');
    expect(grants.map((g) => [g.type, g.config.role, g.config.bucket ?? g.config.dataset_id]).sort()).toEqual([
      ['google_bigquery_dataset_iam_member', 'roles/bigquery.dataEditor', datasetOf('artifacts')],
      ['google_bigquery_dataset_iam_member', 'roles/bigquery.dataViewer', datasetOf('curated')],
      ['google_storage_bucket_iam_member', 'roles/storage.objectUser', bucketOf('artifacts')],
      ['google_storage_bucket_iam_member', 'roles/storage.objectViewer', bucketOf('curated')],
    ]);
  });

  test('pods of the training namespace act as the training service account through Workload Identity', () => {
    const tf = clusterIn({ trainingNamespace: 'ranking', trainingKubernetesServiceAccount: 'ranker' }).synth();
    expect(tf.at('google_service_account_iam_member', 'Training/TrainingServiceAccount/WorkloadIdentity')).toEqual(expect.objectContaining({
      service_account_id: tf.ref('google_service_account', 'Training/TrainingServiceAccount', 'name'),
      role: 'roles/iam.workloadIdentityUser',
      member: `serviceAccount:\${google_container_cluster.${tf.resources('google_container_cluster')[0].name}.workload_identity_config[0].workload_pool}[ranking/ranker]`,
    }));
  });

  test('grantLaunchTrainingJobs lets a pipeline create jobs and act as the trainer, once per member', () => {
    const { cluster, synth } = clusterIn();
    const first = cluster.grantLaunchTrainingJobs('serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com');
    expect(cluster.grantLaunchTrainingJobs('serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com')).toBe(first);
    const tf = synth();
    expect(tf.at('google_project_iam_member', 'Training/Launch/CreateJobs=serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com')).toMatchObject({
      role: 'roles/aiplatform.user', member: 'serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com',
      project: tf.ref('google_project', 'Training/Project', 'project_id'),
    });
    expect(tf.at('google_service_account_iam_member', 'Training/Launch/ActAsTrainer=serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com')).toMatchObject({
      role: 'roles/iam.serviceAccountUser', member: 'serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com',
      service_account_id: tf.ref('google_service_account', 'Training/TrainingServiceAccount', 'name'),
    });
  });

  test('grantLaunchTrainingJobs numbers members that are tokens', () => {
    const { cluster, synth } = clusterIn();
    cluster.grantLaunchTrainingJobs(Fn.lower('serviceAccount:A@acme-ml.iam.gserviceaccount.com'));
    cluster.grantLaunchTrainingJobs(Fn.lower('serviceAccount:B@acme-ml.iam.gserviceaccount.com'));
    expect(synth().resources('google_project_iam_member').map((b) => b.path).filter((p) => p.startsWith('Training/Launch/')))
      .toEqual(['Training/Launch/CreateJobs=member-1', 'Training/Launch/CreateJobs=member-2']);
  });
});

describe('GpuTrainingCluster: node pools', () => {
  test('a system pool of one to three CPU nodes, hardened like every pool', () => {
    const tf = clusterIn().synth();
    expect(tf.at('google_container_node_pool', 'Training/SystemPool')).toMatchObject({
      cluster: tf.ref('google_container_cluster', 'Training/Resource', 'id'),
      location: 'us-central1',
      name: 'system',
      initial_node_count: 1,
      autoscaling: { total_min_node_count: 1, total_max_node_count: 3 },
      management: { auto_repair: true, auto_upgrade: true },
      node_config: {
        machine_type: 'e2-standard-4',
        image_type: 'COS_CONTAINERD',
        service_account: tf.ref('google_service_account', 'Training/NodeServiceAccount', 'email'),
        oauth_scopes: ['https://www.googleapis.com/auth/cloud-platform'],
        workload_metadata_config: { mode: 'GKE_METADATA' },
        shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
        metadata: { 'disable-legacy-endpoints': 'true' },
        boot_disk_kms_key: tf.ref(KEY_TYPE, 'Key', 'id'),
      },
    });
    expect(tf.at('google_container_node_pool', 'Training/SystemPool').node_config.guest_accelerator).toBeUndefined();
  });

  test('a single-GPU pool takes the smallest catalog machine type, installs the driver, is tainted and scales from zero to one', () => {
    // given one L4 per node, one node
    const { cluster, synth } = clusterIn({ gpuPools: [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }] });
    // then the catalog's smallest L4 machine type carries it
    expect(cluster.gpuPools.map((p) => [p.name, p.accelerator.instanceType, p.compactPlacement, p.spot])).toEqual([['l4', 'g2-standard-4', false, false]]);
    const pool = synth().at('google_container_node_pool', 'Training/GpuPool-l4');
    expect(pool).toMatchObject({
      name: 'l4',
      initial_node_count: 0,
      autoscaling: { total_min_node_count: 0, total_max_node_count: 1 },
      management: { auto_repair: true, auto_upgrade: true },
      node_config: {
        machine_type: 'g2-standard-4',
        guest_accelerator: [{ type: 'nvidia-l4', count: 1, gpu_driver_installation_config: { gpu_driver_version: 'DEFAULT' } }],
        taint: [{ key: 'nvidia.com/gpu', value: 'present', effect: 'NO_SCHEDULE' }],
        workload_metadata_config: { mode: 'GKE_METADATA' },
        shielded_instance_config: { enable_secure_boot: true, enable_integrity_monitoring: true },
      },
    });
    expect(pool.placement_policy).toBeUndefined();
    expect(pool.node_locations).toBeUndefined();
    expect(pool.node_config.spot).toBeUndefined();
  });

  test('a multi-node pool is compact in one zone; Spot pools prefer any zone with capacity; maxNodes bounds the autoscaler', () => {
    const { cluster, synth } = clusterIn();
    const pool = cluster.addGpuPool({ name: 'a100',
      accelerator: { gpu: GpuType.A100_40GB, gpusPerNode: 8, nodeCount: 2 }, zone: 'us-central1-a', spot: true, maxNodes: 4,
    });
    expect([pool.accelerator.instanceType, pool.accelerator.totalGpus, pool.compactPlacement, pool.spot]).toEqual(['a2-highgpu-8g', 16, true, true]);
    expect(synth().at('google_container_node_pool', 'Training/GpuPool-a100')).toMatchObject({
      node_locations: ['us-central1-a'],
      placement_policy: { type: 'COMPACT' },
      autoscaling: { total_min_node_count: 0, total_max_node_count: 4, location_policy: 'ANY' },
      node_config: {
        machine_type: 'a2-highgpu-8g',
        spot: true,
        guest_accelerator: [{ type: 'nvidia-tesla-a100', count: 8 }],
      },
    });
  });

  test('a zonal cluster needs no pool zone for compact placement; compact placement can be turned off', () => {
    const { cluster, synth } = clusterIn({ location: 'us-central1-c' });
    cluster.addGpuPool({ name: 'h100', accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 } });
    cluster.addGpuPool({ name: 't4', accelerator: { gpu: GpuType.T4, gpusPerNode: 4, nodeCount: 2 }, compactPlacement: false });
    const tf = synth();
    expect(tf.at('google_container_node_pool', 'Training/GpuPool-h100')).toMatchObject({
      location: 'us-central1-c', placement_policy: { type: 'COMPACT' }, node_config: { machine_type: 'a3-highgpu-8g', guest_accelerator: [{ type: 'nvidia-h100-80gb', count: 8 }] },
    });
    expect(tf.at('google_container_node_pool', 'Training/GpuPool-t4').placement_policy).toBeUndefined();
    expect(tf.at('google_container_node_pool', 'Training/GpuPool-t4').node_config.machine_type).toBe('n1-standard-16');
  });

  test('an explicit machine type of the catalog gives the same GPUs a larger host', () => {
    const { cluster } = clusterIn();
    const pool = cluster.addGpuPool({ name: 'l4-big', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, machineType: 'g2-standard-16' });
    expect([pool.accelerator.instanceType, pool.accelerator.vcpus, pool.accelerator.gcpAcceleratorType]).toEqual(['g2-standard-16', 16, 'nvidia-l4']);
  });

  test('setting a driver version warns, with a stable id, that changing it later replaces the pool; the default does not warn', () => {
    const { cluster } = clusterIn();
    const latest = cluster.addGpuPool({ name: 'latest', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, driverVersion: GpuTrainingClusterDriverVersion.LATEST });
    const plain = cluster.addGpuPool({ name: 'plain', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } });
    const warnings = (pool: typeof latest) => pool.nodePool.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
    expect(warnings(latest)).toEqual([expect.stringMatching(new RegExp(
      `^\\[${GPU_TRAINING_CLUSTER_WARNINGS.driverVersionRecreatesPool}\\] GPU pool "latest" sets driverVersion LATEST: changing the GPU driver version later replaces the node pool`))]);
    expect(warnings(plain)).toEqual([]);
    expect(new Synth(cluster.node.scope as TerraformStack).at('google_container_node_pool', 'Training/GpuPool-latest').node_config.guest_accelerator[0])
      .toMatchObject({ gpu_driver_installation_config: { gpu_driver_version: 'LATEST' } });
  });

  test('GPU pools wait for the node roles and the Compute Engine agent\'s key access', () => {
    const tf = clusterIn({ gpuPools: [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }] }).synth();
    expect(tf.at('google_container_node_pool', 'Training/GpuPool-l4').depends_on.sort()).toEqual([
      tf.address('google_kms_crypto_key_iam_member', 'Training/Encryption/ComputeServiceAgentKeyAccess'),
      ...tf.resources('google_project_iam_member').filter((b) => b.path.startsWith('Training/NodeServiceAccount/')).map((b) => `google_project_iam_member.${b.name}`),
    ].sort());
  });
});

describe('GpuTrainingCluster: Vertex AI launch profile', () => {
  test('the profile names the trainer, the peered network by project number, the key and lake locations', () => {
    // given a cluster on a network given by self link
    const { stack, cluster } = clusterIn({ network: 'projects/acme-net/global/networks/shared-vpc' });
    expect(cluster.trainingJobProfile.region).toBe('us-central1');
    // when the profile is rendered into Terraform
    new TerraformOutput(stack, 'Profile', { value: cluster.trainingJobProfile });
    const tf = new Synth(stack);
    // then each value references what it names
    const expr = (ref: string) => ref.slice(2, -1);
    const artifacts = expr(tf.ref('google_storage_bucket', 'Lake/Zone-artifacts/Bucket', 'name'));
    expect(tf.json.output.Profile.value).toEqual({
      region: 'us-central1',
      serviceAccount: tf.ref('google_service_account', 'Training/TrainingServiceAccount', 'email'),
      network: `projects/\${${expr(tf.ref('google_project', 'Training/Project', 'number'))}}/global/networks/shared-vpc`,
      kmsKeyName: tf.ref(KEY_TYPE, 'Key', 'id'),
      stagingUri: `gs://\${${artifacts}}/staging`,
      outputUriPrefix: `gs://\${${artifacts}}/training`,
    });
  });

  test('a network given as a token is reduced to its name in Terraform', () => {
    const { cluster } = clusterIn({ network: Fn.lower('projects/acme-net/global/networks/Shared') });
    expect(cluster.trainingJobProfile.network).toMatch(/^projects\/\$\{TfToken\[TOKEN\.\d+\]\}\/global\/networks\/\$\{TfToken\[TOKEN\.\d+\]\}$/);
  });

  test('a single-node job is one worker pool with one replica on the catalog\'s Vertex AI machine type', () => {
    const { cluster } = clusterIn();
    const job = cluster.createCustomJobRequest({
      displayName: 'train-ranker', imageUri: 'us-docker.pkg.dev/acme/ml/train:1.4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 },
      command: ['python', '-m', 'train'], args: ['--epochs', '3'],
    });
    expect(job.displayName).toBe('train-ranker');
    expect(job.jobSpec.workerPoolSpecs).toEqual([{
      machineSpec: { machineType: 'g2-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 },
      replicaCount: 1,
      containerSpec: { imageUri: 'us-docker.pkg.dev/acme/ml/train:1.4', command: ['python', '-m', 'train'], args: ['--epochs', '3'] },
    }]);
    expect(job.jobSpec.serviceAccount).toBe(cluster.trainingServiceAccountEmail);
    expect(job.jobSpec.network).toBe(cluster.trainingJobProfile.network);
    expect(job.jobSpec.baseOutputDirectory.outputUriPrefix).toBe(`${cluster.trainingJobProfile.outputUriPrefix}/train-ranker`);
    expect(job.encryptionSpec).toEqual({ kmsKeyName: cluster.trainingJobProfile.kmsKeyName });
    expect(cluster.trainingJobProfile.kmsKeyName).toBeDefined();
    expect(job.labels).toEqual({ 'managed-by': 'mlops-constructs' });
  });

  test('a multi-node job has the primary replica, then the other nodes as workers, on the same machine; outputPath places the output', () => {
    const { cluster } = clusterIn();
    const job = cluster.createCustomJobRequest({
      displayName: 'pretrain', imageUri: 'us-docker.pkg.dev/acme/ml/train:1.4', accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 4 }, outputPath: 'runs/2026-01',
    });
    const machineSpec = { machineType: 'a3-highgpu-8g', acceleratorType: 'NVIDIA_H100_80GB', acceleratorCount: 8 };
    expect(job.jobSpec.workerPoolSpecs.map((p) => [p.machineSpec, p.replicaCount])).toEqual([[machineSpec, 1], [machineSpec, 3]]);
    expect(job.jobSpec.baseOutputDirectory.outputUriPrefix).toBe(`${cluster.trainingJobProfile.outputUriPrefix}/runs/2026-01`);
  });

  test('without a key jobs have no encryptionSpec', () => {
    const { cluster } = clusterIn({}, { encryptionKey: undefined });
    expect(cluster.trainingJobProfile.kmsKeyName).toBeUndefined();
    expect(cluster.createCustomJobRequest({ displayName: 'x', imageUri: 'img', accelerator: { gpu: GpuType.T4, gpusPerNode: 1 } }).encryptionSpec).toBeUndefined();
  });
});

describe('GpuTrainingCluster on an imported lake, input zones and iam', () => {
  test('an imported lake: the trainer reads and writes the existing buckets and datasets; jobs stage in its artifacts bucket; its key encrypts the cluster', () => {
    // given a lake made elsewhere, with a key in us-central1
    const stack = newStack();
    const lake = importedLake(stack);
    // when a cluster trains on it
    const cluster = new GpuTrainingCluster(stack, 'Training', { lake, location: 'us-central1', network: 'ml-vpc' });
    const tf = new Synth(stack);
    // then the training account is granted on the existing zones by name
    const trainer = tf.ref('google_service_account', 'Training/TrainingServiceAccount', 'member');
    const grants = tf.blocks.filter((b) => b.mode === 'resource' && b.config.member === trainer);
    expect(grants.map((g) => [g.config.role, g.config.bucket ?? g.config.dataset_id]).sort()).toEqual([
      ['roles/bigquery.dataEditor', 'acme_ml_artifacts'],
      ['roles/bigquery.dataViewer', 'acme_ml_curated'],
      ['roles/storage.objectUser', 'acme-ml-artifacts'],
      ['roles/storage.objectViewer', 'acme-ml-curated'],
    ]);
    expect(cluster.trainingJobProfile.stagingUri).toBe('gs://acme-ml-artifacts/staging');
    expect([cluster.project, cluster.prefix, cluster.encryptionKey]).toEqual(['acme-data', 'acme-ml', IMPORTED_LAKE.encryptionKey]);
    expect(tf.at('google_container_cluster', 'Training/Resource').database_encryption).toEqual({ state: 'ENCRYPTED', key_name: IMPORTED_LAKE.encryptionKey!.id });
  });

  test('inputZones: the trainer reads each of them; an unknown zone is refused', () => {
    const { cluster, synth } = clusterIn({ inputZones: ['raw', 'curated'] });
    const tf = synth();
    const trainer = tf.ref('google_service_account', 'Training/TrainingServiceAccount', 'member');
    const readBuckets = tf.resources('google_storage_bucket_iam_member').filter((b) => b.config.member === trainer && b.config.role === 'roles/storage.objectViewer');
    expect(readBuckets.map((b) => b.path)).toEqual(['Lake/Zone-raw/Iam/roles--storage.objectViewer=member-1', 'Lake/Zone-curated/Iam/roles--storage.objectViewer=member-1']);
    expect(cluster.inputZones).toEqual(['raw', 'curated']);
    expect(tf.at('google_service_account', 'Training/TrainingServiceAccount').description).toMatch(/reads the lake's raw, curated zones, writes its artifacts zone/);
    expect(() => clusterIn({ inputZones: ['gold'] })).toThrow(/\[stack\/Training\] invalid inputZones\[0\]: "gold"\. Allowed: a zone of the lake: raw, curated, artifacts/);
    expect(() => clusterIn({ inputZones: [] })).toThrow(/invalid inputZones: \[\]\. Allowed: a non-empty list of lake zones/);
  });

  test('iam: Kubernetes Engine roles on the project, additively; other roles are refused', () => {
    const tf = clusterIn({ iam: { 'roles/container.developer': ['group:ml-engineers@example.com'] } }).synth();
    expect(tf.at('google_project_iam_member', 'Training/Iam/roles--container.developer=group:ml-engineers@example.com')).toMatchObject({
      project: tf.ref('google_project', 'Training/Project', 'project_id'), role: 'roles/container.developer', member: 'group:ml-engineers@example.com',
    });
    expect(() => clusterIn({ iam: { 'roles/aiplatform.user': ['group:ml-engineers@example.com'] } }))
      .toThrow(/invalid iam\["roles\/aiplatform\.user"\]: .*Allowed: a Kubernetes Engine role \(roles\/container\.\*\), granted on the project; to let a member launch Vertex AI jobs use grantLaunchTrainingJobs/);
  });
});

describe('gkeCluster: false keeps only the launch profile', () => {
  test('no cluster, pools or node account; the trainer, its lake grants, the Vertex AI agent\'s key access and the profile remain', () => {
    const { cluster, synth } = clusterIn({ gkeCluster: false });
    const s = synth();
    expect(s.resources('google_container_cluster')).toHaveLength(0);
    expect(s.resources('google_container_node_pool')).toHaveLength(0);
    expect(s.resources('google_service_account').map((b) => b.path)).toEqual(['Training/TrainingServiceAccount']);
    expect(s.resources('google_kms_crypto_key_iam_member').filter((b) => b.path.startsWith('Training/')).map((b) => b.path)).toEqual(['Training/Encryption/VertexServiceAgentKeyAccess']);
    expect(s.resources('google_storage_bucket_iam_member').filter((b) => b.config.member === s.ref('google_service_account', 'Training/TrainingServiceAccount', 'member')).length).toBeGreaterThan(0);
    expect(cluster.cluster).toBeUndefined();
    expect(cluster.systemPool).toBeUndefined();
    expect(cluster.nodeServiceAccount).toBeUndefined();
    expect(cluster.trainingJobProfile).toMatchObject({ region: 'us-central1', serviceAccount: cluster.trainingServiceAccountEmail, network: expect.stringContaining('/global/networks/ml-vpc') });
    expect(cluster.createCustomJobRequest({ displayName: 'train', imageUri: 'us-docker.pkg.dev/p/r/t:1', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }).jobSpec.serviceAccount)
      .toBe(cluster.trainingServiceAccountEmail);
  });

  test('GPU pools are refused, in props and by addGpuPool', () => {
    expect(() => clusterIn({ gkeCluster: false, gpuPools: [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }] })).toThrow(/invalid gpuPools.*no GPU pools with gkeCluster: false/);
    const { cluster } = clusterIn({ gkeCluster: false });
    expect(() => cluster.addGpuPool({ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } })).toThrow(/invalid addGpuPool.*no GKE cluster/);
    expect(() => clusterIn({ gkeCluster: 'no' as unknown as boolean })).toThrow(/invalid gkeCluster: "no". Allowed: true or false/);
  });
});

test('a location that is a Terraform value is taken as a region: the profile and the cluster use it, the key\'s location is left to the plan', () => {
  const stack = newStack();
  const region = new TerraformVariable(stack, 'region', { type: 'string' }).stringValue;
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: region, encryptionKey: { id: 'projects/p/locations/us-central1/keyRings/r/cryptoKeys/k' } });
  const cluster = new GpuTrainingCluster(stack, 'Training', { lake, location: region, network: 'ml-vpc' });
  const s = new Synth(stack);
  expect(s.at('google_container_cluster', 'Training/Resource').location).toBe('${var.region}');
  expect(cluster.region).toBe(region);
  expect(cluster.trainingJobProfile.region).toBe(region);
  expect(s.at('google_container_node_pool', 'Training/SystemPool').location).toBe('${var.region}');
});
