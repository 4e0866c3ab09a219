/**
 * What SageMaker hosting accepts, as data: name rules, serverless and deployment-guardrail limits,
 * data capture limits. Each value cites the page it comes from; the construct validates against
 * these and nothing else, so a limit that changes is changed here once.
 */
import { NamingRule } from '../../../core';

/**
 * Names of endpoints, production variants and model package groups share one rule: at most 63
 * characters, `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}`.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-endpoint.html#cfn-sagemaker-endpoint-endpointname
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-endpointconfig-productionvariant.html#cfn-sagemaker-endpointconfig-productionvariant-variantname
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-modelpackagegroup.html#cfn-sagemaker-modelpackagegroup-modelpackagegroupname
 */
export const SAGEMAKER_NAME_RULE: NamingRule = {
  pattern: /^(?=.{1,63}$)[a-zA-Z0-9](-*[a-zA-Z0-9])*$/,
  description: '1 to 63 letters, digits and hyphens, starting and ending with a letter or digit',
};

/**
 * A SageMaker hosting instance type: `ml.<family>.<size>` (`ml.m5.xlarge`, `ml.g5.2xlarge`,
 * `ml.inf2.xlarge`). GPU types are checked further against the accelerator catalog.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-endpointconfig-productionvariant.html#cfn-sagemaker-endpointconfig-productionvariant-instancetype
 */
export const INSTANCE_TYPE_RULE: NamingRule = {
  pattern: /^ml\.[a-z]+[0-9]+[a-z0-9-]*\.(?:[0-9]*xlarge|large|medium|small)$/,
  description: 'a SageMaker instance type "ml.<family>.<size>", e.g. ml.m5.xlarge or ml.g5.2xlarge',
};

/** The default instance type: a general-purpose CPU type. */
export const DEFAULT_INSTANCE_TYPE = 'ml.m5.xlarge';

/**
 * Two instances by default: the default deployment is a one-instance canary, and a canary is at
 * most half of the fleet.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green-canary.html
 */
export const DEFAULT_INSTANCE_COUNT = 2;

/**
 * Serverless variants: memory 1024 to 6144 MB in 1024 MB steps; max concurrency 1 to 200;
 * provisioned concurrency 1 to 200 and at most the max concurrency.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html
 */
export const SERVERLESS_LIMITS = {
  memoryMiB: [1024, 2048, 3072, 4096, 5120, 6144] as readonly number[],
  minConcurrency: 1,
  maxConcurrency: 200,
} as const;

/**
 * What a serverless endpoint cannot have: "GPUs, AWS marketplace model packages, private Docker
 * registries, Multi-Model Endpoints, KMS keys, VPC configuration, network isolation, data
 * capture, multiple production variants, Model Monitor, and inference pipelines".
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html#serverless-endpoints-how-it-works-exclusions
 */
export const SERVERLESS_EXCLUSIONS_URL = 'https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html';

/**
 * Blue/green deployment limits: wait between traffic steps 0 to 3600 s; termination wait 0 to
 * 3600 s; maximum execution timeout 600 to 28800 s and larger than the waits; canary at most 50%
 * of the fleet; linear steps 10 to 50% of the fleet; capacity sizes at least 1.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-endpoint-trafficroutingconfig.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_BlueGreenUpdatePolicy.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CapacitySize.html
 */
export const DEPLOYMENT_LIMITS = {
  maxWaitIntervalSeconds: 3600,
  maxTerminationWaitSeconds: 3600,
  minExecutionTimeoutSeconds: 600,
  maxExecutionTimeoutSeconds: 28800,
  maxCanaryPercent: 50,
  minLinearPercent: 10,
  maxLinearPercent: 50,
} as const;

/**
 * Auto-rollback takes 1 to 10 CloudWatch alarms.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AutoRollbackConfig.html
 */
export const MAX_ROLLBACK_ALARMS = 10;

/**
 * Data capture: sampling 0 to 100 percent; at most 10 CSV and 10 JSON content types.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-endpointconfig-datacaptureconfig.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-endpointconfig-datacaptureconfig-capturecontenttypeheader.html
 */
export const CAPTURE_LIMITS = {
  maxSamplingPercentage: 100,
  maxContentTypes: 10,
} as const;

/**
 * Async inference: the client sends at most 1 to 1000 concurrent requests per instance to the
 * container.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_AsyncInferenceClientConfig.html
 */
export const ASYNC_MAX_CONCURRENT_INVOCATIONS = 1000;

/* The container environment's limits are core data: SAGEMAKER_CONTAINER_ENVIRONMENT (core/limits/aws.ts). */

/**
 * Model data must be "a single gzip compressed tar archive (.tar.gz suffix)".
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-model-containerdefinition.html#cfn-sagemaker-model-containerdefinition-modeldataurl
 */
export const MODEL_DATA_SUFFIX = '.tar.gz';

/**
 * The service-linked role Application Auto Scaling uses for SageMaker variants; giving its ARN
 * makes Application Auto Scaling create it when missing.
 * @see https://docs.aws.amazon.com/autoscaling/application/userguide/application-auto-scaling-service-linked-roles.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-applicationautoscaling-scalabletarget.html#cfn-applicationautoscaling-scalabletarget-rolearn
 */
export const AUTOSCALING_SERVICE_LINKED_ROLE = 'aws-service-role/sagemaker.application-autoscaling.amazonaws.com/AWSServiceRoleForApplicationAutoScaling_SageMakerEndpoint';

/** `undefined` when `value` is an integer from `min` to `max`, else the sentence that says so. */
export function integerRangeProblem(value: unknown, min: number, max: number): string | undefined {
  return typeof value === 'number' && Number.isInteger(value) && value >= min && value <= max
    ? undefined
    : `an integer from ${min} to ${max}`;
}
