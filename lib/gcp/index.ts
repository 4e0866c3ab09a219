/**
 * mlops-constructs/gcp — the Google Cloud constructs (cdktf + @cdktf/provider-google) and the
 * project's own GCP policy pack.
 *
 * Only the public API is re-exported here; helpers shared by the constructs (IAM member
 * validation, the GCS lifecycle mapping, removal-policy resolution) stay internal to lib/gcp.
 */
export { RemovalPolicy } from './removal-policy';
export type { ICryptoKey } from './crypto-key';
export { PUBLIC_IAM_MEMBERS } from './iam';
export type { GcpIamProps } from './iam';
export { GCP_PROJECT_ID_RULE } from './project';
export { LAKE_LOCATION_RULE } from './location';
export { BIGQUERY_MAX_CLUSTERING_COLUMNS } from './lake-table';
export type { LakeTable } from './lake-table';
export type { LakeTableOptions } from './lake-table';
export { DataLake } from './data-lake';
export type { DataLakeProps, IDataLake } from './data-lake';
export * from './policy';
export * from './streaming-ingest';
export * from './feature-store';
export * from './gpu-training-cluster';
export * from './model-endpoint';
