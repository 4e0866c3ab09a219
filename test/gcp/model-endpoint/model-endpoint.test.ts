/**
 * ModelEndpoint: what it synthesizes on Vertex AI and on Cloud Run, its grants, and the
 * deployModel request it hands to pipelines. Bad input is in model-endpoint-validation.test.ts,
 * the policy pack in model-endpoint-checks.test.ts.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { GpuType } from 'mlops-constructs';
import {
  DataLake, MODEL_ENDPOINT_WARNINGS, ModelEndpoint, ModelEndpointCloudRunIngress, ModelEndpointCloudRunOptions, ModelEndpointPlatform,
  ModelEndpointProps, ModelEndpointTraffic, ModelEndpointTrafficTarget, ModelEndpointVertexAccess, ModelEndpointVertexAiOptions, Size,
} from 'mlops-constructs/gcp';
import { importedLake, newStack, Synth } from '../support';

const IMAGE = 'us-docker.pkg.dev/acme-ml/serving/churn:1';
const MODEL = 'projects/acme-ml/locations/us-central1/models/churn@2';

/** A rotating key in `location`. */
function key(stack: TerraformStack, location = 'us-central1'): KmsCryptoKey {
  const ring = new KmsKeyRing(stack, `Ring-${location}`, { name: `ring-${location}`, location });
  return new KmsCryptoKey(stack, `Key-${location}`, { name: 'k', keyRing: ring.id, rotationPeriod: '7776000s' });
}

function endpointIn(props: Partial<ModelEndpointProps> = {}, withLake = false) {
  const stack = newStack();
  const lake = withLake ? new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey: key(stack, 'us') }) : undefined;
  const endpoint = new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', ...(lake ? { captureLake: lake } : {}), ...props });
  return { stack, lake, endpoint, synth: () => new Synth(stack) };
}

/** A Vertex AI endpoint with these Vertex AI options. */
function vertexIn(options: ModelEndpointVertexAiOptions, props: Partial<ModelEndpointProps> = {}) {
  return endpointIn({ platform: ModelEndpointPlatform.vertexAi(options), ...props });
}

/** A Cloud Run endpoint of IMAGE with these Cloud Run options and endpoint props. */
function cloudRunIn(options: Partial<ModelEndpointCloudRunOptions> = {}, props: Partial<ModelEndpointProps> = {}, withLake = false) {
  return endpointIn({ platform: ModelEndpointPlatform.cloudRun({ image: IMAGE, ...options }), ...props }, withLake);
}

/** The synth-time warnings recorded on the endpoint. */
function warnings(endpoint: ModelEndpoint): string[] {
  return endpoint.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data));
}

/** The resolved value of a TerraformOutput holding `value`. */
function resolved(stack: TerraformStack, value: unknown): any {
  new TerraformOutput(stack, 'Probe', { value });
  return new Synth(stack).json.output.Probe.value;
}

