/**
 * Roles of the pipelines and monitors (state machine, gate function, schedule, start target) whose every
 * statement — ours and those aws-cdk's constructs add (logging, X-Ray, start targets) — lands in
 * one customer managed policy of the role, never in an inline default policy (NIST 800-53 rev 5
 * IAMNoInlinePolicy), where each wildcard resource is acknowledged with its reason.
 */
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { acknowledgeWildcardResources } from './nag';

/** Properties of a {@link ManagedPolicyRole}. */
export interface ManagedPolicyRoleProps extends iam.RoleProps {
  /** Why a wildcard resource of the policy is acknowledged, or `undefined` to leave it reported. */
  readonly wildcardReason: (flatResource: string) => string | undefined;
}

/** A role whose principal policy is one managed policy (`Policy`) of its own. */
export class ManagedPolicyRole extends iam.Role {
  /** The role's managed policy, holding every statement added to the role. */
  public readonly policy: iam.ManagedPolicy;

  constructor(scope: Construct, id: string, props: ManagedPolicyRoleProps) {
    const { wildcardReason, ...roleProps } = props;
    super(scope, id, roleProps);
    this.policy = new iam.ManagedPolicy(this, 'Policy', { description: `Permissions of ${this.node.path}`, roles: [this] });
    acknowledgeWildcardResources(this.policy, wildcardReason);
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}
