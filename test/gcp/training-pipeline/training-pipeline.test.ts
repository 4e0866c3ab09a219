/**
 * TrainingPipeline: the generated workflow (five steps in order, connector calls, the dataset
 * version from prepare to register, the catalog-resolved machine), the Terraform around it
 * (workflow, environment variables, trainer object, scheduler, alert, identities, grants).
 */
import { execFileSync } from 'child_process';
import { GpuType } from 'mlops-constructs';
import { TrainingPipeline, TrainingSchedule } from 'mlops-constructs/gcp';
import { newStack, Synth } from '../support';
import { pipeline, churnSpec } from './fixtures';

let synth: Synth;
let built: ReturnType<typeof pipeline>;
let source: any;

beforeAll(() => {
  const stack = newStack();
  built = pipeline(stack, { notificationChannels: ['projects/acme/notificationChannels/7'] });
  built.pipeline.grantStart('group:ml-oncall@example.com');
  synth = new Synth(stack);
  source = JSON.parse(built.pipeline.workflowSource);
});

const stepNames = (steps: any[]) => steps.map((s) => Object.keys(s)[0]);
const step = (steps: any[], name: string) => steps.find((s) => Object.keys(s)[0] === name)?.[name];
/** Every sub-step of a top-level step, flattened. */
const inner = (name: string) => step(source.main.steps, name).steps as any[];

