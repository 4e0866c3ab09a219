export * from './training-pipeline';
export * from './schedule';
