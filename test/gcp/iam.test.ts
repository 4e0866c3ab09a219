import { flattenIamProps, iamMemberProblem, iamRoleProblem } from '../../lib/gcp/iam';

const scope = { node: { path: 'stack/Lake' } };

describe('iamMemberProblem', () => {
  test.each([
    'user:alice@example.com',
    'serviceAccount:etl@my-project.iam.gserviceaccount.com',
    'group:analysts@example.com',
    'domain:example.com',
    'principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pool/*',
  ])('accepts %s', (member) => expect(iamMemberProblem(member)).toBeUndefined());

  test.each(['allUsers', 'allAuthenticatedUsers', 'group:allUsers'])('refuses the public member %s', (member) => {
    expect(iamMemberProblem(member)).toMatch(/a non-public member/);
  });

  test.each(['alice@example.com', 'robot:x@example.com', 'user:not-an-email', 7])('refuses %p, listing the member types', (member) => {
    expect(iamMemberProblem(member)).toMatch(/a member of type user:, serviceAccount:, group:, domain:, principal:, principalSet:/);
  });
});

describe('iamRoleProblem', () => {
  test.each(['roles/storage.objectViewer', 'projects/p/roles/lakeReader', 'organizations/123/roles/custom'])('accepts %s', (role) => {
    expect(iamRoleProblem(role)).toBeUndefined();
  });
  test.each(['storage.objectViewer', 'roles/', ''])('refuses %p', (role) => expect(iamRoleProblem(role)).toMatch(/a role name such as/));
});

describe('flattenIamProps', () => {
  test('flattens role → members into pairs, in declaration order', () => {
    expect(flattenIamProps(scope, { 'roles/a.x': ['user:a@example.com', 'group:g@example.com'], 'roles/b.y': ['domain:example.com'] })).toEqual([
      { role: 'roles/a.x', member: 'user:a@example.com' },
      { role: 'roles/a.x', member: 'group:g@example.com' },
      { role: 'roles/b.y', member: 'domain:example.com' },
    ]);
    expect(flattenIamProps(scope, undefined)).toEqual([]);
  });

  test('errors name the construct path, the role and the member index', () => {
    expect(() => flattenIamProps(scope, { 'roles/a.x': ['user:a@example.com', 'allUsers'] }))
      .toThrow(/^\[stack\/Lake\] invalid iam\["roles\/a\.x"\]\[1\]: "allUsers"\. Allowed: a non-public member/);
    expect(() => flattenIamProps(scope, { viewer: ['user:a@example.com'] })).toThrow(/invalid iam\["viewer"\]: "viewer"\. Allowed: a role name/);
    expect(() => flattenIamProps(scope, { 'roles/a.x': 'user:a@example.com' as any })).toThrow(/Allowed: a list of members/);
    expect(() => flattenIamProps(scope, { 'roles/a.x': ['user:a@example.com'] }, () => 'no roles here')).toThrow(/Allowed: no roles here/);
  });
});
