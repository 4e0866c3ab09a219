/**
 * A Cloud KMS symmetric encryption key, referenced by its resource id
 * (`projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>`).
 *
 * A `KmsCryptoKey` resource of `@cdktf/provider-google` satisfies it (its `id` is that resource
 * id), and so does a plain `{ id: '<resource id>' }` for a key managed elsewhere.
 *
 * The key must live in a location compatible with the resources it encrypts (for Cloud Storage
 * and BigQuery: the same location, e.g. key ring `us` for location `US`).
 *
 * @see https://cloud.google.com/kms/docs/cmek
 */
export interface ICryptoKey {
  /** The key's resource id: `projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>`. */
  readonly id: string;
}
