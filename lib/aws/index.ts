/**
 * mlops-constructs/aws — the AWS constructs (aws-cdk-lib).
 */
// First: a missing peer is reported by name with the install command (peers.ts exports nothing).
export * from './peers';
export * from './data-lake';
export * from './streaming-ingest';
export * from './feature-store';
export * from './gpu-training-cluster';
export * from './model-endpoint';
export * from './model-registry';
export * from './training-pipeline';
export * from './delivery-pipeline';
export * from './drift-monitor';
