/**
 * The feature store's own choices, as named data in one place: where offline stores go in the
 * lake, how their tables are named, which table format they use, and the warning a user gets for a
 * weaker key than the default.
 */
import { Annotations } from 'aws-cdk-lib';
import * as kms from 'aws-cdk-lib/aws-kms';
import { IConstruct } from 'constructs';
import { StandardZone, toSnakeCase } from '../../../core';

/** Stable ids of the warnings the feature store adds when a user weakens a default. */
export const FEATURE_STORE_WARNING_IDS = {
  /** An online-store key passed in is a key of this app whose rotation is off. */
  keyRotationDisabled: 'mlops-constructs:FeatureStore.keyRotationDisabled',
} as const;

/** The lake zone offline stores go to when none is given: curated data is what features are computed from. */
export const DEFAULT_OFFLINE_ZONE: string = StandardZone.CURATED;

/**
 * Offline store table format: Apache Iceberg, which the service recommends (small files can be
 * compacted while the group is read and written).
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-storage-configurations-offline-store.html
 */
export const OFFLINE_TABLE_FORMAT = 'Iceberg';

/** Key prefix of a group's offline store in the zone bucket: `feature-store/<feature group name>/`. */
export function offlineStoreKeyPrefix(featureGroupName: string): string {
  return `feature-store/${featureGroupName}/`;
}

/**
 * Glue table Feature Store creates for a group's offline store, in the zone's database:
 * `fs_<feature group name in snake case>`, apart from the tables the lake creates from schemas.
 */
export function offlineTableName(featureGroupName: string): string {
  return `fs_${toSnakeCase(featureGroupName)}`;
}

/**
 * Warns when an online-store key passed in is a key of this app with rotation off. A key imported
 * by ARN is not inspectable, and gets no warning.
 */
export function flagWeakenedOnlineStoreKey(scope: IConstruct, key: kms.IKey): void {
  const cfn = key.node.defaultChild;
  if (cfn instanceof kms.CfnKey && cfn.enableKeyRotation !== true) {
    Annotations.of(scope).addWarningV2(FEATURE_STORE_WARNING_IDS.keyRotationDisabled,
      `onlineStoreEncryptionKey ${key.node.path} has key rotation off; the feature store's default key rotates yearly. Pass a key with enableKeyRotation: true.`);
  }
}
