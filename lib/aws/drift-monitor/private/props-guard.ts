import { guard } from '../../../core';
import { awsGuard } from '../../private/guard';

/**
 * The runtime types of the optional `DriftMonitorProps`, checked first by the constructor
 * (lib/core/guard); the spec, the lake, the baseline, the records and the references are checked
 * by the constructor's resolvers, which say which construct or factory fits.
 */
export const DRIFT_MONITOR_PROPS_GUARD = guard.props({
  resultsZone: guard.string().optional(),
  endpoint: guard.defined('a ModelEndpoint of this app (its capture configuration is read from it)').optional(),
  records: guard.defined('a CapturedRecords (CapturedRecords.table(...) or CapturedRecords.sageMakerCapture(...))').optional(),
  retrain: guard.defined('an ITrainingPipeline (a TrainingPipeline, or TrainingPipeline.fromTrainingPipelineAttributes)').optional(),
  // Read in hours and in minutes: a literal amount.
  window: awsGuard.duration('hours', 'minutes').optional(),
  alarmActions: awsGuard.alarmActions().optional(),
  stateMachineName: guard.string().optional(),
  encryptionKey: awsGuard.key().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
}, 'DriftMonitorProps ({ spec, lake, baseline, endpoint or records })');
