import { ENTRY_POINT_PEERS, missingPeers, missingPeersMessage, PEER_RANGES, requirePeers } from '../../lib/core/peers';

// eslint-disable-next-line @typescript-eslint/no-require-imports
const pkg = require('../../package.json') as { peerDependencies: Record<string, string>; peerDependenciesMeta: Record<string, { optional?: boolean }> };

test('the ranges are package.json\'s peerDependencies, and every peer of an entry point has one', () => {
  expect(PEER_RANGES).toEqual(pkg.peerDependencies);
  for (const peers of Object.values(ENTRY_POINT_PEERS)) {
    for (const name of peers) {
      expect(PEER_RANGES[name]).toBeDefined();
    }
  }
});

test('a peer the resolver cannot find is named, with the install command for all of the entry point\'s peers', () => {
  const resolver = (present: string[]) => (name: string): string => {
    if (!present.includes(name)) {
      throw Object.assign(new Error(`Cannot find module '${name}'`), { code: 'MODULE_NOT_FOUND' });
    }
    return `/x/node_modules/${name}/index.js`;
  };
  expect(missingPeers('mlops-constructs/gcp', resolver(['constructs']))).toEqual(['cdktf', '@cdktf/provider-google']);
  expect(missingPeers('mlops-constructs/aws', resolver(['aws-cdk-lib', 'constructs']))).toEqual([]);
  expect(() => requirePeers('mlops-constructs/gcp', resolver(['constructs']))).toThrow(
    'mlops-constructs/gcp needs its peer packages cdktf, @cdktf/provider-google, which are not installed. '
    + 'Install the peers next to mlops-constructs: npm install cdktf@^0.21.0 @cdktf/provider-google@^16.12.1 constructs@^10.5.0');
  expect(missingPeersMessage('mlops-constructs/aws', ['aws-cdk-lib'])).toBe(
    'mlops-constructs/aws needs its peer package aws-cdk-lib, which is not installed. Install the peers next to mlops-constructs: npm install aws-cdk-lib@^2.276.0 constructs@^10.5.0');
  expect(() => requirePeers('mlops-constructs/aws', resolver(['aws-cdk-lib', 'constructs']))).not.toThrow();
});
