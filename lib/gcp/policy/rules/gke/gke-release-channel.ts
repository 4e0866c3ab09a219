import { PolicyCompliance } from '../../engine/compliance';
import { nestedBlock, SynthesizedResource } from '../../engine/synthesized-stack';
import { GKE_CLUSTER_TYPE } from './node-configs';

/** The release channels CIS GKE 5.5.4 recommends: production channels that upgrade automatically. */
export const GKE_RECOMMENDED_RELEASE_CHANNELS: readonly string[] = ['REGULAR', 'STABLE'];

/**
 * GKE clusters are enrolled in the `REGULAR` or `STABLE` release channel
 * (`release_channel.channel`), so that GKE upgrades them with security patches.
 *
 * Mirrors CIS Google Kubernetes Engine Benchmark v1.1.0 5.5.4 ("Automate GKE version management
 * using Release Channels", which names Regular and Stable) and checkov CKV_GCP_70
 * (`GKEReleaseChannel`, which accepts any channel). `RAPID`, `EXTENDED` and `UNSPECIFIED` are
 * non-compliant.
 */
export function gkeClusterReleaseChannel(resource: SynthesizedResource): PolicyCompliance {
  if (resource.type !== GKE_CLUSTER_TYPE) {
    return PolicyCompliance.NOT_APPLICABLE;
  }
  const channel = nestedBlock(resource.config, 'release_channel')?.channel;
  return typeof channel === 'string' && GKE_RECOMMENDED_RELEASE_CHANNELS.includes(channel)
    ? PolicyCompliance.COMPLIANT
    : PolicyCompliance.NON_COMPLIANT;
}
