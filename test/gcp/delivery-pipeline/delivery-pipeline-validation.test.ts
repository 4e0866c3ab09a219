/** DeliveryPipeline: bad input from the "Bad input" section, and from plain JavaScript, each a synth-time MlopsValidationError. */
import { MlopsValidationError } from 'mlops-constructs';
import { DeliveryPipelineProps, ProductionApproval } from 'mlops-constructs/gcp';
import { newStack, Synth } from '../support';
import { delivery } from './fixtures';

/** The error `delivery()` throws with the overrides, or fails the test. */
function errorOf(overrides: Partial<DeliveryPipelineProps> | Record<string, unknown>): MlopsValidationError {
  try {
    delivery(newStack(), overrides as Partial<DeliveryPipelineProps>);
  } catch (e) {
    expect(e).toBeInstanceOf(MlopsValidationError);
    return e as MlopsValidationError;
  }
  throw new Error('no error thrown');
}

test.each([
  ['acme'], ['acme/ml/platform'], ['-acme/ml'], ['acme/..'], ['acme/ml platform'], ['https://github.com/acme/ml'], ['acme/ml.git'], [''], [42], [null],
])('repository %p is not owner/name', (repository) => {
  const e = errorOf({ repository });
  expect(e.constructPath).toBe('stack/Delivery');
  expect(e.property).toBe('repository');
  expect(e.value).toBe(repository);
  expect(e.message).toMatch(/Allowed: a repository "owner\/name"/);
});

test.each([
  ['feature branch', /no space/],
  ['a..b', /no "\.\."/],
  ['topic/.hidden', /starting with "\." or ending with "\.lock"/],
  ['release.lock', /ending with "\.lock"/],
  ['x~1', /no "~"/],
  ['x^1', /no "\^"/],
  ['x:y', /no ":"/],
  ['x?', /no "\?"/],
  ['x*', /no "\*"/],
  ['x[1', /no "\["/],
  ['x\\y', /no "\\"/],
  ['x@{1}', /no "@\{"/],
  ['@', /single character "@"/],
  ['/main', /no "\/" at the start/],
  ['main/', /no "\/" at the start or end/],
  ['a//b', /no "\/\/"/],
  ['main.', /no "\." at the end/],
  ['-main', /no "-" at the start/],
  ['tab\there', /control character/],
  ['', /a non-empty string/],
  [null, /a non-empty string/],
  [7, /a non-empty string/],
  ['v${x}', /Terraform would read it/],
])('branch %p is refused as git check-ref-format would', (branch, why) => {
  const e = errorOf({ branch });
  expect(e.property).toBe('branch');
  expect(e.value).toBe(branch);
  expect(e.allowed).toMatch(why);
});

test.each(['main', 'release/2026.12', 'feature/x-y_z', 'v1.0'])('branch %p is accepted', (branch) => {
  expect(() => delivery(newStack(), { branch })).not.toThrow();
});

test.each([
  ['^(main', /compiles/],
  ['[', /compiles/],
  ['^(?!wip).*$', /no lookahead or lookbehind/],
  ['^(?<=x)main$', /no lookahead or lookbehind/],
  ['^(a)\\1$', /no backreferences/],
  ['^(?<b>m)\\k<b>', /no backreferences/],
])('branchFilter %p does not compile as RE2', (branchFilter, why) => {
  const e = errorOf({ branchFilter });
  expect(e.property).toBe('branchFilter');
  expect(e.allowed).toMatch(why);
});

test('branchFilter must match the branch production builds; RE2-valid filters pass, escapes inside classes are fine', () => {
  expect(errorOf({ branchFilter: '^release/.*$' }).allowed).toMatch(/matches branch \("main"\)/);
  expect(() => delivery(newStack(), { branchFilter: '^(main|release/[0-9.]+)$' })).not.toThrow();
  expect(() => delivery(newStack(), { branchFilter: '^ma[\\1(?=]n$' })).toThrow(/matches branch/);
});

test('a connection given by resource name: the repository goes in its project, under its id', () => {
  const stack = newStack();
  delivery(stack, { project: undefined, connection: 'projects/acme-ml-shared/locations/europe-west4/connections/github-acme' });
  expect(new Synth(stack).at('google_cloudbuildv2_repository', 'Delivery/Repository')).toMatchObject({ project: 'acme-ml-shared', parent_connection: 'github-acme' });
  expect(errorOf({ connection: 'projects/acme-ml-shared/locations/europe-west4/connections/github-acme' }).allowed).toMatch(/in the project "acme-ml-ci"/);
});

