export * from './model-endpoint';
export * from './platform';
export * from './vertex-ai';
export * from './cloud-run';
export * from './deploy-model-request';
export * from './deployment';
