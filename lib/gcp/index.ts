/**
 * mlops-constructs/gcp — the Google Cloud constructs (cdktf + @cdktf/provider-google) and the
 * project's own GCP policy pack.
 *
 * Each construct folder's index exports its public files; helpers shared by the constructs
 * (lib/gcp/private) and each construct's own (<construct>/private) stay internal.
 */
// First: a missing peer is reported by name with the install command (peers.ts exports nothing).
export * from './peers';
export * from './iam';
export * from './crypto-key';
export * from './removal-policy';
export * from './project';
export * from './duration';
export * from './size';
export * from './vertex-ai-api';
export * from './data-lake';
export * from './streaming-ingest';
export * from './feature-store';
export * from './gpu-training-cluster';
export * from './model-endpoint';
export * from './model-registry';
export * from './training-pipeline';
export * from './drift-monitor';
export * from './policy';
export * from './delivery-pipeline';
export * from './mlops-platform';
