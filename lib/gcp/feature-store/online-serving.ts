import type { VertexAiFeatureOnlineStoreConfig } from '@cdktf/provider-google/lib/vertex-ai-feature-online-store';
import { namingProblem, ValidationProblem } from '../../core';
import { Token } from '../cdktf';
import { PSC_ALLOWED_PROJECT_RULE } from './private/names';

/**
 * Bigtable autoscaling bounds: at least one node, a maximum between the minimum and ten times it,
 * and a CPU utilization target from 10 to 80 percent (50 when not set).
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/vertex_ai_feature_online_store#auto_scaling
 */
const BIGTABLE_LIMITS = { minNodes: 1, maxNodesPerMinNode: 10, cpuTargetMin: 10, cpuTargetMax: 80, cpuTargetDefault: 50 } as const;

/** The two kinds of Vertex AI online serving. */
export enum FeatureOnlineStoreKind {
  /** Optimized online serving: lowest latency, served from a dedicated endpoint. */
  OPTIMIZED = 'optimized',
  /** Bigtable online serving: large data volumes, autoscaled Bigtable nodes. */
  BIGTABLE = 'bigtable',
}

/** Options of {@link FeatureOnlineServing.optimized}. */
export interface FeatureOptimizedServingOptions {
  /**
   * Serve from the store's public endpoint instead of a Private Service Connect endpoint. The public
   * endpoint still requires IAM (`grantServe`), but is reachable from the internet; GCP-VAI2
   * reports it.
   * @default false
   */
  readonly publicEndpoint?: boolean;
  /**
   * Projects (ids or numbers) whose VPCs may create a Private Service Connect endpoint to the
   * store. Only with the private endpoint.
   * @default - the feature store's own project (by number)
   */
  readonly allowedProjects?: string[];
}

/** Options of {@link FeatureOnlineServing.bigtable}: Bigtable autoscaling. */
export interface FeatureBigtableServingOptions {
  /** The fewest Bigtable nodes: a whole number, at least 1. */
  readonly minNodeCount: number;
  /** The most Bigtable nodes: a whole number from `minNodeCount` to ten times `minNodeCount`. */
  readonly maxNodeCount: number;
  /**
   * The CPU utilization Bigtable scales to keep, in percent: a whole number from 10 to 80.
   * @default 50
   */
  readonly cpuUtilizationTarget?: number;
}

/**
 * How the online store serves features: Optimized (the default) or Bigtable with autoscaling.
 *
 * | serving                       | resource blocks                                                     | endpoint                             |
 * |-------------------------------|---------------------------------------------------------------------|--------------------------------------|
 * | `optimized()`                 | `optimized {}`, `dedicated_serving_endpoint { private_service_connect_config { enable_private_service_connect = true } }` | Private Service Connect only |
 * | `optimized({ publicEndpoint: true })` | `optimized {}`                                              | public dedicated endpoint (IAM only) |
 * | `bigtable({ ... })`           | `bigtable { auto_scaling { ... } }`                                 | the regional Vertex AI API endpoint  |
 *
 * Declaring one never throws; the feature store reports bad options under its own path.
 *
 * @see https://cloud.google.com/vertex-ai/docs/featurestore/latest/online-serving-types
 */
export class FeatureOnlineServing {
  /** Optimized online serving, by default behind a Private Service Connect endpoint. */
  public static optimized(options: FeatureOptimizedServingOptions = {}): FeatureOnlineServing {
    return new FeatureOnlineServing(FeatureOnlineStoreKind.OPTIMIZED, options, undefined);
  }

  /** Bigtable online serving with autoscaling. */
  public static bigtable(options: FeatureBigtableServingOptions): FeatureOnlineServing {
    return new FeatureOnlineServing(FeatureOnlineStoreKind.BIGTABLE, undefined, options);
  }

  /** Which kind of serving. */
  public readonly kind: FeatureOnlineStoreKind;

  private constructor(
    kind: FeatureOnlineStoreKind,
    private readonly optimizedOptions?: FeatureOptimizedServingOptions,
    private readonly bigtableOptions?: FeatureBigtableServingOptions,
  ) {
    this.kind = kind;
  }

