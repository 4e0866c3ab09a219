/**
 * ModelRegistry: what it declares around the Vertex AI Model Registry (uploader account, topic,
 * key access, custom roles), its grants, the models.upload body, the import, and bad input.
 */
import { ModelRegistry } from 'mlops-constructs/gcp';
import { newStack, Synth } from '../support';
import { KEY, platform } from '../training-pipeline/fixtures';

const UPLOAD = { artifactUri: 'gs://acme-ml-artifacts/models/churn/v7', alias: 'challenger', datasetVersion: 'v7', metricName: 'auc', metricValue: '0_8123', pipeline: 'churn' };

describe('declared resources', () => {
  let synth: Synth;
  let registry: ModelRegistry;
  beforeAll(() => {
    const stack = newStack();
    ({ registry } = platform(stack));
    registry.grantRegister('serviceAccount:ci@acme-ml-dev.iam.gserviceaccount.com');
    registry.grantRead('group:analysts@example.com');
    registry.grantApprove('group:ml-leads@example.com');
    synth = new Synth(stack);
  });

  test('an uploader account that reads the lake\'s artifacts zone, the artifacts location, the model resource name', () => {
    expect(synth.at('google_service_account', 'Registry/UploaderServiceAccount').account_id).toBe('churn-models');
    const member = synth.ref('google_service_account', 'Registry/UploaderServiceAccount', 'member');
    expect(synth.resources('google_storage_bucket_iam_member').filter((b) => b.config.member === member).map((b) => [b.path, b.config.role]))
      .toEqual([['Lake/Zone-artifacts/Iam/roles--storage.objectViewer=member-1', 'roles/storage.objectViewer']]);
    expect(registry.artifactsUri).toMatch(/^gs:\/\/\$\{TfToken\[TOKEN\.\d+\]\}\/models\/churn$/);
    expect(registry.region).toBe('europe-west4');
  });

  test('a retained, CMEK-encrypted announcement topic (Eventarc-ready id), with the Pub/Sub and Vertex AI agents on the key', () => {
    const topic = synth.at('google_pubsub_topic', 'Registry/Announcements');
    expect(topic).toMatchObject({ name: 'churn-model-versions', kms_key_name: KEY.id, lifecycle: { prevent_destroy: true } });
    expect(synth.at('google_kms_crypto_key_iam_member', 'Registry/ServiceAgent/PubSubKeyAccess').member).toMatch(/@gcp-sa-pubsub\.iam\.gserviceaccount\.com$/);
    expect(synth.at('google_kms_crypto_key_iam_member', 'Registry/ServiceAgent/VertexAiKeyAccess').member).toMatch(/@gcp-sa-aiplatform\.iam\.gserviceaccount\.com$/);
  });

  test('grants: a custom role per intent on the project, act-as on the uploader for registrants, the topic for announcements', () => {
    const roles = Object.fromEntries(synth.resources('google_project_iam_custom_role').map((b) => [b.config.role_id, b.config.permissions]));
    expect(roles).toEqual({
      churn_model_register: ['aiplatform.models.get', 'aiplatform.models.list', 'aiplatform.models.update', 'aiplatform.models.upload', 'aiplatform.operations.get', 'aiplatform.operations.list'],
      churn_model_read: ['aiplatform.models.get', 'aiplatform.models.list'],
      churn_model_approve: ['aiplatform.models.get', 'aiplatform.models.list', 'aiplatform.models.update'],
    });
    const iam = synth.blocks.filter((b) => b.path.startsWith('Registry/') && /_iam_member$/.test(b.type) && !b.path.includes('ServiceAgent'))
      .map((b) => [b.path, b.type, b.config.role.startsWith('${') ? 'custom' : b.config.role]);
    expect(iam).toEqual(expect.arrayContaining([
      ['Registry/Register/Models=serviceAccount:ci@acme-ml-dev.iam.gserviceaccount.com', 'google_project_iam_member', 'custom'],
      ['Registry/Register/ActAsUploader=serviceAccount:ci@acme-ml-dev.iam.gserviceaccount.com', 'google_service_account_iam_member', 'roles/iam.serviceAccountUser'],
      ['Registry/Register/Announcements=serviceAccount:ci@acme-ml-dev.iam.gserviceaccount.com', 'google_pubsub_topic_iam_member', 'roles/pubsub.publisher'],
      ['Registry/Read/Models=group:analysts@example.com', 'google_project_iam_member', 'custom'],
      ['Registry/Read/Announcements=group:analysts@example.com', 'google_pubsub_topic_iam_member', 'roles/pubsub.subscriber'],
      ['Registry/Approve/Models=group:ml-leads@example.com', 'google_project_iam_member', 'custom'],
      ['Registry/Approve/Announcements=group:ml-leads@example.com', 'google_pubsub_topic_iam_member', 'roles/pubsub.publisher'],
    ]));
    expect(iam).toHaveLength(7);
  });
});

