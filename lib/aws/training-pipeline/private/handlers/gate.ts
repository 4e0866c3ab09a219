/**
 * The gate of a TrainingPipeline run, as a Lambda handler: the candidate's metric against the bar
 * and the champion's metric, decided by the core `gateDecision` table, so the AWS pipeline and the
 * Google Cloud one cannot disagree.
 *
 * The champion is the latest `Approved` model package of the group; its metric is the
 * `metric-value` customer metadata the pipeline wrote when it registered it. A champion whose
 * metric cannot be read (registered by hand, or under another metric) is never replaced
 * automatically: such a run's version is registered as challenger at best.
 *
 * Bundled with esbuild at the library's build (`npm run build:handlers`, tools/bundle-handlers.js)
 * into `dist/handlers/training-pipeline-gate/index.js`, with the SageMaker client inside.
 */
import { DescribeModelPackageCommand, ListModelPackagesCommand, SageMakerClient } from '@aws-sdk/client-sagemaker';
import { EvaluationMetric, GateDecision, gateDecision, MetricDirection, MODEL_VERSION_METADATA, PromotionPolicy } from '../../../../core/training';

/** What the state machine sends. */
export interface GateEvent {
  /** The registry's model package group. */
  readonly modelPackageGroupName: string;
  /** The metric's name (a built-in metric). */
  readonly metric: string;
  /** The bar, or `null` for none. */
  readonly bar: number | null;
  /** Whether a version that beats the champion is approved (PromotionPolicy.whenBetter). */
  readonly automatic: boolean;
  /** How much better than the champion it must be. */
  readonly margin: number;
  /** The candidate's metric value, as the evaluation query returned it (text or number). */
  readonly candidate: number | string | null;
}

/** The champion the candidate was compared with. */
export interface GateChampion {
  /** Its model package ARN. */
  readonly modelPackageArn: string;
  /** Its metric value, when it carries one for the same metric. */
  readonly metricValue?: number;
}

/** What the handler returns to the state machine. */
export interface GateResult {
  /** The decision of the core table. */
  readonly decision: GateDecision;
  /** `ModelApprovalStatus` of the version to register; `undefined` below the bar. */
  readonly approvalStatus?: 'Approved' | 'PendingManualApproval';
  /** The candidate's metric value (`null` when it was not a number). */
  readonly candidate: number | null;
  /** The champion, if the group has one. */
  readonly champion?: GateChampion;
  /** Why, in a sentence (the run's failure cause below the bar). */
  readonly reason: string;
}

const sagemaker = new SageMakerClient({});

/** The champion: the newest Approved package of the group, with its metric if it carries ours. */
async function findChampion(group: string, metric: string): Promise<GateChampion | undefined> {
  const listed = await sagemaker.send(new ListModelPackagesCommand({
    ModelPackageGroupName: group, ModelApprovalStatus: 'Approved', SortBy: 'CreationTime', SortOrder: 'Descending', MaxResults: 1,
  }));
  const arn = listed.ModelPackageSummaryList?.[0]?.ModelPackageArn;
  if (arn === undefined) {
    return undefined;
  }
  const described = await sagemaker.send(new DescribeModelPackageCommand({ ModelPackageName: arn }));
  const metadata = described.CustomerMetadataProperties ?? {};
  const value = metadata[MODEL_VERSION_METADATA.metricName] === metric ? Number(metadata[MODEL_VERSION_METADATA.metricValue]) : NaN;
  return Number.isFinite(value) ? { modelPackageArn: arn, metricValue: value } : { modelPackageArn: arn };
}

export async function handler(event: GateEvent): Promise<GateResult> {
  const metric = EvaluationMetric.BUILT_IN.find((m) => m.name === event.metric);
  if (metric === undefined) {
    throw new Error(`gate: unknown metric "${event.metric}" (built-in metrics: ${EvaluationMetric.BUILT_IN.map((m) => m.name).join(', ')})`);
  }
  const candidate = event.candidate === null || event.candidate === '' ? NaN : Number(event.candidate);
  const bar = event.bar ?? (metric.direction === MetricDirection.HIGHER_IS_BETTER ? -Infinity : Infinity);
  const policy = event.automatic ? PromotionPolicy.whenBetter({ margin: event.margin }) : PromotionPolicy.manual();
  const champion = await findChampion(event.modelPackageGroupName, metric.name);
  let decision = gateDecision(metric, bar, policy, candidate, champion?.metricValue);
  let reason: string;
  if (decision === GateDecision.BELOW_BAR) {
    reason = `${metric.name} ${Number.isFinite(candidate) ? candidate : `"${event.candidate}" (no value: no validation rows?)`} does not clear the bar ${event.bar}`;
  } else if (decision === GateDecision.CHAMPION && champion !== undefined && champion.metricValue === undefined) {
    decision = GateDecision.CHALLENGER;
    reason = `the champion ${champion.modelPackageArn} carries no ${metric.name} to compare with: registered as challenger for a person to decide`;
  } else if (decision === GateDecision.CHAMPION) {
    reason = champion === undefined ? 'no champion yet: the first version that clears the bar is approved'
      : `${metric.name} ${candidate} beats the champion's ${champion.metricValue} by more than ${event.margin}`;
  } else {
    reason = policy.automatic ? `${metric.name} ${candidate} does not beat the champion's ${champion?.metricValue} by more than ${event.margin}`
      : 'manual promotion: every version that clears the bar is registered as challenger';
  }
  return {
    decision,
    approvalStatus: decision === GateDecision.CHAMPION ? 'Approved' : decision === GateDecision.CHALLENGER ? 'PendingManualApproval' : undefined,
    candidate: Number.isFinite(candidate) ? candidate : null,
    champion,
    reason,
  };
}