  /** Everything wrong with these options; property paths relative to them. Empty when valid. */
  public problems(): ValidationProblem[] {
    return this.kind === FeatureOnlineStoreKind.BIGTABLE ? bigtableProblems(this.bigtableOptions) : optimizedProblems(this.optimizedOptions ?? {});
  }

  /**
   * The serving blocks of `google_vertex_ai_feature_online_store`, once `problems()` is empty.
   * @param projectNumber the store's project number, the default Private Service Connect allowlist
   * @internal
   */
  public _render(projectNumber: string): Pick<VertexAiFeatureOnlineStoreConfig, 'optimized' | 'bigtable' | 'dedicatedServingEndpoint'> {
    if (this.kind === FeatureOnlineStoreKind.BIGTABLE) {
      const options = this.bigtableOptions!;
      return {
        bigtable: {
          autoScaling: {
            minNodeCount: options.minNodeCount,
            maxNodeCount: options.maxNodeCount,
            cpuUtilizationTarget: options.cpuUtilizationTarget ?? BIGTABLE_LIMITS.cpuTargetDefault,
          },
        },
      };
    }
    const options = this.optimizedOptions ?? {};
    return {
      optimized: {},
      dedicatedServingEndpoint: options.publicEndpoint === true ? undefined : {
        privateServiceConnectConfig: {
          enablePrivateServiceConnect: true,
          projectAllowlist: options.allowedProjects ?? [projectNumber],
        },
      },
    };
  }
}

function bigtableProblems(options: FeatureBigtableServingOptions | undefined): ValidationProblem[] {
  if (options === null || typeof options !== 'object') {
    return [{ property: 'bigtable', value: options, allowed: 'an object { minNodeCount, maxNodeCount, cpuUtilizationTarget? }' }];
  }
  const problems: ValidationProblem[] = [];
  const { minNodeCount: min, maxNodeCount: max, cpuUtilizationTarget: cpu } = options;
  const minOk = Number.isInteger(min) && min >= BIGTABLE_LIMITS.minNodes;
  if (!minOk) {
    problems.push({ property: 'minNodeCount', value: min, allowed: `a whole number of at least ${BIGTABLE_LIMITS.minNodes}` });
  }
  if (!Number.isInteger(max)) {
    problems.push({ property: 'maxNodeCount', value: max, allowed: 'a whole number' });
  } else if (minOk && (max < min || max > min * BIGTABLE_LIMITS.maxNodesPerMinNode)) {
    problems.push({
      property: 'maxNodeCount',
      value: max,
      allowed: `from minNodeCount (${min}) to ${BIGTABLE_LIMITS.maxNodesPerMinNode} times minNodeCount (${min * BIGTABLE_LIMITS.maxNodesPerMinNode})`,
    });
  }
  if (cpu !== undefined && (!Number.isInteger(cpu) || cpu < BIGTABLE_LIMITS.cpuTargetMin || cpu > BIGTABLE_LIMITS.cpuTargetMax)) {
    problems.push({
      property: 'cpuUtilizationTarget',
      value: cpu,
      allowed: `a whole percentage from ${BIGTABLE_LIMITS.cpuTargetMin} to ${BIGTABLE_LIMITS.cpuTargetMax}`,
    });
  }
  return problems;
}

function optimizedProblems(options: FeatureOptimizedServingOptions): ValidationProblem[] {
  const problems: ValidationProblem[] = [];
  const allowed = options.allowedProjects;
  if (allowed === undefined) {
    return problems;
  }
  if (options.publicEndpoint === true) {
    problems.push({
      property: 'allowedProjects',
      value: allowed,
      allowed: 'no allowedProjects with publicEndpoint: true (they name who may reach the Private Service Connect endpoint)',
    });
    return problems;
  }
  if (!Array.isArray(allowed) || allowed.length === 0) {
    problems.push({ property: 'allowedProjects', value: allowed, allowed: 'a non-empty list of project ids or numbers' });
    return problems;
  }
  allowed.forEach((project, i) => {
    if (!(typeof project === 'string' && Token.isUnresolved(project))) {
      const problem = namingProblem(PSC_ALLOWED_PROJECT_RULE, project);
      if (problem !== undefined) {
        problems.push({ property: `allowedProjects[${i}]`, value: project, allowed: problem });
      }
    }
  });
  return problems;
}