describe('uploadModelRequest', () => {
  test('a further version: parentModel, the alias, the labels every version carries, the key, the uploader, the prebuilt serving image', () => {
    const { registry } = platform(newStack());
    const body = registry.uploadModelRequest(UPLOAD);
    expect(body.modelId).toBeUndefined();
    expect(body.parentModel).toMatch(/^projects\/.+\/locations\/europe-west4\/models\/churn$/);
    expect(body.model).toEqual({
      displayName: 'churn',
      versionDescription: 'Trained on dataset version v7; auc 0_8123.',
      artifactUri: UPLOAD.artifactUri,
      containerSpec: { imageUri: 'europe-docker.pkg.dev/vertex-ai/prediction/xgboost-cpu.1-7:latest' },
      versionAliases: ['challenger'],
      labels: { 'managed-by': 'mlops-constructs', 'dataset-version': 'v7', 'metric-name': 'auc', 'metric-value': '0_8123', 'training-pipeline': 'churn' },
      encryptionSpec: { kmsKeyName: KEY.id },
    });
    expect(body.serviceAccount).toBe(registry.uploaderServiceAccountEmail);
    expect(registry.uploadModelRequest({ ...UPLOAD, firstVersion: true }).modelId).toBe('churn');
  });

  test('Workflows expressions pass, and the description becomes one expression', () => {
    const { registry } = platform(newStack());
    const body = registry.uploadModelRequest({ ...UPLOAD, alias: '${decision}', datasetVersion: '${dataset_version}', metricValue: '${metric_label}' });
    expect(body.model.versionAliases).toEqual(['${decision}']);
    expect(body.model.versionDescription).toBe('${"Trained on dataset version " + (dataset_version) + "; " + "auc" + " " + (metric_label) + "."}');
  });

  test.each([
    ['alias', { alias: 'production' }, /invalid uploadModelRequest\.alias: "production"\. Allowed: one of champion, challenger/],
    ['metric value with a decimal point', { metricValue: '0.81' }, /invalid uploadModelRequest\.metricValue: "0\.81"\. Allowed: a label value/],
    ['artifact URI', { artifactUri: '/tmp/model' }, /invalid uploadModelRequest\.artifactUri: "\/tmp\/model"\. Allowed: a gs:\/\/ directory/],
  ])('bad %s', (_name, override, message) => {
    const { registry } = platform(newStack());
    expect(() => registry.uploadModelRequest({ ...UPLOAD, ...override })).toThrow(message);
  });
});

describe('import and bad input', () => {
  test('an import grants with the roles the owning registry created, and builds the same bodies', () => {
    const stack = newStack();
    const imported = ModelRegistry.fromModelRegistryAttributes(stack, 'Churn', {
      modelId: 'churn', region: 'europe-west4', project: 'acme-ml-dev', artifactsUri: 'gs://acme-ml-artifacts/models/churn',
      uploaderServiceAccountEmail: 'churn-models@acme-ml-dev.iam.gserviceaccount.com', announcementTopicId: 'projects/acme-ml-dev/topics/churn-model-versions',
    });
    imported.grantRegister('serviceAccount:ci@acme-ml-dev.iam.gserviceaccount.com');
    const synth = new Synth(stack);
    expect(synth.resources('google_project_iam_custom_role')).toEqual([]);
    expect(synth.at('google_project_iam_member', 'Churn/Register/Models=serviceAccount:ci@acme-ml-dev.iam.gserviceaccount.com').role)
      .toBe('projects/acme-ml-dev/roles/churn_model_register');
    expect(synth.at('google_service_account_iam_member', 'Churn/Register/ActAsUploader=serviceAccount:ci@acme-ml-dev.iam.gserviceaccount.com').service_account_id)
      .toBe('projects/acme-ml-dev/serviceAccounts/churn-models@acme-ml-dev.iam.gserviceaccount.com');
    expect(imported.uploadModelRequest(UPLOAD).parentModel).toBe('projects/acme-ml-dev/locations/europe-west4/models/churn');
    expect(() => ModelRegistry.fromModelRegistryAttributes(newStack(), 'X', { ...({} as any), modelId: 'churn', region: 'europe-west4', artifactsUri: 's3://x',
      uploaderServiceAccountEmail: 'a@b.iam.gserviceaccount.com', announcementTopicId: 'projects/p/topics/t' })).toThrow(/invalid artifactsUri: "s3:\/\/x"/);
  });

  test.each([
    ['a name beyond 40 characters', { modelId: 'm'.repeat(41) }, /invalid modelId: "m{41}"\. Allowed: 1 to 40 characters/],
    ['an uppercase name', { modelId: 'Churn' }, /invalid modelId: "Churn"/],
    ['a prefix too long for the uploader account', { prefix: 'a-prefix-of-twenty-four-c' }, /invalid prefix: "a-prefix-of-twenty-four-c"\. Allowed: a prefix that makes/],
    ['a key outside the region', { encryptionKey: { id: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' } }, /invalid encryptionKey\.id: .*Allowed: a Cloud KMS key in the registry's region "europe-west4"/],
    ['a multi-region without a region', { region: undefined, lake: 'multi' }, /invalid region: undefined\. Allowed: a Vertex AI region .* the lake's location "US" is a multi-region/],
    ['an iam role that is not Pub/Sub', { iam: { 'roles/aiplatform.user': ['group:a@example.com'] } }, /invalid iam\["roles\/aiplatform\.user"\]: .*Allowed: a Pub\/Sub role/],
  ])('%s', (_name, override: any, message) => {
    const stack = newStack();
    const { lake } = platform(stack);
    const useLake = override.lake === 'multi' ? new (lake.constructor as any)(stack, 'UsLake', { prefix: 'acme-us' }) : lake;
    expect(() => new ModelRegistry(stack, 'Other', { lake: useLake, modelId: 'other', ...override, ...(override.lake ? { lake: useLake } : {}) })).toThrow(message);
  });
});
