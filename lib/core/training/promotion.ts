import { ValidationProblem } from '../errors';
import { EvaluationMetric } from './metrics';

/**
 * Version aliases of the model registry convention both clouds follow.
 *
 * - `champion`: the version serving production. On Vertex AI it is a version alias of the model;
 *   on SageMaker it is the latest model package of the group with status `Approved`.
 * - `challenger`: the newest version that cleared the bar and waits for promotion. On Vertex AI
 *   it is a version alias; on SageMaker a package with status `PendingManualApproval`.
 *
 * A pipeline run compares its candidate with the champion's metric, which each version carries
 * (SageMaker: `CustomerMetadataProperties`; Vertex AI: version labels), so the gate needs no
 * other store.
 *
 * @see https://cloud.google.com/vertex-ai/docs/model-registry/model-alias
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-approve.html
 */
export const MODEL_VERSION_ALIASES = {
  /** The version in production. */
  champion: 'champion',
  /** The newest version that cleared the bar and is not (yet) the champion. */
  challenger: 'challenger',
} as const;

/** Metadata keys every registered version carries, on both clouds (SageMaker customer metadata, Vertex AI labels). */
export const MODEL_VERSION_METADATA = {
  /** The dataset version (the pipeline run's execution id) the model was trained on. */
  datasetVersion: 'dataset-version',
  /** The evaluation metric's name. */
  metricName: 'metric-name',
  /** The evaluation metric's value, as a decimal string. */
  metricValue: 'metric-value',
  /** The pipeline that trained it. */
  pipeline: 'training-pipeline',
} as const;

/** How a version that cleared the bar becomes the champion. */
enum PromotionKind {
  MANUAL = 'manual',
  WHEN_BETTER = 'when-better',
}

/** Options of {@link PromotionPolicy.whenBetter}. */
export interface WhenBetterOptions {
  /**
   * How much better than the champion the candidate must be, in the metric's unit (AUC 0.005 =
   * half a point). The candidate must be strictly better by more than this.
   * @default 0
   */
  readonly margin?: number;
}

/**
 * What a training pipeline does with a version that cleared the bar (an enum-like class).
 *
 * | policy          | no champion yet       | beats the champion by > margin | does not beat it |
 * |-----------------|-----------------------|--------------------------------|------------------|
 * | `manual()`      | challenger (pending)  | challenger (pending)           | challenger (pending) |
 * | `whenBetter()`  | champion (approved)   | champion (approved)            | challenger (pending) |
 *
 * A version below the bar is never registered: the run fails with `ModelBelowBar`, which the
 * pipeline's failure alarm reports.
 */
export class PromotionPolicy {
  /** Register every version that clears the bar as challenger; a person promotes it (maturity levels 1–2). */
  public static manual(): PromotionPolicy {
    return new PromotionPolicy(PromotionKind.MANUAL, 0);
  }

  /** Promote a version to champion when it beats the champion by more than `margin` (maturity level 3). */
  public static whenBetter(options: WhenBetterOptions = {}): PromotionPolicy {
    return new PromotionPolicy(PromotionKind.WHEN_BETTER, options?.margin ?? 0);
  }

  private constructor(private readonly kind: PromotionKind, private readonly marginValue: unknown) {}

  /** Whether versions are promoted automatically. */
  public get automatic(): boolean {
    return this.kind === PromotionKind.WHEN_BETTER;
  }

  /** The margin a candidate must beat the champion by (0 for `manual()`). */
  public get margin(): number {
    return this.marginValue as number;
  }

  /** Problems of the policy (property paths relative to it). */
  public problems(): ValidationProblem[] {
    const m = this.marginValue;
    if (typeof m !== 'number' || !Number.isFinite(m) || m < 0) {
      return [{ property: 'margin', value: m, allowed: 'a finite number, 0 or more, in the metric\'s unit' }];
    }
    return [];
  }

  /** The decision for a candidate that cleared the bar, given the champion's metric value (if there is a champion). */
  public decide(metric: EvaluationMetric, candidate: number, champion: number | undefined): GateDecision {
    if (!this.automatic) {
      return GateDecision.CHALLENGER;
    }
    return champion === undefined || metric.beats(candidate, champion, this.margin) ? GateDecision.CHAMPION : GateDecision.CHALLENGER;
  }
}

/** The outcome of a pipeline's gate step. */
export enum GateDecision {
  /** Below the bar: not registered, the run fails. */
  BELOW_BAR = 'below-bar',
  /** Registered as challenger (SageMaker `PendingManualApproval`, Vertex alias `challenger`). */
  CHALLENGER = 'challenger',
  /** Registered and promoted (SageMaker `Approved`, Vertex alias `champion`). */
  CHAMPION = 'champion',
}

/**
 * The gate both clouds implement: below the bar → {@link GateDecision.BELOW_BAR}; otherwise the
 * policy's decision against the champion. The AWS gate handler calls this function; the Google
 * Cloud workflow expresses the same table in its own language, and tests hold both to this one.
 */
export function gateDecision(metric: EvaluationMetric, bar: number, policy: PromotionPolicy, candidate: number, champion?: number): GateDecision {
  if (!Number.isFinite(candidate) || !metric.clears(candidate, bar)) {
    return GateDecision.BELOW_BAR;
  }
  return policy.decide(metric, candidate, champion);
}
