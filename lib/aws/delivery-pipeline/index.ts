export * from './delivery-pipeline';
export * from './production-approval';
export * from './approved-model-version';
