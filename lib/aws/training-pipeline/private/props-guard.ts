import { guard } from '../../../core';
import { awsGuard } from '../../private/guard';

/**
 * The runtime types of the optional `TrainingPipelineProps`, checked first by the constructor
 * (lib/core/guard); the props object and the required references (`lake`, `spec`, `training`,
 * `registry`) are checked by the constructor's own resolvers, which say which construct fits.
 */
export const TRAINING_PIPELINE_PROPS_GUARD = guard.props({
  sourceZone: guard.string().optional(),
  stateMachineName: guard.string().optional(),
  alarmActions: awsGuard.alarmActions().optional(),
  encryptionKey: awsGuard.key().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
  timeout: awsGuard.duration('seconds').optional(),
}, 'TrainingPipelineProps ({ lake, spec, training, registry })');