describe('the workflow source', () => {
  test('runs prepare → train → evaluate → gate → register, in that order, each a connector call it waits for', () => {
    const names = stepNames(source.main.steps);
    const five = ['prepare', 'train', 'evaluate', 'gate', 'register'];
    expect(names.filter((n) => five.includes(n))).toEqual(five);
    expect(names.indexOf('init')).toBeLessThan(names.indexOf('prepare'));
    expect(names.indexOf('done')).toBe(names.indexOf('register') + 1);
    expect(step(inner('prepare'), 'prepare_dataset').call).toBe('googleapis.bigquery.v2.jobs.insert');
    expect(step(inner('train'), 'train_model').call).toBe('googleapis.aiplatform.v1.projects.locations.customJobs.create');
    expect(step(inner('evaluate'), 'evaluate_model').call).toBe('googleapis.aiplatform.v1.projects.locations.customJobs.create');
    expect(step(inner('evaluate'), 'read_metrics')).toMatchObject({ call: 'googleapis.storage.v1.objects.get', args: { object: '${text.url_encode(metrics_object)}', alt: 'media' } });
    expect(step(source.lookup_model.steps, 'get_model').try.call).toBe('googleapis.aiplatform.v1.projects.locations.models.get');
    expect(step(inner('register'), 'register_version').call).toBe('googleapis.aiplatform.v1.projects.locations.models.upload');
    expect(step(inner('register'), 'register_first_version').call).toBe('googleapis.aiplatform.v1.projects.locations.models.upload');
    expect(step(inner('register'), 'announce').call).toBe('googleapis.pubsub.v1.projects.topics.publish');
    // Jobs wait up to the job timeout (24 h by default), and a job that did not succeed fails the run.
    expect(step(inner('train'), 'train_model').args.connector_params).toEqual({ timeout: 86400 });
    expect(step(inner('train'), 'train_check').switch).toEqual([{ condition: '${train_job.state != "JOB_STATE_SUCCEEDED"}', next: 'train_failed' }]);
    expect(step(source.main.steps, 'train_failed').raise.code).toBe('TrainingFailed');
  });

  test('the dataset version is the execution id, and flows from prepare through train and evaluate to register', () => {
    const init = step(source.main.steps, 'init').assign;
    expect(init).toContainEqual({ dataset_version: '${sys.get_env("GOOGLE_CLOUD_WORKFLOW_EXECUTION_ID")}' });
    const paths = Object.assign({}, ...step(source.main.steps, 'init_paths').assign);
    expect(paths.dataset_uri).toBe('${"gs://" + artifacts_bucket + "/training-datasets/churn/" + dataset_version}');
    expect(paths.metrics_object).toBe('${"evaluations/churn/" + dataset_version + "/metrics.json"}');
    expect(paths.model_uri).toBe('${model_artifacts + "/" + dataset_version}');
    // prepare writes the version …
    const prepare = step(inner('prepare'), 'prepare_dataset').args.body;
    expect(prepare.configuration.query.query).toContain('"@@DATASET_URI@@", dataset_uri');
    expect(paths.prepare_sql).toMatch(/^EXPORT DATA OPTIONS \(uri = '@@DATASET_URI@@\/train\/part-\*\.csv', format = 'CSV', overwrite = true, header = false\) AS SELECT CAST\(`churned` AS INT64\)/);
    expect(paths.prepare_sql).toContain("EXPORT DATA OPTIONS (uri = '@@DATASET_URI@@/validation/part-*.csv'");
    expect(prepare.jobReference.jobId).toBe('${"churn_prepare_" + text.replace_all(dataset_version, "-", "_")}');
    // … train and evaluate read it …
    const trainArgs = step(inner('train'), 'train_model').args.body.jobSpec.workerPoolSpecs[0].containerSpec.args;
    expect(trainArgs.slice(0, 5)).toEqual(['train', '--dataset-dir', '${dataset_dir}', '--model-dir', '${model_dir}']);
    const evaluateArgs = step(inner('evaluate'), 'evaluate_model').args.body.jobSpec.workerPoolSpecs[0].containerSpec.args;
    expect(evaluateArgs).toEqual(['evaluate', '--dataset-dir', '${dataset_dir}', '--model-dir', '${model_dir}', '--metric', 'auc',
      '--metrics-file', '${metrics_file}', '--dataset-version', '${dataset_version}']);
    // … and register labels the version with it, uploading the model trained on it.
    const body = step(inner('register'), 'register_version').args.body;
    expect(body.model.labels).toMatchObject({ 'dataset-version': '${dataset_version}', 'metric-name': 'auc', 'metric-value': '${metric_label}', 'training-pipeline': 'churn' });
    expect(body.model.artifactUri).toBe('${model_uri}');
    expect(body.model.versionAliases).toEqual(['${decision}']);
    expect(step(inner('register'), 'register_first_version').args.body.modelId).toBe('churn');
    expect(step(inner('register'), 'announce').args.body.messages[0].attributes['dataset-version']).toBe('${dataset_version}');
  });

  test('the gate reads the champion (alias) and calls the gate subworkflow of the spec', () => {
    expect(step(inner('gate'), 'find_champion').args.name).toBe('${model_name + "@champion"}');
    expect(step(inner('gate'), 'decide')).toEqual({
      call: 'gate_decision',
      args: { candidate: '${candidate}', champion_exists: '${champion.exists}', champion_value: '${champion.value}' },
      result: 'decision',
    });
    expect(step(source.gate_decision.steps, 'check_bar').switch[0].condition).toBe('${not(candidate >= 0.75)}');
    expect(step(source.gate_decision.steps, 'check_champion').switch[2].condition).toBe('${candidate > champion_value + 0.005}');
  });

  test('the default image is the prebuilt XGBoost 1.7 container of the region, on the CPU default machine, running the uploaded trainer', () => {
    const pool = step(inner('train'), 'train_model').args.body.jobSpec.workerPoolSpecs;
    expect(pool).toHaveLength(1);
    expect(pool[0].machineSpec).toEqual({ machineType: 'n1-standard-4' });
    expect(pool[0].containerSpec.imageUri).toBe('europe-docker.pkg.dev/vertex-ai/training/xgboost-cpu.1-7:latest');
    const object = synth.at('google_storage_bucket_object', 'Pipeline/TrainerCode');
    expect(object.name).toMatch(/^training-code\/churn\/trainer-[0-9a-f]{12}\.py$/);
    expect(object.content).toContain('import xgboost as xgb');
    expect(object.bucket).toBe(synth.ref('google_storage_bucket', 'Lake/Zone-artifacts/Bucket', 'name'));
    expect(pool[0].containerSpec.command[0]).toBe('python3');
    expect(pool[0].containerSpec.command[1]).toMatch(new RegExp(`^\\$\\{"/gcs/" \\+ sys\\.get_env\\("TF_VALUE_\\d+"\\) \\+ "/${object.name.replace(/\./g, '\\.')}"\\}$`));
    expect(step(inner('register'), 'register_version').args.body.model.containerSpec.imageUri).toBe('europe-docker.pkg.dev/vertex-ai/prediction/xgboost-cpu.1-7:latest');
    expect(built.pipeline.machineSpec).toEqual({ machineType: 'n1-standard-4' });
  });

  test('the uploaded trainer is Python that parses (its behaviour is checked against XGBoost 1.7.4 by tools/training/check-vertex-trainer.sh)', () => {
    const object = synth.at('google_storage_bucket_object', 'Pipeline/TrainerCode');
    const parsed = execFileSync('python3', ['-c', 'import ast, sys; tree = ast.parse(sys.stdin.read()); print(sorted(n.name for n in tree.body if isinstance(n, ast.FunctionDef)))'],
      { input: object.content, encoding: 'utf8' });
    expect(parsed.trim()).toBe("['auc', 'evaluate', 'main', 'metric_value', 'read_split', 'train']");
  });

  test('jobs run on the training profile: its service account, network and key', () => {
    const spec = step(inner('train'), 'train_model').args.body;
    const env = built.pipeline.workflowEnvironment;
    const envOf = (expression: string) => env[/sys\.get_env\("(TF_VALUE_\d+)"\)/.exec(expression)![1]];
    const wf = synth.at('google_workflows_workflow', 'Pipeline/Resource');
    expect(wf.user_env_vars[/TF_VALUE_\d+/.exec(spec.jobSpec.serviceAccount)![0]]).toBe(synth.ref('google_service_account', 'Training/TrainingServiceAccount', 'email'));
    expect(envOf(spec.jobSpec.serviceAccount)).toBeDefined();
    expect(spec.jobSpec.network).toMatch(/^\$\{"projects\/" \+ sys\.get_env\("TF_VALUE_\d+"\) \+ "\/global\/networks\/ml-vpc"\}$/);
    expect(spec.encryptionSpec.kmsKeyName).toBe('projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/platform');
  });
});