describe('ModelEndpoint on Vertex AI (the default platform)', () => {
  test('defaults: a Private Service Connect endpoint with IAM authorization, allowed from its own project', () => {
    const { endpoint, synth } = endpointIn();
    const tf = synth();
    expect(endpoint.platform).toBe(ModelEndpointPlatform.VERTEX_AI);
    expect(endpoint.cloudRunService).toBeUndefined();
    expect(tf.at('google_vertex_ai_endpoint', 'Endpoint/Resource')).toMatchObject({
      name: endpoint.vertexEndpointId,
      display_name: 'churn',
      location: 'us-central1',
      region: 'us-central1',
      labels: { 'managed-by': 'mlops-constructs' },
      private_service_connect_config: {
        enable_private_service_connect: true,
        enable_secure_private_service_connect: true,
        project_allowlist: [tf.ref('google_project', 'Endpoint/Project', 'project_id')],
      },
    });
    const config = tf.at('google_vertex_ai_endpoint', 'Endpoint/Resource');
    expect(config).not.toHaveProperty('encryption_spec');
    expect(config).not.toHaveProperty('predict_request_response_logging_config');
    expect(config).not.toHaveProperty('network');
    expect(config).not.toHaveProperty('dedicated_endpoint_enabled');
  });

  test('the endpoint id is 9 digits derived from the prefix: stable across synths, different per prefix', () => {
    const a = endpointIn().endpoint.vertexEndpointId;
    expect(a).toMatch(/^[1-9][0-9]{8}$/);
    expect(endpointIn().endpoint.vertexEndpointId).toBe(a);
    expect(endpointIn({ prefix: 'fraud' }).endpoint.vertexEndpointId).not.toBe(a);
    expect(vertexIn({ endpointId: '42' }).synth().at('google_vertex_ai_endpoint', 'Endpoint/Resource').name).toBe('42');
  });

  test('a dedicated serving account without roles; long prefixes keep its id within 30 characters', () => {
    const { synth } = endpointIn();
    expect(synth().at('google_service_account', 'Endpoint/ServingAccount')).toMatchObject({ account_id: 'churn-serving' });
    const long = endpointIn({ prefix: 'a-very-long-prefix-for-serving' }).synth().at('google_service_account', 'Endpoint/ServingAccount').account_id;
    expect(long).toMatch(/^a-very-long-prefi-[0-9a-f]{4}-serving$/);
    expect(long.length).toBeLessThanOrEqual(30);
    expect(synth().resources('google_project_iam_member')).toEqual([]);
  });

  test('encryptionKey: CMEK on the endpoint, the Vertex AI service agent may use the key, the endpoint waits for it', () => {
    const stack = newStack();
    const k = key(stack);
    new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', encryptionKey: k });
    const tf = new Synth(stack);
    const grant = tf.at('google_kms_crypto_key_iam_member', 'Endpoint/Encryption/VertexServiceAgentKeyAccess');
    expect(grant).toMatchObject({
      crypto_key_id: tf.ref('google_kms_crypto_key', 'Key-us-central1', 'id'),
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:service-${tf.ref('google_project', 'Endpoint/Project', 'number')}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
    });
    expect(tf.at('google_vertex_ai_endpoint', 'Endpoint/Resource')).toMatchObject({
      encryption_spec: { kms_key_name: tf.ref('google_kms_crypto_key', 'Key-us-central1', 'id') },
      depends_on: [tf.address('google_kms_crypto_key_iam_member', 'Endpoint/Encryption/VertexServiceAgentKeyAccess')],
    });
  });

  test('captureLake: request-response logging into the raw zone dataset, written by the Vertex AI service agent', () => {
    const { endpoint, synth } = endpointIn({ captureSamplingPercentage: 25 }, true);
    const tf = synth();
    const dataset = (attribute: string) => tf.ref('google_bigquery_dataset', 'Lake/Zone-raw/Dataset', attribute);
    expect(tf.at('google_bigquery_dataset_iam_member', 'Endpoint/Capture/VertexServiceAgentWriter')).toMatchObject({
      dataset_id: dataset('dataset_id'),
      project: dataset('project'),
      role: 'roles/bigquery.dataEditor',
      member: `serviceAccount:service-${tf.ref('google_project', 'Endpoint/Project', 'number')}@gcp-sa-aiplatform.iam.gserviceaccount.com`,
    });
    const config = tf.at('google_vertex_ai_endpoint', 'Endpoint/Resource');
    expect(config.predict_request_response_logging_config).toEqual({
      enabled: true,
      sampling_rate: 0.25,
      bigquery_destination: { output_uri: `bq://${dataset('project')}.${dataset('dataset_id')}.churn_request_response_logging` },
    });
    expect(config.depends_on).toEqual([tf.address('google_bigquery_dataset_iam_member', 'Endpoint/Capture/VertexServiceAgentWriter')]);
    expect(endpoint.captureTable).toMatch(/\.churn_request_response_logging$/);
  });

  test('captureZone picks another zone of the lake; capture samples every request by default', () => {
    const tf = endpointIn({ captureZone: 'curated' }, true).synth();
    expect(tf.at('google_bigquery_dataset_iam_member', 'Endpoint/Capture/VertexServiceAgentWriter').dataset_id)
      .toBe(tf.ref('google_bigquery_dataset', 'Lake/Zone-curated/Dataset', 'dataset_id'));
    expect(tf.at('google_vertex_ai_endpoint', 'Endpoint/Resource').predict_request_response_logging_config.sampling_rate).toBe(1);
  });

  test.each([
    [ModelEndpointVertexAccess.VPC_PEERING, { network: 'projects/123456789/global/networks/ml' }, { network: 'projects/123456789/global/networks/ml' }],
    [ModelEndpointVertexAccess.DEDICATED_PUBLIC, {}, { dedicated_endpoint_enabled: true }],
  ])('access %s', (access, extra, expected) => {
    const config = vertexIn({ access, ...extra }).synth().at('google_vertex_ai_endpoint', 'Endpoint/Resource');
    expect(config).toMatchObject(expected);
    expect(config).not.toHaveProperty('private_service_connect_config');
  });

  test('allowedProjects replace the default allowlist; displayName the display name', () => {
    const config = vertexIn({ allowedProjects: ['acme-apps', 'acme-batch'], displayName: 'Churn (prod)' })
      .synth().at('google_vertex_ai_endpoint', 'Endpoint/Resource');
    expect(config.private_service_connect_config.project_allowlist).toEqual(['acme-apps', 'acme-batch']);
    expect(config.display_name).toBe('Churn (prod)');
  });

  test('endpointResourceName is the endpoint resource name (its Terraform id); endpointName the endpoint id', () => {
    const { stack, endpoint } = endpointIn();
    const tf = new Synth(stack);
    expect(resolved(stack, endpoint.endpointResourceName)).toBe(tf.ref('google_vertex_ai_endpoint', 'Endpoint/Resource', 'id'));
    const other = endpointIn();
    expect(resolved(other.stack, other.endpoint.endpointName)).toBe(new Synth(other.stack).ref('google_vertex_ai_endpoint', 'Endpoint/Resource', 'name'));
    const third = endpointIn();
    expect(resolved(third.stack, third.endpoint.servingAccountEmail)).toBe(new Synth(third.stack).ref('google_service_account', 'Endpoint/ServingAccount', 'email'));
  });
});

