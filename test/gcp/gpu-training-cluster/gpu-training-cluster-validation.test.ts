/**
 * Bad input to GpuTrainingCluster fails at synth time with the construct path, the property, the
 * value and what is allowed.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { TerraformStack } from 'cdktf';
import { GpuType, MlopsValidationError } from 'mlops-constructs';
import {
  DataLake, DataLakeProps, GpuTrainingCluster, GpuTrainingClusterCustomJobOptions, GpuTrainingClusterGpuPoolProps, GpuTrainingClusterProps,
} from 'mlops-constructs/gcp';
import { newStack } from '../support';

function lakeIn(stack: TerraformStack, props: Partial<DataLakeProps> = {}): DataLake {
  return new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1', ...props });
}

/** Builds a cluster on a us-central1 lake without a key, with `props` over working defaults. */
function build(props: Partial<GpuTrainingClusterProps> | Record<string, unknown>): GpuTrainingCluster {
  const stack = newStack();
  return new GpuTrainingCluster(stack, 'Training', {
    lake: lakeIn(stack), location: 'us-central1', network: 'ml-vpc', ...props,
  } as GpuTrainingClusterProps);
}

const L4: Omit<GpuTrainingClusterGpuPoolProps, 'name'> = { accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } };

describe('GpuTrainingCluster props', () => {
  test('the error is an MlopsValidationError carrying path, property, value and what is allowed', () => {
    let error: unknown;
    try {
      build({ clusterName: 'Training' });
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(MlopsValidationError);
    expect(error).toMatchObject({ constructPath: 'stack/Training', property: 'clusterName', value: 'Training' });
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a lake that is not a DataLake', { lake: { prefix: 'x' } }, /\[stack\/Training\] invalid lake: \{"prefix":"x"\}\. Allowed: a DataLake of mlops-constructs\/gcp/],
    ['a multi-region location', { location: 'US' }, /invalid location: "US"\. Allowed: a Compute Engine region such as "us-central1" or a Compute Engine zone such as "us-central1-a"/],
    ['a malformed zone', { location: 'us-central1-ab' }, /invalid location: "us-central1-ab"/],
    ['an empty network', { network: '' }, /invalid network: ""\. Allowed: a name or self link/],
    ['an empty subnetwork', { subnetwork: ' ' }, /invalid subnetwork: " "\. Allowed: a name or self link/],
    ['an empty secondary range name', { podsSecondaryRangeName: '' }, /invalid podsSecondaryRangeName: ""\. Allowed: a name or self link/],
    ['a cluster name of 41 characters (GKE allows 40)', { clusterName: `t${'a'.repeat(40)}` }, /invalid clusterName: "ta{40}"\. Allowed: 1 to 40 characters of lowercase letters, digits and hyphens, starting with a letter and ending with a letter or digit/],
    ['a cluster name with capitals', { clusterName: 'Training' }, /invalid clusterName: "Training"\. Allowed: 1 to 40 characters/],
    ['a cluster name ending with a hyphen', { clusterName: 'training-' }, /invalid clusterName: "training-"/],
    ['a cluster name starting with a digit', { clusterName: '1training' }, /invalid clusterName: "1training"/],
    ['a prefix too long for the service account ids (30 characters)', { prefix: 'acme-machine-learning-x' },
      /invalid prefix: "acme-machine-learning-x"\. Allowed: a prefix that makes "acme-machine-learning-x-trainer" a service account id: 6 to 30 characters.*at most 22 characters/],
    ['a prefix breaking the prefix rule', { prefix: 'Acme' }, /invalid prefix: "Acme"\. Allowed: 1 to 30 characters of lowercase letters/],
    ['a bad project id', { project: 'P' }, /invalid project: "P"\. Allowed: a project id/],
    ['a release channel CIS does not recommend', { releaseChannel: 'RAPID' }, /invalid releaseChannel: "RAPID"\. Allowed: one of REGULAR, STABLE/],
    ['a control plane block that is not a /28', { masterIpv4CidrBlock: '172.16.0.0/24' }, /invalid masterIpv4CidrBlock: "172\.16\.0\.0\/24"\. Allowed: an IPv4 \/28 block/],
    ['a control plane block with host bits', { masterIpv4CidrBlock: '172.16.0.1/28' }, /invalid masterIpv4CidrBlock: "172\.16\.0\.1\/28"/],
    ['an authorized network open to everyone', { masterAuthorizedNetworks: [{ cidrBlock: '0.0.0.0/0' }] },
      /invalid masterAuthorizedNetworks\[0\]\.cidrBlock: "0\.0\.0\.0\/0"\. Allowed: an IPv4 CIDR block such as "10\.10\.0\.0\/24", not 0\.0\.0\.0\/0 .*CKV_GCP_18/],
    ['an authorized network that is no CIDR block', { masterAuthorizedNetworks: [{ cidrBlock: '10.0.0.0/24' }, { cidrBlock: '10.0.0.300/32' }] }, /invalid masterAuthorizedNetworks\[1\]\.cidrBlock: "10\.0\.0\.300\/32"/],
    ['authorized networks that are not a list', { masterAuthorizedNetworks: '10.0.0.0/8' }, /invalid masterAuthorizedNetworks: "10\.0\.0\.0\/8"\. Allowed: a list/],
    ['privateEndpoint that is not a boolean', { privateEndpoint: 'yes' }, /invalid privateEndpoint: "yes"\. Allowed: true or false/],
    ['deletionProtection that is not a boolean', { deletionProtection: 0 }, /invalid deletionProtection: 0\. Allowed: true or false/],
    ['a GPU machine type for the system pool', { systemMachineType: 'g2-standard-4' }, /invalid systemMachineType: "g2-standard-4"\. Allowed: a machine type without GPUs/],
    ['a namespace that is no DNS label', { trainingNamespace: 'ML_Training' }, /invalid trainingNamespace: "ML_Training"\. Allowed: an RFC 1123 label/],
    ['a Kubernetes service account name that is no DNS subdomain', { trainingKubernetesServiceAccount: '-trainer' }, /invalid trainingKubernetesServiceAccount: "-trainer"\. Allowed: an RFC 1123 subdomain/],
    ['gpuPools that are not a list', { gpuPools: { l4: L4 } }, /invalid gpuPools: .*Allowed: a list of GPU pool props/],
  ])('%s', (_, props, message) => {
    expect(() => build(props)).toThrow(message);
  });

  test('props that are not an object', () => {
    const stack = newStack();
    expect(() => new GpuTrainingCluster(stack, 'Training', undefined as unknown as GpuTrainingClusterProps))
      .toThrow(/\[stack\/Training\] invalid props: undefined\. Allowed: an object with at least lake, location and network/);
  });
});

describe('GpuTrainingCluster encryption key', () => {
  const otherRegion = 'projects/acme-keys/locations/europe-west4/keyRings/gke/cryptoKeys/training';

  test('a key of another region is refused: GKE, Compute Engine and Vertex AI need the cluster\'s region', () => {
    expect(() => build({ encryptionKey: { id: otherRegion } }))
      .toThrow(/invalid encryptionKey\.id: "projects\/acme-keys\/locations\/europe-west4\/.*"\. Allowed: a Cloud KMS key in the cluster's region "us-central1"/);
  });

  test('a malformed key id is refused', () => {
    expect(() => build({ encryptionKey: { id: 'training-key' } })).toThrow(/invalid encryptionKey\.id: "training-key"\. Allowed: a Cloud KMS crypto key resource id/);
  });

  test('the lake\'s key is refused as default when it serves another location; the message says to pass encryptionKey', () => {
    // given a US lake whose key is a KmsCryptoKey resource (a token)
    const stack = newStack();
    const ring = new KmsKeyRing(stack, 'Ring', { name: 'lake', location: 'us' });
    const key = new KmsCryptoKey(stack, 'Key', { name: 'lake', keyRing: ring.id, rotationPeriod: '7776000s' });
    const lake = lakeIn(stack, { location: 'US', encryptionKey: key });
    // then a cluster in us-central1 cannot use it
    expect(() => new GpuTrainingCluster(stack, 'Training', { lake, location: 'us-central1', network: 'ml-vpc' }))
      .toThrow(/invalid encryptionKey: undefined\. Allowed: a key in us-central1: the lake's key serves the lake's location US.*pass encryptionKey/);
  });

  test('the lake\'s literal key of another region is refused as default', () => {
    const stack = newStack();
    const lake = lakeIn(stack, { location: 'europe-west4', encryptionKey: { id: otherRegion } });
    expect(() => new GpuTrainingCluster(stack, 'Training', { lake, location: 'us-central1', network: 'ml-vpc' }))
      .toThrow(/invalid encryptionKey: undefined\. Allowed: a key in us-central1/);
  });
});

describe('GpuTrainingCluster GPU pools', () => {
  function addPool(options: Omit<GpuTrainingClusterGpuPoolProps, 'name'> | Record<string, unknown>, name = 'gpu', props: Partial<GpuTrainingClusterProps> = {}) {
    return build(props).addGpuPool({ name, ...options } as unknown as GpuTrainingClusterGpuPoolProps);
  }

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a GPU type that no Compute Engine machine type carries', { accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 } },
      /\[stack\/Training\] invalid addGpuPool\.accelerator\.gpu: "A10G"\. Allowed: a GPU type offered on gcp-compute: T4 \(1, 2, 4 GPUs per node\), L4/],
    ['a GPU count that no machine type of that GPU carries', { accelerator: { gpu: GpuType.A100_40GB, gpusPerNode: 3 } },
      /invalid addGpuPool\.accelerator\.gpusPerNode: 3\. Allowed: A100-40GB on gcp-compute: 1 GPU per node \(a2-highgpu-1g\); 2 GPUs per node \(a2-highgpu-2g\); .*16 GPUs per node \(a2-megagpu-16g\)/],
    ['more H100 per node than a node carries', { accelerator: { gpu: GpuType.H100, gpusPerNode: 16 } },
      /invalid addGpuPool\.accelerator\.gpusPerNode: 16\. Allowed: H100 on gcp-compute: 8 GPUs per node \(a3-highgpu-8g, a3-megagpu-8g\)/],
    ['no nodes', { accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 0 } }, /invalid addGpuPool\.accelerator\.nodeCount: 0\. Allowed: a positive integer/],
    ['no accelerator', {}, /invalid addGpuPool\.accelerator: undefined\. Allowed: an AcceleratorRequest/],
    ['a machine type carrying other GPUs', { ...L4, machineType: 'a2-highgpu-1g' },
      /invalid addGpuPool\.machineType: "a2-highgpu-1g"\. Allowed: a type on gcp-compute carrying 1 × L4: g2-standard-4, g2-standard-8, g2-standard-12, g2-standard-16, g2-standard-32/],
    ['a machine type carrying another count', { ...L4, machineType: 'g2-standard-24' }, /invalid addGpuPool\.machineType: "g2-standard-24"/],
    ['negative minNodes', { ...L4, minNodes: -1 }, /invalid addGpuPool\.minNodes: -1\. Allowed: an integer of at least 0/],
    ['maxNodes below minNodes', { ...L4, minNodes: 2, maxNodes: 1 }, /invalid addGpuPool\.maxNodes: 1\. Allowed: at least minNodes \(2\)/],
    ['maxNodes below the nodes of one job', { accelerator: { gpu: GpuType.A100_80GB, gpusPerNode: 8, nodeCount: 4 }, zone: 'us-central1-a', maxNodes: 2 },
      /invalid addGpuPool\.maxNodes: 2\. Allowed: at least accelerator\.nodeCount \(4\): a job on 4 nodes could never be scheduled/],
    ['maxNodes of zero', { ...L4, maxNodes: 0 }, /invalid addGpuPool\.maxNodes: 0\. Allowed: an integer of at least 1/],
    ['a zone of another region', { ...L4, zone: 'europe-west4-a' }, /invalid addGpuPool\.zone: "europe-west4-a"\. Allowed: a zone of the cluster's region us-central1/],
    ['a compact multi-node pool without a zone in a regional cluster', { accelerator: { gpu: GpuType.H200, gpusPerNode: 8, nodeCount: 2 } },
      /invalid addGpuPool\.zone: undefined\. Allowed: a zone of us-central1: compact placement keeps the pool's nodes in one zone/],
    ['an unknown driver version', { ...L4, driverVersion: 'R535' }, /invalid addGpuPool\.driverVersion: "R535"\. Allowed: one of DEFAULT, LATEST, INSTALLATION_DISABLED/],
    ['spot that is not a boolean', { ...L4, spot: 'true' }, /invalid addGpuPool\.spot: "true"\. Allowed: true or false/],
  ])('%s', (_, options, message) => {
    expect(() => addPool(options)).toThrow(message);
  });

  test.each([
    ['a name with capitals', 'A100'],
    ['a name of 41 characters', `g${'p'.repeat(40)}`],
    ['a name with an underscore', 'a100_pool'],
  ])('%s', (_, name) => {
    expect(() => addPool(L4, name)).toThrow(new RegExp(`invalid addGpuPool\\.name: "${name}"\\. Allowed: 1 to 40 characters of lowercase letters, digits and hyphens`));
  });

  test('the system pool\'s name and names used twice are refused', () => {
    const cluster = build({});
    expect(() => cluster.addGpuPool({ name: 'system', ...L4 })).toThrow(/invalid addGpuPool\.name: "system"\. Allowed: a pool name not yet used in this cluster \(system are taken\)/);
    cluster.addGpuPool({ name: 'l4', ...L4 });
    expect(() => cluster.addGpuPool({ name: 'l4', ...L4 })).toThrow(/invalid addGpuPool\.name: "l4"\. Allowed: a pool name not yet used in this cluster \(system, l4 are taken\)/);
  });

  test('errors of pools given in props name the pool', () => {
    expect(() => build({ gpuPools: [{ name: 'big', accelerator: { gpu: GpuType.T4, gpusPerNode: 8 } }] }))
      .toThrow(/invalid gpuPools\[0\]\.accelerator\.gpusPerNode: 8\. Allowed: T4 on gcp-compute: 1 GPU per node/);
    expect(() => build({ gpuPools: [{ name: 'Big', ...L4 }] })).toThrow(/invalid gpuPools\[0\]\.name: "Big"\. Allowed: 1 to 40 characters/);
  });
});

