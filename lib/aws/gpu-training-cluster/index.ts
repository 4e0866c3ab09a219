export * from './gpu-training-cluster';
export * from './training-job-profile';
