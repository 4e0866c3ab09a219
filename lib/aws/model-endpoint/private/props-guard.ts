import { guard } from '../../../core';
import { awsGuard } from '../../private/guard';
import { ModelEndpointCapacity } from '../capacity';
import { ModelEndpointDeployment } from '../deployment';
import { ModelEndpointInference } from '../inference';
import { ModelEndpointModel } from '../model';

/** The runtime types of `ModelEndpointProps`, checked first by the constructor (lib/core/guard). */
export const MODEL_ENDPOINT_PROPS_GUARD = guard.props({
  model: guard.satisfies((v) => v instanceof ModelEndpointModel, 'a ModelEndpointModel (ModelEndpointModel.fromLake(...) or ModelEndpointModel.fromModelPackage(...))'),
  capacity: guard.satisfies((v) => v instanceof ModelEndpointCapacity, 'a ModelEndpointCapacity (ModelEndpointCapacity.instances(...) or .serverless(...))').optional(),
  deployment: guard.satisfies((v) => v instanceof ModelEndpointDeployment, 'a ModelEndpointDeployment (ModelEndpointDeployment.canary(...), .linear(...) or .allAtOnce())').optional(),
  inference: guard.satisfies((v) => v instanceof ModelEndpointInference, 'a ModelEndpointInference (ModelEndpointInference.realTime() or .asynchronous(...))').optional(),
  endpointName: guard.string().optional(),
  variantName: guard.string().optional(),
  environment: guard.record(guard.string(), 'an object of environment variables, each value a string').optional(),
  networkIsolation: guard.boolean().optional(),
  vpc: awsGuard.vpc().optional(),
  vpcSubnets: awsGuard.subnetSelection().optional(),
  securityGroups: guard.list(awsGuard.securityGroup()).optional(),
  captureLake: awsGuard.lake().optional(),
  captureZone: guard.string().optional(),
  capturePrefix: guard.string().optional(),
  captureSamplingPercentage: guard.number().optional(),
  captureRequests: guard.boolean().optional(),
  captureResponses: guard.boolean().optional(),
  captureCsvContentTypes: guard.list(guard.string()).optional(),
  captureJsonContentTypes: guard.list(guard.string()).optional(),
  encryptionKey: awsGuard.key().optional(),
  logRetention: guard.number({ integer: true }).optional(),
  removalPolicy: awsGuard.removalPolicy().optional(),
  errorRateAlarmThreshold: guard.number().optional(),
  modelLatencyAlarmThreshold: awsGuard.literalDuration('the alarm compares microseconds, and a parameter\'s amount cannot be multiplied at synth').optional(),
  rollbackAlarms: awsGuard.alarms().optional(),
  alarmActions: awsGuard.alarmActions().optional(),
}, 'ModelEndpointProps ({ model, ... })');
