/**
 * The state machine of a TrainingPipeline, in Step Functions' JSONata query language: prepare →
 * train → evaluate → gate → register, each a service call the state machine waits for.
 *
 * Which aws-cdk-lib task classes are used, and why not the others:
 * - `CallAwsService` for the SDK calls (CreateModel, GetQueryResults, PutObject, CreateModelPackage)
 *   and `LambdaInvoke` for the gate: their IAM statements name exactly what is called.
 * - Athena and the SageMaker jobs are `CustomState`s on the `.sync` integrations, because
 *   `AthenaStartQueryExecution` grants `s3:GetObject`/`s3:CreateBucket` and Glue writes on `*`
 *   (not least privilege), `SageMakerCreateTrainingJob` cannot render the profile (spot and max
 *   wait, checkpoints, inter-container encryption, the cluster's subnet and security group ids)
 *   and creates a security group of its own, and `SageMakerCreateTransformJob` has no
 *   `DataProcessing` (which joins each prediction to its label). Their IAM statements are
 *   written in training-pipeline.ts, from the Step Functions service-integration pages.
 *
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-athena.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/connect-sagemaker.html
 * @see https://docs.aws.amazon.com/step-functions/latest/dg/transforming-data.html (JSONata, $hash)
 */
import { Aws } from 'aws-cdk-lib/core';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as sfn from 'aws-cdk-lib/aws-stepfunctions';
import * as tasks from 'aws-cdk-lib/aws-stepfunctions-tasks';
import { Construct } from 'constructs';
import { METRICS_FILE_DATASET_VERSION_KEY, METRICS_FILE_NAME, MODEL_VERSION_METADATA } from '../../../core';
import { CreateTrainingJobRequest } from '../../gpu-training-cluster/training-job-profile';

/** Marker of the run's UTC start date in the prepare SQL (`DATE '<marker>'`), replaced by the state machine. */
export const RUN_DATE_MARKER = '__RUN_DATE__';
/** Marker of the dataset version in the evaluation SQL, replaced by the state machine. */
export const DATASET_VERSION_MARKER = '__DATASET_VERSION__';

/** The names of the five steps, in order (also the state names). */
export const STEP_NAMES = { prepare: 'Prepare', train: 'Train', evaluate: 'Evaluate', gate: 'Gate', register: 'Register' } as const;

/** Everything the definition is generated from (values may be tokens). */
export interface PipelineDefinitionInputs {
  /** The spec's name: the data layout's `<pipeline>`. */
  readonly pipeline: string;
  /** Base of the per-run SageMaker job and model names (at most 29 characters). */
  readonly jobBase: string;
  /** The artifacts zone bucket (dataset versions, evaluations). */
  readonly bucketName: string;
  /** The lake's Athena workgroup. */
  readonly workGroup: string;
  /** The SELECT of each split, with {@link RUN_DATE_MARKER} for the run date. */
  readonly splitQueries: { readonly train: string; readonly validation: string };
  /** The evaluation query over the predictions table, with {@link DATASET_VERSION_MARKER}. */
  readonly evaluationQuery: string;
  /** The training profile's request fragment, instance type and count resolved for the spec. */
  readonly trainingRequest: CreateTrainingJobRequest;
  /** The training (and inference) image URI. */
  readonly image: string;
  /** Hyperparameters, as strings. */
  readonly hyperparameters: { [name: string]: string };
  /** Instance type of the evaluation's batch transform. */
  readonly transformInstanceType: string;
  /** The lake key (transform output), if known. */
  readonly lakeKeyArn?: string;
  /** The gate function. */
  readonly gateFunction: lambda.IFunction;
  /** What the gate decides with (metric, bar, promotion). */
  readonly gate: { readonly metric: string; readonly bar: number | null; readonly automatic: boolean; readonly margin: number };
  /** The registry's group, and its key. */
  readonly modelPackageGroupName: string;
  readonly registryKeyArn?: string;
  /** The resources `sagemaker:CreateModelPackage` is allowed on. */
  readonly registerResources: string[];
  /** The resources `sagemaker:CreateModel` and `athena:GetQueryResults` are allowed on. */
  readonly modelResources: string[];
  readonly workGroupArn: string;
  /** The metrics files' object ARN pattern (`s3:PutObject`). */
  readonly metricsObjectsArn: string;
}

/** A JSONata string literal of `text` (double-quoted, JSON escapes). */
export function jsonataString(text: string): string {
  return `"${text.replace(/\\/g, '\\\\').replace(/"/g, '\\"').replace(/\n/g, '\\n')}"`;
}

