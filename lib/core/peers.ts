/**
 * The peer packages each cloud entry point needs, and the check that runs first when an entry point
 * loads, so that a missing peer is reported by name with the command that installs it instead of
 * Node's bare "Cannot find module 'cdktf'" from somewhere inside the library.
 *
 * Internal: not exported from the core entry point. The ranges equal package.json's
 * `peerDependencies` (test/core/peers.test.ts holds them equal).
 */

/** The peer ranges of package.json, by package. */
export const PEER_RANGES: { readonly [name: string]: string } = {
  'aws-cdk-lib': '^2.269.0',
  'cdktf': '>=0.20.0 <0.22.0',
  '@cdktf/provider-google': '>=14.30.0 <17.0.0',
  'constructs': '^10.5.0',
};

/** The peers of each cloud entry point. */
export const ENTRY_POINT_PEERS: { readonly [entryPoint: string]: readonly string[] } = {
  'mlops-constructs/aws': ['aws-cdk-lib', 'constructs'],
  'mlops-constructs/gcp': ['cdktf', '@cdktf/provider-google', 'constructs'],
};

/**
 * The peers of `entryPoint` that `resolve` cannot find (resolution only: nothing is loaded).
 * @param resolve the resolver of the entry point's module (its `require.resolve`)
 */
export function missingPeers(entryPoint: string, resolve: (name: string) => string): string[] {
  return (ENTRY_POINT_PEERS[entryPoint] ?? []).filter((name) => {
    try {
      resolve(name);
      return false;
    } catch {
      return true;
    }
  });
}

/** The message for the peers missing from an entry point: which, and the command that installs all of them. */
export function missingPeersMessage(entryPoint: string, missing: readonly string[]): string {
  // Quoted: a range such as `>=0.20.0 <0.22.0` holds a space and a redirection for the shell.
  const install = (ENTRY_POINT_PEERS[entryPoint] ?? []).map((name) => `"${name}@${PEER_RANGES[name]}"`).join(' ');
  return `${entryPoint} needs its peer package${missing.length === 1 ? '' : 's'} ${missing.join(', ')}, which ${missing.length === 1 ? 'is' : 'are'} not installed. `
    + `Install the peers next to mlops-constructs: npm install ${install}`;
}

/** Throws the missing-peers message when a peer of `entryPoint` cannot be resolved. */
export function requirePeers(entryPoint: string, resolve: (name: string) => string): void {
  const missing = missingPeers(entryPoint, resolve);
  if (missing.length > 0) {
    throw new Error(missingPeersMessage(entryPoint, missing));
  }
}