describe('Terraform', () => {
  test('the workflow: the source escaped for Terraform, one environment variable per Terraform value, CMEK, its own service account', () => {
    const wf = synth.at('google_workflows_workflow', 'Pipeline/Resource');
    expect(wf.name).toBe('acme-ml-churn');
    expect(wf.region).toBe('europe-west4');
    expect(wf.source_contents).toBe(built.pipeline.workflowSource.split('${').join('$${'));
    expect(wf.source_contents).not.toMatch(/(^|[^$])\$\{(?!\$)/);
    const values = Object.values<string>(wf.user_env_vars);
    expect(new Set(values).size).toBe(values.length);
    expect(values.length).toBeLessThanOrEqual(20);
    expect(values.every((v) => /^\$\{[a-z_.]+\.[A-Za-z0-9_-]+\.[a-z_]+\}$/.test(v) || v.startsWith('projects/'))).toBe(true);
    expect(wf.crypto_key_name).toBe('projects/acme/locations/europe-west4/keyRings/ml/cryptoKeys/platform');
    expect(wf.service_account).toBe(synth.ref('google_service_account', 'Pipeline/ServiceAccount', 'id'));
    expect(wf.call_log_level).toBe('LOG_ERRORS_ONLY');
    const keyAccess = synth.at('google_kms_crypto_key_iam_member', 'Pipeline/ServiceAgent/WorkflowsKeyAccess');
    expect(keyAccess.member).toMatch(/^serviceAccount:service-\$\{data\.google_project\.[^}]+\.number\}@gcp-sa-workflows\.iam\.gserviceaccount\.com$/);
    expect(wf.depends_on).toContain(synth.address('google_kms_crypto_key_iam_member', 'Pipeline/ServiceAgent/WorkflowsKeyAccess'));
  });

  test('the workflow\'s account: BigQuery jobs, logs, the artifacts bucket, read of the source zone, launch as the trainer, register in the registry — nothing broader', () => {
    const member = synth.ref('google_service_account', 'Pipeline/ServiceAccount', 'member');
    const grants = synth.blocks.filter((b) => b.mode === 'resource' && /_iam_member$/.test(b.type) && b.config.member === member)
      .map((b) => `${b.type.replace(/^google_|_iam_member$/g, '')} ${b.config.role.replace(/^\$\{google_project_iam_custom_role\.Registry_Roles_([a-z]+)_[0-9A-F]{8}\.name\}$/, 'custom:$1')}`).sort();
    expect(grants).toEqual([
      'bigquery_dataset roles/bigquery.dataViewer',
      'project custom:register',
      'project roles/aiplatform.user',
      'project roles/bigquery.jobUser',
      'project roles/logging.logWriter',
      'pubsub_topic roles/pubsub.publisher',
      'service_account roles/iam.serviceAccountUser',
      'service_account roles/iam.serviceAccountUser',
      'storage_bucket roles/storage.objectUser',
      'storage_bucket roles/storage.objectViewer',
    ].sort());
    const register = synth.resources('google_project_iam_custom_role').find((r) => r.path === 'Registry/Roles/register')!;
    expect(register.config.permissions).toContain('aiplatform.models.upload');
  });

  test('the schedule: daily at 03:00 UTC, calling the Workflow Executions API with OAuth as a start-only account', () => {
    const job = synth.at('google_cloud_scheduler_job', 'Pipeline/Schedule');
    expect(job).toMatchObject({ schedule: '0 3 * * *', time_zone: 'Etc/UTC', region: 'europe-west4', name: 'acme-ml-churn-schedule' });
    expect(job.http_target.uri).toBe(`https://workflowexecutions.googleapis.com/v1/${synth.ref('google_workflows_workflow', 'Pipeline/Resource', 'id')}/executions`);
    expect(job.http_target.http_method).toBe('POST');
    expect(job.http_target.oauth_token.service_account_email).toBe(synth.ref('google_service_account', 'Pipeline/SchedulerServiceAccount', 'email'));
    const start = synth.resources('google_project_iam_member').filter((b) => b.path.startsWith('Pipeline/Start/'));
    expect(start.map((b) => [b.config.role, b.config.member])).toEqual(expect.arrayContaining([
      ['roles/workflows.invoker', synth.ref('google_service_account', 'Pipeline/SchedulerServiceAccount', 'member')],
      ['roles/workflows.invoker', 'group:ml-oncall@example.com'],
    ]));
    expect(JSON.parse(Buffer.from(job.http_target.body, 'base64').toString())).toEqual({ argument: '{"trigger":"schedule"}' });
  });

  test('an alert policy on executions that did not succeed, to the notification channels', () => {
    const alert = synth.at('google_monitoring_alert_policy', 'Pipeline/Alerts/FailedExecutions');
    expect(alert.conditions[0].condition_threshold.filter).toBe('resource.type = "workflows.googleapis.com/Workflow" AND resource.labels.workflow_id = "acme-ml-churn" '
      + 'AND resource.labels.location = "europe-west4" AND metric.type = "workflows.googleapis.com/finished_execution_count" AND metric.labels.status != "SUCCEEDED"');
    expect(alert.notification_channels).toEqual(['projects/acme/notificationChannels/7']);
    expect(built.pipeline.alertPolicies).toEqual([built.pipeline.failedExecutionsAlert]);
  });
});

