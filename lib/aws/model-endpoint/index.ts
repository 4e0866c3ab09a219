export * from './model-endpoint';
