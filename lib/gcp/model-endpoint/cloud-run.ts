import type { CloudRunV2ServiceTraffic } from '@cdktf/provider-google/lib/cloud-run-v2-service';
import { ValidationProblem } from '../../core';
import { Size } from '../size';
import { trafficProblems, TrafficTargetSpec } from './private/validation';

/**
 * Which sources may send requests to a Cloud Run service (enum).
 * @see https://cloud.google.com/run/docs/securing/ingress
 */
export enum ModelEndpointCloudRunIngress {
  /** VPC networks of the project, Shared VPC, VPC Service Controls perimeters, internal load balancers. */
  INTERNAL_ONLY = 'INGRESS_TRAFFIC_INTERNAL_ONLY',
  /** Internal sources and Cloud Load Balancing (put Cloud Armor or IAP in front). */
  INTERNAL_AND_CLOUD_LOAD_BALANCING = 'INGRESS_TRAFFIC_INTERNAL_LOAD_BALANCER',
  /** The internet. GCP-RUN2 reports it; acknowledge it with the reason. */
  ALL = 'INGRESS_TRAFFIC_ALL',
}

/**
 * A share of a Cloud Run service's requests: to the latest ready revision, or to a revision named
 * by its suffix (`<service>-<suffix>`, see the Cloud Run options' `revisionSuffix`). Combine
 * targets with {@link ModelEndpointTraffic.split}.
 */
export class ModelEndpointTrafficTarget {
  /** `percent` of requests to the latest ready revision. */
  public static latest(percent: number): ModelEndpointTrafficTarget {
    return new ModelEndpointTrafficTarget(undefined, percent);
  }

  /** `percent` of requests to the revision `<service>-<revisionSuffix>`. */
  public static revision(revisionSuffix: string, percent: number): ModelEndpointTrafficTarget {
    return new ModelEndpointTrafficTarget(revisionSuffix, percent);
  }

  private constructor(
    /** The revision suffix, or `undefined` for the latest ready revision. */
    public readonly revisionSuffix: string | undefined,
    /** Percent of requests, a whole number from 0 to 100. */
    public readonly percent: number,
  ) {}
}

/**
 * How a Cloud Run service's requests are split between revisions.
 *
 * | traffic                          | targets                                                    |
 * |----------------------------------|------------------------------------------------------------|
 * | `latest()` (the default)         | 100 % to the latest ready revision                         |
 * | `canary(stable, percent)`        | `percent` to the latest (the revision this deployment creates), the rest to `<service>-<stable>` |
 * | `split([...targets])`            | the targets, whole percents adding up to 100               |
 *
 * A rollout: deploy the new revision as a canary, then promote it (`latest()`) or roll back
 * (`split([ModelEndpointTrafficTarget.revision(stable, 100)])`).
 *
 * Declaring one never throws; the endpoint reports a bad split under its own path.
 *
 * @example
 * // canary: 10 % to the revision this deployment creates, 90 % to the stable one
 * ModelEndpointPlatform.cloudRun({ image, revisionSuffix: 'v2', traffic: ModelEndpointTraffic.canary('v1', 10) });
 */
export class ModelEndpointTraffic {
  /** Every request to the latest ready revision. */
  public static latest(): ModelEndpointTraffic {
    return new ModelEndpointTraffic([ModelEndpointTrafficTarget.latest(100)]);
  }

  /** Requests split between the `targets`: whole percents adding up to 100. */
  public static split(targets: ModelEndpointTrafficTarget[]): ModelEndpointTraffic {
    return new ModelEndpointTraffic(targets);
  }

  /**
   * A canary split: `canaryPercent` to the latest revision (the one this deployment creates),
   * the rest to the stable revision `<service>-<stableRevisionSuffix>`.
   */
  public static canary(stableRevisionSuffix: string, canaryPercent: number): ModelEndpointTraffic {
    return new ModelEndpointTraffic([
      ModelEndpointTrafficTarget.latest(canaryPercent),
      ModelEndpointTrafficTarget.revision(stableRevisionSuffix, typeof canaryPercent === 'number' ? 100 - canaryPercent : canaryPercent),
    ]);
  }