test('the default branch filter matches the branch literally', () => {
  expect(delivery(newStack(), { branch: 'release/1.0' }).branchFilter).toBe('^release/1\\.0$');
});

test('staging and production in one project need allowSharedEnvironment', () => {
  const e = errorOf({ productionProject: 'acme-ml-staging' });
  expect(e.property).toBe('productionProject');
  expect(e.allowed).toMatch(/allowSharedEnvironment: true/);
  expect(() => delivery(newStack(), { productionProject: 'acme-ml-staging', allowSharedEnvironment: true })).not.toThrow();
  expect(errorOf({ allowSharedEnvironment: 'yes' }).property).toBe('allowSharedEnvironment');
});

test('a production stage without approval is refused unless waived with a reason', () => {
  for (const reason of ['', '   ', undefined, null, 7]) {
    const e = errorOf({ productionApproval: ProductionApproval.waived(reason as string) });
    expect(e.property).toBe('productionApproval.reason');
    expect(e.allowed).toMatch(/non-empty sentence/);
  }
  expect(errorOf({ productionApproval: { approvalRequired: false } }).property).toBe('productionApproval');
  expect(errorOf({ productionApproval: ProductionApproval.manual({ approvers: ['allUsers'] }) }).property).toBe('productionApproval.approvers[0]');
  expect(errorOf({ productionApproval: ProductionApproval.manual({ approvers: 'group:x@example.com' as unknown as string[] }) }).property).toBe('productionApproval.approvers');
});

test.each([
  [{ connection: 'projects/acme/locations/us-central1/connections/github' }, 'connection', /in the region "europe-west4"/],
  [{ connection: 'github acme' }, 'connection', /2nd-gen connection/],
  [{ connection: undefined }, 'connection', /2nd-gen connection/],
  [{ prefix: 'Acme' }, 'prefix', /lowercase/],
  [{ prefix: 'acme-ml-platform-team' }, 'prefix', /service account id/],
  [{ region: 'europe' }, 'region', /region/],
  [{ stagingProject: 'x' }, 'stagingProject', /project id/],
  [{ productionStack: 'staging' }, 'productionStack', /other than stagingStack/],
  [{ stagingStack: 'my stack' }, 'stagingStack', /cdktf stack name/],
  [{ stagingStack: null }, 'stagingStack', /cdktf stack name/],
  [{ installCommands: [] }, 'installCommands', /non-empty list/],
  [{ testCommands: 'npm test' }, 'testCommands', /list of strings/],
  [{ synthCommands: [' '] }, 'synthCommands', /non-empty shell commands/],
  [{ deployRoles: ['owner'] }, 'deployRoles[0]', /role name/],
  [{ encryptionKey: undefined }, 'encryptionKey', /Cloud KMS key/],
  [{ encryptionKey: { id: 'projects/p/locations/us/keyRings/r/cryptoKeys/k' } }, 'encryptionKey.id', /region "europe-west4"/],
  [{ modelRegistry: { modelId: 'churn' } }, 'modelRegistry', /ModelRegistry/],
  [{ cloudRunDelivery: { canaryPercentages: [50, 25] } }, 'cloudRunDelivery.canaryPercentages', /strictly increasing/],
  [{ cloudRunDelivery: { canaryPercentages: [100] } }, 'cloudRunDelivery.canaryPercentages', /1 to 99/],
  [{ cloudRunDelivery: { imageName: 'App' } }, 'cloudRunDelivery.imageName', /lowercase/],
  [{ cloudRunDelivery: { sourceDirectory: '../x' } }, 'cloudRunDelivery.sourceDirectory', /relative/],
  [{ cloudRunDelivery: 'yes' }, 'cloudRunDelivery', /an object/],
  [{ iam: { 'roles/cloudbuild.builds.editor': ['group:x@example.com'] } }, 'iam["roles/cloudbuild.builds.editor"]', /no role/],
  [{ nodeImage: 'node 22' }, 'nodeImage', /container image/],
])('%p is refused on %s', (overrides, property, allowed) => {
  const e = errorOf(overrides);
  expect(e.property).toBe(property);
  expect(e.allowed).toMatch(allowed);
});

test('props that are not an object', () => {
  for (const props of [null, undefined, 'x']) {
    expect(() => new (require('mlops-constructs/gcp').DeliveryPipeline)(newStack(), 'Delivery', props)).toThrow(MlopsValidationError);
  }
});
