/**
 * ModelEndpoint under the project's GCP policy pack (GcpFoundationChecks): zero findings on
 * representative stacks, and the endpoint and Cloud Run rules firing where a user weakens a
 * default — so that "zero findings" cannot come from rules that never run.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { TerraformStack } from 'cdktf';
import { GpuType } from 'mlops-constructs';
import {
  DataLake, Duration, GcpChecks, ModelEndpoint, ModelEndpointCloudRunIngress, ModelEndpointDeployment, ModelEndpointPlatform, ModelEndpointTraffic,
  ModelEndpointTrafficSize, ModelEndpointVertexAccess,
} from 'mlops-constructs/gcp';
import { newStack } from '../support';

const IMAGE = 'us-docker.pkg.dev/acme-ml/serving/churn:2';

/** A lake with its own multi-region key, and a regional key for serving. */
function platform(stack: TerraformStack): { lake: DataLake; servingKey: KmsCryptoKey } {
  const lakeRing = new KmsKeyRing(stack, 'LakeRing', { name: 'lake', location: 'us' });
  const lakeKey = new KmsCryptoKey(stack, 'LakeKey', { name: 'lake', keyRing: lakeRing.id, rotationPeriod: '7776000s' });
  const servingRing = new KmsKeyRing(stack, 'ServingRing', { name: 'serving', location: 'us-central1' });
  const servingKey = new KmsCryptoKey(stack, 'ServingKey', { name: 'serving', keyRing: servingRing.id, rotationPeriod: '7776000s' });
  return { lake: new DataLake(stack, 'Lake', { prefix: 'acme-ml', encryptionKey: lakeKey }), servingKey };
}

/** Rule ids of the findings on constructs under `path`. */
function findingsUnder(stack: TerraformStack, path: string): string[] {
  return GcpChecks.check(stack).findings.filter((f) => f.constructPath.startsWith(`stack/${path}/`)).map((f) => f.ruleId).sort();
}

describe('GcpFoundationChecks on ModelEndpoint', () => {
  test('representative stack: a Vertex AI GPU endpoint and a Cloud Run GPU canary, both with CMEK and capture, have zero findings', () => {
    // given both faces with everything they can create: keys, capture into the lake, grants, a canary split
    const stack = newStack();
    const { lake, servingKey } = platform(stack);
    const vertex = new ModelEndpoint(stack, 'Churn', {
      prefix: 'churn', encryptionKey: servingKey, captureLake: lake, captureSamplingPercentage: 20,
      accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, minReplicas: 1, maxReplicas: 3,
    });
    vertex.grantInvoke('serviceAccount:app@acme-apps.iam.gserviceaccount.com');
    vertex.grantDeployModel('serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com');
    const run = new ModelEndpoint(stack, 'Fraud', {
      prefix: 'fraud', platform: ModelEndpointPlatform.cloudRun({ image: IMAGE, revisionSuffix: 'v2', traffic: ModelEndpointTraffic.canary('v1', 10) }),
      encryptionKey: servingKey, captureLake: lake, accelerator: { gpu: GpuType.L4, gpusPerNode: 1 },
      iam: { 'roles/run.developer': ['group:ml-platform@example.com'] },
    });
    run.grantInvoke('serviceAccount:app@acme-apps.iam.gserviceaccount.com');
    // when the pack runs
    const report = GcpChecks.check(stack);
    // then nothing is reported, and the only acknowledgment is the lake's own log bucket
    expect(report.findings).toEqual([]);
    expect(report.acknowledged.map((a) => `${a.ruleId} ${a.constructPath}`)).toEqual(['GCP-GCS4 stack/Lake/AccessLogs/Bucket']);
    // and the rules did see the endpoint resources
    const json = stack.toTerraform() as { resource: Record<string, object> };
    expect(Object.keys(json.resource)).toEqual(expect.arrayContaining(['google_vertex_ai_endpoint', 'google_cloud_run_v2_service', 'google_cloud_run_v2_service_iam_member']));
  });

  test('default props (no key, no lake): Vertex AI reports only the missing CMEK and capture; Cloud Run only the missing CMEK', () => {
    const stack = newStack();
    new ModelEndpoint(stack, 'Churn', { prefix: 'churn' });
    new ModelEndpoint(stack, 'Fraud', { prefix: 'fraud', platform: ModelEndpointPlatform.cloudRun({ image: IMAGE }) });
    expect(findingsUnder(stack, 'Churn')).toEqual(['GCP-VAI5', 'GCP-VAI7']);
    expect(findingsUnder(stack, 'Fraud')).toEqual(['GCP-RUN3']);
  });

  test('weakened network defaults are reported: a public Vertex AI endpoint (GCP-VAI6), Cloud Run open to the internet (GCP-RUN2)', () => {
    const stack = newStack();
    const { lake, servingKey } = platform(stack);
    new ModelEndpoint(stack, 'Churn', {
      prefix: 'churn', encryptionKey: servingKey, captureLake: lake, platform: ModelEndpointPlatform.vertexAi({ access: ModelEndpointVertexAccess.DEDICATED_PUBLIC }),
    });
    new ModelEndpoint(stack, 'Fraud', {
      prefix: 'fraud', platform: ModelEndpointPlatform.cloudRun({ image: IMAGE, ingress: ModelEndpointCloudRunIngress.ALL }), encryptionKey: servingKey,
    });
    expect(findingsUnder(stack, 'Churn')).toEqual(['GCP-VAI6']);
    expect(findingsUnder(stack, 'Fraud')).toEqual(['GCP-RUN2']);
  });

  test('the canary rollout (workflow, its account, custom role, actAs, invoker grant) has zero findings with CMEK and capture', () => {
    // given a GPU endpoint with every rollout resource, and a pipeline allowed to start it
    const stack = newStack();
    const { lake, servingKey } = platform(stack);
    const endpoint = new ModelEndpoint(stack, 'Churn', {
      prefix: 'churn', encryptionKey: servingKey, captureLake: lake, accelerator: { gpu: GpuType.L4, gpusPerNode: 1 },
      deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(20), bakeTime: Duration.minutes(15) }),
      errorRateAlarmThreshold: 0.02,
    });
    endpoint.grantStartRollout('serviceAccount:ml-production@acme-ml.iam.gserviceaccount.com');
    // when the pack runs, then nothing under the endpoint is reported
    expect(findingsUnder(stack, 'Churn')).toEqual([]);
    // and the workflow and IAM rules did see the rollout resources
    const json = stack.toTerraform() as { resource: Record<string, Record<string, unknown>> };
    expect(Object.keys(json.resource.google_workflows_workflow)).toHaveLength(1);
    expect(Object.keys(json.resource.google_project_iam_custom_role)).toHaveLength(1);
  });

  test('a canary rollout without a key: the workflow\'s missing CMEK is reported (GCP-WF1), beside the endpoint\'s', () => {
    const stack = newStack();
    new ModelEndpoint(stack, 'Churn', { prefix: 'churn', deployment: ModelEndpointDeployment.canary() });
    expect(findingsUnder(stack, 'Churn')).toEqual(['GCP-VAI5', 'GCP-VAI7', 'GCP-WF1']);
  });
});
