/**
 * The neutral continuous-training pipeline: its spec, evaluation metrics, the gate and the model
 * registry's version convention, and the prebuilt images it defaults to.
 */
export * from './problem-type';
export * from './metrics';
export * from './promotion';
export * from './training-pipeline-spec';
export * from './dataset-query';
export * from './images';
export * from './training-data';
