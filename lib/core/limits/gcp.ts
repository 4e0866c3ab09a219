/**
 * Google Cloud service limits the constructs pass values on to, each citing the page that states
 * it. Refresh: compare each entry with its page when upgrading @cdktf/provider-google; the edge
 * tests (`test/core/limits`) pin each value.
 */
import { EnvironmentLimit, TextLimit } from './limits';

/**
 * BigQuery column descriptions: at most 1,024 characters.
 * @see https://cloud.google.com/bigquery/docs/schemas#column_descriptions ("The description can be at most 1,024 characters")
 * @see https://cloud.google.com/bigquery/quotas#table_limits
 */
export const BIGQUERY_COLUMN_DESCRIPTION: TextLimit = {
  what: 'a BigQuery column description',
  maxLength: 1024,
  source: 'https://cloud.google.com/bigquery/docs/schemas#column_descriptions',
};

/**
 * BigQuery table descriptions: at most 16,384 characters.
 * @see https://cloud.google.com/bigquery/quotas#table_limits ("Maximum table description length: 16,384 characters")
 */
export const BIGQUERY_TABLE_DESCRIPTION: TextLimit = {
  what: 'a BigQuery table description',
  maxLength: 16384,
  source: 'https://cloud.google.com/bigquery/quotas#table_limits',
};

/**
 * The variables Cloud Run sets in every container (the container runtime contract) and refuses
 * as user variables: `PORT` and the `K_*` names for services, the `CLOUD_RUN_*` names for jobs.
 * @see https://cloud.google.com/run/docs/container-contract#env-vars
 * @see https://cloud.google.com/run/docs/configuring/services/environment-variables#reserved ("The environment variables defined in the container runtime contract are reserved and cannot be set")
 */
export const CLOUD_RUN_RESERVED_ENVIRONMENT_NAMES: readonly string[] = [
  'PORT', 'K_SERVICE', 'K_REVISION', 'K_CONFIGURATION',
  'CLOUD_RUN_JOB', 'CLOUD_RUN_EXECUTION', 'CLOUD_RUN_TASK_INDEX', 'CLOUD_RUN_TASK_ATTEMPT', 'CLOUD_RUN_TASK_COUNT',
];

/**
 * Cloud Run container environment: C-identifier names, at most 1,000 variables per container,
 * none of the reserved names.
 * @see https://cloud.google.com/run/docs/configuring/services/environment-variables ("a maximum of 1000 environment variables per container")
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/cloud_run_v2_service#name
 */
export const CLOUD_RUN_CONTAINER_ENVIRONMENT: EnvironmentLimit = {
  service: 'Cloud Run',
  namePattern: /^[A-Za-z_][A-Za-z0-9_]*$/,
  nameDescription: 'a C identifier: letters, digits and underscores, not starting with a digit',
  maxEntries: 1000,
  reservedNames: CLOUD_RUN_RESERVED_ENVIRONMENT_NAMES,
  sources: [
    'https://cloud.google.com/run/docs/configuring/services/environment-variables',
    'https://cloud.google.com/run/docs/container-contract#env-vars',
  ],
};

/**
 * Cloud Run instance memory: at least 128 MiB (first generation execution environment) or
 * 512 MiB (second generation), at most 32 GiB; more than 4 GiB needs 2 vCPUs, more than 8 GiB 4,
 * more than 16 GiB 6, more than 24 GiB 8. The library's services run in the second generation
 * environment (the default for services with a GPU, and what `execution_environment` defaults to
 * for the features the endpoint uses), so its minimum is 512 MiB.
 * @see https://cloud.google.com/run/docs/configuring/services/memory-limits
 */
export const CLOUD_RUN_MEMORY_MIB = {
  /** Second generation execution environment minimum. */
  minSecondGeneration: 512,
  /** Maximum. */
  max: 32768,
  /**
   * Least memory per vCPU count (4 vCPUs need at least 2 GiB, 6 and 8 at least 4 GiB).
   * @see https://cloud.google.com/run/docs/configuring/services/cpu
   */
  minByCpu: new Map<number, number>([[1, 512], [2, 512], [4, 2048], [6, 4096], [8, 4096]]) as ReadonlyMap<number, number>,
  /** Most memory per vCPU count: above it, the next count is needed. */
  maxByCpu: new Map<number, number>([[1, 4096], [2, 8192], [4, 16384], [6, 24576], [8, 32768]]) as ReadonlyMap<number, number>,
  source: 'https://cloud.google.com/run/docs/configuring/services/memory-limits',
} as const;

/**
 * Vertex AI Feature Store ids: feature ids up to 128 characters and feature group ids up to 60
 * (v1), both `[a-z0-9_]` not starting with a digit.
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureGroups.features/create (featureId: "up to 128 characters")
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureGroups/create (featureGroupId: "up to 60 characters")
 */
export const VERTEX_FEATURE_ID_MAX_LENGTH = 128;
/** See {@link VERTEX_FEATURE_ID_MAX_LENGTH}. */
export const VERTEX_FEATURE_GROUP_ID_MAX_LENGTH = 60;
