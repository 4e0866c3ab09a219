/**
 * The replacement fingerprint of a feature group: a short digest of every property whose change
 * makes CloudFormation replace the `AWS::SageMaker::FeatureGroup` (its `createOnlyProperties`),
 * one segment per property so that a mismatch can say which ones changed.
 *
 * Read from the resource's public properties once aspects have run (tags are applied by aspects)
 * and resolved to their template form, so a reference to a bucket, key or role is fingerprinted as
 * the logical id it points to: replacing the key changes the fingerprint, renaming nothing does not.
 *
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-featuregroup.html
 *   ("Update requires: Replacement" on each property below; `OnlineStoreConfig.TtlDuration`,
 *   `FeatureDefinitions` and `ThroughputConfig` update without interruption and are left out)
 */
import * as crypto from 'crypto';
import { Stack } from 'aws-cdk-lib/core';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';

/** Version tag of the fingerprint format, so that a later format can recognise this one. */
const VERSION = 'v1';
/** Hex digits per property: 24 bits, so a changed property goes unnoticed with a chance of 6e-8. */
const SEGMENT_LENGTH = 6;

/** One replacement-forcing property: its CloudFormation name and how to read it from the resource. */
interface ReplacementSetting {
  readonly property: string;
  readonly read: (cfn: sagemaker.CfnFeatureGroup) => unknown;
}

/** The replacement-forcing properties, in fingerprint order. Never reorder: committed fingerprints depend on it. */
export const REPLACEMENT_SETTINGS: readonly ReplacementSetting[] = [
  { property: 'FeatureGroupName', read: (cfn) => cfn.featureGroupName },
  { property: 'RecordIdentifierFeatureName', read: (cfn) => cfn.recordIdentifierFeatureName },
  { property: 'EventTimeFeatureName', read: (cfn) => cfn.eventTimeFeatureName },
  { property: 'OnlineStoreConfig (EnableOnlineStore, StorageType, SecurityConfig)', read: (cfn) => withoutTtl(Stack.of(cfn).resolve(cfn.onlineStoreConfig)) },
  { property: 'OfflineStoreConfig', read: (cfn) => cfn.offlineStoreConfig },
  { property: 'RoleArn', read: (cfn) => cfn.roleArn },
  { property: 'Description', read: (cfn) => cfn.description },
  { property: 'Tags', read: (cfn) => sortTags(Stack.of(cfn).resolve(cfn.tags.renderTags())) },
];

/** `v1.` then one segment per setting, dot-separated. */
export const FINGERPRINT_PATTERN = new RegExp(`^${VERSION}(\\.[0-9a-f]{${SEGMENT_LENGTH}}){${REPLACEMENT_SETTINGS.length}}$`);

/** What a fingerprint looks like, for error messages. */
export const FINGERPRINT_FORMAT = `"${VERSION}." followed by ${REPLACEMENT_SETTINGS.length} dot-separated groups of ${SEGMENT_LENGTH} lowercase hex digits, as printed by a synth`;

/** The fingerprint of a feature group's current replacement-forcing settings. */
export function replacementFingerprint(cfn: sagemaker.CfnFeatureGroup): string {
  const stack = Stack.of(cfn);
  const segments = REPLACEMENT_SETTINGS.map((setting) => digest(canonicalJson(stack.resolve(setting.read(cfn)))));
  return [VERSION, ...segments].join('.');
}

/**
 * The settings whose segment differs between two well-formed fingerprints, by CloudFormation
 * property name.
 */
export function changedSettings(committed: string, current: string): string[] {
  const before = committed.split('.').slice(1);
  const now = current.split('.').slice(1);
  return REPLACEMENT_SETTINGS.filter((_, i) => before[i] !== now[i]).map((s) => s.property);
}

function digest(text: string): string {
  return crypto.createHash('sha256').update(text).digest('hex').slice(0, SEGMENT_LENGTH);
}

/** JSON with object keys sorted at every level; `undefined` becomes `null`. */
function canonicalJson(value: unknown): string {
  if (value === undefined || value === null) {
    return 'null';
  }
  if (Array.isArray(value)) {
    return `[${value.map(canonicalJson).join(',')}]`;
  }
  if (typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>)
      .filter(([, v]) => v !== undefined)
      .sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value);
}

/** The online store settings without the TTL, which SageMaker updates in place. */
function withoutTtl(config: unknown): unknown {
  if (config === null || typeof config !== 'object' || Array.isArray(config)) {
    return config;
  }
  const { TtlDuration: _ttl, ...rest } = config as Record<string, unknown>;
  return rest;
}

/** Tags in key order: CloudFormation treats them as a set. */
function sortTags(tags: unknown): unknown {
  if (!Array.isArray(tags)) {
    return tags;
  }
  return [...tags].sort((a, b) => canonicalJson(a).localeCompare(canonicalJson(b)));
}
