import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';

/**
 * The inline build of a Cloud Build trigger keeps its logs: `options.logging` is not `NONE`
 * (the logs of what a build ran — a plan, an apply — are the audit trail of a deployment).
 * A trigger reading its build from the repository (`filename`, `git_file_source`) has no inline
 * build to judge: not applicable.
 *
 * Neither the CIS Google Cloud benchmark nor checkov has a Cloud Build logging check; the rule
 * follows Google's "Store and manage build logs".
 *
 * @see https://cloud.google.com/build/docs/securing-builds/store-manage-build-logs
 */
export function cloudbuildTriggerBuildLogs(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== 'google_cloudbuild_trigger') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const build = nestedBlock(resource.config, 'build');
  if (build === undefined) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const logging = build.options === undefined ? undefined : nestedBlock(build, 'options')?.logging;
  return logging === 'NONE' ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
}
