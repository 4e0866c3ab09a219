/**
 * mlops-constructs — the cloud-neutral core: schemas, lake zones, the accelerator catalog, naming
 * rules, errors. Imports neither aws-cdk-lib nor cdktf.
 */
export * from './errors';
export * from './guard';
export * from './naming';
export * from './data-removal';
export * from './schema';
export * from './lake';
export * from './accelerators';
export * from './training';
export * from './drift';
export * from './maturity';
