import { guard } from '../../../core';
import { awsGuard } from '../../private/guard';

/**
 * The runtime types of `DeliveryPipelineProps`, checked first by the constructor
 * (lib/core/guard); the stages and the registry are checked by the constructor's resolvers,
 * which say which stage or registry fits.
 */
export const DELIVERY_PIPELINE_PROPS_GUARD = guard.props({
  repository: guard.string(),
  branch: guard.string().optional(),
  connectionArn: guard.string(),
  installCommands: guard.list(guard.string()).optional(),
  testCommands: guard.list(guard.string()).optional(),
  synthCommands: guard.list(guard.string()).optional(),
  allowSharedEnvironment: guard.boolean().optional(),
  pipelineName: guard.string().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
  encryptionKey: awsGuard.key().optional(),
}, 'an object with repository, connectionArn, staging and production');