  private constructor(private readonly targets: readonly ModelEndpointTrafficTarget[]) {}

  /**
   * Everything wrong with this split; property paths relative to it (`''` for the whole split,
   * `[i].percent`, `[i].revisionSuffix`). With `serviceName`, also revision names that would be
   * longer than Cloud Run allows.
   */
  public problems(serviceName?: string): ValidationProblem[] {
    if (!Array.isArray(this.targets) || this.targets.some((t) => !(t instanceof ModelEndpointTrafficTarget))) {
      return [{ property: '', value: this.targets, allowed: 'a list of ModelEndpointTrafficTarget (latest or revision)' }];
    }
    return trafficProblems(this._targets(), serviceName);
  }

  /**
   * The targets as the endpoint checks them.
   * @internal
   */
  public _targets(): TrafficTargetSpec[] {
    return this.targets.map((t) => ({ revisionSuffix: t.revisionSuffix, percent: t.percent }));
  }

  /**
   * The `traffic` blocks of `google_cloud_run_v2_service`, once `problems()` is empty.
   * @internal
   */
  public _render(serviceName: string): CloudRunV2ServiceTraffic[] {
    return this.targets.map((t) => t.revisionSuffix === undefined
      ? { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_LATEST', percent: t.percent }
      : { type: 'TRAFFIC_TARGET_ALLOCATION_TYPE_REVISION', revision: `${serviceName}-${t.revisionSuffix}`, percent: t.percent });
  }
}

/**
 * Options of {@link ModelEndpointPlatform.cloudRun}: a Cloud Run (v2) service running a custom
 * serving container, with an NVIDIA L4 GPU when the endpoint has an `accelerator`. A new image or
 * setting is a new revision.
 */
export interface ModelEndpointCloudRunOptions {
  /** The serving container image (Artifact Registry), e.g. `us-docker.pkg.dev/<project>/<repository>/<image>:<tag>`. */
  readonly image: string;

  /**
   * The port the container listens on.
   * @default 8080
   */
  readonly port?: number;

  /**
   * Environment variables of the container.
   * @default - none besides the capture variables
   */
  readonly environment?: { [name: string]: string };

  /**
   * vCPUs per instance, 1, 2, 4, 6 or 8; at least 4 with a GPU.
   * @default - 4 with a GPU, else 2
   */
  readonly cpu?: number;

  /**
   * Memory per instance, whole mebibytes from 512 MiB within what the CPU count allows (1 vCPU up
   * to 4 GiB, 2 up to 8, 4 from 2 to 16, 6 from 4 to 24, 8 from 4 to 32); at least 16 GiB with a
   * GPU.
   * @default - Size.gibibytes(16) with a GPU, else Size.gibibytes(4)
   */
  readonly memory?: Size;

  /**
   * Which sources may send requests.
   * @default ModelEndpointCloudRunIngress.INTERNAL_ONLY
   */
  readonly ingress?: ModelEndpointCloudRunIngress;

  /**
   * The suffix of the revision this deployment creates (`<service>-<suffix>`), so that traffic can
   * name it later. Change it with every new image or setting.
   * @default - Cloud Run generates revision names
   */
  readonly revisionSuffix?: string;

  /**
   * How requests are split between revisions.
   * @default ModelEndpointTraffic.latest()
   */
  readonly traffic?: ModelEndpointTraffic;

  /**
   * With a GPU: keep instances in several zones of the region (costs more than `false`, which the
   * GPU quota of new projects may require).
   * @default true
   */
  readonly gpuZonalRedundancy?: boolean;

  /**
   * Refuse to delete the service in Terraform (`deletion_protection`). Turning it off adds a
   * synth-time warning (`MODEL_ENDPOINT_WARNINGS.noDeletionProtection`).
   * @default true
   */
  readonly deletionProtection?: boolean;
}
