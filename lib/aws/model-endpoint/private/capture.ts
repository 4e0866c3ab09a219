/**
 * Where the endpoint's data goes in the lake, and the endpoint configuration blocks that send it
 * there: data capture of requests and responses (the input of drift monitoring), and the payloads,
 * results and failures of asynchronous inference.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html
 */
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { IConstruct } from 'constructs';
import { MlopsValidationError, StandardZone, throwIfProblems } from '../../../core';
import { IDataLake } from '../../data-lake';
import { GrantStatement } from '../../private/grants';
import type { ModelEndpointAsyncInferenceProps } from '../inference';
import type { ModelEndpointCaptureLocation, ModelEndpointProps } from '../model-endpoint';
import { KEY_ENCRYPT_ACTIONS, OBJECT_READ_ACTIONS, OBJECT_WRITE_ACTIONS } from './execution-policy';
import { CAPTURE_LIMITS } from './limits';
import { contentTypesProblems, keyPrefixProblems, samplingPercentageProblems, zoneProblems } from './validation';

/** The capture props that only make sense with `captureLake`. */
const CAPTURE_OPTIONS = ['captureZone', 'capturePrefix', 'captureSamplingPercentage', 'captureRequests', 'captureResponses', 'captureCsvContentTypes', 'captureJsonContentTypes'] as const;

/** Where asynchronous inference keeps its objects: `<prefix>input/`, `output/` and `failures/` of one zone bucket. */
export interface AsyncLocation {
  readonly lake: IDataLake;
  readonly bucket: s3.IBucket;
  readonly prefix: string;
}

/** Where captures go: the capture zone's bucket (default `raw`) under `captures/<endpointName>/` unless given. Throws under `scope`. */
export function resolveCaptureLocation(scope: IConstruct, lake: IDataLake, props: ModelEndpointProps, endpointName: string): ModelEndpointCaptureLocation {
  const zone = props.captureZone ?? StandardZone.RAW;
  throwIfProblems(scope, '', zoneProblems(lake, zone, 'captureZone'));
  const bucket = lake.zoneBucket(zone);
  const prefix = props.capturePrefix ?? `captures/${endpointName}/`;
  throwIfProblems(scope, '', keyPrefixProblems('capturePrefix', prefix));
  return {
    bucket, prefix, s3Uri: `s3://${bucket.bucketName}/${prefix}`, lake, zone,
    samplingPercentage: props.captureSamplingPercentage ?? CAPTURE_LIMITS.maxSamplingPercentage,
    requests: props.captureRequests ?? true,
    responses: props.captureResponses ?? true,
  };
}

/**
 * The endpoint configuration's `DataCaptureConfig`, or `undefined` without a capture location (then
 * no capture option may be set). Throws under `scope` for options out of range.
 */
export function renderDataCaptureConfig(scope: IConstruct, props: ModelEndpointProps, location: ModelEndpointCaptureLocation | undefined): sagemaker.CfnEndpointConfig.DataCaptureConfigProperty | undefined {
  if (location === undefined) {
    for (const prop of CAPTURE_OPTIONS) {
      if (props[prop] !== undefined) {
        throw new MlopsValidationError(scope, prop, props[prop], 'only together with captureLake (the lake that receives the captures)');
      }
    }
    return undefined;
  }
  const sampling = props.captureSamplingPercentage ?? CAPTURE_LIMITS.maxSamplingPercentage;
  throwIfProblems(scope, '', samplingPercentageProblems(sampling));
  const modes = [
    ...(props.captureRequests ?? true ? [{ captureMode: 'Input' }] : []),
    ...(props.captureResponses ?? true ? [{ captureMode: 'Output' }] : []),
  ];
  if (modes.length === 0) {
    throw new MlopsValidationError(scope, 'captureResponses', false, 'capturing requests, responses or both (with captureRequests and captureResponses both false, leave captureLake unset)');
  }
  const csv = contentTypes(scope, 'captureCsvContentTypes', props.captureCsvContentTypes ?? ['text/csv']);
  const json = contentTypes(scope, 'captureJsonContentTypes', props.captureJsonContentTypes ?? ['application/json']);
  return {
    enableCapture: true,
    initialSamplingPercentage: sampling,
    destinationS3Uri: location.s3Uri,
    kmsKeyId: props.captureLake!.encryptionKey?.keyArn,
    captureOptions: modes,
    captureContentTypeHeader: csv.length + json.length > 0 ? { csvContentTypes: csv.length > 0 ? csv : undefined, jsonContentTypes: json.length > 0 ? json : undefined } : undefined,
  };
}

/** Where asynchronous inference keeps its objects: the zone's bucket (default `artifacts`) under `async-inference/<endpointName>/` unless given. The inference must have no problems. */
export function resolveAsyncLocation(asyncProps: ModelEndpointAsyncInferenceProps, endpointName: string): AsyncLocation {
  const bucket = asyncProps.lake.zoneBucket(asyncProps.zone ?? StandardZone.ARTIFACTS);
  return { lake: asyncProps.lake, bucket, prefix: asyncProps.prefix ?? `async-inference/${endpointName}/` };
}

/** The endpoint configuration's `AsyncInferenceConfig`. */
export function renderAsyncInferenceConfig(location: AsyncLocation, asyncProps: ModelEndpointAsyncInferenceProps): sagemaker.CfnEndpointConfig.AsyncInferenceConfigProperty {
  return {
    outputConfig: {
      s3OutputPath: `s3://${location.bucket.bucketName}/${location.prefix}output/`,
      s3FailurePath: `s3://${location.bucket.bucketName}/${location.prefix}failures/`,
      kmsKeyId: asyncProps.lake.encryptionKey?.keyArn,
    },
    clientConfig: asyncProps.maxConcurrentInvocationsPerInstance !== undefined
      ? { maxConcurrentInvocationsPerInstance: asyncProps.maxConcurrentInvocationsPerInstance }
      : undefined,
  };
}

/** What a client of an asynchronous endpoint needs besides the invoke action: write payloads, read results and failures, the lake's key. */
export function asyncClientStatements(location: AsyncLocation): GrantStatement[] {
  const key = location.lake.encryptionKey;
  return [
    {
      sid: 'WriteAsyncInput',
      actions: OBJECT_WRITE_ACTIONS,
      resourceArns: [location.bucket.arnForObjects(`${location.prefix}input/*`)],
      wildcardReason: 'Asynchronous inference payloads: a client writes one object per request under the endpoint\'s input/ prefix of the lake zone.',
    },
    {
      sid: 'ReadAsyncResults',
      actions: OBJECT_READ_ACTIONS,
      resourceArns: [location.bucket.arnForObjects(`${location.prefix}output/*`), location.bucket.arnForObjects(`${location.prefix}failures/*`)],
      wildcardReason: 'Asynchronous inference results: SageMaker writes one object per request under the endpoint\'s output/ and failures/ prefixes, which the client reads.',
    },
    ...(key ? [{ sid: 'AsyncLakeKey', actions: KEY_ENCRYPT_ACTIONS, resourceArns: [key.keyArn] }] : []),
  ];
}

function contentTypes(scope: IConstruct, property: string, types: string[]): string[] {
  throwIfProblems(scope, '', contentTypesProblems(property, types));
  return [...types];
}
