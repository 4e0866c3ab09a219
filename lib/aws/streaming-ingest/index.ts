export * from './streaming-ingest';
export * from './json-deserializer';
