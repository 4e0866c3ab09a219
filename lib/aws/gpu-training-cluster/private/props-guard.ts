import { ACCELERATOR_REQUEST_GUARD, guard } from '../../../core';
import { awsGuard } from '../../private/guard';

/** The runtime types of `GpuTrainingClusterProps`, checked first by the constructor (lib/core/guard). */
export const GPU_TRAINING_CLUSTER_PROPS_GUARD = guard.props({
  lake: awsGuard.lake(),
  vpc: awsGuard.vpc(),
  vpcSubnets: awsGuard.subnetSelection().optional(),
  accelerator: ACCELERATOR_REQUEST_GUARD,
  hyperPod: guard.boolean().optional(),
  clusterName: guard.string().optional(),
  controllerInstanceType: guard.string().optional(),
  workerGroups: guard.list(guard.object({
    name: guard.string(),
    accelerator: ACCELERATOR_REQUEST_GUARD.optional(),
    instanceType: guard.string().optional(),
  }, 'a worker group { name, accelerator or instanceType }')).optional(),
  deepHealthChecks: guard.boolean().optional(),
  nodeVolumeSize: awsGuard.size('gibibytes').optional(),
  fileSystem: guard.object({
    storageCapacity: awsGuard.size().optional(),
    throughputPerTiB: guard.number().optional(),
    lakeZone: guard.string().optional(),
  }, 'a file system { storageCapacity?, throughputPerTiB?, lakeZone? }').optional(),
  encryptionKey: awsGuard.key().optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
  inputZones: guard.list(guard.string()).optional(),
  artifactsPrefix: guard.string().optional(),
  trainingInstanceType: guard.string().optional(),
  // Read in milliseconds first (whole seconds), then in seconds.
  maxRuntime: awsGuard.duration('millis', 'seconds').optional(),
  useSpotInstances: guard.boolean().optional(),
  maxWait: awsGuard.duration('millis', 'seconds').optional(),
  trainingVolumeSize: awsGuard.size('gibibytes').optional(),
  networkIsolation: guard.boolean().optional(),
  imageRepositories: guard.list(awsGuard.repository()).optional(),
}, 'GpuTrainingClusterProps ({ lake, vpc, accelerator, ... })');
