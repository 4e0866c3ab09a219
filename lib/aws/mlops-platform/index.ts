export * from './mlops-platform';
