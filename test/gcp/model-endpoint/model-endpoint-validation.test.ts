/**
 * ModelEndpoint: every bad input is refused in the constructor (or the method) with an error
 * naming the construct path, the property, the value and what is allowed.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { Fn } from 'cdktf';
import { GpuType, MlopsValidationError } from 'mlops-constructs';
import {
  DataLake, ModelEndpoint, ModelEndpointCloudRunIngress, ModelEndpointCloudRunOptions, ModelEndpointPlatform, ModelEndpointProps,
  ModelEndpointTraffic, ModelEndpointTrafficTarget, ModelEndpointVertexAccess, ModelEndpointVertexAiOptions, Size,
} from 'mlops-constructs/gcp';
import { newStack } from '../support';

const IMAGE = 'us-docker.pkg.dev/acme-ml/serving/churn:1';
const MODEL = 'projects/acme-ml/locations/us-central1/models/churn';
const PATH = /^\[stack\/Endpoint\] invalid /;

/** Builds an endpoint (Vertex AI unless props say otherwise) with a lake for capture when `withLake`. */
function build(props: Partial<ModelEndpointProps>, withLake = false): ModelEndpoint {
  const stack = newStack();
  const lake = withLake ? new DataLake(stack, 'Lake', { prefix: 'acme-ml' }) : undefined;
  return new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', ...(lake ? { captureLake: lake } : {}), ...props } as ModelEndpointProps);
}

/** A Vertex AI endpoint with these Vertex AI options and endpoint props. */
function vertex(options: ModelEndpointVertexAiOptions | Record<string, unknown>, props: Partial<ModelEndpointProps> = {}): ModelEndpoint {
  return build({ platform: ModelEndpointPlatform.vertexAi(options as ModelEndpointVertexAiOptions), ...props });
}

/** A Cloud Run endpoint of IMAGE with these Cloud Run options and endpoint props. */
function cloudRun(options: Partial<ModelEndpointCloudRunOptions> | Record<string, unknown>, props: Partial<ModelEndpointProps> = {}, withLake = false): ModelEndpoint {
  return build({ platform: ModelEndpointPlatform.cloudRun({ image: IMAGE, ...options } as ModelEndpointCloudRunOptions), ...props }, withLake);
}

/** Asserts that `action` throws a MlopsValidationError on the endpoint whose message matches `message`. */
function expectRefused(action: () => unknown, message: RegExp): void {
  let error: unknown;
  try {
    action();
  } catch (e) {
    error = e;
  }
  expect(error).toBeInstanceOf(MlopsValidationError);
  expect((error as Error).message).toMatch(PATH);
  expect((error as Error).message).toMatch(message);
}

describe('names, project, region, platform', () => {
  test('props must be an object', () => {
    expectRefused(() => new ModelEndpoint(newStack(), 'Endpoint', undefined as unknown as ModelEndpointProps), /invalid props: undefined/);
  });
  test.each([
    ['too long', 'a'.repeat(31)],
    ['uppercase', 'Churn'],
    ['ending with a hyphen', 'churn-'],
  ])('prefix %s', (_, prefix) => {
    expectRefused(() => build({ prefix }), /invalid prefix: .*Allowed: 1 to 30 characters of lowercase letters/);
  });
  test('a token prefix: names are derived from it at synth time', () => {
    expectRefused(() => build({ prefix: Fn.lower('CHURN') }), /invalid prefix: .*Allowed: a literal value, not a token/);
  });
  test('project', () => {
    expectRefused(() => build({ project: 'Acme_ML' }), /invalid project: "Acme_ML"\. Allowed: a project id/);
  });
  test.each(['US', 'us_central1', 'europe'])('region %s', (region) => {
    expectRefused(() => build({ region }), /invalid region: .*Allowed: a region such as "us-central1"/);
  });
  test('platform', () => {
    expectRefused(() => build({ platform: 'gke' as unknown as ModelEndpointPlatform }),
      /invalid platform: "gke"\. Allowed: ModelEndpointPlatform\.vertexAi\(\{ \.\.\. \}\) or ModelEndpointPlatform\.cloudRun\(\{ image, \.\.\. \}\)/);
  });
  test('a Cloud Run option on Vertex AI, and a Vertex AI option on Cloud Run', () => {
    expectRefused(() => vertex({ image: IMAGE }), /invalid platform\.image: .*Allowed: no image on Vertex AI: it is a Cloud Run option; use ModelEndpointPlatform\.cloudRun/);
    expectRefused(() => cloudRun({ endpointId: '42' }), /invalid platform\.endpointId: "42"\. Allowed: no endpointId on Cloud Run: it is a Vertex AI option/);
  });
});

