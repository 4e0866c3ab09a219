/**
 * Drift statistics generated as SQL from the neutral schema: the spec of what is monitored, the
 * baseline and results tables, the records sources (lake tables, SageMaker capture, Vertex AI
 * logs) and the query generator for Trino (Athena), GoogleSQL (BigQuery) and DuckDB (proof).
 */
export * from './statistics';
export * from './spec';
export * from './tables';
export * from './dialect';
export * from './source';
export * from './queries';
