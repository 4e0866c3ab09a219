/**
 * How the policy engine reads a synthesized stack.
 */
import { SynthesizedStack } from '../../../../lib/gcp/policy/engine/synthesized-stack';

describe('SynthesizedStack', () => {
  test('reads resources with their address and the construct path from cdktf metadata', () => {
    const stack = new SynthesizedStack({
      resource: { google_storage_bucket: { Lake_Bucket_1: { name: 'x', '//': { metadata: { path: 'stack/Lake/Bucket', uniqueId: 'Lake_Bucket_1' } } } } },
    });
    expect(stack.resources).toEqual([expect.objectContaining({
      type: 'google_storage_bucket', name: 'Lake_Bucket_1', address: 'google_storage_bucket.Lake_Bucket_1', constructPath: 'stack/Lake/Bucket',
    })]);
  });
});

