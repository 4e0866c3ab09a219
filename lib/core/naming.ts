/**
 * Naming rules of the services the library names things in, written once and shared by both
 * clouds. Each rule is data (a pattern and the sentence that describes it), so error messages
 * always say what is allowed.
 */

/** A naming rule: what matches, and the sentence that tells a user what is allowed. */
export interface NamingRule {
  /** Whole-string pattern. */
  readonly pattern: RegExp;
  /** What is allowed, as a sentence fragment for error messages. */
  readonly description: string;
}

/**
 * Table and column names. Lowercase snake case fits every engine at once: Glue and Athena fold
 * names to lowercase, BigQuery allows letters, digits and underscores and reserves some leading
 * underscores, Avro names start with a letter or underscore.
 */
export const IDENTIFIER_RULE: NamingRule = {
  pattern: /^[a-z][a-z0-9_]{0,127}$/,
  description: '1 to 128 characters of lowercase letters, digits and underscores, starting with a letter',
};

/** Field names the lake reserves: the partition column it adds to every partitioned table. */
export const RESERVED_FIELD_NAMES: ReadonlySet<string> = new Set(['event_date']);

/**
 * A name prefix shared by the resources of one construct (`<prefix>-<zone>` buckets,
 * `<prefix>_<zone>` databases and datasets). Short enough that every derived name fits the
 * tightest service limit (GCS bucket names: 63 characters).
 */
export const PREFIX_RULE: NamingRule = {
  pattern: /^(?!goog)(?!.*google)[a-z](?:[a-z0-9-]{0,28}[a-z0-9])?$/,
  description: '1 to 30 characters of lowercase letters, digits and hyphens, starting with a letter, not ending with a hyphen, not starting with "goog" nor containing "google" (GCS reserves them)',
};

/** A lake zone name: becomes part of bucket names (hyphens kept) and database/dataset names (hyphens become underscores). */
export const ZONE_NAME_RULE: NamingRule = {
  pattern: /^[a-z](?:[a-z0-9-]{0,18}[a-z0-9])?$/,
  description: '1 to 20 characters of lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen',
};

/**
 * S3 general purpose bucket names.
 * @see https://docs.aws.amazon.com/AmazonS3/latest/userguide/bucketnamingrules.html
 */
export const S3_BUCKET_NAME_RULE: NamingRule = {
  pattern: /^(?!xn--|sthree-|amzn-s3-demo-)(?!.*(?:-s3alias|--ol-s3|\.mrap|--x-s3|--table-s3)$)(?!\d+\.\d+\.\d+\.\d+$)(?!.*\.\.)[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/,
  description: '3 to 63 characters of lowercase letters, digits, dots and hyphens, starting and ending with a letter or digit, no "..", not an IP address, without the prefixes and suffixes S3 reserves',
};

/**
 * Google Cloud Storage bucket names (without dots, which need domain verification).
 * @see https://cloud.google.com/storage/docs/buckets#naming
 */
export const GCS_BUCKET_NAME_RULE: NamingRule = {
  pattern: /^(?!goog)(?!.*google)[a-z0-9][a-z0-9_-]{1,61}[a-z0-9]$/,
  description: '3 to 63 characters of lowercase letters, digits, hyphens and underscores, starting and ending with a letter or digit, not starting with "goog" nor containing "google"',
};

/**
 * Glue Data Catalog database and table names (lowercase: Athena folds names).
 * @see https://docs.aws.amazon.com/athena/latest/ug/tables-databases-columns-names.html
 */
export const GLUE_NAME_RULE: NamingRule = {
  pattern: /^[a-z0-9_]{1,255}$/,
  description: '1 to 255 characters of lowercase letters, digits and underscores',
};

/**
 * BigQuery dataset ids.
 * @see https://cloud.google.com/bigquery/docs/datasets#dataset-naming
 */
export const BIGQUERY_DATASET_RULE: NamingRule = {
  pattern: /^[A-Za-z0-9_]{1,1024}$/,
  description: '1 to 1024 characters of letters, digits and underscores',
};

/**
 * Athena workgroup names.
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-athena-workgroup.html
 */
export const ATHENA_WORKGROUP_RULE: NamingRule = {
  pattern: /^[a-zA-Z0-9._-]{1,128}$/,
  description: '1 to 128 characters of letters, digits, dots, underscores and hyphens',
};

/** `undefined` when `value` follows `rule`, else the rule's description. */
export function namingProblem(rule: NamingRule, value: unknown): string | undefined {
  return typeof value === 'string' && rule.pattern.test(value) ? undefined : rule.description;
}

/** `my-zone` → `my_zone`: the form of a zone or prefix in database and dataset names. */
export function toSnakeCase(name: string): string {
  return name.replace(/-/g, '_');
}
