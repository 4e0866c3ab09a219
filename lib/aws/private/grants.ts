/**
 * Where a construct's grants land on an identity of the app: one customer managed policy per
 * construct and identity, holding only that construct's statements. Every construct grants this
 * way; the model endpoint's policies also name each statement (`Sid`) and carry a reason per
 * statement for its wildcard resources ({@link AcknowledgedPolicy}).
 *
 * Why not the identity's default policy, as aws-cdk grants do: that is an inline policy
 * (NIST 800-53 rev 5 IAMNoInlinePolicy), and it mixes our statements with the user's, so nothing
 * could be acknowledged on it without hiding the user's own findings. A managed policy of the
 * construct's own fixes the first and makes the second narrow: only the wildcard resources that
 * the construct's grants cannot avoid are acknowledged on it, by exact finding id.
 */
import { Names, Stack, Validations } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { sameEnvironment } from './environment';
import { acknowledgeWildcardResources, flattenReference } from './nag';

/** How one kind of construct names and acknowledges its grant policies. */
export interface GrantPolicyOptions {
  /**
   * Construct id of the policy under the identity, before `-<unique id of the owner>`. The
   * policy's logical id derives from it: never change it.
   */
  readonly idPrefix: string;
  /** What the owner is, in the policy's description (`data lake`). */
  readonly kind: string;
  /**
   * Why AwsSolutions-IAM5 is acknowledged for a wildcard resource (as cdk-nag names it in the
   * finding id), or `undefined` to leave that resource reported.
   * @default - nothing is acknowledged
   */
  readonly wildcardReason?: (flatResource: string) => string | undefined;
}

/** An identity of the app a construct can attach a policy to. */
type OwnedIdentity = iam.Role | iam.User | iam.Group;

/**
 * The grantee to pass to `Grant.addToPrincipal` and `key.grant`: for a role, user or group of the
 * app in the owner's account and region, a principal that writes into the owner's managed policy
 * for it; otherwise the grantee itself, so aws-cdk's own cross-account handling applies.
 */
export function managedPolicyGrantee(owner: IConstruct, grantee: iam.IGrantable, options: GrantPolicyOptions): iam.IGrantable {
  const identity = ownedIdentity(owner, grantee);
  return identity === undefined ? grantee : GrantPolicy.of(owner, identity, options).principal;
}

/** One statement of a grant into an {@link AcknowledgedPolicy}. */
export interface GrantStatement {
  /** Statement id, unique per owner. */
  readonly sid: string;
  /** Actions. */
  readonly actions: string[];
  /** Resource ARNs. */
  readonly resourceArns: string[];
  /** Why the resources end in a wildcard, when they do. */
  readonly wildcardReason?: string;
}

/**
 * Grants named statements to `grantee`: for a role, user or group of the app in the owner's
 * account and region, into one {@link AcknowledgedPolicy} per owner and identity (created on first
 * use, attached to the identity); otherwise with aws-cdk's usual `Grant.addToPrincipal`.
 */
export function addAcknowledgedGrant(owner: IConstruct, grantee: iam.IGrantable, statements: readonly GrantStatement[], options: Omit<GrantPolicyOptions, 'wildcardReason'>): iam.Grant {
  const identity = ownedIdentity(owner, grantee);
  const policy = identity === undefined ? undefined : acknowledgedPolicyOf(owner, identity, options);
  return statements
    .map((s) => iam.Grant.addToPrincipal({
      grantee: policy ? new PolicyPrincipal(grantee.grantPrincipal, (statement) => {
        policy.add(s.sid, statement, s.wildcardReason);
        return policy.policy;
      }) : grantee,
      actions: s.actions,
      resourceArns: s.resourceArns,
    }))
    .reduce((a, b) => a.combine(b));
}

/** A managed policy whose wildcard resources are acknowledged per statement, with that statement's reason. */
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

/** The identity behind `grantee` when it is a role, user or group of the app in the owner's account and region. */
function ownedIdentity(owner: IConstruct, grantee: iam.IGrantable): OwnedIdentity | undefined {
  const identity = grantee.grantPrincipal;
  const owned = (identity instanceof iam.Role || identity instanceof iam.User || identity instanceof iam.Group) && sameEnvironment(owner, identity, { strict: true });
  return owned ? identity : undefined;
}

function attach(policy: iam.ManagedPolicy, identity: OwnedIdentity): void {
  if (identity instanceof iam.Role) {
    policy.attachToRole(identity);
  } else if (identity instanceof iam.User) {
    policy.attachToUser(identity);
  } else {
    policy.attachToGroup(identity);
  }
}

/** The id of the owner's grant policy under an identity. */
function grantPolicyId(owner: IConstruct, options: Pick<GrantPolicyOptions, 'idPrefix'>): string {
  return `${options.idPrefix}-${Names.nodeUniqueId(owner.node)}`;
}

function acknowledgedPolicyOf(owner: IConstruct, identity: OwnedIdentity, options: Omit<GrantPolicyOptions, 'wildcardReason'>): AcknowledgedPolicy {
  const id = grantPolicyId(owner, options);
  const existing = identity.node.tryFindChild(id);
  if (existing instanceof AcknowledgedPolicy) {
    return existing;
  }
  const policy = new AcknowledgedPolicy(identity, id, `Grants of ${options.kind} ${owner.node.path}`);
  attach(policy.policy, identity);
  return policy;
}

/** One managed policy of an owner under an identity, holding the owner's grants to it. */
class GrantPolicy extends Construct {
  public static of(owner: IConstruct, identity: OwnedIdentity, options: GrantPolicyOptions): GrantPolicy {
    const id = grantPolicyId(owner, options);
    const existing = identity.node.tryFindChild(id);
    return existing instanceof GrantPolicy ? existing : new GrantPolicy(identity, id, owner, identity, options);
  }

  public readonly principal: iam.IPrincipal;

  private constructor(scope: Construct, id: string, owner: IConstruct, identity: OwnedIdentity, options: GrantPolicyOptions) {
    super(scope, id);
    const policy = new iam.ManagedPolicy(this, 'Resource', { description: `Grants of ${options.kind} ${owner.node.path}` });
    attach(policy, identity);
    if (options.wildcardReason !== undefined) {
      acknowledgeWildcardResources(policy, options.wildcardReason);
    }
    this.principal = new PolicyPrincipal(identity, (statement) => {
      policy.addStatements(statement);
      return policy;
    });
  }
}

/** A principal that hands the statements it is given to one managed policy of ours. */
class PolicyPrincipal implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;

  /**
   * @param identity the identity the policy is attached to
   * @param add adds a statement to the policy, and returns the policy (what depends on the grant waits for it)
   */
  constructor(private readonly identity: iam.IPrincipal, private readonly add: (statement: iam.PolicyStatement) => iam.ManagedPolicy) {}

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
    return { statementAdded: true, policyDependable: this.add(statement) };
  }
}
