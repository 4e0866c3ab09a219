import { FeatureGroupSpec, guard } from '../../../core';
import { awsGuard } from '../../private/guard';

/** A `FeatureGroupSpec` instance. */
export const FEATURE_GROUP_SPEC_GUARD = guard.satisfies((v) => v instanceof FeatureGroupSpec, 'a FeatureGroupSpec (new FeatureGroupSpec({ name, schema }))');

/** The runtime types of `FeatureStoreGroupProps` (a `featureGroups` entry, an `addFeatureGroup` argument). */
export const FEATURE_STORE_GROUP_GUARD = guard.object({
  spec: FEATURE_GROUP_SPEC_GUARD,
  replacementFingerprint: guard.string().optional(),
  onlineStorageType: guard.oneOf(['Standard', 'InMemory'], 'FeatureStoreOnlineStorageType.STANDARD or IN_MEMORY').optional(),
}, 'a feature group { spec, replacementFingerprint?, onlineStorageType? }');

/** The runtime types of `FeatureStoreProps`, checked first by the constructor (lib/core/guard). */
export const FEATURE_STORE_PROPS_GUARD = guard.props({
  lake: guard.withMethods(['zoneBucket', 'glueDatabaseName'], 'the IDataLake that holds the offline stores (a DataLake or DataLake.fromDataLakeAttributes)'),
  featureGroups: guard.list(FEATURE_STORE_GROUP_GUARD).optional(),
  prefix: guard.string().optional(),
  offlineZone: guard.string().optional(),
  onlineStoreEncryptionKey: awsGuard.key().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
}, 'FeatureStoreProps ({ lake, featureGroups?, ... })');
