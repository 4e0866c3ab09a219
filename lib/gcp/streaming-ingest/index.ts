export * from './streaming-ingest';
