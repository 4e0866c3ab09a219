/**
 * DeliveryPipeline: the staging → approval → production path of Cloud Build triggers (steps in
 * order, tests before any apply, approval on production), the model-announcement trigger, the
 * Terraform state bucket, the deployers' least-privilege grants, and Cloud Deploy for Cloud Run.
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { DELIVERY_PIPELINE_WARNINGS, DeliveryPipeline, GcpChecks, ModelRegistry, ProductionApproval } from 'mlops-constructs/gcp';
import { newStack, Synth } from '../support';
import { platform } from '../training-pipeline/fixtures';
import { delivery, KEY, stepIds } from './fixtures';

const TF_ORDER = ['install', 'test', 'synth', 'init', 'plan', 'apply'];

describe('code delivery: staging then approved production', () => {
  let synth: Synth;
  let stack: TerraformStack;
  let pipeline: DeliveryPipeline;
  beforeAll(() => {
    stack = newStack();
    pipeline = delivery(stack, { productionApproval: ProductionApproval.manual({ approvers: ['group:release-managers@example.com'] }) });
    synth = new Synth(stack);
  });

  test('a 2nd-gen repository on the connection, in the region', () => {
    expect(synth.at('google_cloudbuildv2_repository', 'Delivery/Repository')).toMatchObject({
      parent_connection: 'github-acme', location: 'europe-west4', project: 'acme-ml-ci', name: 'ml-platform',
      remote_uri: 'https://github.com/acme/ml-platform.git',
    });
  });

  test('staging: pushes to main run install → test → synth → init → plan → apply of the staging stack, then promote', () => {
    const trigger = synth.at('google_cloudbuild_trigger', 'Delivery/StagingTrigger');
    expect(trigger.repository_event_config).toEqual({ repository: synth.ref('google_cloudbuildv2_repository', 'Delivery/Repository', 'id'), push: { branch: '^main$' } });
    expect(stepIds(trigger)).toEqual([...TF_ORDER, 'promote']);
    const steps = trigger.build.step;
    expect(steps.slice(0, 3).map((s: any) => s.args[2])).toEqual(['npm ci', 'npm test', 'npx cdktf synth']);
    expect(steps[3]).toMatchObject({ dir: 'cdktf.out/stacks/staging', args: ['init', '-input=false', '-backend-config=bucket=acme-ml-tfstate', '-backend-config=prefix=staging'] });
    expect(steps[5].args).toEqual(['apply', '-input=false', 'tfplan']);
    // No step waits for another out of order: Cloud Build runs them one after the other.
    expect(steps.every((s: any) => s.wait_for === undefined)).toBe(true);
    expect(steps[6].args.slice(0, 4)).toEqual(['pubsub', 'topics', 'publish', synth.ref('google_pubsub_topic', 'Delivery/Promotions', 'id')]);
    expect(trigger.approval_config).toBeUndefined();
    expect(trigger.service_account).toBe(synth.ref('google_service_account', 'Delivery/StagingServiceAccount', 'id'));
    expect(trigger.build.options).toEqual({ logging: 'CLOUD_LOGGING_ONLY', substitution_option: 'ALLOW_LOOSE' });
  });

  test('production: triggered by the promotion, approval required, the tested commit checked first, then the same steps for production', () => {
    const trigger = synth.at('google_cloudbuild_trigger', 'Delivery/ProductionTrigger');
    expect(trigger.approval_config).toEqual({ approval_required: true });
    expect(trigger.pubsub_config.topic).toBe(synth.ref('google_pubsub_topic', 'Delivery/Promotions', 'id'));
    expect(trigger.source_to_build).toMatchObject({ ref: 'refs/heads/main', repo_type: 'GITHUB' });
    expect(stepIds(trigger)).toEqual(['verify-commit', ...TF_ORDER]);
    expect(trigger.build.step[0].args[2]).toContain('"$COMMIT_SHA" != "$_COMMIT"');
    expect(trigger.build.step[4]).toMatchObject({ dir: 'cdktf.out/stacks/production', args: expect.arrayContaining(['-backend-config=prefix=production']) });
    expect(trigger.substitutions).toMatchObject({ _COMMIT: '$(body.message.data.commit)', _MODEL_VERSION: '$(body.message.data.modelVersion)' });
    expect(trigger.service_account).toBe(synth.ref('google_service_account', 'Delivery/ProductionServiceAccount', 'id'));
  });

  test('every build runs its tests before any apply', () => {
    for (const b of synth.resources('google_cloudbuild_trigger')) {
      const ids = stepIds(b.config);
      expect(ids.indexOf('test')).toBeGreaterThanOrEqual(0);
      expect(ids.indexOf('test')).toBeLessThan(ids.indexOf('apply'));
    }
  });

  test('the approvers may approve builds on the build project', () => {
    expect(synth.at('google_project_iam_member', 'Delivery/Approvers/Builds=group:release-managers@example.com'))
      .toMatchObject({ project: 'acme-ml-ci', role: 'roles/cloudbuild.builds.approver', member: 'group:release-managers@example.com' });
  });

  test('the state bucket: versioned, CMEK, retained, uniform access, public access prevention, access logs, labelled', () => {
    const bucket = synth.at('google_storage_bucket', 'Delivery/StateBucket');
    expect(bucket).toMatchObject({
      name: 'acme-ml-tfstate', location: 'europe-west4', versioning: { enabled: true }, encryption: { default_kms_key_name: KEY.id },
      uniform_bucket_level_access: true, public_access_prevention: 'enforced', force_destroy: false, lifecycle: { prevent_destroy: true },
      logging: { log_bucket: synth.ref('google_storage_bucket', 'Delivery/StateAccessLogs', 'name') }, labels: { purpose: 'terraform-state' },
    });
    expect(bucket.depends_on).toContain(synth.address('google_kms_crypto_key_iam_member', 'Delivery/ServiceAgent/StorageKeyAccess'));
    expect(pipeline.stagingBackend).toEqual({ bucket: 'acme-ml-tfstate', prefix: 'staging' });
    expect(pipeline.productionBackend).toEqual({ bucket: 'acme-ml-tfstate', prefix: 'production' });
  });

  test('least privilege: each deployer writes logs and its own stage\'s state only; staging publishes promotions', () => {
    const grants = synth.blocks.filter((b) => /_iam_member$/.test(b.type) && b.path.startsWith('Delivery/Access/'))
      .map((b) => [b.path, b.config.role]);
    expect(grants).toEqual([
      ['Delivery/Access/Staging/State', 'roles/storage.objectUser'],
      ['Delivery/Access/Production/State', 'roles/storage.objectUser'],
      ['Delivery/Access/Staging/LogWriter', 'roles/logging.logWriter'],
      ['Delivery/Access/Production/LogWriter', 'roles/logging.logWriter'],
      ['Delivery/Access/Promote/Staging', 'roles/pubsub.publisher'],
    ]);
    expect(synth.at('google_storage_bucket_iam_member', 'Delivery/Access/Production/State').condition.expression)
      .toBe('resource.type == "storage.googleapis.com/Bucket" || resource.name.startsWith("projects/_/buckets/acme-ml-tfstate/objects/production/")');
  });

  test('zero policy findings', () => {
    expect(GcpChecks.check(stack).findings.map((f) => `${f.ruleId} ${f.constructPath}`)).toEqual([]);
  });
});

test('deployRoles are granted to each deployer on its own environment project', () => {
  const stack = newStack();
  delivery(stack, { deployRoles: ['roles/run.developer'] });
  const synth = new Synth(stack);
  expect(synth.at('google_project_iam_member', 'Delivery/Access/Staging/Deploy-roles--run.developer'))
    .toMatchObject({ project: 'acme-ml-staging', member: synth.ref('google_service_account', 'Delivery/StagingServiceAccount', 'member') });
  expect(synth.at('google_project_iam_member', 'Delivery/Access/Production/Deploy-roles--run.developer'))
    .toMatchObject({ project: 'acme-ml-prod', member: synth.ref('google_service_account', 'Delivery/ProductionServiceAccount', 'member') });
});

test('a waived approval: no approval on the production trigger, the reason in its description and a warning', () => {
  const stack = newStack();
  const pipeline = delivery(stack, { productionApproval: ProductionApproval.waived('Sandbox project; nothing serves users.') });
  const trigger = new Synth(stack).at('google_cloudbuild_trigger', 'Delivery/ProductionTrigger');
  expect(trigger.approval_config).toEqual({ approval_required: false });
  expect(trigger.description).toContain('WITHOUT approval (Sandbox project; nothing serves users.)');
  expect(pipeline.approvalRequired).toBe(false);
  expect(pipeline.node.metadata.filter((m) => m.type === '@cdktf/warn').map((m) => String(m.data)))
    .toEqual([`[${DELIVERY_PIPELINE_WARNINGS.approvalWaived}] Production deploys without approval: Sandbox project; nothing serves users.`]);
});

describe('model delivery: a champion announcement runs the same path', () => {
  let synth: Synth;
  beforeAll(() => {
    const stack = newStack();
    const { registry } = platform(stack);
    delivery(stack, { modelRegistry: registry });
    synth = new Synth(stack);
  });

  test('a Pub/Sub trigger on the registry\'s topic, filtered to champion, runs the staging build of the branch with the version', () => {
    const trigger = synth.at('google_cloudbuild_trigger', 'Delivery/ModelTrigger');
    const staging = synth.at('google_cloudbuild_trigger', 'Delivery/StagingTrigger');
    expect(trigger.pubsub_config.topic).toBe(synth.ref('google_pubsub_topic', 'Registry/Announcements', 'id'));
    expect(trigger.filter).toBe('_ALIAS.matches("^champion$")');
    expect(trigger.substitutions).toEqual({
      _ALIAS: '$(body.message.data.alias)', _MODEL: '$(body.message.data.model)', _MODEL_VERSION: '$(body.message.data.modelVersion)',
    });
    expect(trigger.source_to_build).toMatchObject({ ref: 'refs/heads/main', repository: synth.ref('google_cloudbuildv2_repository', 'Delivery/Repository', 'id') });
    expect(trigger.build).toEqual(staging.build);
    expect(trigger.service_account).toBe(staging.service_account);
    expect(trigger.approval_config).toBeUndefined();
    // The version reaches the app at synth, and travels to production in the promotion.
    expect(trigger.build.step.find((s: any) => s.id === 'synth').env).toContain('MLOPS_MODEL_VERSION=$_MODEL_VERSION');
    expect(stepIds(trigger)).toEqual([...TF_ORDER, 'promote']);
    expect(trigger.build.step[6].args[4]).toContain('"modelVersion":"$_MODEL_VERSION"');
  });

  test('the staging deployer reads the registry (the champion, at synth)', () => {
    const member = synth.ref('google_service_account', 'Delivery/StagingServiceAccount', 'member');
    expect(synth.resources('google_pubsub_topic_iam_member').filter((b) => b.config.member === member && b.path.startsWith('Registry/')).map((b) => b.config.role))
      .toEqual(['roles/pubsub.subscriber']);
  });

  test('an imported registry works the same', () => {
    const stack = newStack();
    const registry = ModelRegistry.fromModelRegistryAttributes(stack, 'Registry', {
      modelId: 'churn', region: 'europe-west4', project: 'acme-ml-ci', artifactsUri: 'gs://acme-ml-artifacts/models/churn',
      uploaderServiceAccountEmail: 'churn-models@acme-ml-ci.iam.gserviceaccount.com', announcementTopicId: 'projects/acme-ml-ci/topics/churn-model-versions',
    });
    delivery(stack, { modelRegistry: registry });
    expect(new Synth(stack).at('google_cloudbuild_trigger', 'Delivery/ModelTrigger').pubsub_config.topic).toBe('projects/acme-ml-ci/topics/churn-model-versions');
  });
});

describe('Cloud Run delivery through Cloud Deploy', () => {
  let synth: Synth;
  let stack: TerraformStack;
  beforeAll(() => {
    stack = newStack();
    delivery(stack, { cloudRunDelivery: { canaryPercentages: [10, 50] }, productionApproval: ProductionApproval.manual({ approvers: ['group:release-managers@example.com'] }) });
    synth = new Synth(stack);
  });

  test('a delivery pipeline: staging (standard), then production (canary on Cloud Run)', () => {
    const pipeline = synth.at('google_clouddeploy_delivery_pipeline', 'Delivery/CloudRun/Resource');
    expect(pipeline.serial_pipeline.stages).toEqual([
      { target_id: synth.ref('google_clouddeploy_target', 'Delivery/CloudRun/StagingTarget', 'name'), strategy: { standard: { verify: false } } },
      {
        target_id: synth.ref('google_clouddeploy_target', 'Delivery/CloudRun/ProductionTarget', 'name'),
        strategy: { canary: { runtime_config: { cloud_run: { automatic_traffic_control: true } }, canary_deployment: { percentages: [10, 50], verify: false } } },
      },
    ]);
  });

  test('production target requires approval; each target runs in its project as its own execution account', () => {
    const staging = synth.at('google_clouddeploy_target', 'Delivery/CloudRun/StagingTarget');
    const production = synth.at('google_clouddeploy_target', 'Delivery/CloudRun/ProductionTarget');
    expect(staging).toMatchObject({ require_approval: false, run: { location: 'projects/acme-ml-staging/locations/europe-west4' } });
    expect(production).toMatchObject({ require_approval: true, run: { location: 'projects/acme-ml-prod/locations/europe-west4' } });
    expect(production.execution_configs).toEqual([{ usages: ['RENDER', 'DEPLOY'], service_account: synth.ref('google_service_account', 'Delivery/CloudRun/ProductionExecutionServiceAccount', 'email') }]);
    expect(synth.at('google_clouddeploy_delivery_pipeline_iam_member', 'Delivery/Approvers/Rollouts=group:release-managers@example.com').role).toBe('roles/clouddeploy.approver');
  });

  test('an image repository: Docker, CMEK, immutable tags, retained', () => {
    expect(synth.at('google_artifact_registry_repository', 'Delivery/CloudRun/Images')).toMatchObject({
      format: 'DOCKER', kms_key_name: KEY.id, docker_config: { immutable_tags: true }, lifecycle: { prevent_destroy: true }, repository_id: 'acme-ml-images',
    });
  });

  test('staging builds, pushes and releases the image after apply; production promotes the release after apply', () => {
    const staging = synth.at('google_cloudbuild_trigger', 'Delivery/StagingTrigger');
    const production = synth.at('google_cloudbuild_trigger', 'Delivery/ProductionTrigger');
    expect(stepIds(staging)).toEqual([...TF_ORDER, 'image', 'push', 'release', 'promote']);
    expect(stepIds(production)).toEqual(['verify-commit', ...TF_ORDER, 'rollout']);
    expect(staging.build.step[8].args).toEqual(expect.arrayContaining(['create', 'rel-$BUILD_ID', '--delivery-pipeline=acme-ml',
      '--images=app=europe-west4-docker.pkg.dev/acme-ml-ci/acme-ml-images/app:$COMMIT_SHA', '--gcs-source-staging-dir=gs://acme-ml-release-src/source']));
    expect(production.build.step[7].args).toEqual(expect.arrayContaining(['promote', '--release=$_RELEASE', '--to-target=acme-ml-production']));
  });

  test('grants: staging pushes images; both release; each acts as its own execution account only', () => {
    const grants = synth.blocks.filter((b) => /_iam_member$/.test(b.type) && b.path.startsWith('Delivery/Access/')).map((b) => `${b.path} ${b.config.role}`);
    expect(grants).toEqual(expect.arrayContaining([
      'Delivery/Access/PushImage/Staging roles/artifactregistry.writer',
      'Delivery/Access/Release/Staging roles/clouddeploy.releaser',
      'Delivery/Access/Release/Production roles/clouddeploy.releaser',
      'Delivery/Access/StagingRollout/ActAsExecution roles/iam.serviceAccountUser',
      'Delivery/Access/ProductionRollout/ActAsExecution roles/iam.serviceAccountUser',
      'Delivery/Access/StagingRollout/RunDeveloper roles/run.developer',
      'Delivery/Access/ProductionRollout/PullImage roles/artifactregistry.reader',
      'Delivery/Access/ReleaseSources/Staging roles/storage.objectUser',
      'Delivery/Access/ProductionRollout/ReadReleaseSources roles/storage.objectViewer',
    ]));
    expect(synth.at('google_storage_bucket', 'Delivery/ReleaseSources')).toMatchObject({
      name: 'acme-ml-release-src', encryption: { default_kms_key_name: KEY.id }, versioning: { enabled: true }, lifecycle: { prevent_destroy: true },
    });
    const actAs = synth.at('google_service_account_iam_member', 'Delivery/Access/ProductionRollout/ActAsExecution');
    expect(actAs).toMatchObject({
      service_account_id: synth.ref('google_service_account', 'Delivery/CloudRun/ProductionExecutionServiceAccount', 'name'),
      member: synth.ref('google_service_account', 'Delivery/ProductionServiceAccount', 'member'),
    });
  });

  test('zero policy findings', () => {
    expect(GcpChecks.check(stack).findings.map((f) => `${f.ruleId} ${f.constructPath}`)).toEqual([]);
  });
});

test('bucketPrefix names the buckets (global names) apart from the prefix, and the backends and state conditions follow it', () => {
  const stack = newStack();
  const d = delivery(stack, { bucketPrefix: 'acme-ml-ci-delivery', cloudRunDelivery: {} });
  const synth = new Synth(stack);
  expect(synth.at('google_storage_bucket', 'Delivery/StateBucket').name).toBe('acme-ml-ci-delivery-tfstate');
  expect(synth.at('google_storage_bucket', 'Delivery/StateAccessLogs').name).toBe('acme-ml-ci-delivery-tfstate-logs');
  expect(synth.at('google_storage_bucket', 'Delivery/ReleaseSources').name).toBe('acme-ml-ci-delivery-release-src');
  expect(d.stagingBackend).toEqual({ bucket: 'acme-ml-ci-delivery-tfstate', prefix: 'staging' });
  expect(synth.at('google_storage_bucket_iam_member', 'Delivery/Access/Staging/State').condition.expression).toContain('buckets/acme-ml-ci-delivery-tfstate/objects/staging/');
  expect(synth.at('google_service_account', 'Delivery/StagingServiceAccount').account_id).toBe('acme-ml-staging');
  expect(() => delivery(newStack(), { bucketPrefix: 'Acme' })).toThrow(/invalid bucketPrefix: "Acme"/);
});

test('a repository given as a Terraform variable: Terraform splits out its name, the remote interpolates it, and synth leaves its check to the variable', () => {
  const stack = newStack();
  const repository = new TerraformVariable(stack, 'repository', { type: 'string' }).stringValue;
  const d = delivery(stack, { repository, cloudRunDelivery: {} });
  const synth = new Synth(stack);
  expect(synth.at('google_cloudbuildv2_repository', 'Delivery/Repository')).toMatchObject({
    name: '${element(split("/", var.repository), 1)}',
    remote_uri: 'https://github.com/${var.repository}.git',
  });
  expect(synth.at('google_cloudbuild_trigger', 'Delivery/StagingTrigger').description).toBe(
    'Pushes to ${var.repository} ^main$: install, test, synth, plan and apply staging, then promote.');
  expect(d.repositoryName).toBe(repository);
  // Every name is the same as with a literal repository: none is derived from it.
  const literal = newStack();
  delivery(literal, { cloudRunDelivery: {} });
  const namesOf = (s: TerraformStack): Record<string, unknown> => {
    const doc = JSON.parse(JSON.stringify(s.toTerraform()));
    const out: Record<string, unknown> = {};
    for (const [type, byName] of Object.entries<Record<string, any>>(doc.resource)) {
      for (const [name, config] of Object.entries(byName)) {
        if (type !== 'google_cloudbuildv2_repository') {
          out[`${type}.${name}`] = config.name ?? config.account_id ?? config.repository_id;
        }
      }
    }
    return out;
  };
  expect(Object.keys(namesOf(literal)).length).toBeGreaterThan(10);
  expect(namesOf(stack)).toEqual(namesOf(literal));
});
