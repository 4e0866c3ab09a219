/**
 * What cdk-nag needs from this library's constructs: the form a resource takes in a finding id,
 * and acknowledgments of wildcard resources by exact finding id, each with its reason, on the one
 * policy they concern (never for a whole rule, never on a user's own policy).
 *
 * @see https://github.com/cdklabs/cdk-nag#acknowledging-a-rule (finding ids `RuleId[FindingId]`)
 */
import { Stack, Validations } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';

/**
 * A resource as cdk-nag names it in a finding id: `Fn::Join` joined, `Fn::GetAtt` as
 * `<Id.Attr>`, `Ref` as `<Id>`, `Fn::ImportValue` as its export name, `${x}` as `<x>`.
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

/**
 * Acknowledges AwsSolutions-IAM5 on `policy` for each wildcard resource of its Allow statements
 * that `reasonFor` gives a reason for, by exact finding id. Finding ids embed the final form of
 * each ARN (a cross-stack reference becomes an import), so they are computed once references are
 * resolved: node validations run after that, and before the templates are checked.
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
