/**
 * The checks every GCP construct passes: zero unacknowledged findings from GcpFoundationChecks on a
 * representative stack (a lake with CMEK, an Optimized and a Bigtable feature store, grants), every
 * acknowledgment on the narrowest construct with its reason.
 *
 * The Canary stack holds feature store resources that break each GCP-VAI rule; it proves, in the
 * same run, that the pack includes the rules and that they can fail, so the clean report above is
 * not clean because nothing ran.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { VertexAiFeatureOnlineStore } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store';
import { TerraformResource, TerraformStack } from 'cdktf';
import { FeatureGroupSpec, FieldType, TableSchema } from 'mlops-constructs';
import { DataLake, FeatureOnlineServing, FeatureStore, GcpChecks, policyReport, PolicyReport } from 'mlops-constructs/gcp';
import { newAppAndStack } from '../support';

function customerDaily(): TableSchema {
  return new TableSchema({
    name: 'customer_daily',
    fields: [
      { name: 'customer_id', type: FieldType.STRING },
      { name: 'day_end', type: FieldType.TIMESTAMP },
      { name: 'order_count', type: FieldType.INT64 },
      { name: 'spend', type: FieldType.decimal(14, 2) },
    ],
    entityKeys: ['customer_id'],
    eventTime: 'day_end',
  });
}

function sessions(): TableSchema {
  return new TableSchema({
    name: 'sessions',
    fields: [
      { name: 'session_id', type: FieldType.STRING },
      { name: 'started_at', type: FieldType.TIMESTAMP },
      { name: 'pages', type: FieldType.INT32 },
    ],
    entityKeys: ['session_id'],
    eventTime: 'started_at',
  });
}

/** Everything FeatureStore creates, twice (Optimized and Bigtable), over a lake with a rotating KMS key. */
function representativeStack(stack: TerraformStack): void {
  const ring = new KmsKeyRing(stack, 'Ring', { name: 'lake', location: 'us-central1' });
  const key = new KmsCryptoKey(stack, 'Key', { name: 'lake', keyRing: ring.id, rotationPeriod: '7776000s' });
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1', encryptionKey: key });
  const store = new FeatureStore(stack, 'Features', {
    lake,
    featureGroups: [
      { spec: new FeatureGroupSpec({ name: 'customer_daily', schema: customerDaily() }) },
      { spec: new FeatureGroupSpec({ name: 'sessions', schema: sessions(), online: false }) },
    ],
    iam: { 'roles/aiplatform.featurestoreResourceViewer': ['group:ml-platform@example.com'] },
  });
  store.grantReadOnline('serviceAccount:ranker@acme-ml.iam.gserviceaccount.com');
  const bigtable = new FeatureStore(stack, 'BigtableFeatures', {
    lake,
    prefix: 'acme-ml-bt',
    onlineServing: FeatureOnlineServing.bigtable({ minNodeCount: 1, maxNodeCount: 3, cpuUtilizationTarget: 60 }),
  });
  bigtable.addFeatureGroup({ spec: new FeatureGroupSpec({ name: 'customer_daily', schema: customerDaily() }) });
}

/** Feature store resources breaking GCP-VAI1 … GCP-VAI4. */
function canaryStack(stack: TerraformStack): void {
  new VertexAiFeatureOnlineStore(stack, 'OpenStore', { name: 'open_store', region: 'us-central1', optimized: {}, forceDestroy: true });
  const grant = new TerraformResource(stack, 'PublicViewer', { terraformResourceType: 'google_vertex_ai_feature_online_store_iam_member' });
  grant.addOverride('feature_online_store', 'open_store');
  grant.addOverride('role', 'roles/aiplatform.featurestoreDataViewer');
  grant.addOverride('member', 'allUsers');
}

describe('GcpFoundationChecks on FeatureStore', () => {
  let report: PolicyReport;
  let canary: PolicyReport;

  beforeAll(() => {
    const { stack } = newAppAndStack();
    representativeStack(stack);
    report = policyReport(stack);
    const { stack: canaryScope } = newAppAndStack();
    canaryStack(canaryScope);
    canary = policyReport(canaryScope);
  });

  test('a lake with CMEK and two feature stores have zero unacknowledged findings', () => {
    expect(report.findings).toEqual([]);
  });

  test('the only acknowledgments are the lake\'s log bucket and GCP-VAI1 on each online store, with the provider reason', () => {
    expect(report.acknowledged.map((a) => `${a.ruleId} ${a.constructPath}`).sort()).toEqual([
      'GCP-GCS4 stack/Lake/AccessLogs/Bucket',
      'GCP-VAI1 stack/BigtableFeatures/Resource',
      'GCP-VAI1 stack/Features/Resource',
    ]);
    for (const ack of report.acknowledged.filter((a) => a.ruleId === 'GCP-VAI1')) {
      expect(ack.reason).toMatch(/google provider 6\.50 \(GA\) has no encryption_spec on google_vertex_ai_feature_online_store/);
    }
  });

  test('the acknowledgment covers the online store only, not the rest of the feature store', () => {
    const acks = GcpChecks.acknowledgmentsOf(newStoreForAcks()).filter((a) => a.id === 'GCP-VAI1');
    expect(acks.map((a) => a.path)).toEqual(['stack/Features/Resource']);
  });

  test('canary: each GCP-VAI rule runs in the pack and reports what breaks it', () => {
    expect(canary.findings.map((f) => `${f.ruleId} ${f.constructPath}`).sort()).toEqual([
      'GCP-VAI1 stack/OpenStore',
      'GCP-VAI2 stack/OpenStore',
      'GCP-VAI3 stack/PublicViewer',
      'GCP-VAI4 stack/OpenStore',
    ]);
  });
});

function newStoreForAcks(): TerraformStack {
  const { stack } = newAppAndStack();
  const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1' });
  new FeatureStore(stack, 'Features', { lake });
  return stack;
}
