export * from './model-endpoint';
export * from './model';
export * from './capacity';
export * from './deployment';
export * from './inference';
