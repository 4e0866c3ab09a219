/**
 * Location catalogs: the Google Cloud regions and multi-regions each service accepts, and the
 * SageMaker instance types with the regions that offer the accelerated ones. Each catalog is a
 * data module whose header says its source, its date and how to refresh it.
 */
export * from './gcp-locations';
export * from './sagemaker-instance-types';
export * from './suggest';
export * from './locations';
