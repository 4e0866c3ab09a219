/**
 * Every Google Cloud service limit in `lib/core/limits/gcp.ts`, tested at its edge through the
 * construct that applies it: the limit passes, one past it fails with the library's error. The
 * table is keyed by the limits module's exports, so a new limit without an edge case fails this
 * test.
 */
import { FeatureGroupSpec, FieldType, GpuType, MlopsValidationError, TableSchema } from 'mlops-constructs';
import { DataLake, FeatureStore, ModelEndpoint, ModelEndpointCloudRunOptions, ModelEndpointPlatform, Size } from 'mlops-constructs/gcp';
import * as gcpLimits from '../../../lib/core/limits/gcp';
import { newStack } from '../../gcp/support';

/** Cases at one limit: builds that must synthesize and builds that must be refused. */
interface Edge {
  readonly passes: ReadonlyArray<() => unknown>;
  readonly fails: ReadonlyArray<() => unknown>;
}

const text = (length: number) => 'x'.repeat(length);
const IMAGE = 'us-docker.pkg.dev/acme-ml/serving/churn:1';

/** A BigQuery table in a lake, its one column carrying `comment`, the table `description`. */
function bigQueryTable(options: { description?: string; comment?: string }): () => unknown {
  return () => new DataLake(newStack(), 'Lake', {
    prefix: 'acme-ml',
    tables: [{ zone: 'raw', schema: new TableSchema({ name: 'orders', description: options.description, fields: [{ name: 'id', type: FieldType.STRING, description: options.comment }] }) }],
  });
}

/** A Cloud Run endpoint with these options (a GPU when `gpu`). */
function cloudRun(options: Partial<ModelEndpointCloudRunOptions>, gpu = false): () => unknown {
  return () => new ModelEndpoint(newStack(), 'Endpoint', {
    prefix: 'churn',
    platform: ModelEndpointPlatform.cloudRun({ image: IMAGE, ...options }),
    ...(gpu ? { accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } } : {}),
  });
}

/** `count` environment variables `V0`, `V1`, … */
const variables = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`V${i}`, 'x']));

/** A feature store (lake prefix `acme-ml`) with one group `groupName` whose one value field is `feature`. */
function featureGroup(groupName: string, feature = 'order_count'): () => unknown {
  return () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml', location: 'us-central1' });
    const fields = [{ name: 'customer_id', type: FieldType.STRING }, { name: 'day_end', type: FieldType.TIMESTAMP }, { name: feature, type: FieldType.INT64 }];
    const schema = new TableSchema({ name: 'customer_daily', fields, entityKeys: ['customer_id'], eventTime: 'day_end' });
    return new FeatureStore(stack, 'Features', { lake, featureGroups: [{ spec: new FeatureGroupSpec({ name: groupName, schema }) }] });
  };
}

const MEMORY = gcpLimits.CLOUD_RUN_MEMORY_MIB;
const memory = (cpu: number, mebibytes: number) => cloudRun({ cpu, memory: Size.mebibytes(mebibytes) });
/** The lake prefix `acme-ml` becomes `acme_ml_` in front of every feature group id. */
const GROUP_ID_PREFIX_LENGTH = 'acme_ml_'.length;

const EDGES: Record<string, Edge> = {
  BIGQUERY_COLUMN_DESCRIPTION: {
    passes: [bigQueryTable({ comment: text(gcpLimits.BIGQUERY_COLUMN_DESCRIPTION.maxLength) })],
    fails: [bigQueryTable({ comment: text(gcpLimits.BIGQUERY_COLUMN_DESCRIPTION.maxLength + 1) })],
  },
  BIGQUERY_TABLE_DESCRIPTION: {
    passes: [bigQueryTable({ description: text(gcpLimits.BIGQUERY_TABLE_DESCRIPTION.maxLength) })],
    fails: [bigQueryTable({ description: text(gcpLimits.BIGQUERY_TABLE_DESCRIPTION.maxLength + 1) })],
  },
  CLOUD_RUN_RESERVED_ENVIRONMENT_NAMES: {
    // A reserved name fails; the same name with one more character is an ordinary variable.
    passes: gcpLimits.CLOUD_RUN_RESERVED_ENVIRONMENT_NAMES.map((name) => cloudRun({ environment: { [`${name}X`]: 'x' } })),
    fails: gcpLimits.CLOUD_RUN_RESERVED_ENVIRONMENT_NAMES.map((name) => cloudRun({ environment: { [name]: 'x' } })),
  },
  CLOUD_RUN_CONTAINER_ENVIRONMENT: {
    passes: [cloudRun({ environment: variables(gcpLimits.CLOUD_RUN_CONTAINER_ENVIRONMENT.maxEntries) })],
    fails: [cloudRun({ environment: variables(gcpLimits.CLOUD_RUN_CONTAINER_ENVIRONMENT.maxEntries + 1) }), cloudRun({ environment: { '1V': 'x' } })],
  },
  CLOUD_RUN_MEMORY_MIB: {
    passes: [...MEMORY.maxByCpu].flatMap(([cpu, max]) => [
      memory(cpu, Math.max(MEMORY.minSecondGeneration, MEMORY.minByCpu.get(cpu)!)),
      memory(cpu, max),
    ]).concat([memory(8, MEMORY.max), cloudRun({ cpu: 4, memory: Size.gibibytes(16) }, true)]),
    fails: [...MEMORY.maxByCpu].flatMap(([cpu, max]) => [
      memory(cpu, Math.max(MEMORY.minSecondGeneration, MEMORY.minByCpu.get(cpu)!) - 1),
      memory(cpu, max + 1),
    ]).concat([memory(1, 1024.5), cloudRun({ cpu: 4, memory: Size.mebibytes(16 * 1024 - 1) }, true)]),
  },
  VERTEX_FEATURE_ID_MAX_LENGTH: {
    // Feature ids default to the value fields' names, which the schema caps at 128 characters too.
    passes: [featureGroup('customer_daily', `f${text(gcpLimits.VERTEX_FEATURE_ID_MAX_LENGTH - 1)}`)],
    fails: [featureGroup('customer_daily', `f${text(gcpLimits.VERTEX_FEATURE_ID_MAX_LENGTH)}`)],
  },
  VERTEX_FEATURE_GROUP_ID_MAX_LENGTH: {
    passes: [featureGroup(`g${text(gcpLimits.VERTEX_FEATURE_GROUP_ID_MAX_LENGTH - GROUP_ID_PREFIX_LENGTH - 1)}`)],
    fails: [featureGroup(`g${text(gcpLimits.VERTEX_FEATURE_GROUP_ID_MAX_LENGTH - GROUP_ID_PREFIX_LENGTH)}`)],
  },
};

/** The limits module's data exports (its functions apply the data and are tested through it). */
const LIMIT_NAMES = Object.entries(gcpLimits).filter(([, value]) => typeof value !== 'function').map(([name]) => name);

test('every Google Cloud limit has an edge case, and every edge case a limit', () => {
  expect(Object.keys(EDGES).sort()).toEqual([...LIMIT_NAMES].sort());
});

describe.each(Object.entries(EDGES))('%s', (_name, edge) => {
  test.each(edge.passes.map((build, i) => [i, build] as const))('at the limit (case %i): synthesizes', (_i, build) => {
    expect(build).not.toThrow();
  });
  test.each(edge.fails.map((build, i) => [i, build] as const))('past the limit (case %i): the library error', (_i, build) => {
    expect(build).toThrow(MlopsValidationError);
  });
});
