export * from './gpu-training-cluster';
export * from './gpu-pool';
export * from './custom-job';
