/**
 * mlops-constructs/aws — the AWS constructs (aws-cdk-lib).
 */
export * from './data-lake';
export * from './streaming-ingest';
export * from './feature-store';
export * from './gpu-training-cluster';
export * from './model-endpoint';
export * from './model-registry';
export * from './training-pipeline';
export * from './drift-monitor';
