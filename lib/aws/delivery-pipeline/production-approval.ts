import * as iam from 'aws-cdk-lib/aws-iam';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as pipelines from 'aws-cdk-lib/pipelines';
import { ValidationProblem } from '../../core';
import { waiverReasonProblems } from '../../core/delivery';

/** Options of {@link ProductionApproval.manual}. */
export interface ProductionApprovalOptions {
  /**
   * What the approver reads in the CodePipeline console before approving.
   * @default - names the staging stage that succeeded and asks to approve production
   */
  readonly comment?: string;

  /**
   * A topic CodePipeline notifies when production waits for approval (the approvers subscribe).
   * @default - no notification: approvers watch the pipeline
   */
  readonly notificationTopic?: sns.ITopic;

  /**
   * Who may approve production: each gets `codepipeline:PutApprovalResult` on the approval action
   * only, and the reads of the pipeline's state the console needs (in a managed policy of the
   * pipeline for a role, user or group of the app).
   * @default - nobody is granted here: whoever already may `PutApprovalResult` on the pipeline
   */
  readonly approvers?: iam.IGrantable[];
}

/**
 * Whether a person approves each production deployment: a union-like class, the same on both
 * clouds. A pipeline without approval exists only with an explicit, reasoned waiver.
 *
 * On AWS, `manual` puts a CodePipeline manual approval action (`ManualApprovalStep`) into a stage
 * of its own between staging and production: the execution stops there until someone with
 * `codepipeline:PutApprovalResult` on the pipeline approves it (console or
 * `aws codepipeline put-approval-result`). Approval requests expire after 7 days.
 *
 * @see https://docs.aws.amazon.com/codepipeline/latest/userguide/approvals.html
 */
export class ProductionApproval {
  /** A person approves each production deployment (the default). */
  public static manual(options: ProductionApprovalOptions = {}): ProductionApproval {
    return new ProductionApproval(true, options, undefined);
  }

  /**
   * No approval: production deploys as soon as staging succeeds. `reason` (required, non-empty)
   * goes into a synth-time warning.
   */
  public static waived(reason: string): ProductionApproval {
    return new ProductionApproval(false, {}, reason);
  }

  private constructor(
    private readonly required: boolean,
    private readonly options: ProductionApprovalOptions,
    private readonly reason: string | undefined,
  ) {}

  /** What is wrong with this approval, relative to its factory's arguments. */
  public problems(): ValidationProblem[] {
    if (!this.required) {
      return waiverReasonProblems(this.reason);
    }
    const approvers: unknown = this.options?.approvers;
    if (approvers !== undefined && (!Array.isArray(approvers) || approvers.some((a) => a === null || typeof a !== 'object' || !('grantPrincipal' in a)))) {
      return [{ property: 'approvers', value: approvers, allowed: 'a list of grantees (iam.IGrantable: roles, users, groups)' }];
    }
    const comment = this.options?.comment;
    if (comment !== undefined && (typeof comment !== 'string' || comment.length > 1000)) {
      return [{ property: 'comment', value: comment, allowed: 'a text of at most 1,000 characters (CodePipeline\'s approval CustomData limit)' }];
    }
    return [];
  }

  /**
   * The approval step before production, or `undefined` when waived; with the waiver's reason.
   * The approval must have no {@link problems}.
   * @internal
   */
  public _render(id: string, stagingStageName: string): {
    readonly step?: pipelines.ManualApprovalStep; readonly approvers: iam.IGrantable[]; readonly waiverReason?: string;
  } {
    if (!this.required) {
      return { approvers: [], waiverReason: this.reason!.trim() };
    }
    return {
      approvers: [...(this.options?.approvers ?? [])],
      step: new pipelines.ManualApprovalStep(id, {
        comment: this.options?.comment ?? `Stage ${stagingStageName} deployed and passed. Approve to deploy the same revision to production.`,
        notificationTopic: this.options?.notificationTopic,
      }),
    };
  }
}
