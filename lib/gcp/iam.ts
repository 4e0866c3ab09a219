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
