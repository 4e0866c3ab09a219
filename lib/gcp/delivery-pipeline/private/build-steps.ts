/**
 * The Cloud Build steps of the delivery: the same sequence for staging and production, so that
 * the tests prove the order once (install → test → synth → terraform init → plan → apply, tests
 * before any apply), with the stage's own ends (the commit check first in production; the
 * promotion last in staging; the Cloud Run release with `cloudRunDelivery`).
 *
 * Values are written for Terraform JSON: user commands have `${` and `%{` escaped, and Cloud
 * Build substitutions are written `$NAME`, never `${NAME}`, which Terraform would read as its own.
 *
 * @see https://cloud.google.com/build/docs/build-config-file-schema
 * @see https://cloud.google.com/build/docs/configuring-builds/substitute-variable-values
 */
import { CloudbuildTriggerBuildStep } from '@cdktf/provider-google/lib/cloudbuild-trigger';
import { terraformEscapedSource } from '../../private/workflows';

/** The images the steps run in (defaults of the props). */
export const DELIVERY_IMAGES = {
  node: 'node:22',
  terraform: 'hashicorp/terraform:1.11',
  gcloud: 'gcr.io/google.com/cloudsdktool/cloud-sdk:slim',
  docker: 'gcr.io/cloud-builders/docker',
} as const;

/**
 * The user substitutions every build of the delivery knows. A push build has them empty; the
 * model trigger binds them from the registry's announcement, the production trigger from the
 * promotion message.
 */
export const DELIVERY_SUBSTITUTIONS = {
  /** The model resource name of an announced version. */
  model: '_MODEL',
  /** The announced version id. */
  modelVersion: '_MODEL_VERSION',
  /** The commit staging tested (production only). */
  commit: '_COMMIT',
  /** The Cloud Deploy release staging created (production only). */
  release: '_RELEASE',
} as const;

/** The environment variables the install, test and synth steps see: the app pins the model version from them. */
export const DELIVERY_ENVIRONMENT = {
  /** `staging` or `production`. */
  stage: 'MLOPS_DELIVERY_STAGE',
  /** The announced model resource name, empty for a code change. */
  model: 'MLOPS_MODEL',
  /** The announced model version id, empty for a code change (then deploy the `champion` alias). */
  modelVersion: 'MLOPS_MODEL_VERSION',
} as const;

/** What one stage's build does. */
export interface StageBuild {
  readonly stage: 'staging' | 'production';
  readonly installCommands: string[];
  readonly testCommands: string[];
  readonly synthCommands: string[];
  /** The cdktf stack directory name (`cdktf.out/stacks/<stack>`). */
  readonly stack: string;
  readonly stateBucket: string;
  readonly statePrefix: string;
  readonly nodeImage: string;
  readonly terraformImage: string;
  /** Production: the commit check before anything else. */
  readonly verifyCommit?: { readonly branch: string };
  /** Production: the model rollout workflow started after the apply when the build carries a model version. */
  readonly modelRolloutWorkflow?: string;
  /** Staging: the topic the promotion is published to, last. */
  readonly promotionTopic?: string;
  /** With `cloudRunDelivery`: build and release the image (staging), promote the release (production). */
  readonly cloudRun?: {
    readonly imageUri: string;
    readonly imageName: string;
    readonly sourceDirectory: string;
    /** `gs://<bucket>/<dir>` where gcloud stages the release source. */
    readonly sourceStagingDir: string;
    readonly deliveryPipeline: string;
    readonly region: string;
    readonly project: string;
    readonly productionTarget: string;
  };
}

const S = DELIVERY_SUBSTITUTIONS;

/** The release name staging creates: `rel-<build id>` (40 characters, a Cloud Deploy release id). */
export const RELEASE_NAME = 'rel-$BUILD_ID';

function shell(id: string, image: string, commands: string[], env?: string[]): CloudbuildTriggerBuildStep {
  return {
    id,
    name: image,
    entrypoint: 'bash',
    args: ['-eu', '-c', commands.map(terraformEscapedSource).join('\n')],
    ...(env ? { env } : {}),
  };
}

