import { guard, StandardZone, ValidationProblem } from '../../core';
import { IDataLake } from '../data-lake';
import { asyncConcurrencyProblems, keyPrefixProblems, zoneProblems } from './private/validation';
import { AWS_GUARD_CONTEXT, awsGuard } from '../private/guard';

/** Asynchronous inference. */
export interface ModelEndpointAsyncInferenceProps {
  /** The lake holding request payloads, results and failures. */
  readonly lake: IDataLake;
  /**
   * The zone of `lake` used.
   * @default 'artifacts'
   */
  readonly zone?: string;
  /**
   * Key prefix under which `input/`, `output/` and `failures/` are kept. Ends with `/`.
   * @default 'async-inference/<endpointName>/'
   */
  readonly prefix?: string;
  /**
   * Concurrent requests SageMaker sends to the container of each instance: 1 to 1000.
   * @default - SageMaker chooses
   */
  readonly maxConcurrentInvocationsPerInstance?: number;
}

/** The runtime types of `ModelEndpointAsyncInferenceProps` (lib/core/guard), checked when the endpoint resolves them. */
const ASYNC_INFERENCE_GUARD = guard.props({
  lake: awsGuard.lake(),
  zone: guard.string().optional(),
  prefix: guard.string().optional(),
}, 'asynchronous inference props ({ lake, zone?, prefix?, maxConcurrentInvocationsPerInstance? })');

/**
 * How clients call the endpoint (enum-like). An asynchronous endpoint takes only asynchronous
 * invocations: payloads are read from and results written to the lake.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html
 */
export class ModelEndpointInference {
  /** Real-time invocations (InvokeEndpoint). */
  public static realTime(): ModelEndpointInference {
    return new ModelEndpointInference(undefined);
  }

  /**
   * Asynchronous invocations (InvokeEndpointAsync), with payloads and results in the lake.
   * @param props lake, zone, prefix, concurrency
   */
  public static asynchronous(props: ModelEndpointAsyncInferenceProps): ModelEndpointInference {
    return new ModelEndpointInference(props);
  }

  /** @param asyncProps the asynchronous settings; undefined for real-time invocations */
  private constructor(private readonly asyncProps: ModelEndpointAsyncInferenceProps | undefined) {}

  /** Problems with the inference mode, property paths relative to it: the zone, the prefix and the concurrency of asynchronous inference. */
  public problems(): ValidationProblem[] {
    const a = this.asyncProps;
    if (a === undefined) {
      return [];
    }
    const typeProblems = ASYNC_INFERENCE_GUARD.problems(a, '', AWS_GUARD_CONTEXT);
    if (typeProblems.length > 0) {
      return typeProblems;
    }
    return [
      ...zoneProblems(a.lake, a.zone ?? StandardZone.ARTIFACTS, 'zone'),
      ...(a.prefix === undefined ? [] : keyPrefixProblems('prefix', a.prefix)),
      ...asyncConcurrencyProblems(a.maxConcurrentInvocationsPerInstance),
    ];
  }

  /**
   * The asynchronous settings; `undefined` for real-time invocations.
   * @internal
   */
  public get _async(): ModelEndpointAsyncInferenceProps | undefined {
    return this.asyncProps;
  }
}
