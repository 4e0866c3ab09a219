import { guard } from '../../../core';
import { awsGuard } from '../../private/guard';

/** The runtime types of `ModelRegistryProps`, checked first by the constructor (lib/core/guard). */
export const MODEL_REGISTRY_PROPS_GUARD = guard.props({
  modelPackageGroupName: guard.string().optional(),
  description: guard.string().optional(),
  encryptionKey: awsGuard.key().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
}, 'ModelRegistryProps (an object; every prop is optional)');
