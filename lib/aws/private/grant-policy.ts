/**
 * Where the lake's grants land on an identity of the app: one customer managed policy per lake
 * and identity, holding only the lake's statements.
 *
 * Why not the identity's default policy, as aws-cdk grants do: that is an inline policy
 * (NIST 800-53 rev 5 IAMNoInlinePolicy), and it mixes the lake's statements with the user's, so
 * nothing could be acknowledged on it without hiding the user's own findings. A managed policy
 * of the lake's own fixes the first and makes the second narrow: its only wildcard resources are
 * object and table ARNs, which no grant of object access can avoid (AwsSolutions-IAM5), and
 * exactly those are acknowledged on it.
 */
import { Names, Stack, Token, TokenComparison, Validations } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';

/** Why the wildcard resources of the lake's grants are acknowledged. */
export const GRANT_WILDCARD_REASON = 'Data lake grants: S3 object actions apply to every object of a zone bucket (or of the '
  + 'athena-results/ prefix) and Glue table reads to every table of the lake\'s databases, so those ARNs end in "/*"; '
  + 'actions, buckets, databases, the workgroup and the key are all listed explicitly.';

/** An identity of the app the lake can attach a policy to. */
type OwnedIdentity = iam.Role | iam.User | iam.Group;

/**
 * The grantee to pass to `Grant.addToPrincipal` and `key.grant`: for a role, user or group of the
 * app in the lake's account and region, a principal that writes into the lake's managed policy
 * for it; otherwise the grantee itself, so aws-cdk's own cross-account handling applies.
 */
export function lakeGrantee(lake: IConstruct, grantee: iam.IGrantable): iam.IGrantable {
  const identity = grantee.grantPrincipal;
  if (!(identity instanceof iam.Role || identity instanceof iam.User || identity instanceof iam.Group) || !sameEnvironment(lake, identity)) {
    return grantee;
  }
  return LakeGrantPolicy.of(lake, identity).principal;
}

function sameEnvironment(a: IConstruct, b: IConstruct): boolean {
  const same = (x: string, y: string) => [TokenComparison.SAME, TokenComparison.BOTH_UNRESOLVED].includes(Token.compareStrings(x, y));
  const sa = Stack.of(a);
  const sb = Stack.of(b);
  return same(sa.account, sb.account) && same(sa.region, sb.region);
}

class LakeGrantPolicy extends Construct {
  public static of(lake: IConstruct, identity: OwnedIdentity): LakeGrantPolicy {
    const id = `DataLakeGrants-${Names.nodeUniqueId(lake.node)}`;
    const existing = identity.node.tryFindChild(id);
    return existing instanceof LakeGrantPolicy ? existing : new LakeGrantPolicy(identity, id, lake, identity);
  }

  public readonly principal: iam.IPrincipal;
  private readonly policy: iam.ManagedPolicy;

  private constructor(scope: Construct, id: string, lake: IConstruct, identity: OwnedIdentity) {
    super(scope, id);
    this.policy = new iam.ManagedPolicy(this, 'Resource', { description: `Grants of data lake ${lake.node.path}` });
    if (identity instanceof iam.Role) {
      this.policy.attachToRole(identity);
    } else if (identity instanceof iam.User) {
      this.policy.attachToUser(identity);
    } else {
      this.policy.attachToGroup(identity);
    }
    this.principal = new PolicyPrincipal(identity, this.policy);
    // Finding ids embed the final form of each ARN (a cross-stack reference becomes an import), so
    // they are computed once references are resolved: node validations run after that, and before
    // the templates are checked.
    this.node.addValidation({ validate: () => this.acknowledgeWildcardResources() });
  }

  private acknowledgeWildcardResources(): string[] {
    const cfn = this.policy.node.defaultChild as iam.CfnManagedPolicy;
    const document = Stack.of(cfn).resolve(cfn.policyDocument) as { Statement?: Array<{ Effect?: string; Resource?: unknown }> };
    const ids = new Set<string>();
    for (const statement of document.Statement ?? []) {
      if (statement.Effect !== 'Allow') {
        continue;
      }
      for (const resource of [statement.Resource].flat()) {
        const flat = flattenReference(resource);
        if (flat.includes('*')) {
          ids.add(`AwsSolutions-IAM5[Resource::${flat}]`);
        }
      }
    }
    for (const id of ids) {
      Validations.of(this.policy).acknowledge({ id, reason: GRANT_WILDCARD_REASON });
    }
    return [];
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