/** `{% expression %}`. */
function jsonata(expression: string): string {
  return `{% ${expression} %}`;
}

/** The dataset version, quoted for an SQL string literal (quotes doubled). */
const SQL_VERSION = '$replace($datasetVersion, "\'", "\'\'")';
/** The per-run suffix of SageMaker names: 24 hex digits of the MD5 of the execution ARN (unique per account and region). */
const RUN_SUFFIX = jsonata('$substring($hash($states.context.Execution.Id, "MD5"), 0, 24)');

function integration(service: string, action: string): string {
  return `arn:${Aws.PARTITION}:states:::${service}:${action}.sync`;
}

/**
 * The state machine's chain. States are named after the steps; helper states inside a step are
 * prefixed with it ("Evaluate: batch transform").
 */
export function createPipelineDefinition(scope: Construct, inputs: PipelineDefinitionInputs): sfn.IChainable {
  const s3 = (key: string) => `${jsonataString(`s3://${inputs.bucketName}/`)} & ${key}`;
  const datasetPrefix = (split: string) => `${jsonataString(`training-datasets/${inputs.pipeline}/`)} & $datasetVersion & ${jsonataString(`/${split}/`)}`;
  const evaluationKey = (rest: string) => `${jsonataString(`evaluations/${inputs.pipeline}/`)} & $datasetVersion & ${jsonataString(`/${rest}`)}`;
  const name = (letter: string) => `${jsonataString(`${inputs.jobBase}-${letter}-`)} & $runSuffix`;

  // Prepare: both splits of the dataset version, UNLOADed side by side from the same window.
  const unload = (split: 'train' | 'validation') => new sfn.CustomState(scope, `${STEP_NAMES.prepare}: ${split} split`, {
    stateJson: {
      Type: 'Task',
      Resource: integration('athena', 'startQueryExecution'),
      Arguments: {
        QueryString: jsonata(`"UNLOAD (" & $replace(${jsonataString(inputs.splitQueries[split])}, ${jsonataString(RUN_DATE_MARKER)}, $runDate) & ") TO '"`
          + ` & ${jsonataString(`s3://${inputs.bucketName}/training-datasets/${inputs.pipeline}/`)} & ${SQL_VERSION} & ${jsonataString(`/${split}/' WITH (format = 'TEXTFILE', field_delimiter = ',', compression = 'NONE')`)}`),
        WorkGroup: inputs.workGroup,
      },
      Output: jsonata(`{ "split": ${jsonataString(split)}, "queryExecutionId": $states.result.QueryExecution.QueryExecutionId }`),
    },
  });
  const prepare = sfn.Parallel.jsonata(scope, STEP_NAMES.prepare, {
    comment: 'Materialize the dataset version (the execution name): the train and validation splits of the window, as headerless CSV in the lake.',
    assign: {
      datasetVersion: jsonata('$states.context.Execution.Name'),
      runDate: jsonata('$substring($states.context.Execution.StartTime, 0, 10)'),
      runSuffix: RUN_SUFFIX,
    },
  });
  // The branches read the variables the Parallel state assigns only after it, so they assign their own copy first.
  for (const split of ['train', 'validation'] as const) {
    const start = sfn.Pass.jsonata(scope, `${STEP_NAMES.prepare}: ${split} version`, {
      assign: { datasetVersion: jsonata('$states.context.Execution.Name'), runDate: jsonata('$substring($states.context.Execution.StartTime, 0, 10)') },
    });
    prepare.branch(start.next(unload(split)));
  }

  const request = inputs.trainingRequest;
  const train = new sfn.CustomState(scope, STEP_NAMES.train, {
    stateJson: {
      Type: 'Task',
      Resource: integration('sagemaker', 'createTrainingJob'),
      Comment: 'Train on the dataset version with the GPU training cluster\'s profile; waits for the job.',
      Arguments: {
        TrainingJobName: jsonata(name('t')),
        AlgorithmSpecification: { TrainingImage: inputs.image, TrainingInputMode: 'File' },
        HyperParameters: inputs.hyperparameters,
        InputDataConfig: ['train', 'validation'].map((channel) => ({
          ChannelName: channel,
          ContentType: 'text/csv',
          CompressionType: 'None',
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3DataDistributionType: 'FullyReplicated', S3Uri: jsonata(s3(datasetPrefix(channel))) } },
        })),
        RoleArn: request.RoleArn,
        VpcConfig: request.VpcConfig,
        ResourceConfig: request.ResourceConfig,
        OutputDataConfig: request.OutputDataConfig,
        CheckpointConfig: { S3Uri: jsonata(`${jsonataString(request.CheckpointConfig.S3Uri)} & ${name('t')} & "/"`) },
        EnableManagedSpotTraining: request.EnableManagedSpotTraining,
        StoppingCondition: request.StoppingCondition,
        EnableInterContainerTrafficEncryption: request.EnableInterContainerTrafficEncryption,
        EnableNetworkIsolation: request.EnableNetworkIsolation,
        Tags: [{ Key: MODEL_VERSION_METADATA.datasetVersion, Value: jsonata('$datasetVersion') }, { Key: MODEL_VERSION_METADATA.pipeline, Value: inputs.pipeline }],
      },
      Assign: { modelArtifacts: jsonata('$states.result.ModelArtifacts.S3ModelArtifacts'), trainingJobName: jsonata('$states.result.TrainingJobName') },
      Output: jsonata('{ "trainingJobName": $states.result.TrainingJobName, "modelArtifacts": $states.result.ModelArtifacts.S3ModelArtifacts }'),
    },
  });

  // Evaluate: the trained model predicts the validation split in a batch transform (each
  // prediction joined to its label), Athena computes the metric with the drift monitor's quality
  // SQL, and the metrics file is written next to the predictions.
  const createModel = tasks.CallAwsService.jsonata(scope, `${STEP_NAMES.evaluate}: model`, {
    service: 'sagemaker',
    action: 'createModel',
    iamAction: 'sagemaker:CreateModel',
    iamResources: inputs.modelResources,
    parameters: {
      ModelName: jsonata(name('m')),
      ExecutionRoleArn: request.RoleArn,
      PrimaryContainer: { Image: inputs.image, ModelDataUrl: jsonata('$modelArtifacts') },
      VpcConfig: request.VpcConfig,
      EnableNetworkIsolation: true,
    },
    outputs: jsonata('{ "modelArn": $states.result.ModelArn }'),
  });
  const transform = new sfn.CustomState(scope, `${STEP_NAMES.evaluate}: batch transform`, {
    stateJson: {
      Type: 'Task',
      Resource: integration('sagemaker', 'createTransformJob'),
      Arguments: {
        TransformJobName: jsonata(name('e')),
        ModelName: jsonata(name('m')),
        BatchStrategy: 'MultiRecord',
        MaxPayloadInMB: 6,
        TransformInput: {
          ContentType: 'text/csv',
          SplitType: 'Line',
          CompressionType: 'None',
          DataSource: { S3DataSource: { S3DataType: 'S3Prefix', S3Uri: jsonata(s3(datasetPrefix('validation'))) } },
        },
        TransformOutput: {
          S3OutputPath: jsonata(s3(evaluationKey('predictions/'))),
          Accept: 'text/csv',
          AssembleWith: 'Line',
          ...(inputs.lakeKeyArn ? { KmsKeyId: inputs.lakeKeyArn } : {}),
        },
        TransformResources: { InstanceType: inputs.transformInstanceType, InstanceCount: 1 },
        // The model reads the features (every column after the label); each output line is the label and the score.
        DataProcessing: { InputFilter: '$[1:]', JoinSource: 'Input', OutputFilter: '$[0,-1]' },
      },
      Output: jsonata('{ "transformJobName": $states.result.TransformJobName }'),
    },
  });
  const computeMetric = new sfn.CustomState(scope, `${STEP_NAMES.evaluate}: metric`, {
    stateJson: {
      Type: 'Task',
      Resource: integration('athena', 'startQueryExecution'),
      Arguments: {
        QueryString: jsonata(`$replace(${jsonataString(inputs.evaluationQuery)}, ${jsonataString(DATASET_VERSION_MARKER)}, ${SQL_VERSION})`),
        WorkGroup: inputs.workGroup,
      },
      Output: jsonata('{ "queryExecutionId": $states.result.QueryExecution.QueryExecutionId }'),
    },
  });
  const readMetric = tasks.CallAwsService.jsonata(scope, `${STEP_NAMES.evaluate}: read metric`, {
    service: 'athena',
    action: 'getQueryResults',
    iamAction: 'athena:GetQueryResults',
    iamResources: [inputs.workGroupArn],
    parameters: { QueryExecutionId: jsonata('$states.input.queryExecutionId') },
    // Row 0 is the header; a metric without rows to compute it from is NULL, so absent.
    outputs: jsonata('( $cell := $states.result.ResultSet.Rows[1].Data; { "value": $exists($cell[0].VarCharValue) ? $number($cell[0].VarCharValue) : null,'
      + ' "sampleSize": $exists($cell[1].VarCharValue) ? $number($cell[1].VarCharValue) : 0 } )'),
  });
  const writeMetrics = tasks.CallAwsService.jsonata(scope, `${STEP_NAMES.evaluate}: metrics file`, {
    service: 's3',
    action: 'putObject',
    iamAction: 's3:PutObject',
    iamResources: [inputs.metricsObjectsArn],
    parameters: {
      Bucket: inputs.bucketName,
      Key: jsonata(evaluationKey(METRICS_FILE_NAME)),
      ContentType: 'application/json',
      Body: jsonata(`$string({ ${jsonataString(inputs.gate.metric)}: $states.input.value, ${jsonataString(METRICS_FILE_DATASET_VERSION_KEY)}: $datasetVersion, "sampleSize": $states.input.sampleSize })`),
    },
    outputs: jsonata('$states.input'),
  });
  const evaluate = sfn.Parallel.jsonata(scope, STEP_NAMES.evaluate, {
    comment: 'Predict the validation split with the trained model (batch transform), compute the metric in Athena, write metrics.json to the lake.',
    assign: { metricValue: jsonata('$states.result[0].value') },
    outputs: jsonata('$states.result[0]'),
  });
  evaluate.branch(createModel.next(transform).next(computeMetric).next(readMetric).next(writeMetrics));

  const gate = tasks.LambdaInvoke.jsonata(scope, STEP_NAMES.gate, {
    comment: 'The candidate against the bar and the champion (core gateDecision).',
    lambdaFunction: inputs.gateFunction,
    payload: sfn.TaskInput.fromObject({
      modelPackageGroupName: inputs.modelPackageGroupName,
      metric: inputs.gate.metric,
      bar: inputs.gate.bar,
      automatic: inputs.gate.automatic,
      margin: inputs.gate.margin,
      candidate: jsonata('$metricValue'),
    }),
    assign: { gate: jsonata('$states.result.Payload') },
    outputs: jsonata('$states.result.Payload'),
  });

  const belowBar = sfn.Fail.jsonata(scope, 'Model below bar', {
    comment: 'Not registered: the run fails, and the failure alarm reports it.',
    error: 'ModelBelowBar',
    cause: jsonata('$gate.reason'),
  });

  const metadata: { [key: string]: string } = {
    [MODEL_VERSION_METADATA.datasetVersion]: jsonata('$datasetVersion'),
    [MODEL_VERSION_METADATA.metricName]: inputs.gate.metric,
    [MODEL_VERSION_METADATA.metricValue]: jsonata('$string($metricValue)'),
    [MODEL_VERSION_METADATA.pipeline]: inputs.pipeline,
  };
  const register = tasks.CallAwsService.jsonata(scope, STEP_NAMES.register, {
    comment: 'A model package version with the metric, the metrics file and the dataset version; approved or pending as the gate decided.',
    service: 'sagemaker',
    action: 'createModelPackage',
    iamAction: 'sagemaker:CreateModelPackage',
    iamResources: inputs.registerResources,
    parameters: {
      ModelPackageGroupName: inputs.modelPackageGroupName,
      ModelPackageDescription: jsonata(`${jsonataString(`Trained by pipeline ${inputs.pipeline} on dataset version `)} & $datasetVersion & ${jsonataString(`; ${inputs.gate.metric} `)} & $string($metricValue)`),
      ModelApprovalStatus: jsonata('$gate.approvalStatus'),
      ClientToken: RUN_SUFFIX,
      InferenceSpecification: {
        Containers: [{ Image: inputs.image, ModelDataUrl: jsonata('$modelArtifacts') }],
        SupportedContentTypes: ['text/csv'],
        SupportedResponseMIMETypes: ['text/csv'],
      },
      ModelMetrics: { ModelQuality: { Statistics: { ContentType: 'application/json', S3Uri: jsonata(s3(evaluationKey(METRICS_FILE_NAME))) } } },
      CustomerMetadataProperties: metadata,
      ...(inputs.registryKeyArn ? { SecurityConfig: { KmsKeyId: inputs.registryKeyArn } } : {}),
    },
    outputs: jsonata('{ "modelPackageArn": $states.result.ModelPackageArn, "datasetVersion": $datasetVersion, "decision": $gate.decision }'),
  });

  const decide = sfn.Choice.jsonata(scope, 'Gate decision')
    .when(sfn.Condition.jsonata(jsonata(`$gate.decision = ${jsonataString('below-bar')}`)), belowBar)
    .otherwise(register);

  return prepare.next(train).next(evaluate).next(gate).next(decide);
}