/** The steps of one stage, in order (Cloud Build runs steps without `wait_for` one after the other). */
export function stageSteps(build: StageBuild): CloudbuildTriggerBuildStep[] {
  const env = [
    `${DELIVERY_ENVIRONMENT.stage}=${build.stage}`,
    `${DELIVERY_ENVIRONMENT.model}=$${S.model}`,
    `${DELIVERY_ENVIRONMENT.modelVersion}=$${S.modelVersion}`,
  ];
  const dir = `cdktf.out/stacks/${build.stack}`;
  const steps: CloudbuildTriggerBuildStep[] = [];
  if (build.verifyCommit !== undefined) {
    steps.push(shell('verify-commit', build.nodeImage, [
      `if [ "$COMMIT_SHA" != "$${S.commit}" ]; then echo "${build.verifyCommit.branch} is at $COMMIT_SHA, staging tested $${S.commit}: `
        + 'the newer commit reaches production through its own staging build" >&2; exit 1; fi',
    ]));
  }
  steps.push(
    shell('install', build.nodeImage, build.installCommands, env),
    shell('test', build.nodeImage, build.testCommands, env),
    shell('synth', build.nodeImage, build.synthCommands, env),
    {
      id: 'init',
      name: build.terraformImage,
      dir,
      args: ['init', '-input=false', `-backend-config=bucket=${build.stateBucket}`, `-backend-config=prefix=${build.statePrefix}`],
    },
    { id: 'plan', name: build.terraformImage, dir, args: ['plan', '-input=false', '-out=tfplan'] },
    { id: 'apply', name: build.terraformImage, dir, args: ['apply', '-input=false', 'tfplan'] },
  );
  if (build.modelRolloutWorkflow !== undefined) {
    // `$$` is a literal `$` for Cloud Build (shell variables); `$_MODEL` is substituted.
    const data = `{"model":"$${S.model}","modelVersion":"$${S.modelVersion}"}`;
    // Not shell(): the workflow id is a Terraform reference, which escaping would break; the lines hold no other `${`.
    steps.push({ id: 'model-rollout', name: DELIVERY_IMAGES.gcloud, entrypoint: 'bash', args: ['-eu', '-c', [
      `if [ -z "$${S.model}" ]; then echo "no model version in this build: no rollout"; exit 0; fi`,
      `state=$$(gcloud workflows run ${build.modelRolloutWorkflow} --data='${data}' --format='value(state)')`,
      `if [ "$$state" != "SUCCEEDED" ]; then echo "the canary rollout of $${S.model}@$${S.modelVersion} ended $$state (rolled back or failed): see the workflow's execution" >&2; exit 1; fi`,
    ].join('\n')] });
  }
  const run = build.cloudRun;
  if (run !== undefined && build.stage === 'staging') {
    steps.push(
      { id: 'image', name: DELIVERY_IMAGES.docker, dir: run.sourceDirectory, args: ['build', '-t', run.imageUri, '.'] },
      { id: 'push', name: DELIVERY_IMAGES.docker, args: ['push', run.imageUri] },
      {
        id: 'release',
        name: DELIVERY_IMAGES.gcloud,
        entrypoint: 'gcloud',
        dir: run.sourceDirectory,
        args: ['deploy', 'releases', 'create', RELEASE_NAME, `--delivery-pipeline=${run.deliveryPipeline}`, `--region=${run.region}`,
          `--project=${run.project}`, `--images=${run.imageName}=${run.imageUri}`, `--gcs-source-staging-dir=${run.sourceStagingDir}`],
      },
    );
  }
  if (run !== undefined && build.stage === 'production') {
    steps.push({
      id: 'rollout',
      name: DELIVERY_IMAGES.gcloud,
      entrypoint: 'gcloud',
      args: ['deploy', 'releases', 'promote', `--release=$${S.release}`, `--delivery-pipeline=${run.deliveryPipeline}`, `--region=${run.region}`,
        `--project=${run.project}`, `--to-target=${run.productionTarget}`],
    });
  }
  if (build.promotionTopic !== undefined) {
    const message = JSON.stringify({
      commit: '$COMMIT_SHA', model: `$${S.model}`, modelVersion: `$${S.modelVersion}`, release: run !== undefined ? RELEASE_NAME : '',
    });
    steps.push({
      id: 'promote',
      name: DELIVERY_IMAGES.gcloud,
      entrypoint: 'gcloud',
      args: ['pubsub', 'topics', 'publish', build.promotionTopic, `--message=${message}`, '--attribute=commit=$COMMIT_SHA'],
    });
  }
  return steps;
}
