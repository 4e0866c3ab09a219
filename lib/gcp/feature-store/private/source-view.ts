import { bigQueryColumn, FeatureGroupSpec, FieldTypeKind, ResolvedFeature, ResolvedField, ValidationProblem, vertexValueType } from '../../../core';

/**
 * The column the Vertex AI feature registry reads each row's time from: a feature group over a
 * BigQuery source without a time-series setting uses the column `feature_timestamp` of type
 * TIMESTAMP. google provider 6.50 (GA) cannot set another column (`big_query.time_series` is not
 * in its schema), so the source view names the event time `feature_timestamp`.
 *
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureGroups#TimeSeries
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/prepare-data-source
 */
export const FEATURE_TIMESTAMP_COLUMN = 'feature_timestamp';

/**
 * Entity ID columns must hold `STRING` or `INT64` values (each under 4 KB).
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/prepare-data-source
 */
const ENTITY_ID_KINDS: ReadonlySet<string> = new Set([FieldTypeKind.STRING, FieldTypeKind.INT32, FieldTypeKind.INT64]);

/** BigQuery's type for each Vertex AI value type the type table produces. */
const BIGQUERY_TYPE_OF_VERTEX_TYPE: Record<string, string> = {
  BOOL: 'BOOL', INT64: 'INT64', DOUBLE: 'FLOAT64', STRING: 'STRING', BYTES: 'BYTES',
};

/**
 * What keeps a (valid) feature group spec from being registered in Vertex AI over its lake table;
 * property paths relative to the spec. Empty when it can be.
 *
 * | check                                   | why                                                                  |
 * |-----------------------------------------|----------------------------------------------------------------------|
 * | no `onlineTtl`                          | Vertex AI Feature Store has no time to live for online values         |
 * | entity keys are string or integer       | Vertex AI entity ID columns hold STRING or INT64 values               |
 * | no key or feature named feature_timestamp (unless it is the event time) | the view names the event time so |
 *
 * Feature names need no check of their own: spec feature names (at most 64 characters, within Vertex AI's 128 for feature ids) and schema field
 * names (128) are lowercase identifiers, which Vertex AI feature ids (128 characters of `[a-z0-9_]`,
 * not starting with a digit) always accept.
 * @see https://cloud.google.com/vertex-ai/docs/reference/rest/v1/projects.locations.featureGroups.features/create (featureId)
 */
export function featureSourceProblems(spec: FeatureGroupSpec): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  if (spec.onlineTtl !== undefined) {
    problems.push({
      property: 'onlineTtl',
      value: spec.onlineTtl.toString(),
      allowed: 'no onlineTtl on Google Cloud: Vertex AI Feature Store has no time to live for online values (a feature view serves the latest '
        + 'value of each entity until a newer one is synced), so the TTL would silently not apply; remove it from this spec, or use a spec without it for Vertex AI',
    });
  }
  spec.recordIdentifiers.forEach((key, i) => {
    const field = spec.schema.field(key);
    if (field !== undefined && !ENTITY_ID_KINDS.has(field.type.name)) {
      problems.push({
        property: `schema.entityKeys[${i}]`,
        value: key,
        allowed: `an entity key of type string, int32 or int64: Vertex AI entity ID columns hold STRING or INT64 values; "${key}" is ${field.type.toString()}`,
      });
    }
    if (key === FEATURE_TIMESTAMP_COLUMN && spec.eventTime !== FEATURE_TIMESTAMP_COLUMN) {
      problems.push({
        property: `schema.entityKeys[${i}]`,
        value: key,
        allowed: `a key named other than "${FEATURE_TIMESTAMP_COLUMN}", the column Vertex AI reads the event time from`,
      });
    }
  });
  spec.features.forEach((feature, i) => {
    if (feature.name === FEATURE_TIMESTAMP_COLUMN) {
      problems.push({
        property: `features[${i}].name`,
        value: feature.name,
        allowed: `a feature named other than "${FEATURE_TIMESTAMP_COLUMN}", the column Vertex AI reads the event time from`,
      });
    }
  });
  return problems;
}

/**
 * The SQL of the BigQuery view a feature group reads: the entity keys as they are, each feature
 * under its feature name and in the type Vertex AI serves it as (`vertexValueType`: decimals as
 * FLOAT64, dates as ISO `YYYY-MM-DD` strings, timestamps as ISO-8601 UTC strings), and the event
 * time as `feature_timestamp`.
 *
 * The filter on the event time always holds (it is the earliest TIMESTAMP BigQuery has); it is
 * there because lake tables require a partition filter, and BigQuery refuses any query on them,
 * Vertex AI's syncs included, that has none. Only a deploy shows BigQuery accepting it.
 *
 * @param spec a valid spec without {@link featureSourceProblems}
 * @param tableReference the lake table, as `project.dataset.table` (may hold Terraform references)
 * @see https://cloud.google.com/bigquery/docs/querying-partitioned-tables
 * @see https://cloud.google.com/bigquery/docs/reference/standard-sql/format-elements#format_elements_date_time
 */
export function featureSourceQuery(spec: FeatureGroupSpec, tableReference: string): string {
  const eventTime = quote(spec.eventTime);
  const columns = [
    ...spec.recordIdentifiers.map(quote),
    ...spec.features.map((feature) => {
      const expression = featureExpression(feature, spec.schema.field(feature.sourceField)!);
      return expression === quote(feature.name) ? expression : `${expression} AS ${quote(feature.name)}`;
    }),
    spec.eventTime === FEATURE_TIMESTAMP_COLUMN ? eventTime : `${eventTime} AS ${FEATURE_TIMESTAMP_COLUMN}`,
  ];
  return [
    `SELECT ${columns.join(', ')}`,
    `FROM \`${tableReference}\``,
    `WHERE ${eventTime} >= TIMESTAMP '0001-01-01 00:00:00+00'`,
  ].join('\n');
}

/** The BigQuery type of the column the view gives a feature (what Vertex AI reads). */
export function featureColumnType(feature: ResolvedFeature): string {
  return BIGQUERY_TYPE_OF_VERTEX_TYPE[vertexValueType(feature.type)];
}

function featureExpression(feature: ResolvedFeature, source: ResolvedField): string {
  const column = quote(source.name);
  if (source.type.kind === FieldTypeKind.TIMESTAMP) {
    return `FORMAT_TIMESTAMP('%Y-%m-%dT%H:%M:%E6SZ', ${column}, 'UTC')`;
  }
  const target = featureColumnType(feature);
  return bigQueryColumn(source).type === target ? column : `CAST(${column} AS ${target})`;
}

/** A BigQuery quoted identifier; names are validated identifiers, so no escaping is needed. */
function quote(name: string): string {
  return `\`${name}\``;
}
