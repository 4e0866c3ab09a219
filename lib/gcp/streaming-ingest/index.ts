// alerts.ts builds the default alert policies and has no public names: the ingest exposes them.
export * from './streaming-ingest';
