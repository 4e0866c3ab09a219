import { PolicyCompliance } from '../../engine/compliance';
import { grantedMembers, isPublicMember } from '../shared/iam-members';
import { SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';

/** Resources that grant access to a dataset. */
const DATASET_GRANT_TYPES = [
  'google_bigquery_dataset_iam_member',
  'google_bigquery_dataset_iam_binding',
  'google_bigquery_dataset_iam_policy',
  'google_bigquery_dataset_access',
];

/**
 * No BigQuery dataset is readable by `allUsers` or `allAuthenticatedUsers`: neither through the
 * dataset's own `access` entries (`special_group`, `iam_member`) nor through
 * `google_bigquery_dataset_iam_*` or `google_bigquery_dataset_access` resources.
 *
 * Mirrors CIS Google Cloud Platform Foundation Benchmark 7.1 ("Ensure That BigQuery Datasets Are
 * Not Anonymously or Publicly Accessible", v3.0.0) and checkov CKV_GCP_15
 * (`GoogleBigQueryDatasetPublicACL`, which reads the dataset's `access` blocks); the IAM-resource
 * half follows CIS 7.1's wording (the dataset's IAM policy).
 *
 * Cross-resource like the bucket rule: a public grant is reported on the dataset when the stack
 * defines it, otherwise on the grant resource.
 */
export function bigqueryDatasetNotPublic(resource: SynthesizedResource, stack: SynthesizedStack): PolicyCompliance {
  const isPublic = (r: SynthesizedResource): boolean => grantedMembers(r, stack).some(isPublicMember);
  if (resource.type === 'google_bigquery_dataset') {
    if (isPublic(resource)) {
      return PolicyCompliance.NON_COMPLIANT;
    }
    const grants = stack.resourcesOfType(...DATASET_GRANT_TYPES)
      .filter((grant) => stack.designates(grant.config.dataset_id, resource, ['dataset_id'], 'dataset_id'));
    return grants.some(isPublic) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
  }
  if (DATASET_GRANT_TYPES.includes(resource.type)) {
    const datasetInStack = stack.resourcesOfType('google_bigquery_dataset')
      .some((dataset) => stack.designates(resource.config.dataset_id, dataset, ['dataset_id'], 'dataset_id'));
    if (datasetInStack) {
      return PolicyCompliance.NOT_APPLICABLE;
    }
    return isPublic(resource) ? PolicyCompliance.NON_COMPLIANT : PolicyCompliance.COMPLIANT;
  }
  return PolicyCompliance.NOT_APPLICABLE;
}
