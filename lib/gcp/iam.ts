import { MlopsValidationError, PathLike } from '../core';
import { Token } from './cdktf';

/**
 * The IAM props every Google Cloud construct of this library takes (cloud-foundation-fabric's
 * `iam` variable, additive form).
 */
export interface GcpIamProps {
  /**
   * Additive IAM grants: role → members, for example
   * `{ 'roles/bigquery.dataViewer': ['group:analysts@example.com'] }`.
   *
   * Each pair becomes one `google_*_iam_member` resource, never an authoritative binding or
   * policy, so grants made elsewhere (by other stacks, by the console, by Google) are left alone.
   * Which resources a role applies to, and which roles are accepted, is up to each construct.
   *
   * Members are `user:`, `serviceAccount:`, `group:`, `domain:`, `principal:` or `principalSet:`
   * identifiers. `allUsers` and `allAuthenticatedUsers` are refused: nothing this library builds
   * is meant to be public.
   *
   * @default - no grants besides those the construct needs to work
   */
  readonly iam?: { [role: string]: string[] };
}

/** The members that make a resource public. The library refuses them. */
export const PUBLIC_IAM_MEMBERS: readonly string[] = ['allUsers', 'allAuthenticatedUsers'];

const EMAIL = /^[^\s@:/]+@[^\s@:/]+\.[^\s@:/]+$/;
const DOMAIN = /^[a-z0-9](?:[a-z0-9-]*[a-z0-9])?(?:\.[a-z0-9](?:[a-z0-9-]*[a-z0-9])?)+$/i;
const FEDERATED = /^\/\/iam\.googleapis\.com\/\S+$/;

/** The member types accepted in IAM props and grants, with the shape of the identifier after the colon. */
const MEMBER_TYPES: Record<string, { readonly pattern: RegExp; readonly example: string }> = {
  user: { pattern: EMAIL, example: 'user:alice@example.com' },
  serviceAccount: { pattern: EMAIL, example: 'serviceAccount:etl@my-project.iam.gserviceaccount.com' },
  group: { pattern: EMAIL, example: 'group:analysts@example.com' },
  domain: { pattern: DOMAIN, example: 'domain:example.com' },
  principal: { pattern: FEDERATED, example: 'principal://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pool/subject/sub' },
  principalSet: { pattern: FEDERATED, example: 'principalSet://iam.googleapis.com/projects/123/locations/global/workloadIdentityPools/pool/*' },
};

const MEMBER_TYPE_LIST = Object.keys(MEMBER_TYPES).map((t) => `${t}:`).join(', ');
const ALLOWED_MEMBERS = `a member of type ${MEMBER_TYPE_LIST} (for example "${MEMBER_TYPES.group.example}")`;

/**
 * Why `member` is not an acceptable IAM member, or `undefined` when it is.
 *
 * A member holding an unresolved token is checked only as far as it is literal: its type prefix
 * when that is written out (`serviceAccount:${sa.email}`), nothing when the whole member is a
 * token (`sa.member`).
 */
export function iamMemberProblem(member: unknown): string | undefined {
  if (typeof member !== 'string') {
    return ALLOWED_MEMBERS;
  }
  if (PUBLIC_IAM_MEMBERS.includes(member) || PUBLIC_IAM_MEMBERS.some((p) => member.endsWith(`:${p}`))) {
    return `a non-public member: ${PUBLIC_IAM_MEMBERS.join(' and ')} would make the data public, which this library never does; `
      + `grant to ${MEMBER_TYPE_LIST} members instead`;
  }
  const colon = member.indexOf(':');
  const type = colon < 0 ? member : member.slice(0, colon);
  if (Token.isUnresolved(type)) {
    return undefined;
  }
  const spec = MEMBER_TYPES[type];
  if (colon < 0 || spec === undefined) {
    return ALLOWED_MEMBERS;
  }
  const id = member.slice(colon + 1);
  if (Token.isUnresolved(id)) {
    return undefined;
  }
  return spec.pattern.test(id) ? undefined : `${ALLOWED_MEMBERS}; a ${type}: member looks like "${spec.example}"`;
}

/** Predefined (`roles/...`) and custom (`projects/<p>/roles/...`, `organizations/<o>/roles/...`) role names. */
const ROLE_PATTERN = /^(?:roles\/[A-Za-z0-9_.]+|(?:projects|organizations)\/[^/\s]+\/roles\/[A-Za-z0-9_.]+)$/;

/** Why `role` is not an IAM role name, or `undefined` when it is. */
export function iamRoleProblem(role: unknown): string | undefined {
  return typeof role === 'string' && ROLE_PATTERN.test(role)
    ? undefined
    : 'a role name such as "roles/storage.objectViewer" or "projects/<project>/roles/<custom>"';
}

/** One validated (role, member) pair of an `iam` prop. */
export interface IamGrantSpec {
  /** The role. */
  readonly role: string;
  /** The member. */
  readonly member: string;
}

/**
 * Validates an `iam` prop and flattens it into (role, member) pairs, in declaration order.
 *
 * @param scope the construct that received the prop (for the error path)
 * @param iam the prop value
 * @param roleProblem the construct's own restriction on roles, on top of {@link iamRoleProblem}
 * @throws MlopsValidationError naming `iam`, `iam["<role>"]` or `iam["<role>"][<i>]`
 */
export function flattenIamProps(
  scope: PathLike,
  iam: { [role: string]: string[] } | undefined,
  roleProblem: (role: string) => string | undefined = () => undefined,
): IamGrantSpec[] {
  if (iam === undefined) {
    return [];
  }
  if (iam === null || typeof iam !== 'object' || Array.isArray(iam)) {
    throw new MlopsValidationError(scope, 'iam', iam, 'an object mapping role names to lists of members');
  }
  const grants: IamGrantSpec[] = [];
  for (const [role, members] of Object.entries(iam)) {
    const problem = iamRoleProblem(role) ?? roleProblem(role);
    if (problem !== undefined) {
      throw new MlopsValidationError(scope, `iam[${JSON.stringify(role)}]`, role, problem);
    }
    if (!Array.isArray(members)) {
      throw new MlopsValidationError(scope, `iam[${JSON.stringify(role)}]`, members, 'a list of members');
    }
    members.forEach((member, i) => {
      const memberProblem = iamMemberProblem(member);
      if (memberProblem !== undefined) {
        throw new MlopsValidationError(scope, `iam[${JSON.stringify(role)}][${i}]`, member, memberProblem);
      }
      grants.push({ role, member });
    });
  }
  return grants;
}
