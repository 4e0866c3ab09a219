/**
 * What happens to a stateful resource (bucket, dataset, table) when it leaves the Terraform
 * configuration or the stack is destroyed.
 *
 * | policy  | buckets                                   | datasets                                          | tables                          |
 * |---------|-------------------------------------------|---------------------------------------------------|---------------------------------|
 * | RETAIN  | `force_destroy = false`, `prevent_destroy` | `delete_contents_on_destroy = false`, `prevent_destroy` | `deletion_protection = true`, `prevent_destroy` |
 * | DESTROY | `force_destroy = true`                    | `delete_contents_on_destroy = true`               | `deletion_protection = false`   |
 *
 * `DESTROY` is the first of two opt-ins: the app must also set the context
 * `"mlops-constructs:allowDataDestruction": true` (see `ALLOW_DATA_DESTRUCTION_CONTEXT`).
 */
export enum RemovalPolicy {
  /** Keep the resource and its data: Terraform refuses to destroy it. The default. */
  RETAIN = 'retain',
  /** Destroy the resource and all data in it. Needs the app-level context opt-in too. */
  DESTROY = 'destroy',
}
