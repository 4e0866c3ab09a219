/**
 * The BigQuery rules of the GCP policy pack (GCP-BQ1..3), on small Terraform JSON fixtures.
 */
import { PolicyCompliance } from '../../../../lib/gcp/policy/engine/compliance';
import { bigqueryDatasetCmek } from '../../../../lib/gcp/policy/rules/bigquery/bigquery-dataset-cmek';
import { bigqueryDatasetNotPublic } from '../../../../lib/gcp/policy/rules/bigquery/bigquery-dataset-not-public';
import { bigqueryTableCmek } from '../../../../lib/gcp/policy/rules/bigquery/bigquery-table-cmek';
import { judge } from '../support';

const { COMPLIANT, NON_COMPLIANT, NOT_APPLICABLE } = PolicyCompliance;

describe('GCP-BQ1 bigqueryDatasetNotPublic (CIS 7.1, CKV_GCP_15)', () => {
  const datasetRef = '${google_bigquery_dataset.d.dataset_id}';

  test('compliant with private access entries and grants', () => {
    const resources = {
      google_bigquery_dataset: { d: { dataset_id: 'lake_raw', access: [{ role: 'READER', user_by_email: 'a@example.com' }, { role: 'OWNER', special_group: 'projectOwners' }] } },
      google_bigquery_dataset_iam_member: { m: { dataset_id: datasetRef, role: 'roles/bigquery.dataViewer', member: 'group:a@example.com' } },
    };
    expect(judge(bigqueryDatasetNotPublic, resources, 'google_bigquery_dataset.d')).toBe(COMPLIANT);
  });

  test.each([
    ['a special_group access entry', { access: [{ role: 'READER', special_group: 'allAuthenticatedUsers' }] }],
    ['an iam_member access entry', { access: { role: 'READER', iam_member: 'allUsers' } }],
  ])('non-compliant with %s', (_name, overrides) => {
    expect(judge(bigqueryDatasetNotPublic, { google_bigquery_dataset: { d: { dataset_id: 'lake_raw', ...overrides } } }, 'google_bigquery_dataset.d')).toBe(NON_COMPLIANT);
  });

  test('non-compliant when an IAM member or dataset_access resource opens it', () => {
    const dataset = { google_bigquery_dataset: { d: { dataset_id: 'lake_raw' } } };
    expect(judge(bigqueryDatasetNotPublic, { ...dataset, google_bigquery_dataset_iam_member: { m: { dataset_id: datasetRef, role: 'roles/bigquery.dataViewer', member: 'allUsers' } } }, 'google_bigquery_dataset.d')).toBe(NON_COMPLIANT);
    expect(judge(bigqueryDatasetNotPublic, { ...dataset, google_bigquery_dataset_access: { a: { dataset_id: 'lake_raw', role: 'READER', special_group: 'allAuthenticatedUsers' } } }, 'google_bigquery_dataset.d')).toBe(NON_COMPLIANT);
  });

  test('a grant on a dataset managed elsewhere is judged on the grant', () => {
    expect(judge(bigqueryDatasetNotPublic, { google_bigquery_dataset_iam_binding: { b: { dataset_id: 'elsewhere', role: 'roles/bigquery.dataViewer', members: ['allUsers'] } } }, 'google_bigquery_dataset_iam_binding.b')).toBe(NON_COMPLIANT);
  });
});

describe('GCP-BQ2 bigqueryDatasetCmek (CIS 7.3, CKV_GCP_81)', () => {
  test('compliant with a default KMS key', () => {
    expect(judge(bigqueryDatasetCmek, { google_bigquery_dataset: { d: { dataset_id: 'd', default_encryption_configuration: { kms_key_name: '${google_kms_crypto_key.k.id}' } } } }, 'google_bigquery_dataset.d')).toBe(COMPLIANT);
  });
  test('non-compliant without one', () => {
    expect(judge(bigqueryDatasetCmek, { google_bigquery_dataset: { d: { dataset_id: 'd' } } }, 'google_bigquery_dataset.d')).toBe(NON_COMPLIANT);
  });
  test('not applicable to tables', () => {
    expect(judge(bigqueryDatasetCmek, { google_bigquery_table: { t: { table_id: 't' } } }, 'google_bigquery_table.t')).toBe(NOT_APPLICABLE);
  });
});

describe('GCP-BQ3 bigqueryTableCmek (CIS 7.2, CKV_GCP_80)', () => {
  test('compliant with a KMS key', () => {
    expect(judge(bigqueryTableCmek, { google_bigquery_table: { t: { table_id: 't', encryption_configuration: [{ kms_key_name: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' }] } } }, 'google_bigquery_table.t')).toBe(COMPLIANT);
  });
  test('non-compliant without one', () => {
    expect(judge(bigqueryTableCmek, { google_bigquery_table: { t: { table_id: 't' } } }, 'google_bigquery_table.t')).toBe(NON_COMPLIANT);
  });
  test('views hold no data: not applicable', () => {
    expect(judge(bigqueryTableCmek, { google_bigquery_table: { v: { table_id: 'v', view: { query: 'SELECT 1', use_legacy_sql: false } } } }, 'google_bigquery_table.v')).toBe(NOT_APPLICABLE);
  });
});

