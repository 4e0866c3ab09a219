import { nestedBlocks, referenceOf, SynthesizedResource, SynthesizedStack } from '../../engine/synthesized-stack';

/** The project-level IAM resources whose grants the IAM rules read. */
export const PROJECT_IAM_TYPES = ['google_project_iam_member', 'google_project_iam_binding', 'google_project_iam_policy'] as const;

/** One (role, member) pair a project IAM resource grants. */
export interface ProjectGrant {
  readonly role: string;
  readonly member: string;
}

/**
 * The (role, member) pairs of a project IAM resource: a member, a binding's members, or the
 * bindings of a policy (a `google_iam_policy` data source of the stack or literal policy JSON).
 */
export function projectGrants(resource: SynthesizedResource, stack: SynthesizedStack): ProjectGrant[] {
  const config = resource.config;
  const strings = (value: unknown): string[] => (Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : typeof value === 'string' ? [value] : []);
  if (resource.type === 'google_project_iam_member' || resource.type === 'google_project_iam_binding') {
    const role = typeof config.role === 'string' ? config.role : '';
    return [...strings(config.member), ...strings(config.members)].map((member) => ({ role, member }));
  }
  if (resource.type === 'google_project_iam_policy') {
    const ref = referenceOf(config.policy_data);
    let bindings: Array<{ role?: unknown; members?: unknown }> = [];
    if (ref !== undefined && ref.mode === 'data' && ref.type === 'google_iam_policy') {
      bindings = nestedBlocks(stack.dataSource(ref.type, ref.name) ?? {}, 'binding');
    } else if (typeof config.policy_data === 'string') {
      try {
        bindings = (JSON.parse(config.policy_data) as { bindings?: typeof bindings }).bindings ?? [];
      } catch {
        bindings = [];
      }
    }
    return bindings.flatMap((b) => strings(b.members).map((member) => ({ role: typeof b.role === 'string' ? b.role : '', member })));
  }
  return [];
}

/**
 * Whether a member is a service account: `serviceAccount:<email>`, or a reference to a
 * `google_service_account`'s `member` (`${google_service_account.x.member}`) or inside a
 * `serviceAccount:${…}` text.
 */
export function isServiceAccountMember(member: string): boolean {
  if (member.startsWith('serviceAccount:')) {
    return true;
  }
  const ref = referenceOf(member);
  return ref !== undefined && ref.type === 'google_service_account' && ref.attribute === 'member';
}
