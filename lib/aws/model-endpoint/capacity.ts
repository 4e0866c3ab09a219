import { Duration, Size } from 'aws-cdk-lib/core';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { AcceleratorRequest, ValidationProblem } from '../../core';
import {
  ResolvedCapacity,
  resolveInstanceCapacity,
  ResolvedScaling,
  resolveScaling,
  resolveServerlessCapacity,
} from './private/validation';
import { ACCELERATOR_REQUEST_GUARD, guard } from '../../core';
import { AWS_GUARD_CONTEXT, awsGuard } from '../private/guard';

/** The variants of {@link ModelEndpointCapacity}. */
type CapacityVariant =
  | { readonly kind: 'instances'; readonly props: ModelEndpointInstanceCapacityProps }
  | { readonly kind: 'serverless'; readonly props: ModelEndpointServerlessCapacityProps };

/** Instance-backed capacity. */
export interface ModelEndpointInstanceCapacityProps {
  /**
   * The instance type, `ml.<family>.<size>`. A GPU type must be a row of the accelerator
   * catalog. Give this or `accelerator`, not both.
   * @default - from `accelerator`, else 'ml.m5.xlarge'
   */
  readonly instanceType?: string;
  /**
   * GPUs per instance, resolved through the accelerator catalog to the smallest SageMaker type
   * carrying them (the same request a Vertex AI endpoint takes). Its `nodeCount`, when given,
   * is the instance count.
   * @default - no accelerator; `instanceType`
   */
  readonly accelerator?: AcceleratorRequest;
  /**
   * Instances at creation, and the autoscaling minimum. After creation the endpoint keeps its
   * live instance count across updates; a change here moves the autoscaling minimum.
   * @default - `accelerator.nodeCount` if given, else 2
   */
  readonly instanceCount?: number;
  /**
   * Autoscaling maximum. Equal to `instanceCount` turns autoscaling off.
   * @default - twice `instanceCount`
   */
  readonly maxInstanceCount?: number;
  /**
   * Target of the target-tracking policy on `SageMakerVariantInvocationsPerInstance`
   * (invocations per instance per minute). 70 is a starting point, not a measurement: load-test
   * the model and set `(MAX_RPS × SAFETY_FACTOR) × 60` (SageMaker suggests starting with a
   * safety factor of 0.5).
   * @default 70
   * @see https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html
   */
  readonly targetInvocationsPerInstance?: number;
  /**
   * Wait after a scale-in before the next one.
   * @default Duration.minutes(5)
   */
  readonly scaleInCooldown?: Duration;
  /**
   * Wait after a scale-out before the next one.
   * @default Duration.minutes(1)
   */
  readonly scaleOutCooldown?: Duration;
  /**
   * Whether the instance type has local NVMe storage. Such storage is encrypted by the
   * instance's hardware, and CreateEndpointConfig refuses a volume key for it, so the
   * endpoint config then gets no `KmsKeyId`.
   * @default - true for families documented with instance storage (a `d` in the family
   * name, such as m5d or g4dn, and g5); for another accelerator family (g6, p5, inf2, …), true
   * with a warning; false for other families
   * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-KmsKeyId
   */
  readonly localInstanceStorage?: boolean;
}

/** Serverless capacity. */
export interface ModelEndpointServerlessCapacityProps {
  /**
   * Memory: 1024, 2048, 3072, 4096, 5120 or 6144 MiB.
   * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html
   */
  readonly memorySize: Size;
  /** Concurrent invocations the endpoint processes at most: 1 to 200. */
  readonly maxConcurrency: number;
  /**
   * Concurrency kept warm: 1 to 200, at most `maxConcurrency`.
   * @default - none (cold starts after idle periods)
   */
  readonly provisionedConcurrency?: number;
}

/**
 * The runtime types of the capacity factories' props (lib/core/guard), checked when the endpoint
 * resolves its capacity, so that the error carries the endpoint's path; the counts and the
 * concurrency are checked by the value rules after it.
 */
