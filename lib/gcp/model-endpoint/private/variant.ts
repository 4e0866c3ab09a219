import type { ModelEndpointCloudRunOptions } from '../cloud-run';
import type { ModelEndpointVertexAiOptions } from '../vertex-ai';

/** Where an endpoint serves. The values are what messages and descriptions show. */
export enum PlatformKind {
  VERTEX_AI = 'vertex-ai',
  CLOUD_RUN = 'cloud-run',
}

/** The variant a `ModelEndpointPlatform` holds. */
export type PlatformVariant =
  | { readonly kind: PlatformKind.VERTEX_AI; readonly options: ModelEndpointVertexAiOptions }
  | { readonly kind: PlatformKind.CLOUD_RUN; readonly options: ModelEndpointCloudRunOptions };

/** The options each platform takes, to refuse the other platform's (an easy mistake without types). */
export const PLATFORM_OPTION_NAMES: Readonly<Record<PlatformKind, readonly string[]>> = {
  [PlatformKind.VERTEX_AI]: ['access', 'network', 'allowedProjects', 'endpointId', 'displayName', 'machineType'],
  [PlatformKind.CLOUD_RUN]: [
    'image', 'port', 'environment', 'cpu', 'memory', 'ingress', 'revisionSuffix', 'traffic', 'gpuZonalRedundancy', 'deletionProtection',
  ],
};
