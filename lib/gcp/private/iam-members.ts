/**
 * IAM, as every Google Cloud construct of the library does it: the members and roles its props
 * and grants accept, the `iam` prop flattened into (role, member) pairs, and the one registry that
 * creates each `google_*_iam_member` resource once.
 */
import { Construct, IConstruct } from 'constructs';
import { MlopsValidationError, NamingRule, PathLike } from '../../core';
import { Token } from '../cdktf';
import { PUBLIC_IAM_MEMBERS } from '../iam';

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

/**
 * Project custom role ids: 3 to 64 letters, digits, underscores and periods.
 * @see https://registry.terraform.io/providers/hashicorp/google/6.50.0/docs/resources/google_project_iam_custom_role#role_id
 */
export const CUSTOM_ROLE_ID_RULE: NamingRule = {
  pattern: /^[a-zA-Z0-9_.]{3,64}$/,
  description: '3 to 64 letters, digits, underscores and periods (a project custom role id)',
};

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
export function resolveIamGrants(
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

/**
 * Where and under which id an IAM member resource goes: the construct `scope`, and the id
 * `<prefix><member>`, or `<prefix>member-<n>` for a member holding a token (the n-th such member
 * of that prefix under the scope), since token strings are not stable across synths.
 *
 * The constructs name their grants `Iam/<role>=<member>` (prefix `<role>=` under an `Iam` scope),
 * `Serving/<member>` (prefix `''`) or `Launch/CreateJobs=<member>`; construct ids are Terraform
 * addresses, so each keeps its scheme.
 */
export interface IamMemberId {
  /** The construct the resource is created under. */
  readonly scope: Construct;
  /** What the id starts with, before the member. */
  readonly prefix: string;
}

/**
 * The IAM member resources of one construct, each created once per (scope, prefix, member): a
 * second grant of the same role to the same member returns the first resource, since two
 * identical `google_*_iam_member` resources would remove the binding for both when one is
 * destroyed.
 */
export class IamMemberRegistry {
  private readonly resources = new Map<string, IConstruct>();

  /** The resource granting `member` at `at`, created by `create(scope, id)` the first time. */
  public grant<T extends IConstruct>(at: IamMemberId, member: string, create: (scope: Construct, id: string) => T): T {
    const key = `${at.scope.node.path}|${at.prefix}|${member}`;
    const existing = this.resources.get(key);
    if (existing) {
      return existing as T;
    }
    // Construct ids turn "/" into "--": roles/x.y=member-1 is stored as roles--x.y=member-1.
    const stored = at.prefix.replace(/\//g, '--');
    const id = Token.isUnresolved(member)
      ? `${at.prefix}member-${at.scope.node.children.filter((c) => c.node.id.startsWith(`${stored}member-`)).length + 1}`
      : `${at.prefix}${member}`;
    const resource = create(at.scope, id);
    this.resources.set(key, resource);
    return resource;
  }
}

/** The child construct `id` of `owner`, created (empty) the first time it is asked for. */
export function childScope(owner: Construct, id: string): Construct {
  return (owner.node.tryFindChild(id) as Construct | undefined) ?? new Construct(owner, id);
}
