/** The project's own Google Cloud policy pack and its runner. */
export * from './compliance';
export * from './synthesized-stack';
export * from './pack';
export * from './acknowledgment';
export * from './report';
export * from './gcp-foundation-checks';
export * from './gcp-checks';
export { storageBucketUniformAccess } from './rules/storage-bucket-uniform-access';
export { storageBucketPublicAccessPrevention } from './rules/storage-bucket-public-access-prevention';
export { storageBucketVersioning } from './rules/storage-bucket-versioning';
export { storageBucketAccessLogging } from './rules/storage-bucket-access-logging';
export { storageBucketNotPublic } from './rules/storage-bucket-not-public';
export { bigqueryDatasetNotPublic } from './rules/bigquery-dataset-not-public';
export { bigqueryDatasetCmek } from './rules/bigquery-dataset-cmek';
export { bigqueryTableCmek } from './rules/bigquery-table-cmek';
export { kmsKeyRotation, MAX_KMS_ROTATION_SECONDS } from './rules/kms-key-rotation';
export { grantedMembers, isPublicMember } from './iam-members';
