/**
 * The service limits and rules a StreamingIngest is checked against, as named data with the
 * document each comes from, and the pure checks built on them. Each check returns what is allowed
 * when the input breaks a rule, or `undefined`; the construct turns that into an
 * MlopsValidationError under its own path.
 */
import { FieldType, FieldTypeKind, NamingRule, ResolvedField, TableSchema } from '../../../core';
import { CONVERTIBLE_KINDS, JsonSerDeProfile, unreadableFields } from './serde-profiles';

/**
 * Kinesis data stream names.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html (Name: pattern, 1 to 128)
 */
export const KINESIS_STREAM_NAME_RULE: NamingRule = {
  pattern: /^[a-zA-Z0-9_.-]{1,128}$/,
  description: '1 to 128 characters of letters, digits, underscores, dots and hyphens',
};

/**
 * Firehose stream (delivery stream) names.
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_CreateDeliveryStream.html (DeliveryStreamName: 1 to 64, [a-zA-Z0-9_.-]+)
 */
export const DELIVERY_STREAM_NAME_RULE: NamingRule = {
  pattern: /^[a-zA-Z0-9_.-]{1,64}$/,
  description: '1 to 64 characters of letters, digits, underscores, dots and hyphens',
};

/**
 * Kinesis retention, in whole hours: 24 hours to 365 days.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/TemplateReference/aws-resource-kinesis-stream.html (RetentionPeriodHours: 24 to 8760)
 */
export const STREAM_RETENTION_HOURS = { min: 24, max: 8760 } as const;

/**
 * Firehose S3 buffering interval, in whole seconds. The API allows 0 to 900; with dynamic
 * partitioning, zero buffering is not available and aws-cdk's Firehose destination enforces a
 * 60-second minimum.
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html (IntervalInSeconds: 0 to 900)
 * @see https://docs.aws.amazon.com/firehose/latest/dev/buffering.html ("Zero buffering feature is not available for dynamic partitioning")
 * @see https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-kinesisfirehose/lib/common.ts (bufferingInterval: minimum 60 s when dynamic partitioning is enabled)
 */
export const BUFFERING_INTERVAL_SECONDS = { min: 60, max: 900 } as const;

/**
 * Firehose S3 buffering size, in whole MiB. The API allows 1 to 128; record format conversion and
 * dynamic partitioning (both always on here) need at least 64 MiB.
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_BufferingHints.html (SizeInMBs: 1 to 128)
 * @see https://github.com/aws/aws-cdk/blob/main/packages/aws-cdk-lib/aws-kinesisfirehose/lib/private/helpers.ts ("When data format conversion or dynamic partitioning is enabled, buffering size must be at least 64 MiBs")
 */
export const BUFFERING_SIZE_MIB = { min: 64, max: 128 } as const;

/**
 * Longest S3 prefix (and error-output prefix) Firehose accepts.
 * @see https://docs.aws.amazon.com/firehose/latest/APIReference/API_ExtendedS3DestinationConfiguration.html (Prefix, ErrorOutputPrefix: 0 to 1024)
 */
export const MAX_PREFIX_LENGTH = 1024;

/** The expression Firehose replaces with the kind of failure in an error-output prefix. */
export const ERROR_OUTPUT_TYPE_EXPRESSION = '!{firehose:error-output-type}';

/**
 * What to declare instead of a kind that neither JSON deserializer reads: `bytes`. JSON has no
 * bytes type, the OpenX JSON SerDe has no binary reader, and the Hive (HCatalog) JSON SerDe throws
 * "JsonSerDe does not support BINARY type" (sources in `serde-profiles.ts`).
 */
const CONVERSION_ALTERNATIVES: Partial<Record<FieldTypeKind, string>> = {
  [FieldTypeKind.BYTES]: 'declare it as string holding base64 and decode downstream',
};

/**
 * Field kinds a partition key field may have: their JSON values become one S3 key segment each.
 * Floats (no stable text form), timestamps (the event time already partitions by date) and the
 * kinds conversion cannot carry are left out.
 */
export const PARTITION_KEY_KINDS: ReadonlySet<FieldTypeKind> = new Set([
  FieldTypeKind.STRING, FieldTypeKind.INT32, FieldTypeKind.INT64, FieldTypeKind.BOOLEAN, FieldTypeKind.DATE,
]);

