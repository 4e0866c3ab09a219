/**
 * Where the endpoint's permissions live: customer managed policies whose statements each carry a
 * `Sid` and, when a resource must end in a wildcard, the reason it does.
 *
 * A managed policy rather than a role's inline default policy, for the reasons `grant-policy.ts`
 * gives for the lake (NIST 800-53 rev 5 IAMNoInlinePolicy; acknowledgments that cannot hide a
 * user's own statements). Each wildcard resource is acknowledged for AwsSolutions-IAM5 by its
 * exact finding id, with the reason of the statement it belongs to, never for the whole rule.
 */
import { Names, Stack, Token, TokenComparison, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { flattenReference } from './grant-policy';

/** A managed policy whose wildcard resources are acknowledged per statement. */
export class AcknowledgedPolicy extends Construct {
  /** The managed policy. */
  public readonly policy: iam.ManagedPolicy;
  private readonly reasons = new Map<string, string>();
  private readonly sids = new Set<string>();

  constructor(scope: Construct, id: string, description: string) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, 'Resource', { description });
    // Finding ids embed each ARN in its final form (a cross-stack reference becomes an import),
    // so they are computed once references are resolved: node validations run after that.
    this.node.addValidation({ validate: () => this.acknowledgeWildcards() });
  }

  /**
   * Adds a statement. `sid` names it (letters and digits); `wildcardReason` says why its
   * resources end in `*`, and is required when they do.
   */
  public add(sid: string, statement: iam.PolicyStatement, wildcardReason?: string): void {
    if (this.sids.has(sid)) {
      // The same grant made twice: IAM wants each Sid once per policy, and the statement is there.
      return;
    }
    this.sids.add(sid);
    statement.sid = sid;
    if (wildcardReason !== undefined) {
      this.reasons.set(sid, wildcardReason);
    }
    this.policy.addStatements(statement);
  }

  private acknowledgeWildcards(): string[] {
    const cfn = this.policy.node.defaultChild as iam.CfnManagedPolicy;
    const document = Stack.of(cfn).resolve(cfn.policyDocument) as { Statement?: Array<{ Sid?: string; Effect?: string; Resource?: unknown }> };
    const errors: string[] = [];
    const byId = new Map<string, string[]>();
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') {
        continue;
      }
      for (const resource of [statement.Resource].flat()) {
        const flat = flattenReference(resource);
        if (!flat.includes('*')) {
          continue;
        }
        const reason = statement.Sid === undefined ? undefined : this.reasons.get(statement.Sid);
        if (reason === undefined) {
          // A statement of ours with a wildcard and no reason is a bug, not bad input.
          errors.push(`statement ${statement.Sid ?? '(no Sid)'} has wildcard resource ${flat} and no reason`);
          continue;
        }
        const id = `AwsSolutions-IAM5[Resource::${flat}]`;
        byId.set(id, [...(byId.get(id) ?? []), reason]);
      }
    }
    for (const [id, reasons] of byId) {
      Validations.of(this.policy).acknowledge({ id, reason: [...new Set(reasons)].join(' ') });
    }
    return errors;
  }
}

/** An identity of the app a policy can be attached to. */
type OwnedIdentity = iam.Role | iam.User | iam.Group;

/** One statement of an endpoint grant. */
export interface EndpointGrantStatement {
  /** Statement id, unique per endpoint. */
  readonly sid: string;
  /** Actions. */
  readonly actions: string[];
  /** Resource ARNs. */
  readonly resourceArns: string[];
  /** Why the resources end in a wildcard, when they do. */
  readonly wildcardReason?: string;
}

/**
 * Grants an endpoint's statements to `grantee`: for a role, user or group of the app in the
 * endpoint's account and region, into one managed policy per endpoint and identity (created on
 * first use, attached to the identity); otherwise with aws-cdk's usual `Grant.addToPrincipal`.
 */
export function addEndpointGrant(endpoint: IConstruct, grantee: iam.IGrantable, statements: readonly EndpointGrantStatement[]): iam.Grant {
  const identity = grantee.grantPrincipal;
  const owned = (identity instanceof iam.Role || identity instanceof iam.User || identity instanceof iam.Group) && sameEnvironment(endpoint, identity);
  const policy = owned ? grantPolicyOf(endpoint, identity as OwnedIdentity) : undefined;
  return statements
    .map((s) => iam.Grant.addToPrincipal({
      grantee: policy ? new PolicyStatementPrincipal(identity, policy, s.sid, s.wildcardReason) : grantee,
      actions: s.actions,
      resourceArns: s.resourceArns,
    }))
    .reduce((a, b) => a.combine(b));
}

/** A principal that adds the statement it is given to an acknowledged policy, under a Sid. */
class PolicyStatementPrincipal implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;

  constructor(private readonly identity: iam.IPrincipal, private readonly target: AcknowledgedPolicy, private readonly sid: string, private readonly reason?: string) {}

  public get assumeRoleAction(): string {
    return this.identity.assumeRoleAction;
  }

  public get policyFragment(): iam.PrincipalPolicyFragment {
    return this.identity.policyFragment;
  }

  public get principalAccount(): string | undefined {
    return this.identity.principalAccount;
  }

  public addToPrincipalPolicy(statement: iam.PolicyStatement): iam.AddToPrincipalPolicyResult {
    this.target.add(this.sid, statement, this.reason);
    return { statementAdded: true, policyDependable: this.target.policy };
  }
}

function grantPolicyOf(endpoint: IConstruct, identity: OwnedIdentity): AcknowledgedPolicy {
  const id = `ModelEndpointGrants-${Names.nodeUniqueId(endpoint.node)}`;
  const existing = identity.node.tryFindChild(id);
  if (existing instanceof AcknowledgedPolicy) {
    return existing;
  }
  const policy = new AcknowledgedPolicy(identity, id, `Grants of model endpoint ${endpoint.node.path}`);
  if (identity instanceof iam.Role) {
    policy.policy.attachToRole(identity);
  } else if (identity instanceof iam.User) {
    policy.policy.attachToUser(identity);
  } else {
    policy.policy.attachToGroup(identity);
  }
  return policy;
}

function sameEnvironment(a: IConstruct, b: IConstruct): boolean {
  const same = (x: string, y: string) => [TokenComparison.SAME, TokenComparison.BOTH_UNRESOLVED].includes(Token.compareStrings(x, y));
  const sa = Stack.of(a);
  const sb = Stack.of(b);
  return same(sa.account, sb.account) && same(sa.region, sb.region);
}
