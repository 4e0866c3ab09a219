import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, nestedBlocks, SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';

/**
 * The last target of a Cloud Deploy delivery pipeline — production, in a serial pipeline —
 * requires approval (`require_approval = true`), so that no rollout reaches it without a person
 * approving it. Judged on the delivery pipeline, through the target its last stage names (by
 * reference or by literal name); a target the stack does not define is not judged.
 *
 * Neither the CIS Google Cloud benchmark nor checkov has a Cloud Deploy control; the rule follows
 * Cloud Deploy's approval of rollouts (`Target.requireApproval`).
 *
 * @see https://cloud.google.com/deploy/docs/api/reference/rest/v1/projects.locations.targets#Target
 */
export function clouddeployProductionApproval(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  if (resource.type !== 'google_clouddeploy_delivery_pipeline') {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const serial = nestedBlock(resource.config, 'serial_pipeline');
  const stages = serial === undefined ? [] : nestedBlocks(serial, 'stages');
  const last = stages[stages.length - 1];
  if (last === undefined) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const target = stack.resourcesOfType('google_clouddeploy_target').find((t) => stack.designates(last.target_id, t, ['name'], 'name'));
  if (target === undefined) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  return target.config.require_approval === true ? PolicyCompliance.COMPLIANT : PolicyCompliance.NON_COMPLIANT;
}
