/**
 * The repository a delivery pipeline of the AWS examples builds, read from the CDK context: the
 * level-2 and level-3 reference stacks and the delivery example share it, so that no example names
 * a placeholder repository. Deploy with `-c mlops-constructs:repository=<owner>/<name>` (or set
 * the key in cdk.json's "context"); without it the stack carries an error annotation, which
 * `cdk deploy` refuses.
 */
import { Annotations, Stack } from 'aws-cdk-lib';

/**
 * The context key naming the repository the delivery pipelines build
 * (`cdk deploy MlopsLevel2Aws -c mlops-constructs:repository=<owner/name>`).
 */
export const REPOSITORY_CONTEXT = 'mlops-constructs:repository';

/**
 * The context this repository's own synths build the examples with (the checks, the tests, the
 * docs generator): a repository name for the delivery pipelines to be drawn from. Not a default:
 * `cdk deploy` reads the context you give it, and without one the stack is refused.
 */
export const SYNTH_CONTEXT: { readonly [key: string]: string } = { [REPOSITORY_CONTEXT]: 'example-org/ml-platform' };

/**
 * What a delivery pipeline is built with while the context names no repository: a value the
 * pipeline construct accepts, so that the rest of the app (the other examples) still synthesizes,
 * in a stack that carries an error annotation — `cdk deploy` of that stack stops on it. Never
 * deployed.
 */
export const MISSING_REPOSITORY = 'missing-context/mlops-constructs-repository';

/**
 * The repository of `stack`'s delivery pipeline, from the context {@link REPOSITORY_CONTEXT}; when
 * the context has none, an error annotation on `stack` (an annotation, not a throw: the App builds
 * every stack, and `cdk deploy` of another stack must not fail because this one has no
 * repository; the CDK CLI refuses to deploy a stack with an error annotation) and
 * {@link MISSING_REPOSITORY}.
 * @param stack the stack holding the pipeline
 * @param needs what needs the repository, for the message: `<stack> is level 2: its delivery pipeline needs delivery.repository`
 */
export function repositoryFromContext(stack: Stack, needs: string): string {
  const repository: unknown = stack.node.tryGetContext(REPOSITORY_CONTEXT);
  if (repository === undefined) {
    Annotations.of(stack).addError(`${needs}, the repository `
      + `holding this CDK app ("owner/name"), from the context ${REPOSITORY_CONTEXT}. Deploy with `
      + `\`npx cdk deploy ${stack.stackName} -c ${REPOSITORY_CONTEXT}=<owner>/<name>\` (or set it in cdk.json's "context").`);
    return MISSING_REPOSITORY;
  }
  return repository as string;
}
