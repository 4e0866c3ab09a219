/**
 * Where the feature store's grants land on an identity of the app: one customer managed policy per
 * feature store and identity, holding only the store's statements. Same reasoning as the lake's
 * grants (`grant-policy.ts`): an identity's default policy is inline (NIST 800-53 rev 5
 * IAMNoInlinePolicy) and mixes the store's statements with the user's own.
 *
 * The store's grants name single feature group ARNs and single key ARNs, never a wildcard, so
 * nothing on this policy needs acknowledging.
 */
import { Names, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';

/** An identity of the app the store can attach a policy to. */
type OwnedIdentity = iam.Role | iam.User | iam.Group;

/**
 * The grantee to pass to `Grant.addToPrincipal` and `key.grant`: for a role, user or group of the
 * app in the store's account and region, a principal that writes into the store's managed policy
 * for it; otherwise the grantee itself, so aws-cdk's own cross-account handling applies.
 */
export function featureStoreGrantee(store: IConstruct, grantee: iam.IGrantable): iam.IGrantable {
  const identity = grantee.grantPrincipal;
  if (!(identity instanceof iam.Role || identity instanceof iam.User || identity instanceof iam.Group) || !sameEnvironment(store, identity)) {
    return grantee;
  }
  return FeatureStoreGrantPolicy.of(store, identity).principal;
}

function sameEnvironment(a: IConstruct, b: IConstruct): boolean {
  const same = (x: string, y: string) => [TokenComparison.SAME, TokenComparison.BOTH_UNRESOLVED].includes(Token.compareStrings(x, y));
  const sa = Stack.of(a);
  const sb = Stack.of(b);
  return same(sa.account, sb.account) && same(sa.region, sb.region);
}

class FeatureStoreGrantPolicy extends Construct {
  public static of(store: IConstruct, identity: OwnedIdentity): FeatureStoreGrantPolicy {
    const id = `FeatureStoreGrants-${Names.nodeUniqueId(store.node)}`;
    const existing = identity.node.tryFindChild(id);
    return existing instanceof FeatureStoreGrantPolicy ? existing : new FeatureStoreGrantPolicy(identity, id, store, identity);
  }

  public readonly principal: iam.IPrincipal;

  private constructor(scope: Construct, id: string, store: IConstruct, identity: OwnedIdentity) {
    super(scope, id);
    const policy = new iam.ManagedPolicy(this, 'Resource', { description: `Grants of feature store ${store.node.path}` });
    if (identity instanceof iam.Role) {
      policy.attachToRole(identity);
    } else if (identity instanceof iam.User) {
      policy.attachToUser(identity);
    } else {
      policy.attachToGroup(identity);
    }
    this.principal = new ManagedPolicyPrincipal(identity, policy);
  }
}

/** A principal that adds the statements it is given to one managed policy. */
class ManagedPolicyPrincipal implements iam.IPrincipal {
  public readonly grantPrincipal: iam.IPrincipal = this;

  constructor(private readonly identity: iam.IPrincipal, private readonly policy: iam.ManagedPolicy) {}

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
    this.policy.addStatements(statement);
    return { statementAdded: true, policyDependable: this.policy };
  }
}
