import { normalizeForSnapshot } from './support/snapshot';

test('asset hashes and the cdktf version are normalized, everything else is kept', () => {
  const hash = 'a'.repeat(64);
  expect(normalizeForSnapshot({ S3Key: `${hash}.zip`, Other: 'abc', '//': { metadata: { version: '0.21.0', stackName: 's' } } }))
    .toEqual({ S3Key: '<asset-hash>.zip', Other: 'abc', '//': { metadata: { version: '<version>', stackName: 's' } } });
});
