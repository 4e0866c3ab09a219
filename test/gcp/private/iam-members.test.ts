import { Token } from 'cdktf';
import { Construct } from 'constructs';
import { childScope, iamMemberProblem, IamMemberRegistry, iamRoleProblem, resolveIamGrants } from '../../../lib/gcp/private/iam-members';

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

describe('resolveIamGrants', () => {
  test('flattens role → members into pairs, in declaration order', () => {
    expect(resolveIamGrants(scope, { 'roles/a.x': ['user:a@example.com', 'group:g@example.com'], 'roles/b.y': ['domain:example.com'] })).toEqual([
      { role: 'roles/a.x', member: 'user:a@example.com' },
      { role: 'roles/a.x', member: 'group:g@example.com' },
      { role: 'roles/b.y', member: 'domain:example.com' },
    ]);
    expect(resolveIamGrants(scope, undefined)).toEqual([]);
  });

  test('errors name the construct path, the role and the member index', () => {
    expect(() => resolveIamGrants(scope, { 'roles/a.x': ['user:a@example.com', 'allUsers'] }))
      .toThrow(/^\[stack\/Lake\] invalid iam\["roles\/a\.x"\]\[1\]: "allUsers"\. Allowed: a non-public member/);
    expect(() => resolveIamGrants(scope, { viewer: ['user:a@example.com'] })).toThrow(/invalid iam\["viewer"\]: "viewer"\. Allowed: a role name/);
    expect(() => resolveIamGrants(scope, { 'roles/a.x': 'user:a@example.com' as any })).toThrow(/Allowed: a list of members/);
    expect(() => resolveIamGrants(scope, { 'roles/a.x': ['user:a@example.com'] }, () => 'no roles here')).toThrow(/Allowed: no roles here/);
  });
});

describe('IamMemberRegistry', () => {
  test('one resource per (scope, prefix, member); token members numbered per prefix under their scope', () => {
    const root = new Construct(undefined as never, 'root');
    const iam = childScope(root, 'Iam');
    expect(childScope(root, 'Iam')).toBe(iam);
    const registry = new IamMemberRegistry();
    const create = (scope: Construct, id: string) => new Construct(scope, id);
    const first = registry.grant({ scope: iam, prefix: 'roles/a.x=' }, 'group:g@example.com', create);
    expect(registry.grant({ scope: iam, prefix: 'roles/a.x=' }, 'group:g@example.com', create)).toBe(first);
    expect(first.node.id).toBe('roles--a.x=group:g@example.com');
    const token = (name: string) => Token.asString({ resolve: () => name });
    const one = registry.grant({ scope: iam, prefix: 'roles/a.x=' }, token('a'), create);
    const two = registry.grant({ scope: iam, prefix: 'roles/a.x=' }, token('b'), create);
    const other = registry.grant({ scope: iam, prefix: 'roles/b.y=' }, token('c'), create);
    expect([one.node.id, two.node.id, other.node.id]).toEqual(['roles--a.x=member-1', 'roles--a.x=member-2', 'roles--b.y=member-1']);
    expect(registry.grant({ scope: root, prefix: '' }, token('d'), create).node.id).toBe('member-1');
  });
});