describe('variants', () => {
  test('your image with a GPU request: the catalog resolves the machine, the container keeps its entrypoint, nodes become two pools', () => {
    const stack = newStack();
    const { pipeline: p } = pipeline(stack, {
      image: 'europe-docker.pkg.dev/acme/ml/train:1',
      spec: churnSpec({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 2 } }),
      schedule: TrainingSchedule.none(),
    });
    const doc = JSON.parse(p.workflowSource);
    const pools = step(step(doc.main.steps, 'train').steps, 'train_model').args.body.jobSpec.workerPoolSpecs;
    expect(pools.map((x: any) => [x.machineSpec, x.replicaCount])).toEqual([
      [{ machineType: 'g2-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, 1],
      [{ machineType: 'g2-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 }, 1],
    ]);
    expect(pools[0].containerSpec.command).toBeUndefined();
    expect(pools[0].containerSpec.imageUri).toBe('europe-docker.pkg.dev/acme/ml/train:1');
    const s = new Synth(stack);
    expect(s.resources('google_cloud_scheduler_job')).toEqual([]);
    expect(s.resources('google_storage_bucket_object')).toEqual([]);
  });

  test('manual promotion without a bar: no bar check, every clearing version a challenger', () => {
    const stack = newStack();
    const { pipeline: p } = pipeline(stack, { spec: churnSpec({ bar: undefined, promotion: undefined }), schedule: TrainingSchedule.cron('30 2 * * 1-5', 'Europe/Paris') });
    const gate = JSON.parse(p.workflowSource).gate_decision;
    expect(stepNames(gate.steps)).toEqual(['keep']);
    expect(new Synth(stack).at('google_cloud_scheduler_job', 'Pipeline/Schedule')).toMatchObject({ schedule: '30 2 * * 1-5', time_zone: 'Europe/Paris' });
  });

  test('an import grants starting an existing workflow', () => {
    const stack = newStack();
    const imported = TrainingPipeline.fromTrainingPipelineAttributes(stack, 'Existing', { workflowName: 'acme-ml-churn', region: 'europe-west4', project: 'acme-ml-dev' });
    imported.grantStart('serviceAccount:ci@acme.iam.gserviceaccount.com');
    expect(imported.workflowId).toBe('projects/acme-ml-dev/locations/europe-west4/workflows/acme-ml-churn');
    expect(new Synth(stack).resources('google_project_iam_member').map((b) => b.config)).toEqual([
      expect.objectContaining({ project: 'acme-ml-dev', role: 'roles/workflows.invoker', member: 'serviceAccount:ci@acme.iam.gserviceaccount.com' }),
    ]);
  });
});
