/**
 * The Google Cloud examples deploy as they are: every id they need comes from a Terraform variable
 * validated at plan time (examples/gcp/variables.ts) or from a resource the stack creates — no
 * literal project, region, repository, notification channel, service account of someone else's,
 * or image of a private repository — and the variables' RE2 patterns agree with the library's own
 * synth-time rules.
 */
import { App, TerraformStack, Testing } from 'cdktf';
import { buildGcpExamples } from '../../examples/gcp/app';
import { CONNECTION_PATTERN, EMAIL_PATTERN, PROJECT_PATTERN, REGION_PATTERN, REPOSITORY_PATTERN } from '../../examples/gcp/variables';
import { repositoryParts } from '../../lib/core/delivery';

const app: App = Testing.app();
buildGcpExamples(app);
const documents = app.node.children
  .filter((c): c is TerraformStack => TerraformStack.isStack(c))
  .map((stack) => ({ name: stack.node.id, doc: JSON.parse(JSON.stringify(stack.toTerraform())) }));

test('there are GCP examples to check', () => {
  expect(documents.length).toBeGreaterThanOrEqual(11);
});

test.each(documents.map((d) => [d.name, d.doc]))('%s: project and region are validated variables the provider uses', (_name, doc: any) => {
  expect(doc.variable.project.validation[0].condition).toContain(PROJECT_PATTERN);
  expect(doc.variable.region.validation[0].condition).toContain(REGION_PATTERN);
  expect(doc.provider.google[0]).toMatchObject({ project: '${var.project}', region: '${var.region}' });
  for (const variable of Object.values<any>(doc.variable)) {
    expect(variable.validation?.length ?? 0).toBeGreaterThan(0);
  }
});

test.each(documents.map((d) => [d.name, d.doc]))('%s: no placeholder ids — no acme, no literal project, channel or account of another project, no private image', (_name, doc: any) => {
  const text = JSON.stringify({ resource: doc.resource, data: doc.data, output: doc.output, provider: doc.provider });
  expect(text).not.toMatch(/acme/i);
  expect(text).not.toMatch(/europe-west4|us-central1/);
  // Notification channels, service accounts and Artifact Registry paths either come from the stack or are Google's public images.
  expect(text.match(/projects\/[a-z][a-z0-9-]+\/notificationChannels/g) ?? []).toEqual([]);
  expect(text.match(/[A-Za-z0-9-]+@[a-z][a-z0-9-]+\.iam\.gserviceaccount\.com/g) ?? []).toEqual([]);
  for (const [image, path] of text.matchAll(/docker\.pkg\.dev\/([^"\\]*)/g)) {
    // The stack's own project (the variable, or the provider's project looked up) or Google's public repositories.
    expect({ image, known: /^(\$\{(var\.project|data\.google_project\.[^}]+)\}\/|vertex-ai\/|cloudrun\/container\/)/.test(path) }).toEqual({ image, known: true });
  }
});

test('levels 2 and 3 and the delivery example take the repository as a required variable, with a connection variable defaulting to "github"', () => {
  const withDelivery = documents.filter((d) => d.doc.resource.google_cloudbuildv2_repository !== undefined);
  expect(withDelivery.map((d) => d.name).sort()).toEqual(['mlops-delivery-example', 'mlops-level-2-gcp', 'mlops-level-3-gcp']);
  for (const { doc } of withDelivery) {
    expect(doc.variable.repository.default).toBeUndefined();
    expect(doc.variable.repository.validation[0].condition).toContain(REPOSITORY_PATTERN);
    expect(doc.variable.connection).toMatchObject({ default: 'github' });
    expect(Object.values<any>(doc.resource.google_cloudbuildv2_repository)[0]).toMatchObject({
      name: '${element(split("/", var.repository), 1)}', remote_uri: 'https://github.com/${var.repository}.git', parent_connection: '${var.connection}',
    });
  }
  for (const level of ['mlops-level-0-gcp', 'mlops-level-1-gcp']) {
    expect(Object.keys(documents.find((d) => d.name === level)!.doc.variable).sort()).toEqual(['project', 'region']);
  }
});

/**
 * The repository variable's three conditions, as Terraform evaluates them (RE2 and JavaScript
 * agree on these patterns: no lookaround, no backreference, no class JavaScript reads otherwise).
 */
function repositoryVariableAccepts(value: string): boolean {
  return new RegExp(REPOSITORY_PATTERN).test(value)
    && value.split('/')[0].length <= 39
    && !/\/[.]{1,2}$/.test(value) && !value.endsWith('.git');
}

test.each([
  'my-org/ml-platform', 'a/b', 'Org1/repo.name_x-y', `${'a'.repeat(39)}/r`, `o/${'n'.repeat(100)}`,
  'acme', 'acme/ml/platform', '-acme/ml', 'acme-/ml', 'ac--me/ml', 'acme/..', 'acme/.', 'acme/ml platform', 'https://github.com/acme/ml',
  'acme/ml.git', '', '/ml', 'acme/', `${'a'.repeat(40)}/r`, `o/${'n'.repeat(101)}`, 'acme/ml$',
])('the repository variable accepts %p exactly when the library does at synth', (value) => {
  expect(repositoryVariableAccepts(value)).toBe(repositoryParts(value) !== undefined);
});

test('the project, region, connection and e-mail patterns accept real values and refuse others', () => {
  const accepts = (pattern: string, values: string[]) => values.map((v) => new RegExp(pattern).test(v));
  expect(accepts(PROJECT_PATTERN, ['my-project-123456', 'ml-prod', 'Acme', 'ab', 'example.com:proj', 'trailing-'])).toEqual([true, true, false, false, false, false]);
  expect(accepts(REGION_PATTERN, ['us-central1', 'europe-west4', 'mars-north1', 'us-central1-a'])).toEqual([true, true, false, false]);
  expect(accepts(CONNECTION_PATTERN, ['github', 'gh_org-1', '-github', 'git hub', 'a'.repeat(64)])).toEqual([true, true, false, false, false]);
  expect(accepts(EMAIL_PATTERN, ['ml-oncall@example.com', 'a@b.co', 'no-at.example.com', 'a b@example.com', 'a@b'])).toEqual([true, true, false, false, false]);
});