/** Why a field cannot be carried by record format conversion with either JSON deserializer, or `undefined`. */
export function conversionProblem(field: ResolvedField): string | undefined {
  const kind = field.type.kind;
  if (kind !== undefined && CONVERTIBLE_KINDS.has(kind)) {
    return undefined;
  }
  const instead = kind !== undefined ? CONVERSION_ALTERNATIVES[kind] : undefined;
  return `a type that Firehose record format conversion carries from JSON to Parquet (${[...CONVERTIBLE_KINDS].join(', ')})`
    + `; "${field.name}" is ${field.type.toString()}${instead ? `: ${instead}` : ''}`;
}

/**
 * Why `profile` cannot read `schema`, or `undefined`: the OpenX JSON SerDe has no decimal or date
 * reader (see `serde-profiles.ts`).
 */
export function jsonDeserializerProblem(profile: JsonSerDeProfile, schema: TableSchema): string | undefined {
  const unreadable = unreadableFields(schema, profile);
  if (unreadable.length === 0) {
    return undefined;
  }
  const kinds = [...new Set(unreadable.map((f) => f.type.kind))].join(' and ');
  return `a deserializer that reads every field: the ${profile.name} has no ${kinds} reader `
    + `(${unreadable.map((f) => `"${f.name}" is ${f.type.toString()}`).join(', ')}); leave jsonDeserializer out or use StreamingIngestJsonDeserializer.HIVE`;
}

/** Why `type` cannot be a partition key's type, or `undefined`. */
export function partitionKeyTypeProblem(name: string, type: FieldType): string | undefined {
  const kind = type.kind;
  return kind !== undefined && PARTITION_KEY_KINDS.has(kind)
    ? undefined
    : `a field of type ${[...PARTITION_KEY_KINDS].join(', ')} (its value becomes an S3 key segment); "${name}" is ${type.toString()}`;
}

/** Why `value` is not a whole number within `range`, or `undefined`. */
export function wholeNumberInRangeProblem(value: number, range: { readonly min: number; readonly max: number }, unit: string, why: string): string | undefined {
  return Number.isInteger(value) && value >= range.min && value <= range.max
    ? undefined
    : `a whole number of ${unit} from ${range.min} to ${range.max} (${why})`;
}

/**
 * Why an error-output prefix is not acceptable, or `undefined`.
 *
 * Firehose rules: only the `firehose` and `timestamp` namespaces, and `!{firehose:error-output-type}`
 * present whenever expressions are used; this construct always requires it, so that each kind of
 * failure lands apart. Ours: it must not lie under the table's location, where Athena would read
 * the error documents (JSON) as Parquet data.
 * @see https://docs.aws.amazon.com/firehose/latest/dev/s3-prefixes.html
 * @see https://docs.aws.amazon.com/athena/latest/ug/tables-location-format.html ("Athena reads all data stored in the Amazon S3 folder that you specify")
 */
export function errorOutputPrefixProblem(prefix: string, tableLocationPrefix: string): string | undefined {
  const rule = `a prefix of at most ${MAX_PREFIX_LENGTH} characters, not starting with "/", containing ${ERROR_OUTPUT_TYPE_EXPRESSION}, `
    + `using only the !{firehose:...} and !{timestamp:...} namespaces, and outside the table location "${tableLocationPrefix}"`;
  if (prefix.length === 0 || prefix.length > MAX_PREFIX_LENGTH || prefix.startsWith('/')) {
    return rule;
  }
  if (!prefix.includes(ERROR_OUTPUT_TYPE_EXPRESSION)) {
    return rule;
  }
  const expressions = prefix.match(/!\{[^}]*\}?/g) ?? [];
  if (expressions.some((e) => !/^!\{(?:firehose:(?:error-output-type|random-string)|timestamp:[^{}]+)\}$/.test(e))) {
    return rule;
  }
  if (staticPrefix(prefix).startsWith(tableLocationPrefix)) {
    return rule;
  }
  return undefined;
}

/** The part of a Firehose prefix before its first expression: what an IAM resource can be scoped to. */
export function staticPrefix(prefix: string): string {
  const index = prefix.indexOf('!{');
  return index < 0 ? prefix : prefix.slice(0, index);
}
