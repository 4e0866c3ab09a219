import { PUBLIC_IAM_MEMBERS } from '../../../iam';
import { nestedBlocks, referenceOf, SynthesizedResource, SynthesizedStack, TerraformBlock } from '../../engine/synthesized-stack';

/** Predefined Cloud Storage ACLs that grant access to everyone. */
const PUBLIC_PREDEFINED_ACLS = ['publicRead', 'publicReadWrite'];

/** Whether a member (or ACL entity) stands for the public. */
export function isPublicMember(member: string): boolean {
  return PUBLIC_IAM_MEMBERS.includes(member);
}

/**
 * The members (and ACL entities) a grant resource gives access to, whatever its form:
 * `*_iam_member.member`, `*_iam_binding.members`, `*_iam_policy.policy_data` (a
 * `google_iam_policy` data source of the stack or literal policy JSON), `google_storage_bucket_acl`
 * (`role_entity`, `predefined_acl`), `*_access_control.entity`, and BigQuery dataset `access`
 * entries (`special_group`, `iam_member`, `user_by_email`, `group_by_email`).
 */
export function grantedMembers(resource: SynthesizedResource, stack: SynthesizedStack): string[] {
  const config = resource.config;
  const members: string[] = [];
  const add = (value: unknown): void => {
    if (typeof value === 'string') {
      members.push(value);
    } else if (Array.isArray(value)) {
      value.forEach(add);
    }
  };
  add(config.member);
  add(config.members);
  add(config.entity);
  add(config.special_group);
  add(config.iam_member);
  if (Array.isArray(config.role_entity)) {
    // "READER:allUsers"
    config.role_entity.filter((e): e is string => typeof e === 'string').forEach((e) => add(e.slice(e.indexOf(':') + 1)));
  }
  if (typeof config.predefined_acl === 'string' && PUBLIC_PREDEFINED_ACLS.includes(config.predefined_acl)) {
    members.push('allUsers');
  }
  if (config.policy_data !== undefined) {
    members.push(...policyMembers(config.policy_data, stack));
  }
  for (const entry of nestedBlocks(config, 'access')) {
    add(entry.special_group);
    add(entry.iam_member);
  }
  return members;
}

function policyMembers(policyData: unknown, stack: SynthesizedStack): string[] {
  const ref = referenceOf(policyData);
  if (ref !== undefined) {
    const policy = ref.mode === 'data' && ref.type === 'google_iam_policy' ? stack.dataSource(ref.type, ref.name) : undefined;
    return policy ? nestedBlocks(policy, 'binding').flatMap((b: TerraformBlock) => stringList(b.members)) : [];
  }
  if (typeof policyData === 'string') {
    try {
      const parsed = JSON.parse(policyData) as { bindings?: Array<{ members?: unknown }> };
      return (parsed.bindings ?? []).flatMap((b) => stringList(b.members));
    } catch {
      return [];
    }
  }
  return [];
}

function stringList(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((v): v is string => typeof v === 'string') : [];
}
