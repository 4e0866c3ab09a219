import { guard } from '../../../core';
import { awsGuard } from '../../private/guard';

/**
 * The runtime types of `DeliveryPipelineProps`, checked first by the constructor
 * (lib/core/guard); the source, the stages and the registry are checked by the constructor's
 * resolvers, which say what fits.
 */
export const DELIVERY_PIPELINE_PROPS_GUARD = guard.props({
  // The source and the commands are checked by the constructor's rules (which say what git and
  // CodeBuild accept); a parameter's list cannot be merged into the build spec at synth.
  installCommands: guard.literal('a list of commands known at synth time: they are written into the build spec').optional(),
  testCommands: guard.literal('a list of commands known at synth time: they are written into the build spec').optional(),
  synthCommands: guard.literal('a list of commands known at synth time: they are written into the build spec').optional(),
  allowSharedEnvironment: guard.boolean().optional(),
  pipelineName: guard.string().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
  encryptionKey: awsGuard.key().optional(),
}, 'an object with repository, connectionArn, staging and production');
