/**
 * The delivery rules of the GCP policy pack: Cloud Build (GCP-CB1..2), Cloud Deploy (GCP-CD1..2),
 * Artifact Registry (GCP-AR1..2) and the Terraform state bucket (GCP-GCS6..7), on small Terraform
 * JSON fixtures.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { ARTIFACT_REGISTRY_RULES } from '../../../../lib/gcp/policy/rules/artifact-registry';
import { artifactRegistryRepositoryCmek } from '../../../../lib/gcp/policy/rules/artifact-registry/artifact-registry-repository-cmek';
import { artifactRegistryRepositoryNotPublic } from '../../../../lib/gcp/policy/rules/artifact-registry/artifact-registry-repository-not-public';
import { CLOUD_BUILD_RULES } from '../../../../lib/gcp/policy/rules/cloud-build';
import { cloudbuildTriggerBuildLogs } from '../../../../lib/gcp/policy/rules/cloud-build/cloudbuild-trigger-build-logs';
import { cloudbuildTriggerDedicatedServiceAccount } from '../../../../lib/gcp/policy/rules/cloud-build/cloudbuild-trigger-dedicated-service-account';
import { CLOUD_DEPLOY_RULES } from '../../../../lib/gcp/policy/rules/cloud-deploy';
import { clouddeployProductionApproval } from '../../../../lib/gcp/policy/rules/cloud-deploy/clouddeploy-production-approval';
import { clouddeployTargetDedicatedServiceAccount } from '../../../../lib/gcp/policy/rules/cloud-deploy/clouddeploy-target-dedicated-service-account';
import { STATE_BUCKET_RULES } from '../../../../lib/gcp/policy/rules/storage';
import { storageStateBucketCmek } from '../../../../lib/gcp/policy/rules/storage/storage-state-bucket-cmek';
import { storageStateBucketRetained } from '../../../../lib/gcp/policy/rules/storage/storage-state-bucket-retained';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;
const OTHER = { google_pubsub_topic: { t: { name: 't' } } };

const trigger = (overrides: Record<string, unknown> = {}) => ({
  google_cloudbuild_trigger: {
    t: { name: 'staging', service_account: '${google_service_account.sa.id}', build: { step: [{ name: 'node:22' }], options: { logging: 'CLOUD_LOGGING_ONLY' } }, ...overrides },
  },
});

describe('GCP-CB1 cloudbuildTriggerDedicatedServiceAccount', () => {
  test('compliant with a user-specified account, by reference or resource name', () => {
    expect(judge(cloudbuildTriggerDedicatedServiceAccount, trigger(), 'google_cloudbuild_trigger.t')).toBe(COMPLIANT);
    expect(judge(cloudbuildTriggerDedicatedServiceAccount, trigger({ service_account: 'projects/p/serviceAccounts/ci@p.iam.gserviceaccount.com' }), 'google_cloudbuild_trigger.t')).toBe(COMPLIANT);
  });
  test.each([undefined, '', 'projects/p/serviceAccounts/123@cloudbuild.gserviceaccount.com', 'projects/p/serviceAccounts/123-compute@developer.gserviceaccount.com'])(
    'non-compliant with service_account %j', (account) => {
      expect(judge(cloudbuildTriggerDedicatedServiceAccount, trigger({ service_account: account }), 'google_cloudbuild_trigger.t')).toBe(NON_COMPLIANT);
    });
  test('not applicable to other resources', () => {
    expect(judge(cloudbuildTriggerDedicatedServiceAccount, OTHER, 'google_pubsub_topic.t')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-CB2 cloudbuildTriggerBuildLogs', () => {
  test('compliant when the inline build logs (Cloud Logging, a bucket, or the default)', () => {
    expect(judge(cloudbuildTriggerBuildLogs, trigger(), 'google_cloudbuild_trigger.t')).toBe(COMPLIANT);
    expect(judge(cloudbuildTriggerBuildLogs, trigger({ build: { step: [], logs_bucket: 'gs://logs' } }), 'google_cloudbuild_trigger.t')).toBe(COMPLIANT);
  });
  test('non-compliant with logging NONE', () => {
    expect(judge(cloudbuildTriggerBuildLogs, trigger({ build: { step: [], options: { logging: 'NONE' } } }), 'google_cloudbuild_trigger.t')).toBe(NON_COMPLIANT);
  });
  test('not applicable without an inline build, or to other resources', () => {
    expect(judge(cloudbuildTriggerBuildLogs, trigger({ build: undefined, filename: 'cloudbuild.yaml' }), 'google_cloudbuild_trigger.t')).toBe(NOT_APPLICABLE);
    expect(judge(cloudbuildTriggerBuildLogs, OTHER, 'google_pubsub_topic.t')).toBe(NOT_APPLICABLE);
  });
});

const deploy = (production: Record<string, unknown>, lastTarget = '${google_clouddeploy_target.prod.name}') => ({
  google_clouddeploy_target: {
    stg: { name: 'app-staging', require_approval: false, execution_configs: [{ usages: ['RENDER', 'DEPLOY'], service_account: 'deploy-stg@p.iam.gserviceaccount.com' }] },
    prod: { name: 'app-production', execution_configs: [{ usages: ['RENDER', 'DEPLOY'], service_account: 'deploy-prd@p.iam.gserviceaccount.com' }], ...production },
  },
  google_clouddeploy_delivery_pipeline: {
    p: { name: 'app', serial_pipeline: { stages: [{ target_id: '${google_clouddeploy_target.stg.name}' }, { target_id: lastTarget }] } },
  },
});

describe('GCP-CD1 clouddeployProductionApproval', () => {
  test('compliant when the last target requires approval, found by reference or literal name', () => {
    expect(judge(clouddeployProductionApproval, deploy({ require_approval: true }), 'google_clouddeploy_delivery_pipeline.p')).toBe(COMPLIANT);
    expect(judge(clouddeployProductionApproval, deploy({ require_approval: true }, 'app-production'), 'google_clouddeploy_delivery_pipeline.p')).toBe(COMPLIANT);
  });
  test.each([undefined, false])('non-compliant with require_approval %j on the last target', (value) => {
    expect(judge(clouddeployProductionApproval, deploy({ require_approval: value }), 'google_clouddeploy_delivery_pipeline.p')).toBe(NON_COMPLIANT);
  });
  test('not applicable when the last target is not in the stack, to pipelines without stages, and to targets', () => {
    expect(judge(clouddeployProductionApproval, deploy({}, 'elsewhere'), 'google_clouddeploy_delivery_pipeline.p')).toBe(NOT_APPLICABLE);
    expect(judge(clouddeployProductionApproval, { google_clouddeploy_delivery_pipeline: { p: { name: 'app' } } }, 'google_clouddeploy_delivery_pipeline.p')).toBe(NOT_APPLICABLE);
    expect(judge(clouddeployProductionApproval, deploy({}), 'google_clouddeploy_target.prod')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-CD2 clouddeployTargetDedicatedServiceAccount', () => {
  test('compliant with a dedicated execution account', () => {
    expect(judge(clouddeployTargetDedicatedServiceAccount, deploy({}), 'google_clouddeploy_target.prod')).toBe(COMPLIANT);
  });
  test.each([
    [undefined], [[]], [[{ usages: ['RENDER'] }]], [[{ usages: ['DEPLOY'], service_account: '1-compute@developer.gserviceaccount.com' }]],
  ])('non-compliant with execution_configs %j', (configs) => {
    expect(judge(clouddeployTargetDedicatedServiceAccount, deploy({ execution_configs: configs }), 'google_clouddeploy_target.prod')).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(clouddeployTargetDedicatedServiceAccount, deploy({}), 'google_clouddeploy_delivery_pipeline.p')).toBe(NOT_APPLICABLE);
  });
});

const repository = (overrides: Record<string, unknown> = {}, grants: Record<string, Record<string, unknown>> = {}) => ({
  google_artifact_registry_repository: { r: { repository_id: 'images', format: 'DOCKER', kms_key_name: '${google_kms_crypto_key.k.id}', ...overrides } },
  ...(Object.keys(grants).length > 0 ? { google_artifact_registry_repository_iam_member: grants } : {}),
});

describe('GCP-AR1 artifactRegistryRepositoryCmek (CKV_GCP_84)', () => {
  test('compliant with a key', () => {
    expect(judge(artifactRegistryRepositoryCmek, repository(), 'google_artifact_registry_repository.r')).toBe(COMPLIANT);
  });
  test.each([undefined, ''])('non-compliant with kms_key_name %j', (key) => {
    expect(judge(artifactRegistryRepositoryCmek, repository({ kms_key_name: key }), 'google_artifact_registry_repository.r')).toBe(NON_COMPLIANT);
  });
  test('not applicable to other resources', () => {
    expect(judge(artifactRegistryRepositoryCmek, OTHER, 'google_pubsub_topic.t')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-AR2 artifactRegistryRepositoryNotPublic (CKV_GCP_101)', () => {
  const grant = (member: string, target = '${google_artifact_registry_repository.r.name}') => ({ g: { repository: target, role: 'roles/artifactregistry.reader', member } });
  test('compliant with private grants; the grant of a repository in the stack is judged on the repository', () => {
    const fixture = repository({}, grant('serviceAccount:ci@p.iam.gserviceaccount.com'));
    expect(judge(artifactRegistryRepositoryNotPublic, fixture, 'google_artifact_registry_repository.r')).toBe(COMPLIANT);
    expect(judge(artifactRegistryRepositoryNotPublic, fixture, 'google_artifact_registry_repository_iam_member.g')).toBe(NOT_APPLICABLE);
  });
  test.each(['allUsers', 'allAuthenticatedUsers'])('non-compliant when granted to %s, on the repository or on a grant of a repository elsewhere', (member) => {
    expect(judge(artifactRegistryRepositoryNotPublic, repository({}, grant(member)), 'google_artifact_registry_repository.r')).toBe(NON_COMPLIANT);
    expect(judge(artifactRegistryRepositoryNotPublic, repository({}, grant(member, 'other-repo')), 'google_artifact_registry_repository_iam_member.g')).toBe(NON_COMPLIANT);
  });
});

const bucket = (overrides: Record<string, unknown> = {}) => ({
  google_storage_bucket: {
    b: {
      name: 'acme-tfstate', labels: { purpose: 'terraform-state' }, encryption: { default_kms_key_name: '${google_kms_crypto_key.k.id}' },
      force_destroy: false, lifecycle: { prevent_destroy: true }, ...overrides,
    },
  },
});

describe('GCP-GCS6 storageStateBucketCmek and GCP-GCS7 storageStateBucketRetained', () => {
  test('compliant: a CMEK, retained state bucket', () => {
    expect(judge(storageStateBucketCmek, bucket(), 'google_storage_bucket.b')).toBe(COMPLIANT);
    expect(judge(storageStateBucketRetained, bucket(), 'google_storage_bucket.b')).toBe(COMPLIANT);
  });
  test('non-compliant without a key; when force_destroy or without prevent_destroy', () => {
    expect(judge(storageStateBucketCmek, bucket({ encryption: undefined }), 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
    expect(judge(storageStateBucketRetained, bucket({ force_destroy: true }), 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
    expect(judge(storageStateBucketRetained, bucket({ lifecycle: undefined }), 'google_storage_bucket.b')).toBe(NON_COMPLIANT);
  });
  test('not applicable to buckets not labelled as Terraform state', () => {
    expect(judge(storageStateBucketCmek, bucket({ labels: { purpose: 'access-logs' }, encryption: undefined }), 'google_storage_bucket.b')).toBe(NOT_APPLICABLE);
    expect(judge(storageStateBucketRetained, bucket({ labels: undefined, force_destroy: true }), 'google_storage_bucket.b')).toBe(NOT_APPLICABLE);
  });
});

test('each rule cites checkov or the Google document it follows', () => {
  expect([...CLOUD_BUILD_RULES, ...CLOUD_DEPLOY_RULES, ...ARTIFACT_REGISTRY_RULES, ...STATE_BUCKET_RULES].map((r) => [r.id, /CKV_GCP_\d+|https:\/\/cloud\.google\.com\/[^)\s]+/.exec(r.reference)?.[0]]))
    .toEqual([
      ['GCP-CB1', 'https://cloud.google.com/build/docs/securing-builds/configure-user-specified-service-accounts'],
      ['GCP-CB2', 'https://cloud.google.com/build/docs/securing-builds/store-manage-build-logs'],
      ['GCP-CD1', 'https://cloud.google.com/deploy/docs/api/reference/rest/v1/projects.locations.targets#Target'],
      ['GCP-CD2', 'https://cloud.google.com/deploy/docs/cloud-deploy-service-account'],
      ['GCP-AR1', 'CKV_GCP_84'],
      ['GCP-AR2', 'CKV_GCP_101'],
      ['GCP-GCS6', 'https://cloud.google.com/docs/terraform/resource-management/store-state'],
      ['GCP-GCS7', 'https://cloud.google.com/docs/terraform/resource-management/store-state'],
    ]);
});
