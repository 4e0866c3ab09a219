/** The neutral record schema: field types, table schemas, their mapping to each service, feature group specs. */
export * from './field-type';
export * from './schema';
export * from './type-mapping';
export * from './features';