const INSTANCE_CAPACITY_GUARD = guard.props({
  instanceType: guard.string().optional(),
  accelerator: ACCELERATOR_REQUEST_GUARD.optional(),
  instanceCount: guard.literal('a number known at synth time: it sizes the canary and linear steps and the autoscaling range').optional(),
  maxInstanceCount: guard.literal('a number known at synth time: it is checked against the instance count').optional(),
  scaleInCooldown: awsGuard.duration().optional(),
  scaleOutCooldown: awsGuard.duration().optional(),
  localInstanceStorage: guard.boolean().optional(),
}, 'instance capacity props ({ instanceType or accelerator, instanceCount?, maxInstanceCount? })');

const SERVERLESS_CAPACITY_GUARD = guard.props({
  memorySize: awsGuard.size('mebibytes'),
}, 'serverless capacity props ({ memorySize, maxConcurrency, provisionedConcurrency? })');

/**
 * What an endpoint runs on (enum-like): instances that autoscale, or serverless capacity.
 *
 * Serverless endpoints cannot have GPUs, KMS keys, VPC configuration, network isolation or data
 * capture, and shift traffic all at once.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html#serverless-endpoints-how-it-works-exclusions
 */
export class ModelEndpointCapacity {
  /**
   * Instance-backed capacity with target-tracking autoscaling on invocations per instance.
   * @param props instance type or accelerator, counts, scaling
   */
  public static instances(props: ModelEndpointInstanceCapacityProps = {}): ModelEndpointCapacity {
    return new ModelEndpointCapacity({ kind: 'instances', props });
  }

  /**
   * Serverless capacity.
   * @param props memory and concurrency
   */
  public static serverless(props: ModelEndpointServerlessCapacityProps): ModelEndpointCapacity {
    return new ModelEndpointCapacity({ kind: 'serverless', props });
  }

  private constructor(private readonly variant: CapacityVariant) {}

  /**
   * Problems with the capacity, property paths relative to it: the instance type or accelerator,
   * the counts and the autoscaling target; the serverless memory and concurrency.
   */
  public problems(): ValidationProblem[] {
    const resolved = this._resolve();
    if (Array.isArray(resolved)) {
      return resolved;
    }
    if (resolved.kind === 'instances' && resolved.maxInstances > resolved.minInstances) {
      const scaling = this._scaling();
      return Array.isArray(scaling) ? scaling : [];
    }
    return [];
  }

  /**
   * Whether the capacity is serverless.
   * @internal
   */
  public get _serverless(): boolean {
    return this.variant.kind === 'serverless';
  }

  /**
   * The capacity in force, or its problems (paths relative to the capacity).
   * @internal
   */
  public _resolve(): ResolvedCapacity | ValidationProblem[] {
    const typeProblems = this.variant.kind === 'serverless'
      ? SERVERLESS_CAPACITY_GUARD.problems(this.variant.props, '', AWS_GUARD_CONTEXT)
      : INSTANCE_CAPACITY_GUARD.problems(this.variant.props, '', AWS_GUARD_CONTEXT);
    if (typeProblems.length > 0) {
      return typeProblems;
    }
    return this.variant.kind === 'serverless' ? resolveServerlessCapacity(this.variant.props) : resolveInstanceCapacity(this.variant.props);
  }

  /**
   * The target-tracking settings of instance capacity, or the problem of its target. Only
   * meaningful for a fleet that can grow (a maximum above the instance count).
   * @internal
   */
  public _scaling(): ResolvedScaling | ValidationProblem[] {
    if (this.variant.kind === 'serverless') {
      // Serverless variants have no instance count to scale; the endpoint never asks.
      throw new Error('serverless capacity has no autoscaling');
    }
    return resolveScaling(this.variant.props);
  }

  /**
   * The production variant of resolved capacity.
   * @internal
   */
  public _renderVariant(resolved: ResolvedCapacity, variantName: string, modelName: string): sagemaker.CfnEndpointConfig.ProductionVariantProperty {
    if (resolved.kind === 'serverless') {
      return {
        variantName,
        modelName,
        serverlessConfig: { memorySizeInMb: resolved.memorySizeInMb, maxConcurrency: resolved.maxConcurrency, provisionedConcurrency: resolved.provisionedConcurrency },
      };
    }
    return { variantName, modelName, instanceType: resolved.instanceType, initialInstanceCount: resolved.minInstances, initialVariantWeight: 1 };
  }
}
