export * from './delivery-pipeline';
export * from './production-approval';
