/**
 * AWS service limits the constructs pass values on to, each citing the page that states it.
 * Refresh: compare each entry with its page (CloudFormation resource reference or API reference)
 * when upgrading aws-cdk-lib; the edge tests (`test/core/limits`) pin each value.
 */
import { enumeratedNumberProblem, EnumeratedNumberLimit, EnvironmentLimit, TextLimit } from './limits';

/**
 * Glue's free-text character set: `[\u0020-\uD7FF\uE000-\uFFFD\uD800\uDC00-\uDBFF\uDFFF\t]*`, i.e.
 * any character from space up, and tab; no line breaks or other control characters.
 */
const GLUE_TEXT_PATTERN = /^[\u0020-\uD7FF\uE000-\uFFFD\u{10000}-\u{10FFFF}\t]*$/u;
const GLUE_TEXT_DESCRIPTION = 'printable characters and tabs (no line breaks or other control characters)';

/**
 * Glue (and Athena) column comments: 0 to 255 characters of the Glue text set.
 * @see https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html ("Comment … Maximum length of 255")
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-glue-table-column.html
 */
export const GLUE_COLUMN_COMMENT: TextLimit = {
  what: 'a Glue column comment',
  maxLength: 255,
  pattern: GLUE_TEXT_PATTERN,
  patternDescription: GLUE_TEXT_DESCRIPTION,
  source: 'https://docs.aws.amazon.com/glue/latest/webapi/API_Column.html',
};

/**
 * Glue table descriptions: 0 to 2048 characters of the Glue text set.
 * @see https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html ("Description … Maximum length of 2048")
 */
export const GLUE_TABLE_DESCRIPTION: TextLimit = {
  what: 'a Glue table description',
  maxLength: 2048,
  pattern: GLUE_TEXT_PATTERN,
  patternDescription: GLUE_TEXT_DESCRIPTION,
  source: 'https://docs.aws.amazon.com/glue/latest/webapi/API_TableInput.html',
};

/**
 * Athena column names: at most 128 characters (Glue allows 255; Athena is the tighter reader).
 * The library's `IDENTIFIER_RULE` (1 to 128 lowercase snake-case characters) fits inside it.
 * @see https://docs.aws.amazon.com/athena/latest/APIReference/API_Column.html ("Name … Maximum length of 128")
 */
export const ATHENA_COLUMN_NAME_MAX_LENGTH = 128;

/**
 * SageMaker container environment (`ContainerDefinition.Environment`): up to 16 entries; keys
 * `[a-zA-Z_][a-zA-Z0-9_]*` of at most 1024 characters, values of at most 1024 characters.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-model-containerdefinition.html#cfn-sagemaker-model-containerdefinition-environment (16 entries, 1024 per key and value)
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html (key pattern)
 */
export const SAGEMAKER_CONTAINER_ENVIRONMENT: EnvironmentLimit = {
  service: 'SageMaker',
  namePattern: /^[a-zA-Z_][a-zA-Z0-9_]*$/,
  nameDescription: 'letters, digits and underscores, not starting with a digit',
  maxNameLength: 1024,
  maxValueLength: 1024,
  maxEntries: 16,
  sources: [
    'https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-model-containerdefinition.html',
    'https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ContainerDefinition.html',
  ],
};

/**
 * CloudWatch Logs retention: the days `RetentionInDays` (`PutRetentionPolicy.retentionInDays`)
 * accepts, or never expire (aws-cdk-lib's `RetentionDays.INFINITE`, 9999, which leaves the
 * property out: {@link CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE}).
 * @see https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html ("Possible values are: 1, 3, 5, … 3288, and 3653")
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-logs-loggroup.html#cfn-logs-loggroup-retentionindays
 */
export const CLOUDWATCH_LOG_RETENTION_DAYS: EnumeratedNumberLimit = {
  what: 'CloudWatch Logs retention days',
  values: [1, 3, 5, 7, 14, 30, 60, 90, 120, 150, 180, 365, 400, 545, 731, 1096, 1827, 2192, 2557, 2922, 3288, 3653],
  source: 'https://docs.aws.amazon.com/AmazonCloudWatchLogs/latest/APIReference/API_PutRetentionPolicy.html',
};

/** aws-cdk-lib's `RetentionDays.INFINITE`: no `RetentionInDays`, the logs never expire. */
export const CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE = 9999;

/**
 * `undefined` when `value` is a retention CloudWatch Logs accepts (one of
 * {@link CLOUDWATCH_LOG_RETENTION_DAYS} or {@link CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE}), else
 * what is allowed. An unresolved numeric token (a CloudFormation parameter) is refused as well:
 * aws-cdk-lib compares the retention with 0 at synth, so a token cannot pass through.
 *
 * @param isToken whether a number is an unresolved token (`Token.isUnresolved`)
 */
export function logRetentionDaysProblem(value: unknown, isToken: (value: number) => boolean = () => false): string | undefined {
  const allowed = `one of ${CLOUDWATCH_LOG_RETENTION_DAYS.values.join(', ')} days, or logs.RetentionDays.INFINITE (${CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE}: never expire) (${CLOUDWATCH_LOG_RETENTION_DAYS.source})`;
  if (typeof value === 'number' && isToken(value)) {
    return `a literal here, not a token: ${allowed}`;
  }
  if (value === CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE) {
    return undefined;
  }
  return enumeratedNumberProblem(CLOUDWATCH_LOG_RETENTION_DAYS, value) === undefined ? undefined : allowed;
}

/**
 * SageMaker Feature Store names: feature group names and feature names, 1 to 64 characters
 * `[a-zA-Z0-9]([-_]*[a-zA-Z0-9]){0,63}`.
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateFeatureGroup.html (FeatureGroupName)
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_FeatureDefinition.html (FeatureName)
 */
export const SAGEMAKER_FEATURE_NAME_MAX_LENGTH = 64;
