/**
 * What SageMaker Feature Store accepts, as named data: the naming rule of feature groups and
 * features, the names it reserves, and the limits of one feature group. Every value is read from
 * the service documentation linked next to it.
 */
import { NamingRule } from '../../../core';

/**
 * Feature group names and feature names (the record identifier and event-time features included):
 * 1 to 64 characters of letters, digits, underscores and hyphens, starting with a letter or digit.
 *
 * (The CloudFormation schema's pattern `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,63}` is unanchored at the
 * end and so admits underscores too; the API reference states them explicitly.)
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateFeatureGroup.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-featuregroup-featuredefinition.html
 */
export const SAGEMAKER_FEATURE_NAME_RULE: NamingRule = {
  pattern: /^[a-zA-Z0-9][a-zA-Z0-9_-]{0,63}$/,
  description: '1 to 64 characters of letters, digits, underscores and hyphens, starting with a letter or digit',
};

/**
 * Feature names Feature Store adds to every record of the offline store, so no feature may use them.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-quotas.html#feature-store-naming-rules
 */
export const SAGEMAKER_RESERVED_FEATURE_NAMES: ReadonlySet<string> = new Set(['is_deleted', 'write_time', 'api_invocation_time']);

/**
 * Most feature definitions of one group: the record identifier and the event time count.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-quotas.html#feature-store-limits-quotas
 */
export const SAGEMAKER_MAX_FEATURE_DEFINITIONS = 2500;

/**
 * Longest feature group description.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-featuregroup.html#cfn-sagemaker-featuregroup-description
 */
export const SAGEMAKER_MAX_DESCRIPTION_LENGTH = 128;

/**
 * The account's Glue Data Catalog, by the name Athena gives it, for `DataCatalogConfig.Catalog`.
 * (Whether Feature Store also accepts it there is only shown by a deploy; it is the name the
 * catalog has everywhere else.)
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_DataCatalogConfig.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/understanding-tables-databases-and-the-data-catalog.html
 */
export const GLUE_DATA_CATALOG = 'AwsDataCatalog';
