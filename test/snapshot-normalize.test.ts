import * as path from 'path';
import { normalizeForSnapshot } from './support/snapshot';

test('asset hashes, the cdktf version and the checkout path are normalized, everything else is kept', () => {
  const hash = 'a'.repeat(64);
  const root = path.resolve(__dirname, '..');
  expect(normalizeForSnapshot({
    S3Key: `${hash}.zip`,
    Other: 'abc',
    terraform: { backend: { local: { path: `${root}/terraform.s.tfstate` } } },
    '//': { metadata: { version: '0.21.0', stackName: 's' } },
  })).toEqual({
    S3Key: '<asset-hash>.zip',
    Other: 'abc',
    terraform: { backend: { local: { path: '<repo>/terraform.s.tfstate' } } },
    '//': { metadata: { version: '<version>', stackName: 's' } },
  });
});
