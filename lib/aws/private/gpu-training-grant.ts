/**
 * Where a GpuTrainingCluster's grants land on an identity of the app: one customer managed policy
 * per cluster and identity, as the data lake does for its grants (`grant-policy.ts`), so that the
 * grantee gets no inline policy (NIST 800-53 rev 5 IAMNoInlinePolicy) and the one wildcard of the
 * grant, `training-job/*`, is acknowledged on a policy that holds nothing else.
 */
import { Names, Stack, Token, TokenComparison } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct, IConstruct } from 'constructs';
import { acknowledgeWildcardResources } from './gpu-training-iam';

/** Why `training-job/*` is acknowledged. */
const TRAINING_JOB_WILDCARD_REASON = 'Launching training jobs: the job names are chosen by the pipeline at run time, so the '
  + 'sagemaker actions name training-job/* in this account and region; iam:PassRole names the one training role, passed only to SageMaker.';

type OwnedIdentity = iam.Role | iam.User | iam.Group;

/**
 * The grantee to pass to `Grant.addToPrincipal`: for a role, user or group of the app in the
 * cluster's account and region, a principal that writes into the cluster's managed policy for it;
 * otherwise the grantee itself.
 */
export function clusterGrantee(cluster: IConstruct, grantee: iam.IGrantable): iam.IGrantable {
  const identity = grantee.grantPrincipal;
  if (!(identity instanceof iam.Role || identity instanceof iam.User || identity instanceof iam.Group) || !sameEnvironment(cluster, identity)) {
    return grantee;
  }
  const id = `GpuTrainingGrants-${Names.nodeUniqueId(cluster.node)}`;
  const existing = identity.node.tryFindChild(id);
  return (existing instanceof ClusterGrantPolicy ? existing : new ClusterGrantPolicy(identity, id, cluster, identity)).principal;
}

function sameEnvironment(a: IConstruct, b: IConstruct): boolean {
  const same = (x: string, y: string) => [TokenComparison.SAME, TokenComparison.BOTH_UNRESOLVED].includes(Token.compareStrings(x, y));
  return same(Stack.of(a).account, Stack.of(b).account) && same(Stack.of(a).region, Stack.of(b).region);
}

class ClusterGrantPolicy extends Construct {
  public readonly principal: iam.IPrincipal;

  constructor(scope: Construct, id: string, cluster: IConstruct, identity: OwnedIdentity) {
    super(scope, id);
    const policy = new iam.ManagedPolicy(this, 'Resource', { description: `Grants of GPU training cluster ${cluster.node.path}` });
    if (identity instanceof iam.Role) {
      policy.attachToRole(identity);
    } else if (identity instanceof iam.User) {
      policy.attachToUser(identity);
    } else {
      policy.attachToGroup(identity);
    }
    acknowledgeWildcardResources(policy, (resource) => (/:sagemaker:[^:]*:[^:]*:training-job\/\*$/.test(resource) ? TRAINING_JOB_WILDCARD_REASON : undefined));
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