describe('ModelEndpoint.deployModelRequest: what the pipeline POSTs, because Terraform cannot deploy a model', () => {
  test('defaults: the catalog machine for the accelerator, replicas, serving account, all traffic to the new model', () => {
    const { stack, endpoint } = endpointIn({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, minReplicas: 2, maxReplicas: 4 });
    const request = resolved(stack, endpoint.deployModelRequest({ model: MODEL, displayName: 'churn-v2' }));
    const tf = new Synth(stack);
    expect(request).toEqual({
      url: `https://us-central1-aiplatform.googleapis.com/v1/${tf.ref('google_vertex_ai_endpoint', 'Endpoint/Resource', 'id')}:deployModel`,
      body: {
        deployedModel: {
          model: MODEL,
          displayName: 'churn-v2',
          serviceAccount: tf.ref('google_service_account', 'Endpoint/ServingAccount', 'email'),
          enableAccessLogging: true,
          dedicatedResources: {
            machineSpec: { machineType: 'g2-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 },
            minReplicaCount: 2,
            maxReplicaCount: 4,
          },
        },
        trafficSplit: { 0: 100 },
      },
    });
  });

  test('a canary: the new deployment ("0") gets the percentage, the stable deployed model the rest', () => {
    const { endpoint } = endpointIn();
    expect(endpoint.deployModelRequest({ model: MODEL, canaryTrafficPercentage: 10, stableDeployedModelId: '4815162342' }).body.trafficSplit)
      .toEqual({ 0: 10, 4815162342: 90 });
  });

  test.each([
    ['2 × A100 40GB: the smallest catalog machine', { gpu: GpuType.A100_40GB, gpusPerNode: 2 }, undefined, { machineType: 'a2-highgpu-2g', acceleratorType: 'NVIDIA_TESLA_A100', acceleratorCount: 2 }],
    ['1 × L4 on a chosen catalog machine', { gpu: GpuType.L4, gpusPerNode: 1 }, 'g2-standard-8', { machineType: 'g2-standard-8', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }],
    ['no GPU: Vertex AI\'s default machine', undefined, undefined, { machineType: 'n1-standard-2' }],
    ['no GPU on a chosen machine', undefined, 'n1-highmem-8', { machineType: 'n1-highmem-8' }],
  ])('machine spec, %s', (_, accelerator, machineType, machineSpec) => {
    const { endpoint } = vertexIn({ machineType }, { accelerator });
    expect(endpoint.deployModelRequest({ model: MODEL }).body.deployedModel.dedicatedResources.machineSpec).toEqual(machineSpec);
  });

  test('the accelerator\'s nodeCount is the initial (minimum) replica count, as on AWS', () => {
    const { endpoint } = endpointIn({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 2 } });
    expect([endpoint.minReplicas, endpoint.maxReplicas]).toEqual([2, 2]);
    expect(endpoint.deployModelRequest({ model: MODEL }).body.deployedModel.dedicatedResources).toMatchObject({ minReplicaCount: 2, maxReplicaCount: 2 });
    expect(endpointIn({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 2 }, minReplicas: 2, maxReplicas: 5 }).endpoint.maxReplicas).toBe(5);
  });
});

