/** Prebuilt training images: the defaults of a pipeline synthesized without its own image. */
export * from './sagemaker-xgboost';
export * from './vertex-xgboost';
