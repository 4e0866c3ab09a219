/**
 * Where a StreamingIngest's grants land on an identity of the app: one customer managed policy per
 * ingest and identity, holding only the ingest's statements, as the lake does for its grants
 * (`grant-policy.ts` explains why: an identity's default policy is inline, which NIST 800-53 rev 5
 * IAMNoInlinePolicy flags, and it would mix our statements with the user's).
 *
 * The ingest's statements name the stream and its key only, so nothing here needs acknowledging.
 */
import { Names, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';

type OwnedIdentity = iam.Role | iam.User | iam.Group;

/**
 * The grantee to pass to `Grant.addToPrincipal`: for a role, user or group of the app in the
 * ingest's account and region, a principal that writes into the ingest's managed policy for it;
 * otherwise the grantee itself.
 */
export function ingestGrantee(ingest: IConstruct, grantee: iam.IGrantable): iam.IGrantable {
  const identity = grantee.grantPrincipal;
  if (!(identity instanceof iam.Role || identity instanceof iam.User || identity instanceof iam.Group) || !sameEnvironment(ingest, identity)) {
    return grantee;
  }
  return IngestGrantPolicy.of(ingest, identity).principal;
}

function sameEnvironment(a: IConstruct, b: IConstruct): boolean {
  const same = (x: string, y: string) => [TokenComparison.SAME, TokenComparison.BOTH_UNRESOLVED].includes(Token.compareStrings(x, y));
  const sa = Stack.of(a);
  const sb = Stack.of(b);
  return same(sa.account, sb.account) && same(sa.region, sb.region);
}

class IngestGrantPolicy extends Construct {
  public static of(ingest: IConstruct, identity: OwnedIdentity): IngestGrantPolicy {
    const id = `StreamingIngestGrants-${Names.nodeUniqueId(ingest.node)}`;
    const existing = identity.node.tryFindChild(id);
    return existing instanceof IngestGrantPolicy ? existing : new IngestGrantPolicy(identity, id, ingest, identity);
  }

  public readonly principal: iam.IPrincipal;

  private constructor(scope: Construct, id: string, ingest: IConstruct, identity: OwnedIdentity) {
    super(scope, id);
    const policy = new iam.ManagedPolicy(this, 'Resource', { description: `Grants of streaming ingest ${ingest.node.path}` });
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
