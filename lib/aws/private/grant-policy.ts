/**
 * Where a construct's grants land on an identity of the app: one customer managed policy per
 * construct and identity, holding only that construct's statements. The lake, the streaming
 * ingest, the feature store and the GPU training cluster all grant this way.
 *
 * Why not the identity's default policy, as aws-cdk grants do: that is an inline policy
 * (NIST 800-53 rev 5 IAMNoInlinePolicy), and it mixes our statements with the user's, so nothing
 * could be acknowledged on it without hiding the user's own findings. A managed policy of the
 * construct's own fixes the first and makes the second narrow: only the wildcard resources that
 * the construct's grants cannot avoid are acknowledged on it, by exact finding id.
 */
import { Names, Stack, Token, TokenComparison, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';

/** Why the wildcard resources of the lake's grants are acknowledged. */
export const GRANT_WILDCARD_REASON = 'Data lake grants: S3 object actions apply to every object of a zone bucket (or of the '
  + 'athena-results/ prefix) and Glue table reads to every table of the lake\'s databases, so those ARNs end in "/*"; '
  + 'actions, buckets, databases, the workgroup and the key are all listed explicitly.';

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

/** The lake's grant policies (`DataLakeGrants-*`), every wildcard acknowledged with {@link GRANT_WILDCARD_REASON}. */
const LAKE_GRANTS: GrantPolicyOptions = { idPrefix: 'DataLakeGrants', kind: 'data lake', wildcardReason: () => GRANT_WILDCARD_REASON };

/** An identity of the app a construct can attach a policy to. */
type OwnedIdentity = iam.Role | iam.User | iam.Group;

/**
 * The grantee to pass to `Grant.addToPrincipal` and `key.grant`: for a role, user or group of the
 * app in the owner's account and region, a principal that writes into the owner's managed policy
 * for it; otherwise the grantee itself, so aws-cdk's own cross-account handling applies.
 */
export function managedPolicyGrantee(owner: IConstruct, grantee: iam.IGrantable, options: GrantPolicyOptions): iam.IGrantable {
  const identity = grantee.grantPrincipal;
  if (!(identity instanceof iam.Role || identity instanceof iam.User || identity instanceof iam.Group) || !sameEnvironment(owner, identity)) {
    return grantee;
  }
  return GrantPolicy.of(owner, identity, options).principal;
}

/** {@link managedPolicyGrantee} for a data lake. */
export function lakeGrantee(lake: IConstruct, grantee: iam.IGrantable): iam.IGrantable {
  return managedPolicyGrantee(lake, grantee, LAKE_GRANTS);
}

/**
 * Acknowledges AwsSolutions-IAM5 on `policy` for each wildcard resource `reasonFor` gives a reason
 * for, by exact finding id. Finding ids embed the final form of each ARN (a cross-stack reference
 * becomes an import), so they are computed once references are resolved: node validations run
 * after that, and before the templates are checked.
 */
export function acknowledgeWildcardResources(policy: iam.ManagedPolicy, reasonFor: (flatResource: string) => string | undefined): void {
  policy.node.addValidation({
    validate: () => {
      const cfn = policy.node.defaultChild as iam.CfnManagedPolicy;
      const document = Stack.of(cfn).resolve(cfn.policyDocument) as { Statement?: Array<{ Effect?: string; Resource?: unknown }> };
      const reasons = new Map<string, string>();
      for (const statement of document.Statement ?? []) {
        for (const resource of statement.Effect === 'Allow' ? [statement.Resource].flat() : []) {
          const flat = flattenReference(resource);
          const reason = flat.includes('*') ? reasonFor(flat) : undefined;
          if (reason !== undefined) {
            reasons.set(`AwsSolutions-IAM5[Resource::${flat}]`, reason);
          }
        }
      }
      for (const [id, reason] of reasons) {
        Validations.of(policy).acknowledge({ id, reason });
      }
      return [];
    },
  });
}

function sameEnvironment(a: IConstruct, b: IConstruct): boolean {
  const same = (x: string, y: string) => [TokenComparison.SAME, TokenComparison.BOTH_UNRESOLVED].includes(Token.compareStrings(x, y));
  const sa = Stack.of(a);
  const sb = Stack.of(b);
  return same(sa.account, sb.account) && same(sa.region, sb.region);
}

class GrantPolicy extends Construct {
  public static of(owner: IConstruct, identity: OwnedIdentity, options: GrantPolicyOptions): GrantPolicy {
    const id = `${options.idPrefix}-${Names.nodeUniqueId(owner.node)}`;
    const existing = identity.node.tryFindChild(id);
    return existing instanceof GrantPolicy ? existing : new GrantPolicy(identity, id, owner, identity, options);
  }

  public readonly principal: iam.IPrincipal;

  private constructor(scope: Construct, id: string, owner: IConstruct, identity: OwnedIdentity, options: GrantPolicyOptions) {
    super(scope, id);
    const policy = new iam.ManagedPolicy(this, 'Resource', { description: `Grants of ${options.kind} ${owner.node.path}` });
    if (identity instanceof iam.Role) {
      policy.attachToRole(identity);
    } else if (identity instanceof iam.User) {
      policy.attachToUser(identity);
    } else {
      policy.attachToGroup(identity);
    }
    if (options.wildcardReason !== undefined) {
      acknowledgeWildcardResources(policy, options.wildcardReason);
    }
    this.principal = new PolicyPrincipal(identity, policy);
  }
}

/**
 * A resource as cdk-nag names it in a finding id: `Fn::Join` joined, `Fn::GetAtt` as
 * `<Id.Attr>`, `Ref` as `<Id>`, `Fn::ImportValue` as its export name, `${x}` as `<x>`.
 * @see https://github.com/cdklabs/cdk-nag#acknowledging-a-rule (finding ids `RuleId[FindingId]`)
 */
export function flattenReference(node: unknown): string {
  if (node === undefined) {
    return '';
  }
  if (typeof node === 'string') {
    return node.replace(/\$\{/g, '<').replace(/\}/g, '>');
  }
  const o = node as Record<string, unknown>;
  if (o['Fn::Join']) {
    const [delimiter, items] = o['Fn::Join'] as [string, unknown[]];
    return items.map(flattenReference).join(delimiter);
  }
  if (o['Fn::Sub']) {
    return flattenReference(o['Fn::Sub']);
  }
  if (o['Fn::GetAtt']) {
    const [resource, attribute] = o['Fn::GetAtt'] as [unknown, unknown];
    return `<${flattenReference(resource)}.${flattenReference(attribute)}>`;
  }
  if (o['Fn::ImportValue']) {
    return flattenReference(o['Fn::ImportValue']);
  }
  if (o.Ref) {
    return `<${flattenReference(o.Ref)}>`;
  }
  return JSON.stringify(node);
}

/** A principal that adds the statements it is given to one managed policy. */
class PolicyPrincipal implements iam.IPrincipal {
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
