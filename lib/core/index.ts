/**
 * mlops-constructs — the cloud-neutral core: schemas, lake zones, naming rules, errors.
 * Imports neither aws-cdk-lib nor cdktf.
 */
export * from './errors';
export * from './field-type';
export * from './schema';
export * from './type-mapping';
export * from './naming';
export * from './lake-zones';
export * from './data-removal';
export * from './features';
export * from './accelerators';