describe('GpuTrainingCluster launch', () => {
  const job: GpuTrainingClusterCustomJobOptions = { displayName: 'train', imageUri: 'us-docker.pkg.dev/acme/ml/train:1', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } };

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['an empty display name', { displayName: '' }, /invalid createCustomJobRequest\.displayName: ""\. Allowed: 1 to 128 characters/],
    ['a display name of 129 characters', { displayName: 'x'.repeat(129) }, /invalid createCustomJobRequest\.displayName: "x{129}"\. Allowed: 1 to 128 characters/],
    ['no image', { imageUri: '' }, /invalid createCustomJobRequest\.imageUri: ""\. Allowed: a container image URI/],
    ['a GPU type no Vertex AI machine type carries', { accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 } }, /invalid createCustomJobRequest\.accelerator\.gpu: "A10G"\. Allowed: a GPU type offered on gcp-vertex/],
    ['a GPU count no Vertex AI machine type carries', { accelerator: { gpu: GpuType.L4, gpusPerNode: 3 } }, /invalid createCustomJobRequest\.accelerator\.gpusPerNode: 3\. Allowed: L4 on gcp-vertex: 1 GPU per node/],
    ['a Vertex AI machine type carrying other GPUs', { machineType: 'n1-standard-4' }, /invalid createCustomJobRequest\.machineType: "n1-standard-4"\. Allowed: a type on gcp-vertex carrying 1 × L4/],
    ['an absolute output path', { outputPath: '/runs/1' }, /invalid createCustomJobRequest\.outputPath: "\/runs\/1"\. Allowed: a non-empty path without leading or trailing "\/"/],
    ['a command that is not a list of strings', { command: 'python train.py' }, /invalid createCustomJobRequest\.command: "python train\.py"\. Allowed: a list of strings/],
  ])('%s', (_, overrides, message) => {
    expect(() => build({}).createCustomJobRequest({ ...job, ...overrides } as GpuTrainingClusterCustomJobOptions)).toThrow(message);
  });

  test('grantLaunchTrainingJobs refuses public and malformed members', () => {
    const cluster = build({});
    expect(() => cluster.grantLaunchTrainingJobs('allUsers')).toThrow(/\[stack\/Training\] invalid member: "allUsers"\. Allowed: a non-public member/);
    expect(() => cluster.grantLaunchTrainingJobs('pipeline@acme.iam.gserviceaccount.com')).toThrow(/invalid member: "pipeline@acme\.iam\.gserviceaccount\.com"\. Allowed: a member of type/);
  });
});
