/**
 * GpuTrainingCluster passes the project's GCP policy pack (GcpFoundationChecks, GKE rules
 * included) with zero findings; a deliberately bad cluster in the same run shows that every GKE
 * rule runs and reports.
 */
import { ContainerCluster } from '@cdktf/provider-google/lib/container-cluster';
import { ContainerNodePool } from '@cdktf/provider-google/lib/container-node-pool';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import * as fs from 'fs';
import { GpuType } from 'mlops-constructs';
import {
  DataLake, GcpChecks, GcpFoundationChecks, GpuTrainingCluster, GpuTrainingClusterDriverVersion, GpuTrainingClusterReleaseChannel,
  policyReport,
} from 'mlops-constructs/gcp';
import * as path from 'path';
import { newAppAndStack, newStack, ordersSchema } from '../support';

const GKE_RULE_IDS = new GcpFoundationChecks().rules.map((r) => r.id).filter((ruleId) => ruleId.startsWith('GCP-GKE'));

/** A lake in us-central1 with a key of that region. */
function regionalLake(stack: TerraformStack, withKey = true): DataLake {
  const ring = new KmsKeyRing(stack, 'Ring', { name: 'ml', location: 'us-central1' });
  const key = new KmsCryptoKey(stack, 'Key', { name: 'ml', keyRing: ring.id, rotationPeriod: '7776000s' });
  return new DataLake(stack, 'Lake', {
    prefix: 'acme-ml', location: 'us-central1', encryptionKey: withKey ? key : undefined, tables: [{ zone: 'curated', schema: ordersSchema() }],
  });
}

/** Everything GpuTrainingCluster can create: single-node, multi-node, Spot and pinned-driver pools, authorized networks, launch grants. */
function representativeCluster(stack: TerraformStack): GpuTrainingCluster {
  const cluster = new GpuTrainingCluster(stack, 'Training', {
    lake: regionalLake(stack),
    location: 'us-central1',
    network: 'ml-vpc',
    subnetwork: 'ml-us-central1',
    podsSecondaryRangeName: 'pods',
    servicesSecondaryRangeName: 'services',
    releaseChannel: GpuTrainingClusterReleaseChannel.STABLE,
    masterAuthorizedNetworks: [{ cidrBlock: '10.20.0.0/24', displayName: 'ci-runners' }],
    gpuPools: [{ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, spot: true }],
  });
  cluster.addGpuPool({ name: 'a100', accelerator: { gpu: GpuType.A100_80GB, gpusPerNode: 8, nodeCount: 2 }, zone: 'us-central1-a', maxNodes: 4 });
  cluster.addGpuPool({ name: 'h100', accelerator: { gpu: GpuType.H100, gpusPerNode: 8 }, driverVersion: GpuTrainingClusterDriverVersion.LATEST });
  cluster.grantLaunchTrainingJobs('serviceAccount:pipeline@acme-ml.iam.gserviceaccount.com');
  return cluster;
}

/** A GKE cluster and node pool configured with provider defaults only: every GKE rule should report it. */
function canary(stack: TerraformStack): void {
  const scope = new Construct(stack, 'Canary');
  const cluster = new ContainerCluster(scope, 'Cluster', { name: 'canary', location: 'us-central1', initialNodeCount: 1, removeDefaultNodePool: true });
  new ContainerNodePool(scope, 'Pool', { cluster: cluster.id, nodeConfig: { machineType: 'e2-medium' } });
}

describe('GcpChecks on a GpuTrainingCluster', () => {
  test('a representative cluster has zero findings; the only acknowledgment is the lake\'s log bucket', () => {
    const stack = newStack();
    representativeCluster(stack);
    const report = policyReport(stack);
    expect(report.findings).toEqual([]);
    expect(report.acknowledged.map((a) => `${a.ruleId} ${a.constructPath}`)).toEqual(['GCP-GCS4 stack/Lake/AccessLogs/Bucket']);
  });

  test('default props on a lake with a regional key have zero findings', () => {
    const stack = newStack();
    new GpuTrainingCluster(stack, 'Training', { lake: regionalLake(stack), location: 'us-central1', network: 'ml-vpc' });
    expect(policyReport(stack).findings).toEqual([]);
  });

  test('without any key, GCP-GKE10 reports the cluster and its pools, and no other GKE rule fires', () => {
    const stack = newStack();
    const cluster = new GpuTrainingCluster(stack, 'Training', { lake: regionalLake(stack, false), location: 'us-central1', network: 'ml-vpc' });
    cluster.addGpuPool({ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } });
    const gkeFindings = policyReport(stack).findings.filter((f) => GKE_RULE_IDS.includes(f.ruleId));
    expect(gkeFindings.map((f) => `${f.ruleId} ${f.constructPath}`).sort()).toEqual([
      'GCP-GKE10 stack/Training/GpuPool-l4',
      'GCP-GKE10 stack/Training/Resource',
      'GCP-GKE10 stack/Training/SystemPool',
    ]);
  });

  test('the canary cluster and pool break every GKE rule: the rules run in the pack', () => {
    const stack = newStack();
    representativeCluster(stack);
    canary(stack);
    const findings = policyReport(stack).findings;
    expect(findings.every((f) => f.constructPath.startsWith('stack/Canary/'))).toBe(true);
    expect([...new Set(findings.map((f) => f.ruleId))].sort()).toEqual([...GKE_RULE_IDS].sort());
    expect(findings.find((f) => f.ruleId === 'GCP-GKE1')).toMatchObject({
      constructPath: 'stack/Canary/Cluster', reference: expect.stringMatching(/CIS Google Kubernetes Engine \(GKE\) Benchmark v1\.1\.0 5\.6\.5; checkov CKV_GCP_25, CKV_GCP_64/),
    });
  });

  test('GcpChecks.addTo lets the representative cluster synthesize', () => {
    const { app, stack } = newAppAndStack();
    representativeCluster(stack);
    GcpChecks.addTo(stack);
    expect(() => app.synth()).not.toThrow();
    expect(fs.existsSync(path.join(app.outdir, 'stacks', 'stack', 'cdk.tf.json'))).toBe(true);
  });
});