describe('encryption key, replicas, IAM', () => {
  test('a key id that is not a crypto key', () => {
    expectRefused(() => build({ encryptionKey: { id: 'projects/p/keyRings/r' } }), /invalid encryptionKey\.id: .*Allowed: a Cloud KMS crypto key resource id/);
  });
  test('Vertex AI: a key outside the endpoint\'s region', () => {
    expectRefused(() => build({ encryptionKey: { id: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' } }),
      /invalid encryptionKey\.id: .*Allowed: a key in the endpoint's region "us-central1" .*this key is in "us"/);
  });
  test('a token key is not inspected', () => {
    const stack = newStack();
    const ring = new KmsKeyRing(stack, 'Ring', { name: 'r', location: 'us' });
    expect(() => new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', encryptionKey: new KmsCryptoKey(stack, 'Key', { name: 'k', keyRing: ring.id }) })).not.toThrow();
  });
  test.each([
    ['Vertex AI, 0 replicas', () => build({ minReplicas: 0 }), /invalid minReplicas: 0\. Allowed: a whole number, at least 1 on vertex-ai/],
    ['Cloud Run, -1 replicas', () => cloudRun({}, { minReplicas: -1 }), /invalid minReplicas: -1\. Allowed: a whole number, at least 0 on cloud-run/],
    ['a fraction', () => build({ minReplicas: 1.5 }), /invalid minReplicas: 1\.5/],
    ['max below min', () => build({ minReplicas: 3, maxReplicas: 2 }), /invalid maxReplicas: 2\. Allowed: a whole number at least minReplicas \(3\) and at least 1/],
    ['Cloud Run, max 0', () => cloudRun({}, { minReplicas: 0, maxReplicas: 0 }), /invalid maxReplicas: 0/],
  ])('replicas: %s', (_, action, message) => {
    expectRefused(action, message);
  });
  test('iam on Vertex AI: there is no endpoint IAM resource', () => {
    expectRefused(() => build({ iam: { 'roles/aiplatform.user': ['group:a@example.com'] } }),
      /invalid iam\["roles\/aiplatform\.user"\]: .*Allowed: no iam on a Vertex AI endpoint.*use grantInvoke/);
  });
  test('iam on Cloud Run: run roles only, named members only', () => {
    expectRefused(() => cloudRun({}, { iam: { 'roles/storage.admin': ['group:a@example.com'] } }), /invalid iam\["roles\/storage\.admin"\]: .*Allowed: a roles\/run\.\* role/);
    expectRefused(() => cloudRun({}, { iam: { 'roles/run.invoker': ['allUsers'] } }), /invalid iam\["roles\/run\.invoker"\]\[0\]: "allUsers"\. Allowed: a non-public member/);
  });
  test.each([
    ['Vertex AI', () => build({})],
    ['Cloud Run', () => cloudRun({})],
  ])('grantInvoke on %s refuses public and malformed members', (_, make) => {
    expectRefused(() => make().grantInvoke('allUsers'), /invalid member: "allUsers"\. Allowed: a non-public member/);
    expectRefused(() => make().grantInvoke('alice@example.com'), /invalid member: "alice@example\.com"\. Allowed: a member of type/);
  });
});

describe('capture', () => {
  test('a zone the lake does not have', () => {
    expectRefused(() => build({ captureZone: 'captures' }, true), /invalid captureZone: "captures"\. Allowed: one of the lake's zones: raw, curated, artifacts/);
  });
  test.each([0, -5, 101, Number.NaN])('sampling percentage %s', (captureSamplingPercentage) => {
    expectRefused(() => build({ captureSamplingPercentage }, true), /invalid captureSamplingPercentage: .*Allowed: a percentage greater than 0 and at most 100/);
  });
  test('capture settings without a lake', () => {
    expectRefused(() => build({ captureSamplingPercentage: 10 }), /invalid captureSamplingPercentage: 10\. Allowed: no value without captureLake/);
    expectRefused(() => build({ captureZone: 'raw' }), /invalid captureZone: "raw"\. Allowed: no value without captureLake/);
  });
  test('something that is not a lake', () => {
    expectRefused(() => build({ captureLake: { prefix: 'x' } as unknown as DataLake }), /invalid captureLake: .*Allowed: a DataLake of mlops-constructs\/gcp/);
  });
  test('Cloud Run: environment variables the endpoint sets for capture', () => {
    expectRefused(() => cloudRun({ environment: { MLOPS_CAPTURE_TABLE: 'x' } }, {}, true),
      /invalid platform\.environment\["MLOPS_CAPTURE_TABLE"\]: .*Allowed: a name other than MLOPS_CAPTURE_TABLE and MLOPS_CAPTURE_SAMPLING_PERCENTAGE/);
  });
});

describe('accelerators and machines', () => {
  test.each([
    ['Vertex AI: 3 × H100 (no machine carries 3)', () => build({ accelerator: { gpu: GpuType.H100, gpusPerNode: 3 } }), /invalid accelerator\.gpusPerNode: 3\. Allowed: H100 on gcp-vertex: 8 GPUs per node/],
    ['Vertex AI: an unknown GPU', () => build({ accelerator: { gpu: GpuType.of('V100'), gpusPerNode: 1 } }), /invalid accelerator\.gpu: "V100"\. Allowed: one of T4, A10G, L4/],
    ['Vertex AI: an AWS-only GPU', () => build({ accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 } }), /invalid accelerator\.gpu: "A10G"\. Allowed: a GPU type offered on gcp-vertex/],
    ['Cloud Run: a T4 (L4 only)', () => cloudRun({}, { accelerator: { gpu: GpuType.T4, gpusPerNode: 1 } }), /invalid accelerator\.gpu: "T4"\. Allowed: a GPU type offered on gcp-cloud-run: L4 \(1 GPU per node\)/],
    ['Cloud Run: 2 × L4 (one per instance)', () => cloudRun({}, { accelerator: { gpu: GpuType.L4, gpusPerNode: 2 } }), /invalid accelerator\.gpusPerNode: 2\. Allowed: L4 on gcp-cloud-run: 1 GPU per node \(nvidia-l4\)/],
    ['a node count other than minReplicas', () => build({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 2 }, minReplicas: 3 }),
      /invalid accelerator\.nodeCount: 2\. Allowed: minReplicas \(3\) or left out: the accelerator's nodeCount is the initial \(minimum\) number of replicas/],
  ])('%s', (_, action, message) => {
    expectRefused(action, message);
  });
  test.each([
    ['a machine that does not carry the accelerator', { machineType: 'g2-standard-4' }, { accelerator: { gpu: GpuType.A100_40GB, gpusPerNode: 1 } },
      /invalid platform\.machineType: "g2-standard-4"\. Allowed: a type on gcp-vertex carrying 1 × A100-40GB: a2-highgpu-1g/],
    ['a GPU machine without an accelerator', { machineType: 'a2-highgpu-1g' }, {},
      /invalid platform\.machineType: "a2-highgpu-1g"\. Allowed: a machine type without built-in GPUs, or also set accelerator \(\{ gpu: GpuType\.A100_40GB, gpusPerNode: 1 \}\)/],
    ['a malformed machine type', { machineType: 'big' }, {}, /invalid platform\.machineType: "big"\. Allowed: a machine type name/],
  ])('machineType: %s', (_, options, props, message) => {
    expectRefused(() => vertex(options, props), message);
  });
  test.each([
    ['3 vCPUs', { cpu: 3 }, {}, /invalid platform\.cpu: 3\. Allowed: one of 1, 2, 4, 6, 8 vCPUs/],
    ['2 vCPUs with a GPU', { cpu: 2, memory: Size.gibibytes(8) }, { accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }, /invalid platform\.cpu: 2\. Allowed: at least 4 vCPUs with a GPU \(4, 6, 8\)/],
    ['8 GiB with a GPU', { memory: Size.gibibytes(8) }, { accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } },
      /invalid platform\.memory: "8 GiB"\. Allowed: a whole number of MiB from 16 GiB to 16 GiB with 4 vCPUs \(a GPU needs at least 16 GiB\)/],
    ['more memory than 1 vCPU takes', { cpu: 1, memory: Size.gibibytes(5) }, {}, /invalid platform\.memory: "5 GiB"\. Allowed: a whole number of MiB from 512 MiB to 4 GiB with 1 vCPU \(https:\/\/cloud\.google\.com\/run\/docs\/configuring\/services\/memory-limits\)\./],
    ['a fraction of a MiB', { memory: Size.mebibytes(1024.5) }, {}, /invalid platform\.memory: "1024\.5 MiB"\. Allowed: a whole number of MiB/],
    ['less than the second generation minimum', { cpu: 1, memory: Size.mebibytes(511) }, {}, /invalid platform\.memory: "511 MiB"\. Allowed: a whole number of MiB from 512 MiB to 4 GiB with 1 vCPU/],
    ['less than 4 vCPUs need', { cpu: 4, memory: Size.mebibytes(2047) }, {}, /invalid platform\.memory: "2047 MiB"\. Allowed: a whole number of MiB from 2 GiB to 16 GiB with 4 vCPUs/],
    ['a memory that is not a Size', { memory: 4 }, {}, /invalid platform\.memory: 4\. Allowed: a Size, such as Size\.gibibytes\(16\)/],
  ])('Cloud Run size: %s', (_, options, props, message) => {
    expectRefused(() => cloudRun(options, props), message);
  });
});

describe('Vertex AI endpoint settings', () => {
  test.each(['0123', '1234567890', 'churn'])('endpointId %s', (endpointId) => {
    expectRefused(() => vertex({ endpointId }), /invalid platform\.endpointId: .*Allowed: a numeric endpoint id of 1 to 9 digits without a leading zero/);
  });
  test.each(['', 'x'.repeat(129)])('displayName of %s characters', (displayName) => {
    expectRefused(() => vertex({ displayName }), /invalid platform\.displayName: .*Allowed: 1 to 128 characters/);
  });
  test('an unknown access', () => {
    expectRefused(() => vertex({ access: 'public' }), /invalid platform\.access: "public"\. Allowed: one of ModelEndpointVertexAccess\.PRIVATE_SERVICE_CONNECT/);
  });
  test.each([
    ['VPC peering without a network', { access: ModelEndpointVertexAccess.VPC_PEERING }, /invalid platform\.network: undefined\. Allowed: with VPC_PEERING, the peered network/],
    ['a network named by project id', { access: ModelEndpointVertexAccess.VPC_PEERING, network: 'projects/acme-ml/global/networks/ml' }, /invalid platform\.network: .*\(a project number, not an id\)/],
    ['a network without VPC peering', { network: 'projects/123/global/networks/ml' }, /invalid platform\.network: .*Allowed: no network unless access is ModelEndpointVertexAccess\.VPC_PEERING/],
    ['allowed projects without Private Service Connect', { access: ModelEndpointVertexAccess.DEDICATED_PUBLIC, allowedProjects: ['acme-apps'] }, /invalid platform\.allowedProjects: .*Allowed: no allowed projects unless/],
    ['an empty allowlist', { allowedProjects: [] }, /invalid platform\.allowedProjects: \[\]\. Allowed: a non-empty list of project ids/],
    ['a malformed allowed project', { allowedProjects: ['acme-apps', 'Bad'] }, /invalid platform\.allowedProjects\[1\]: "Bad"\. Allowed: a project id/],
  ])('%s', (_, options, message) => {
    expectRefused(() => vertex(options), message);
  });
});

describe('Cloud Run service settings', () => {
  test.each([undefined, ' '])('no image (%j)', (image) => {
    expectRefused(() => cloudRun({ image }), /invalid platform\.image: .*Allowed: the serving container image \(required on Cloud Run\)/);
  });
  test('CLOUD_RUN names the kind: an endpoint needs an image', () => {
    expectRefused(() => build({ platform: ModelEndpointPlatform.CLOUD_RUN }), /invalid platform\.image: undefined\. Allowed: the serving container image \(required on Cloud Run\)/);
  });
  test.each([0, 70000, 80.5])('port %s', (port) => {
    expectRefused(() => cloudRun({ port }), /invalid platform\.port: .*Allowed: a port number from 1 to 65535/);
  });
  test('an unknown ingress', () => {
    expectRefused(() => cloudRun({ ingress: 'internal' as ModelEndpointCloudRunIngress }), /invalid platform\.ingress: "internal"\. Allowed: one of ModelEndpointCloudRunIngress\.INTERNAL_ONLY/);
  });
  test.each([
    ['uppercase', 'V2', /Allowed: lowercase letters, digits and hyphens/],
    ['a leading hyphen', '-v2', /Allowed: lowercase letters, digits and hyphens/],
    ['a revision name over 63 characters', 'x'.repeat(58), /Allowed: at most 57 characters: the revision name "churn-<suffix>" may have at most 63/],
  ])('revision suffix with %s', (_, revisionSuffix, message) => {
    expectRefused(() => cloudRun({ revisionSuffix }), new RegExp(`invalid platform\\.revisionSuffix: .*${message.source}`));
  });
  test.each([
    ['percents adding up to 90', ModelEndpointTraffic.split([ModelEndpointTrafficTarget.latest(10), ModelEndpointTrafficTarget.revision('v1', 80)]),
      /invalid platform\.traffic: "LATEST=10, v1=80"\. Allowed: percents that add up to 100 \(these add up to 90\)/],
    ['a percent over 100', ModelEndpointTraffic.split([ModelEndpointTrafficTarget.latest(120)]), /invalid platform\.traffic\[0\]\.percent: 120\. Allowed: a whole percent from 0 to 100/],
    ['a canary over 100 percent', ModelEndpointTraffic.canary('v1', 120), /invalid platform\.traffic\[0\]\.percent: 120/],
    ['a fractional percent', ModelEndpointTraffic.split([ModelEndpointTrafficTarget.latest(50.5), ModelEndpointTrafficTarget.revision('v1', 49.5)]), /invalid platform\.traffic\[0\]\.percent: 50\.5/],
    ['two targets for the latest revision', ModelEndpointTraffic.split([ModelEndpointTrafficTarget.latest(50), ModelEndpointTrafficTarget.latest(50)]), /Allowed: at most one target for the latest revision/],
    ['one revision twice', ModelEndpointTraffic.split([ModelEndpointTrafficTarget.revision('v1', 50), ModelEndpointTrafficTarget.revision('v1', 50)]), /Allowed: one target per revision \("v1" appears twice\)/],
    ['no target', ModelEndpointTraffic.split([]), /invalid platform\.traffic: \[\]\. Allowed: at least one traffic target/],
    ['a bad revision suffix', ModelEndpointTraffic.split([ModelEndpointTrafficTarget.revision('V1', 100)]), /invalid platform\.traffic\[0\]\.revisionSuffix: "V1"/],
    ['something that is not a target', ModelEndpointTraffic.split([{ percent: 100 }] as unknown as ModelEndpointTrafficTarget[]), /invalid platform\.traffic: .*Allowed: a list of ModelEndpointTrafficTarget/],
    ['something that is not a traffic split', [ModelEndpointTrafficTarget.latest(100)] as unknown as ModelEndpointTraffic, /invalid platform\.traffic: .*Allowed: ModelEndpointTraffic\.latest\(\)/],
  ])('traffic with %s', (_, traffic, message) => {
    expectRefused(() => cloudRun({ traffic }), message);
  });
  test('a revision name too long for the service name, in the traffic split', () => {
    expectRefused(() => cloudRun({ traffic: ModelEndpointTraffic.split([ModelEndpointTrafficTarget.revision('x'.repeat(58), 100)]) }),
      /invalid platform\.traffic\[0\]\.revisionSuffix: .*Allowed: at most 57 characters: the revision name "churn-<suffix>" may have at most 63/);
  });
  test('a canary whose stable revision is the one being deployed', () => {
    expectRefused(() => cloudRun({ revisionSuffix: 'v2', traffic: ModelEndpointTraffic.canary('v2', 10) }),
      /invalid platform\.traffic: "LATEST=10, v2=90"\. Allowed: a split between different revisions: "v2" is the revision this deployment creates/);
  });
  test.each([
    ['a name that is not a C identifier', { '1MODEL': 'x' }, /invalid platform\.environment\["1MODEL"\]: "1MODEL"\. Allowed: a C identifier/],
    ['a value that is not a string', { MODEL: 3 }, /invalid platform\.environment\["MODEL"\]: 3\. Allowed: a string value/],
  ])('environment with %s', (_, environment, message) => {
    expectRefused(() => cloudRun({ environment: environment as unknown as { [name: string]: string } }), message);
  });
});

describe('deployModelRequest and grantDeployModel', () => {
  test('Cloud Run has no deployModel: Terraform deploys the container', () => {
    expectRefused(() => cloudRun({}).deployModelRequest({ model: MODEL }), /invalid deployModelRequest: "cloud-run"\. Allowed: a Vertex AI endpoint/);
    expectRefused(() => cloudRun({}).grantDeployModel('serviceAccount:p@acme-ml.iam.gserviceaccount.com'), /invalid grantDeployModel: "cloud-run"/);
  });
  test.each(['churn', 'projects/acme-ml/models/churn', undefined])('model %j', (model) => {
    expectRefused(() => build({}).deployModelRequest({ model: model as string }), /invalid deployModelRequest\.model: .*Allowed: a Vertex AI model resource name/);
  });
  test.each([
    ['a canary of 0 percent', { canaryTrafficPercentage: 0, stableDeployedModelId: '123' }, /invalid deployModelRequest\.canaryTrafficPercentage: 0\. Allowed: a whole percent from 1 to 99/],
    ['a canary of 100 percent', { canaryTrafficPercentage: 100, stableDeployedModelId: '123' }, /invalid deployModelRequest\.canaryTrafficPercentage: 100/],
    ['a fractional canary', { canaryTrafficPercentage: 12.5, stableDeployedModelId: '123' }, /invalid deployModelRequest\.canaryTrafficPercentage: 12\.5/],
    ['a stable model without a canary percentage', { stableDeployedModelId: '123' }, /invalid deployModelRequest\.canaryTrafficPercentage: undefined/],
    ['a canary without a stable model', { canaryTrafficPercentage: 10 }, /invalid deployModelRequest\.stableDeployedModelId: undefined\. Allowed: a deployed model id: 1 to 10 digits/],
    ['a stable model id that is not one', { canaryTrafficPercentage: 10, stableDeployedModelId: 'churn-v1' }, /invalid deployModelRequest\.stableDeployedModelId: "churn-v1"/],
  ])('%s', (_, options, message) => {
    expectRefused(() => build({}).deployModelRequest({ model: MODEL, ...options }), message);
  });
  test('a canary on a VPC-peered endpoint, which cannot split traffic', () => {
    const endpoint = vertex({ access: ModelEndpointVertexAccess.VPC_PEERING, network: 'projects/123/global/networks/ml' });
    expect(() => endpoint.deployModelRequest({ model: MODEL })).not.toThrow();
    expectRefused(() => endpoint.deployModelRequest({ model: MODEL, canaryTrafficPercentage: 10, stableDeployedModelId: '123' }),
      /invalid deployModelRequest\.canaryTrafficPercentage: 10\. Allowed: no canary on a VPC-peered endpoint/);
  });
});
