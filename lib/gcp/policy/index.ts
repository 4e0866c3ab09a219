/** The project's own Google Cloud policy pack and its runner. */
export * from './engine/compliance';
export * from './engine/synthesized-stack';
export * from './engine/pack';
export * from './engine/acknowledgment';
export * from './engine/report';
export * from './packs/gcp-foundation-checks';
export * from './engine/gcp-checks';
export { storageBucketUniformAccess } from './rules/storage/storage-bucket-uniform-access';
export { storageBucketPublicAccessPrevention } from './rules/storage/storage-bucket-public-access-prevention';
export { storageBucketVersioning } from './rules/storage/storage-bucket-versioning';
export { storageBucketAccessLogging } from './rules/storage/storage-bucket-access-logging';
export { storageBucketNotPublic } from './rules/storage/storage-bucket-not-public';
export { bigqueryDatasetNotPublic } from './rules/bigquery/bigquery-dataset-not-public';
export { bigqueryDatasetCmek } from './rules/bigquery/bigquery-dataset-cmek';
export { bigqueryTableCmek } from './rules/bigquery/bigquery-table-cmek';
export { kmsKeyRotation, MAX_KMS_ROTATION_SECONDS } from './rules/kms/kms-key-rotation';
export { grantedMembers, isPublicMember } from './rules/shared/iam-members';
