/**
 * The cdk-nag findings on the roles CDK Pipelines generates inside a delivery pipeline, each
 * acknowledged on the one policy it concerns, by exact finding id, with its reason. Only the
 * wildcards CDK Pipelines writes are acknowledged: a wildcard that no reason below describes stays
 * reported, so a change in aws-cdk-lib's grants shows up as a finding.
 *
 * @see https://github.com/cdklabs/cdk-nag#acknowledging-a-rule
 */
import { Stack, Validations } from 'aws-cdk-lib/core';
import * as iam from 'aws-cdk-lib/aws-iam';
import { IConstruct } from 'constructs';
import { flattenReference } from '../../private/nag';

interface Statement {
  readonly Effect?: string;
  readonly Action?: string | string[];
  readonly Resource?: unknown;
}

const S3_GRANT = 'aws-cdk\'s bucket grant (grantRead/grantReadWrite) that CDK Pipelines gives each role of the pipeline, '
  + 'on the pipeline\'s own artifact bucket and its objects only (the statement\'s resources name them).';
const KMS_GRANT = 'aws-cdk\'s key grant on the pipeline\'s own key only (the statement\'s resource names it): '
  + 'the artifact bucket\'s SSE-KMS needs data keys (GenerateDataKey*) and re-encryption (ReEncrypt*).';

/** Wildcard actions CDK Pipelines' grants write, and why. */
const ACTION_REASONS: Record<string, string> = {
  's3:GetObject*': S3_GRANT,
  's3:GetBucket*': S3_GRANT,
  's3:List*': S3_GRANT,
  's3:DeleteObject*': S3_GRANT,
  's3:Abort*': S3_GRANT,
  'kms:ReEncrypt*': KMS_GRANT,
  'kms:GenerateDataKey*': KMS_GRANT,
};

/** Why actions with resource `*` take it, by action. */
const STAR_REASONS: Record<string, string> = {
  'sagemaker:ListModelPackages': 'sagemaker:ListModelPackages has no resource type (the model package group is a request parameter), '
    + 'so it takes "*"; the synth step only lists the registry\'s approved packages, it reads, never changes.',
  'cloudformation:DescribeStacks': 'CDK Pipelines\' self-mutation (cdk deploy of the pipeline stack) reads stack states, which it names only at run time; read-only.',
  's3:ListBucket': 'CDK Pipelines\' self-mutation lists the CDK bootstrap asset buckets of the target environments, whose names it cannot know at synth; read-only.',
};

/** Why a wildcard resource is needed, given the actions of its statement; `undefined` when none of these. */
function resourceReason(flat: string, actions: readonly string[]): string | undefined {
  if (flat === '*') {
    const reasons = actions.map((a) => STAR_REASONS[a]);
    return reasons.every((r) => r !== undefined) ? [...new Set(reasons)].join(' ') : undefined;
  }
  if (/^<[A-Za-z0-9]+\.Arn>\/\*$/.test(flat) && actions.every((a) => a.startsWith('s3:'))) {
    return 'Objects of the pipeline\'s own artifact bucket, whose keys CodePipeline generates per execution.';
  }
  if (/:log-group:\/aws\/codebuild\/<[A-Za-z0-9]+>:\*$/.test(flat)) {
    return 'Log streams of the project\'s default CodeBuild log group, named per build by CodeBuild (aws-cdk adds this grant to every project; '
      + 'the builds log to the pipeline\'s encrypted log group).';
  }
  if (/:report-group\/<[A-Za-z0-9]+>-\*$/.test(flat)) {
    return 'Test report groups of this CodeBuild project only, named <project>-<report group> by CodeBuild.';
  }
  // The account is a literal, or the stack's own (`<AWS::AccountId>`) in an environment-agnostic stack.
  if (/^arn:\*:iam::(?:[^:]*|<AWS::AccountId>):role\/\*$/.test(flat) && actions.every((a) => a === 'sts:AssumeRole')) {
    return 'sts:AssumeRole on the CDK bootstrap roles only (condition iam:ResourceTag/aws-cdk:bootstrap-role): '
      + 'self-mutation and asset publishing deploy with the roles `cdk bootstrap` created, whose names carry a qualifier.';
  }
  return undefined;
}

const INLINE_REASON = 'CDK Pipelines writes each generated role\'s permissions (pipeline, source, synth, self-mutation, events, '
  + 'asset and approval action roles) as that role\'s default policy, which only it uses; moving them into managed policies '
  + 'would mean re-implementing CDK Pipelines\' grants. The user\'s own roles are not touched.';

/** Acknowledges the findings of the generated roles' policies under `pipeline` (the CDK Pipelines construct). */
export function acknowledgePipelineFindings(pipeline: IConstruct): void {
  pipeline.node.addValidation({
    validate: () => {
      for (const policy of pipeline.node.findAll().filter((c): c is iam.CfnPolicy => c instanceof iam.CfnPolicy)) {
        acknowledgePolicy(policy);
      }
      return [];
    },
  });
}

function acknowledgePolicy(policy: iam.CfnPolicy): void {
  const document = Stack.of(policy).resolve(policy.policyDocument) as { Statement?: Statement[] };
  const reasons = new Map<string, string[]>();
  const unexplained = new Set<string>();
  const add = (id: string, reason: string | undefined) => (reason === undefined ? unexplained.add(id) : reasons.set(id, [...(reasons.get(id) ?? []), reason]));
  for (const statement of document.Statement ?? []) {
    if (statement.Effect !== 'Allow') {
      continue;
    }
    const actions = [statement.Action ?? []].flat();
    for (const action of actions.filter((a) => a.includes('*'))) {
      add(`AwsSolutions-IAM5[Action::${action}]`, ACTION_REASONS[action]);
    }
    for (const resource of [statement.Resource].flat()) {
      const flat = flattenReference(resource);
      if (flat.includes('*')) {
        add(`AwsSolutions-IAM5[Resource::${flat}]`, resourceReason(flat, actions));
      }
    }
  }
  // One finding id can come from several statements: acknowledged only when each has a reason.
  for (const [id, list] of [...reasons].filter(([i]) => !unexplained.has(i))) {
    Validations.of(policy).acknowledge({ id, reason: [...new Set(list)].join(' ') });
  }
  Validations.of(policy).acknowledge({ id: 'NIST.800.53.R5-IAMNoInlinePolicy', reason: INLINE_REASON });
}