describe('ModelEndpoint grants on Vertex AI', () => {
  test('grantInvoke: one project custom role with only aiplatform.endpoints.predict, one member resource per member', () => {
    const { endpoint, synth } = endpointIn();
    const first = endpoint.grantInvoke('serviceAccount:app@acme-apps.iam.gserviceaccount.com');
    expect(endpoint.grantInvoke('serviceAccount:app@acme-apps.iam.gserviceaccount.com')).toEqual(first);
    endpoint.grantInvoke('group:analysts@example.com');
    const tf = synth();
    expect(tf.at('google_project_iam_custom_role', 'Endpoint/InvokerRole')).toMatchObject({
      role_id: 'churnEndpointInvoker', permissions: ['aiplatform.endpoints.predict'], project: tf.ref('google_project', 'Endpoint/Project', 'project_id'),
    });
    const members = tf.resources('google_project_iam_member');
    expect(members.map((m) => m.config.member).sort()).toEqual(['group:analysts@example.com', 'serviceAccount:app@acme-apps.iam.gserviceaccount.com']);
    for (const m of members) {
      expect(m.config.role).toBe(tf.ref('google_project_iam_custom_role', 'Endpoint/InvokerRole', 'name'));
    }
  });

  test('grantDeployModel: the pipeline may act as the serving account', () => {
    const { endpoint, synth } = endpointIn();
    endpoint.grantDeployModel('serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com');
    const tf = synth();
    expect(tf.resources('google_service_account_iam_member').map((b) => b.config)).toEqual([expect.objectContaining({
      service_account_id: tf.ref('google_service_account', 'Endpoint/ServingAccount', 'name'),
      role: 'roles/iam.serviceAccountUser',
      member: 'serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com',
    })]);
  });
});

