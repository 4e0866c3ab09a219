import { ValidationProblem } from '../../core';
import { waiverReasonProblems } from '../../core/delivery';
import { iamMemberProblem } from '../private/iam-members';

/** Options of {@link ProductionApproval.manual}. */
export interface ProductionApprovalOptions {
  /**
   * Who may approve production builds: each member gets `roles/cloudbuild.builds.approver` on
   * the build project (the narrowest scope the role has).
   * @default - nobody is granted here: whoever holds the approver role on the project already
   */
  readonly approvers?: string[];
}

/**
 * Whether a person approves each production deployment: a union-like class, the same on both
 * clouds. A pipeline without approval exists only with an explicit, reasoned waiver.
 *
 * On Google Cloud, `manual` sets `approval_config.approval_required = true` on the production
 * trigger: each production build waits, pending, until an approver approves it (console, or
 * `gcloud builds approve <build id>`). With `cloudRunDelivery`, the Cloud Deploy production target
 * also sets `require_approval`, so the Cloud Run rollout waits for its own approval.
 *
 * @see https://cloud.google.com/build/docs/securing-builds/gate-builds-on-approval
 */
export class ProductionApproval {
  /** A person approves each production deployment (the default). */
  public static manual(options: ProductionApprovalOptions = {}): ProductionApproval {
    return new ProductionApproval(true, options, undefined);
  }

  /**
   * No approval: production deploys as soon as staging succeeds. `reason` (required, non-empty)
   * goes into the production trigger's description and a synth-time warning.
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
    const approvers = this.options?.approvers;
    if (approvers === undefined) {
      return [];
    }
    if (!Array.isArray(approvers)) {
      return [{ property: 'approvers', value: approvers, allowed: 'a list of IAM members such as "group:release-managers@example.com"' }];
    }
    return approvers.flatMap((member, i) => {
      const problem = iamMemberProblem(member);
      return problem === undefined ? [] : [{ property: `approvers[${i}]`, value: member, allowed: problem }];
    });
  }

  /** @internal */
  public _render(): { readonly approvalRequired: boolean; readonly approvers: string[]; readonly waiverReason?: string } {
    return {
      approvalRequired: this.required,
      approvers: [...(this.options?.approvers ?? [])],
      ...(this.reason !== undefined ? { waiverReason: this.reason.trim() } : {}),
    };
  }
}
