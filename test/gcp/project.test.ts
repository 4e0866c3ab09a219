import { namingProblem } from 'mlops-constructs';
import { GCP_PROJECT_ID_RULE } from 'mlops-constructs/gcp';

test.each(['acme-ml-dev', 'abcdef', 'example.com:my-project'])('%s is a project id', (p) => {
  expect(namingProblem(GCP_PROJECT_ID_RULE, p)).toBeUndefined();
});
test.each(['short', 'Acme-ml', '1acme-ml', 'acme-ml-', 'a'.repeat(31)])('%s is not', (p) => {
  expect(namingProblem(GCP_PROJECT_ID_RULE, p)).toMatch(/6 to 30 characters/);
});
