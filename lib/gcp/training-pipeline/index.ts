// alerts.ts builds the default alert policy and has no public names: the pipeline exposes it.
export * from './training-pipeline';
export * from './schedule';
