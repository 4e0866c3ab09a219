/**
 * Cloud KMS keys of regional services (Vertex AI models, Workflows): the key a construct uses,
 * given or the lake's, in the construct's region.
 */
import { PathLike } from '../../core';
import { Token } from '../cdktf';
import { ICryptoKey } from '../crypto-key';
import { resolveEncryptionKey } from './validate';

/** The location of a literal key id (`projects/p/locations/<location>/keyRings/…`). */
function keyLocation(id: string): string | undefined {
  return /\/locations\/([^/]+)\//.exec(id)?.[1];
}

/**
 * The key of a regional resource:
 *
 * | given key | lake's key               | key used                                            |
 * |-----------|--------------------------|-----------------------------------------------------|
 * | given     | any                      | the given key; an error naming `encryptionKey.id` when it is not in `region` |
 * | none      | none                     | none (Google-managed; the policy pack reports it)   |
 * | none      | in `region`              | the lake's                                          |
 * | none      | elsewhere                | none (Google-managed; the policy pack reports it)   |
 *
 * @param service how the error names the constraint, e.g. `Vertex AI encrypts a model with a key of its region`
 */
export function resolveRegionalKey(
  scope: PathLike, given: unknown, lake: { readonly encryptionKey?: ICryptoKey; readonly location: string }, region: string, what: string, service: string,
): ICryptoKey | undefined {
  const inRegion = (id: string): string | undefined => (keyLocation(id) === region ? undefined : `a Cloud KMS key in the ${what} region "${region}": ${service}`);
  if (given !== undefined) {
    return resolveEncryptionKey(scope, given, inRegion);
  }
  const lakeKey = lake.encryptionKey;
  if (lakeKey === undefined) {
    return undefined;
  }
  const usable = Token.isUnresolved(lakeKey.id) ? lake.location === region : inRegion(lakeKey.id) === undefined;
  return usable ? lakeKey : undefined;
}
