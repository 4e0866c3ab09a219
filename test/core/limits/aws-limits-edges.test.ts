/**
 * Every AWS service limit in `lib/core/limits/aws.ts`, tested at its edge through the construct
 * that applies it: the limit passes, one past it fails with the library's error. The table is
 * keyed by the limits module's exports, so a new limit without an edge case fails this test.
 */
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as logs from 'aws-cdk-lib/aws-logs';
import { FeatureGroupSpec, FieldSpec, FieldType, MlopsValidationError, TableSchema } from 'mlops-constructs';
import { DataLake, FeatureStore, ModelEndpoint, ModelEndpointImage, ModelEndpointModel, ModelEndpointProps } from 'mlops-constructs/aws';
import * as awsLimits from '../../../lib/core/limits/aws';
import { newStack } from '../../aws/fixtures';

/** Cases at one limit: builds that must synthesize and builds that must be refused. */
interface Edge {
  readonly passes: ReadonlyArray<() => unknown>;
  readonly fails: ReadonlyArray<() => unknown>;
}

const text = (length: number) => 'x'.repeat(length);

/** A Glue table in a lake, its one column carrying `column`, the table `description`. */
function glueTable(options: { description?: string; comment?: string; columnName?: string }): () => unknown {
  return () => new DataLake(newStack(), 'Lake', {
    tables: [{
      zone: 'raw',
      schema: new TableSchema({
        name: 'orders',
        description: options.description,
        fields: [{ name: options.columnName ?? 'id', type: FieldType.STRING, description: options.comment }],
      }),
    }],
  });
}

/** A model endpoint with `props`. */
function endpoint(props: Partial<ModelEndpointProps>): () => unknown {
  return () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'churn');
    return new ModelEndpoint(stack, 'Endpoint', {
      model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v1'), lake, key: 'models/model.tar.gz' }),
      ...props,
    });
  };
}

/** `count` environment variables `V0`, `V1`, … */
const variables = (count: number) => Object.fromEntries(Array.from({ length: count }, (_, i) => [`V${i}`, 'x']));

/** A feature store with one group whose one value field (a feature) is named `feature`. */
function featureGroup(feature: string): () => unknown {
  return () => {
    const stack = newStack();
    const fields: FieldSpec[] = [{ name: 'user_id', type: FieldType.STRING }, { name: feature, type: FieldType.INT64 }, { name: 'at', type: FieldType.TIMESTAMP }];
    const spec = new FeatureGroupSpec({ name: 'g', schema: new TableSchema({ name: 'events', fields, entityKeys: ['user_id'], eventTime: 'at' }) });
    return new FeatureStore(stack, 'Features', { lake: new DataLake(stack, 'Lake'), prefix: 'p' }).addFeatureGroup({ spec });
  };
}

const retention = (days: number) => endpoint({ logRetention: days as logs.RetentionDays });
const { CLOUDWATCH_LOG_RETENTION_DAYS: RETENTION } = awsLimits;

const EDGES: Record<string, Edge> = {
  GLUE_COLUMN_COMMENT: {
    passes: [glueTable({ comment: text(awsLimits.GLUE_COLUMN_COMMENT.maxLength) }), glueTable({ comment: 'tab\tis fine' })],
    fails: [glueTable({ comment: text(awsLimits.GLUE_COLUMN_COMMENT.maxLength + 1) }), glueTable({ comment: 'line\nbreak' })],
  },
  GLUE_TABLE_DESCRIPTION: {
    passes: [glueTable({ description: text(awsLimits.GLUE_TABLE_DESCRIPTION.maxLength) })],
    fails: [glueTable({ description: text(awsLimits.GLUE_TABLE_DESCRIPTION.maxLength + 1) }), glueTable({ description: 'bell\u0007' })],
  },
  ATHENA_COLUMN_NAME_MAX_LENGTH: {
    passes: [glueTable({ columnName: `c${text(awsLimits.ATHENA_COLUMN_NAME_MAX_LENGTH - 1)}` })],
    fails: [glueTable({ columnName: `c${text(awsLimits.ATHENA_COLUMN_NAME_MAX_LENGTH)}` })],
  },
  SAGEMAKER_CONTAINER_ENVIRONMENT: {
    passes: [
      endpoint({ environment: variables(awsLimits.SAGEMAKER_CONTAINER_ENVIRONMENT.maxEntries) }),
      endpoint({ environment: { [`N${text(awsLimits.SAGEMAKER_CONTAINER_ENVIRONMENT.maxNameLength! - 1)}`]: text(awsLimits.SAGEMAKER_CONTAINER_ENVIRONMENT.maxValueLength!) } }),
    ],
    fails: [
      endpoint({ environment: variables(awsLimits.SAGEMAKER_CONTAINER_ENVIRONMENT.maxEntries + 1) }),
      endpoint({ environment: { [`N${text(awsLimits.SAGEMAKER_CONTAINER_ENVIRONMENT.maxNameLength!)}`]: 'x' } }),
      endpoint({ environment: { N: text(awsLimits.SAGEMAKER_CONTAINER_ENVIRONMENT.maxValueLength! + 1) } }),
      endpoint({ environment: { '1N': 'x' } }),
    ],
  },
  CLOUDWATCH_LOG_RETENTION_DAYS: {
    // Every accepted value passes; the next whole day after each fails (none of them is accepted).
    passes: RETENTION.values.map(retention),
    fails: [0, ...RETENTION.values.map((d) => d + 1).filter((d) => !RETENTION.values.includes(d)), 1.5, Number.NaN].map(retention),
  },
  CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE: {
    passes: [retention(awsLimits.CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE), endpoint({ logRetention: logs.RetentionDays.INFINITE })],
    fails: [retention(awsLimits.CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE - 1), retention(awsLimits.CLOUDWATCH_LOG_RETENTION_NEVER_EXPIRE + 1), retention(Number.POSITIVE_INFINITY)],
  },
  SAGEMAKER_FEATURE_NAME_MAX_LENGTH: {
    passes: [featureGroup(`f${text(awsLimits.SAGEMAKER_FEATURE_NAME_MAX_LENGTH - 1)}`)],
    fails: [featureGroup(`f${text(awsLimits.SAGEMAKER_FEATURE_NAME_MAX_LENGTH)}`)],
  },
};

/** The limits module's data exports (its functions apply the data and are tested through it). */
const LIMIT_NAMES = Object.entries(awsLimits).filter(([, value]) => typeof value !== 'function').map(([name]) => name);

test('every AWS limit has an edge case, and every edge case a limit', () => {
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