describe('ModelEndpoint on Cloud Run', () => {
  test('defaults: internal ingress, dedicated service account, 2 vCPU / 4 GiB billed per request, all traffic to the latest revision', () => {
    const { endpoint, synth } = cloudRunIn();
    const tf = synth();
    expect(endpoint.vertexEndpoint).toBeUndefined();
    const service = tf.at('google_cloud_run_v2_service', 'Endpoint/Resource');
    expect(service).toMatchObject({
      name: 'churn',
      location: 'us-central1',
      ingress: 'INGRESS_TRAFFIC_INTERNAL_ONLY',
      deletion_protection: true,
      labels: { 'managed-by': 'mlops-constructs' },
      template: {
        service_account: tf.ref('google_service_account', 'Endpoint/ServingAccount', 'email'),
        scaling: { min_instance_count: 1, max_instance_count: 1 },
        containers: [{
          image: IMAGE,
          ports: { container_port: 8080 },
          resources: { limits: { cpu: '2', memory: '4Gi' }, cpu_idle: true, startup_cpu_boost: true },
        }],
      },
      traffic: [{ type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 100 }],
    });
    expect(service.template).not.toHaveProperty('node_selector');
    expect(service.template).not.toHaveProperty('encryption_key');
    expect(service.template).not.toHaveProperty('revision');
    expect(service.template.containers[0]).not.toHaveProperty('env');
  });

  test('an L4 GPU: the accelerator, one GPU in the limits, 4 vCPU / 16 GiB, CPU always allocated, zonal redundancy', () => {
    const template = cloudRunIn({}, { accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } }).synth().at('google_cloud_run_v2_service', 'Endpoint/Resource').template;
    expect(template).toMatchObject({
      node_selector: { accelerator: 'nvidia-l4' },
      gpu_zonal_redundancy_disabled: false,
      containers: [{ resources: { limits: { cpu: '4', memory: '16Gi', 'nvidia.com/gpu': '1' }, cpu_idle: false } }],
    });
    const bigger = cloudRunIn({ cpu: 8, memory: Size.gibibytes(32), gpuZonalRedundancy: false }, { accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } })
      .synth().at('google_cloud_run_v2_service', 'Endpoint/Resource').template;
    expect(bigger).toMatchObject({ gpu_zonal_redundancy_disabled: true, containers: [{ resources: { limits: { cpu: '8', memory: '32Gi', 'nvidia.com/gpu': '1' } } }] });
  });

  test('a canary: the revision this deployment creates gets the percentage, the named stable revision the rest', () => {
    const service = cloudRunIn({ revisionSuffix: 'v2', traffic: ModelEndpointTraffic.canary('v1', 10) })
      .synth().at('google_cloud_run_v2_service', 'Endpoint/Resource');
    expect(service.template.revision).toBe('churn-v2');
    expect(service.traffic).toEqual([
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: 10 },
      { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: 'churn-v1', percent: 90 },
    ]);
  });

  test('explicit traffic targets: a three-way split between named revisions', () => {
    const traffic = cloudRunIn({
      revisionSuffix: 'v3',
      traffic: ModelEndpointTraffic.split([ModelEndpointTrafficTarget.revision('v1', 50), ModelEndpointTrafficTarget.revision('v2', 30), ModelEndpointTrafficTarget.revision('v3', 20)]),
    }).synth().at('google_cloud_run_v2_service', 'Endpoint/Resource').traffic;
    expect(traffic.map((t: any) => [t.revision, t.percent])).toEqual([['churn-v1', 50], ['churn-v2', 30], ['churn-v3', 20]]);
  });

  test('settings: ingress, port, environment, scaling to zero, deletion protection off', () => {
    const service = cloudRunIn({
      ingress: ModelEndpointCloudRunIngress.INTERNAL_AND_CLOUD_LOAD_BALANCING,
      port: 9000,
      environment: { MODEL_NAME: 'churn' },
      deletionProtection: false,
    }, {
      minReplicas: 0,
      maxReplicas: 3,
    }).synth().at('google_cloud_run_v2_service', 'Endpoint/Resource');
    expect(service).toMatchObject({
      ingress: 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
      deletion_protection: false,
      template: { scaling: { min_instance_count: 0, max_instance_count: 3 }, containers: [{ ports: { container_port: 9000 }, env: [{ name: 'MODEL_NAME', value: 'churn' }] }] },
    });
  });

  test('encryptionKey: CMEK on the revision, the Cloud Run service agent may use the key, the service waits for it', () => {
    const stack = newStack();
    const k = key(stack);
    new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', platform: ModelEndpointPlatform.cloudRun({ image: IMAGE }), encryptionKey: k });
    const tf = new Synth(stack);
    expect(tf.at('google_kms_crypto_key_iam_member', 'Endpoint/Encryption/CloudRunServiceAgentKeyAccess')).toMatchObject({
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:service-${tf.ref('google_project', 'Endpoint/Project', 'number')}@serverless-robot-prod.iam.gserviceaccount.com`,
    });
    expect(tf.at('google_cloud_run_v2_service', 'Endpoint/Resource')).toMatchObject({
      template: { encryption_key: tf.ref('google_kms_crypto_key', 'Key-us-central1', 'id') },
      depends_on: [tf.address('google_kms_crypto_key_iam_member', 'Endpoint/Encryption/CloudRunServiceAgentKeyAccess')],
    });
  });

  test('captureLake: the serving account may write the capture dataset; the container is told the table and sampling', () => {
    const tf = cloudRunIn({ environment: { MODEL_NAME: 'churn' } }, { captureSamplingPercentage: 5 }, true).synth();
    const dataset = (attribute: string) => tf.ref('google_bigquery_dataset', 'Lake/Zone-raw/Dataset', attribute);
    expect(tf.at('google_bigquery_dataset_iam_member', 'Endpoint/Capture/ServingAccountWriter')).toMatchObject({
      dataset_id: dataset('dataset_id'), role: 'roles/bigquery.dataEditor', member: tf.ref('google_service_account', 'Endpoint/ServingAccount', 'member'),
    });
    expect(tf.at('google_cloud_run_v2_service', 'Endpoint/Resource').template.containers[0].env).toEqual([
      { name: 'MODEL_NAME', value: 'churn' },
      { name: 'MLOPS_CAPTURE_TABLE', value: `${dataset('project')}.${dataset('dataset_id')}.churn_request_response_logging` },
      { name: 'MLOPS_CAPTURE_SAMPLING_PERCENTAGE', value: '5' },
    ]);
  });

  test('grantInvoke and iam: roles on the service, once per role and member', () => {
    const { endpoint, synth } = cloudRunIn({}, { iam: { 'roles/run.developer': ['group:ml-platform@example.com'] } });
    endpoint.grantInvoke('serviceAccount:app@acme-apps.iam.gserviceaccount.com');
    endpoint.grantInvoke('serviceAccount:app@acme-apps.iam.gserviceaccount.com');
    const tf = synth();
    const service = (attribute: string) => tf.ref('google_cloud_run_v2_service', 'Endpoint/Resource', attribute);
    expect(tf.resources('google_cloud_run_v2_service_iam_member').map((m) => m.config)).toEqual([
      expect.objectContaining({ name: service('name'), location: 'us-central1', role: 'roles/run.developer', member: 'group:ml-platform@example.com' }),
      expect.objectContaining({ name: service('name'), location: 'us-central1', role: 'roles/run.invoker', member: 'serviceAccount:app@acme-apps.iam.gserviceaccount.com' }),
    ]);
    expect(tf.resources('google_project_iam_custom_role')).toEqual([]);
  });

  test('endpointResourceName is the service resource name; endpointName the service name', () => {
    const { stack, endpoint } = cloudRunIn();
    expect(resolved(stack, endpoint.endpointResourceName)).toBe(new Synth(stack).ref('google_cloud_run_v2_service', 'Endpoint/Resource', 'id'));
    const other = cloudRunIn();
    expect(resolved(other.stack, other.endpoint.endpointName)).toBe(new Synth(other.stack).ref('google_cloud_run_v2_service', 'Endpoint/Resource', 'name'));
  });
});

describe('ModelEndpoint warnings when a default is weakened', () => {
  test('none with the defaults', () => {
    expect(warnings(endpointIn().endpoint)).toEqual([]);
    expect(warnings(cloudRunIn().endpoint)).toEqual([]);
  });
  test('a public Vertex AI endpoint, a Cloud Run service open to the internet', () => {
    expect(warnings(vertexIn({ access: ModelEndpointVertexAccess.DEDICATED_PUBLIC }).endpoint))
      .toEqual([expect.stringMatching(new RegExp(`^\\[${MODEL_ENDPOINT_WARNINGS.publicAccess}\\] The Vertex AI endpoint "churn" is reachable from the internet`))]);
    expect(warnings(cloudRunIn({ ingress: ModelEndpointCloudRunIngress.ALL }).endpoint))
      .toEqual([expect.stringMatching(new RegExp(`^\\[${MODEL_ENDPOINT_WARNINGS.publicAccess}\\] The Cloud Run service "churn" accepts requests from the internet`))]);
  });
  test('a Cloud Run service without deletion protection', () => {
    expect(warnings(cloudRunIn({ deletionProtection: false }).endpoint))
      .toEqual([expect.stringMatching(new RegExp(`^\\[${MODEL_ENDPOINT_WARNINGS.noDeletionProtection}\\] The Cloud Run service "churn" has no deletion protection`))]);
  });
});

describe('ModelEndpoint capture into an imported lake (DataLake.fromDataLakeAttributes)', () => {
  test('Vertex AI logs requests into the existing raw dataset, written by the Vertex AI service agent', () => {
    const stack = newStack();
    const endpoint = new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', captureLake: importedLake(stack) });
    const tf = new Synth(stack);
    expect(endpoint.captureTable).toBe('acme-data.acme_ml_raw.churn_request_response_logging');
    expect(tf.at('google_bigquery_dataset_iam_member', 'Endpoint/Capture/VertexServiceAgentWriter')).toMatchObject({
      project: 'acme-data', dataset_id: 'acme_ml_raw', role: 'roles/bigquery.dataEditor',
    });
    expect(tf.at('google_vertex_ai_endpoint', 'Endpoint/Resource').predict_request_response_logging_config.bigquery_destination)
      .toEqual({ output_uri: 'bq://acme-data.acme_ml_raw.churn_request_response_logging' });
  });

  test('Cloud Run: the serving account writes the existing dataset; the container is told the table', () => {
    const stack = newStack();
    new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', platform: ModelEndpointPlatform.cloudRun({ image: IMAGE }), captureLake: importedLake(stack), captureZone: 'curated' });
    const tf = new Synth(stack);
    expect(tf.at('google_bigquery_dataset_iam_member', 'Endpoint/Capture/ServingAccountWriter')).toMatchObject({ dataset_id: 'acme_ml_curated' });
    expect(tf.at('google_cloud_run_v2_service', 'Endpoint/Resource').template.containers[0].env[0])
      .toEqual({ name: 'MLOPS_CAPTURE_TABLE', value: 'acme-data.acme_ml_curated.churn_request_response_logging' });
  });
});

describe('ModelEndpoint.fromModelEndpointAttributes: an endpoint made elsewhere', () => {
  const app = 'serviceAccount:app@acme-apps.iam.gserviceaccount.com';
  const SERVING = 'churn-serving@acme-ml.iam.gserviceaccount.com';

  test('Vertex AI: grantInvoke with the endpoint\'s own invoker role; the resource name from the attributes', () => {
    const stack = newStack();
    const endpoint = ModelEndpoint.fromModelEndpointAttributes(stack, 'Churn', {
      endpointName: '123456789', region: 'us-central1', project: 'acme-ml', servingAccountEmail: SERVING, invokerRole: 'projects/acme-ml/roles/churnEndpointInvoker',
    });
    endpoint.grantInvoke(app);
    const tf = new Synth(stack);
    expect(endpoint.endpointResourceName).toBe('projects/acme-ml/locations/us-central1/endpoints/123456789');
    expect(endpoint.servingAccountEmail).toBe(SERVING);
    expect(tf.resources('google_project_iam_custom_role')).toEqual([]);
    expect(tf.at('google_project_iam_member', `Churn/Iam/endpoint-invoker=${app}`)).toMatchObject({ project: 'acme-ml', role: 'projects/acme-ml/roles/churnEndpointInvoker', member: app });
  });

  test('Vertex AI without an invoker role: the import makes its own one-permission role', () => {
    const stack = newStack();
    const endpoint = ModelEndpoint.fromModelEndpointAttributes(stack, 'Churn', { endpointName: '123456789', region: 'us-central1', servingAccountEmail: SERVING });
    endpoint.grantInvoke(app);
    const tf = new Synth(stack);
    expect(tf.at('google_project_iam_custom_role', 'Churn/InvokerRole')).toMatchObject({
      role_id: 'endpoint123456789Invoker', permissions: ['aiplatform.endpoints.predict'], project: tf.ref('google_project', 'Churn/Project', 'project_id'),
    });
    expect(resolved(stack, endpoint.endpointResourceName)).toBe(`projects/${tf.ref('google_project', 'Churn/Project', 'project_id')}/locations/us-central1/endpoints/123456789`);
  });

  test('Cloud Run: roles/run.invoker on the service', () => {
    const stack = newStack();
    const service = ModelEndpoint.fromModelEndpointAttributes(stack, 'Fraud', {
      endpointName: 'fraud', region: 'europe-west4', project: 'acme-ml', servingAccountEmail: SERVING, platform: ModelEndpointPlatform.CLOUD_RUN,
    });
    service.grantInvoke(app);
    expect(new Synth(stack).at('google_cloud_run_v2_service_iam_member', `Fraud/Iam/roles--run.invoker=${app}`)).toMatchObject({
      project: 'acme-ml', location: 'europe-west4', name: 'fraud', role: 'roles/run.invoker', member: app,
    });
    expect(service.endpointResourceName).toBe('projects/acme-ml/locations/europe-west4/services/fraud');
  });

  test.each<[string, Record<string, unknown>, RegExp]>([
    ['a Vertex AI endpoint id that is not one', { endpointName: 'churn' }, /\[stack\/Churn\] invalid endpointName: "churn"\. Allowed: a numeric endpoint id/],
    ['a Cloud Run service name that is not one', { endpointName: 'Fraud_1', platform: ModelEndpointPlatform.CLOUD_RUN }, /invalid endpointName: "Fraud_1"\. Allowed: a Cloud Run service name/],
    ['a multi-region', { region: 'US' }, /invalid region: "US"/],
    ['a serving account that is no email', { servingAccountEmail: 'churn-serving' }, /invalid servingAccountEmail: "churn-serving"/],
    ['an invoker role on Cloud Run', { endpointName: 'fraud', platform: ModelEndpointPlatform.CLOUD_RUN, invokerRole: 'projects/acme-ml/roles/x' }, /invalid invokerRole: .*Allowed: on a Vertex AI endpoint only/],
  ])('%s is refused', (_, overrides, message) => {
    expect(() => ModelEndpoint.fromModelEndpointAttributes(newStack(), 'Churn', { endpointName: '123456789', region: 'us-central1', servingAccountEmail: SERVING, ...overrides }))
      .toThrow(message);
  });
});
