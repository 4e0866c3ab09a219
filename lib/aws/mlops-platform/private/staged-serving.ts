/**
 * Levels 2 and 3: the platform's endpoint lives in the stacks the delivery pipeline deploys, one
 * per stage, so that an approved model version goes build → staging → approval → production, and
 * production rolls it out by canary with alarm rollback.
 *
 * Why not in the platform's own stack: CDK Pipelines deploys the pipeline's stack (which holds the
 * platform) in its self-mutation step, before staging; an endpoint there would serve every approved
 * version before staging or the approval saw it.
 *
 * Why exports: stacks of a pipeline stage may not reference the platform's stack (CDK refuses
 * references between stages), and the lake's bucket names are generated. The platform's stack
 * exports the lake's bucket names and key ARN (named after the platform's prefix, unique per
 * account and region); the serving stacks import them (`Fn::ImportValue`), which also stops the
 * lake's stack from dropping them while an endpoint reads them. An export is not a resource: no
 * bill, no parameter.
 */
import { CfnOutput, Fn, RemovalPolicy, Stack, Stage } from 'aws-cdk-lib/core';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as s3 from 'aws-cdk-lib/aws-s3';
import { Construct } from 'constructs';
import { MlopsValidationError, StandardZone } from '../../../core';
import { ApprovedModelVersion } from '../../delivery-pipeline';
import { DataLake, IDataLake } from '../../data-lake';
import { ModelEndpoint } from '../../model-endpoint';
import { ModelRegistry } from '../../model-registry';
import { servingAt, xgboostRepository } from './serving';

/** The zones a serving stack imports: those `DataLake.fromDataLakeAttributes` needs. */
const IMPORTED_ZONES = [StandardZone.RAW, StandardZone.CURATED, StandardZone.ARTIFACTS] as const;

/** The lake of the platform, as the serving stacks import it: export names by zone, and the key's. */
export interface ExportedLake {
  readonly bucketExports: { readonly [zone: string]: string };
  readonly keyExport: string;
}

/** Exports the lake's zone bucket names and key ARN from the platform's stack (under `scope`). */
export function exportLake(scope: Construct, lake: DataLake, prefix: string): ExportedLake {
  const exports = new Construct(scope, 'ServingLake');
  const bucketExports: { [zone: string]: string } = {};
  for (const zone of IMPORTED_ZONES) {
    bucketExports[zone] = `${prefix}-lake-${zone}-bucket`;
    new CfnOutput(exports, `${zone}Bucket`, { value: lake.zoneBucket(zone).bucketName, exportName: bucketExports[zone], description: `The lake's ${zone} bucket, imported by the serving stacks of the delivery stages` });
  }
  const keyExport = `${prefix}-lake-key-arn`;
  new CfnOutput(exports, 'Key', { value: lake.encryptionKey.keyArn, exportName: keyExport, description: 'The lake\'s key, imported by the serving stacks of the delivery stages' });
  return { bucketExports, keyExport };
}

/** What one stage's serving stack is made of. */
export interface StagedEndpointProps {
  /** The stage (staging or production) the stack is added to. */
  readonly stage: Stage;
  /** `staging` or `production`: staging serves serverless (nothing bills idle), production as the level says. */
  readonly role: 'staging' | 'production';
  readonly level: number;
  readonly stackName: string;
  readonly endpointName: string;
  readonly groupName: string;
  readonly lake: ExportedLake;
  readonly imageRepository?: ecr.IRepository;
  readonly removalPolicy: RemovalPolicy;
  /** The construct id of the stack in the stage. */
  readonly id: string;
}

/**
 * A stack in `stage` serving the registry's approved version (as the context says; the caller
 * checked it is there): staging serverless and without capture, production with the level's
 * capacity, canary and capture into the lake's raw zone.
 */
export function createStagedEndpoint(platform: Construct, props: StagedEndpointProps): ModelEndpoint {
  const stack = new Stack(props.stage, props.id, { stackName: props.stackName, description: `The ${props.role} endpoint of MLOps platform ${platform.node.path}` });
  const bucket = (zone: string) => s3.Bucket.fromBucketName(stack, `Lake-${zone}`, Fn.importValue(props.lake.bucketExports[zone]));
  const lake: IDataLake = DataLake.fromDataLakeAttributes(stack, 'Lake', {
    zoneBuckets: Object.fromEntries(IMPORTED_ZONES.map((zone) => [zone, bucket(zone)])),
    encryptionKey: kms.Key.fromKeyArn(stack, 'LakeKey', Fn.importValue(props.lake.keyExport)),
  });
  const registry = ModelRegistry.fromModelRegistryName(stack, 'Registry', props.groupName);
  const approved = ApprovedModelVersion.fromContext(stack, registry);
  const serving = servingAt(props.role === 'staging' ? 0 : props.level);
  return new ModelEndpoint(stack, 'Endpoint', {
    model: approved.toModel({ artifactsLake: lake, imageRepository: importedRepository(stack, platform, props.imageRepository) }),
    endpointName: props.endpointName,
    capacity: serving.capacity,
    deployment: serving.deployment,
    captureLake: serving.capture ? lake : undefined,
    removalPolicy: props.removalPolicy,
  });
}

/** The serving image's repository in the serving stack: SageMaker's XGBoost one, or the given one re-imported by name and ARN. */
function importedRepository(stack: Stack, platform: Construct, repository: ecr.IRepository | undefined): ecr.IRepository {
  if (repository === undefined) {
    return xgboostRepository(stack, 'ServingImages');
  }
  if (repository instanceof ecr.Repository) {
    throw new MlopsValidationError(platform, 'servingImageRepository', repository.node.path,
      'an imported repository (ecr.Repository.fromRepositoryName or fromRepositoryAttributes with literal values): from level 2 the endpoint is in '
      + 'the delivery stages\' stacks, which cannot reference a repository the platform\'s stack creates');
  }
  return ecr.Repository.fromRepositoryAttributes(stack, 'ServingImages', { repositoryArn: repository.repositoryArn, repositoryName: repository.repositoryName });
}
