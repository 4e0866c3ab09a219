/**
 * Which resources hold data (so a changed logical id or address would replace them and can lose
 * it), and the manifest of those ids that the tests compare against.
 */
import * as fs from 'fs';
import * as path from 'path';

/**
 * CloudFormation types whose replacement loses data or makes data unreadable. Glue databases and
 * tables are not here: they are catalog entries over data in S3 (partitions are projected), so
 * re-creating one loses nothing.
 */
export const AWS_STATEFUL_TYPES: ReadonlySet<string> = new Set([
  'AWS::S3::Bucket', 'AWS::KMS::Key',
  'AWS::Kinesis::Stream', 'AWS::DynamoDB::Table', 'AWS::SQS::Queue', 'AWS::Logs::LogGroup',
  'AWS::SageMaker::FeatureGroup', 'AWS::SageMaker::ModelPackageGroup', 'AWS::FSx::FileSystem',
]);

/** Terraform google resource types whose replacement loses data or makes data unreadable. */
export const GCP_STATEFUL_TYPES: ReadonlySet<string> = new Set([
  'google_storage_bucket', 'google_bigquery_dataset', 'google_bigquery_table',
  'google_kms_key_ring', 'google_kms_crypto_key', 'google_pubsub_topic', 'google_pubsub_subscription',
  'google_bigtable_instance', 'google_vertex_ai_feature_online_store', 'google_vertex_ai_feature_group',
  'google_filestore_instance',
  'google_artifact_registry_repository',
]);

/** Stack name → stateful id (logical id or Terraform address) → resource type. */
export type StatefulIds = Record<string, Record<string, string>>;

/** The committed manifest: stateful ids per cloud and stack. */
export interface StatefulManifest {
  readonly aws: StatefulIds;
  readonly gcp: StatefulIds;
}

/** Where the manifest lives. */
export const MANIFEST_FILE = path.join(__dirname, '..', 'test', 'stateful-manifest.json');

/** Stateful logical ids of a CloudFormation template. */
export function awsStatefulIds(template: { Resources?: Record<string, { Type: string }> }): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [logicalId, resource] of Object.entries(template.Resources ?? {}).sort(([a], [b]) => a.localeCompare(b))) {
    if (AWS_STATEFUL_TYPES.has(resource.Type)) {
      ids[logicalId] = resource.Type;
    }
  }
  return ids;
}

/** Stateful resource addresses (`type.name`) of a synthesized Terraform JSON stack. */
export function gcpStatefulIds(tf: { resource?: Record<string, Record<string, unknown>> }): Record<string, string> {
  const ids: Record<string, string> = {};
  for (const [type, byName] of Object.entries(tf.resource ?? {})) {
    if (GCP_STATEFUL_TYPES.has(type)) {
      for (const name of Object.keys(byName)) {
        ids[`${type}.${name}`] = type;
      }
    }
  }
  return Object.fromEntries(Object.entries(ids).sort(([a], [b]) => a.localeCompare(b)));
}

/** Reads the committed manifest (empty when there is none yet). */
export function readManifest(): StatefulManifest {
  return fs.existsSync(MANIFEST_FILE) ? JSON.parse(fs.readFileSync(MANIFEST_FILE, 'utf8')) : { aws: {}, gcp: {} };
}

/**
 * What changed between the committed manifest and the current ids, as sentences; empty when
 * nothing did. Both directions count: a vanished id is a replaced resource, a new one is not yet
 * guarded.
 */
export function manifestDifferences(cloud: 'aws' | 'gcp', committed: StatefulIds, current: StatefulIds): string[] {
  const what = cloud === 'aws' ? 'logical id' : 'resource address';
  const engine = cloud === 'aws' ? 'CloudFormation' : 'Terraform';
  const problems: string[] = [];
  for (const stack of new Set([...Object.keys(committed), ...Object.keys(current)])) {
    const before = committed[stack] ?? {};
    const now = current[stack] ?? {};
    for (const [id, type] of Object.entries(before)) {
      if (!(id in now)) {
        problems.push(`${cloud} stack ${stack}: stateful ${type} with ${what} "${id}" is gone or was renamed. `
          + `${engine} would delete and re-create it, which can lose its data.`);
      } else if (now[id] !== type) {
        problems.push(`${cloud} stack ${stack}: "${id}" was a ${type} and is now a ${now[id]}.`);
      }
    }
    for (const [id, type] of Object.entries(now)) {
      if (!(id in before)) {
        problems.push(`${cloud} stack ${stack}: new stateful ${type} "${id}" is not in the manifest yet.`);
      }
    }
  }
  return problems;
}
