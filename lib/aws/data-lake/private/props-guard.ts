import { guard } from '../../../core';
import { awsGuard } from '../../private/guard';

/** The runtime types of `DataLakeProps`, checked first by the constructor (lib/core/guard). */
export const DATA_LAKE_PROPS_GUARD = guard.props({
  prefix: guard.string().optional(),
  zones: guard.list(guard.object({ name: guard.string(), lifecycle: guard.object({}, 'a LakeLifecycle object').optional() }, 'a zone { name, lifecycle? }')).optional(),
  tables: guard.list(guard.object({}, 'a table spec { zone, schema }')).optional(),
  encryptionKey: awsGuard.key().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
  athenaBytesScannedCutoffPerQuery: awsGuard.size().optional(),
  accessLogsBucket: awsGuard.bucket().optional(),
}, 'DataLakeProps (an object; every prop is optional)');
