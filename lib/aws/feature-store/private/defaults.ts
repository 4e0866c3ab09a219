/**
 * The feature store's own choices, as named data in one place: where offline stores go in the
 * lake, how their tables are named and which table format they use.
 */
import { StandardZone, toSnakeCase } from '../../../core';

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
