import { namingProblem } from 'mlops-constructs';
import { LAKE_LOCATION_RULE } from 'mlops-constructs/gcp';

test.each(['US', 'EU', 'europe-west4', 'us-central1', 'asia-northeast1'])('%s is a lake location', (l) => {
  expect(namingProblem(LAKE_LOCATION_RULE, l)).toBeUndefined();
});
test.each(['us', 'NAM4', 'EUR4', 'europe-west4-a', 'mars'])('%s is not (lowercase multi-region, dual-region, zone, unknown)', (l) => {
  expect(namingProblem(LAKE_LOCATION_RULE, l)).toMatch(/a location both Cloud Storage and BigQuery offer/);
});
