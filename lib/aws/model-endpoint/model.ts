import { Stack, Token } from 'aws-cdk-lib/core';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { StandardZone, ValidationProblem } from '../../core';
import { IDataLake } from '../data-lake';
import { nameProblems } from '../private/names';
import { ExecutionPolicy, KEY_DECRYPT_ACTIONS } from './private/execution-policy';
import { integerRangeProblem, MODEL_DATA_SUFFIX, SAGEMAKER_NAME_RULE } from './private/limits';
import { zoneProblems } from './private/validation';
import { guard } from '../../core';
import { AWS_GUARD_CONTEXT, awsGuard } from '../private/guard';

/** Where a model comes from: the variants of {@link ModelEndpointModel}. */
type ModelSource =
  | { readonly kind: 'lake'; readonly props: ModelEndpointLakeModelProps }
  | { readonly kind: 'package'; readonly props: ModelEndpointModelPackageProps };

/** The container image of a model (enum-like). */
export class ModelEndpointImage {
  /**
   * An image of an ECR repository. The execution role may pull from this repository only.
   *
   * Give a tag that names one build (or a digest): the model, and so the endpoint, is replaced
   * only when the image reference in the template changes, so pushing a new image under a
   * moving tag such as `latest` deploys nothing.
   * @param repository the repository (of this account and region, or imported by ARN)
   * @param tagOrDigest an image tag, or a digest `sha256:...`
   */
  public static fromEcrRepository(repository: ecr.IRepository, tagOrDigest: string): ModelEndpointImage {
    return new ModelEndpointImage(repository, tagOrDigest);
  }

  private constructor(
    /** The repository the image is pulled from. */
    public readonly repository: ecr.IRepository,
    /** The tag or digest. */
    public readonly tagOrDigest: string,
  ) {}

  /** The image URI, `registry/repository:tag` or `registry/repository@digest`. */
  public imageUri(): string {
    return this.repository.repositoryUriForTagOrDigest(this.tagOrDigest);
  }
}

/** A model whose artifacts are one object of a lake zone. */
export interface ModelEndpointLakeModelProps {
  /** The serving container. */
  readonly image: ModelEndpointImage;
  /** The lake holding the model archive. */
  readonly lake: IDataLake;
  /**
   * The object key of the model archive, a gzip-compressed tar (`.tar.gz`).
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-model-containerdefinition.html#cfn-sagemaker-model-containerdefinition-modeldataurl
   */
  readonly key: string;
  /**
   * The lake zone holding the archive.
   * @default 'artifacts'
   */
  readonly zone?: string;
}

/** A versioned model package of a model registry group. */
export interface ModelEndpointModelPackageProps {
  /** The model package group (1 to 63 letters, digits and hyphens). */
  readonly groupName: string;
  /** The package version, from 1. */
  readonly version: number;
  /**
   * The lake whose zone holds the package's model artifacts: the execution role may read that
   * zone (the package's artifact keys are not known at synth time).
   */
  readonly artifactsLake: IDataLake;
  /**
   * The zone of `artifactsLake` holding the package's artifacts.
   * @default 'artifacts'
   */
  readonly artifactsZone?: string;
  /** The ECR repository of the package's inference image: the execution role may pull from it. */
  readonly imageRepository: ecr.IRepository;
}

/** A model factory's props must be an object (checked at the factory); the values are checked by the endpoint, under its path. */
const FACTORY_PROPS_GUARD = guard.props({}, 'an object of props');

/** The runtime types of a lake model's props (lib/core/guard), checked first by `problems()`. */
const LAKE_MODEL_GUARD = guard.props({
  image: guard.satisfies((v) => v instanceof ModelEndpointImage && awsGuard.repository().problems(v.repository, 'image.repository').length === 0,
    'a ModelEndpointImage of an ECR repository (ModelEndpointImage.fromEcrRepository(repository, tag))'),
  lake: awsGuard.lake(),
  zone: guard.string().optional(),
}, 'lake model props ({ image, lake, key, zone? })');

/** The runtime types of a registry model's props (lib/core/guard), checked first by `problems()`. */
const PACKAGE_MODEL_GUARD = guard.props({
  artifactsLake: awsGuard.lake(),
  artifactsZone: guard.string().optional(),
  imageRepository: awsGuard.repository(),
}, 'model package props ({ groupName, version, artifactsLake, imageRepository, artifactsZone? })');

/**
 * The model an endpoint serves (enum-like): an image with model data from the lake, or a
 * versioned package of a model registry group.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry-models.html
 */
export class ModelEndpointModel {
  /**
   * An image with its model archive in a lake zone.
   * @param props image, lake, zone and key
   */
  public static fromLake(props: ModelEndpointLakeModelProps): ModelEndpointModel {
    FACTORY_PROPS_GUARD.check(undefined, props, AWS_GUARD_CONTEXT, 'ModelEndpointModel.fromLake(props)');
    return new ModelEndpointModel({ kind: 'lake', props });
  }

  /**
   * A versioned package of a model registry group
   * (`arn:<partition>:sagemaker:<region>:<account>:model-package/<group>/<version>`).
   * @param props group, version, and where its artifacts and image are
   */
  public static fromModelPackage(props: ModelEndpointModelPackageProps): ModelEndpointModel {
    FACTORY_PROPS_GUARD.check(undefined, props, AWS_GUARD_CONTEXT, 'ModelEndpointModel.fromModelPackage(props)');
    return new ModelEndpointModel({ kind: 'package', props });
  }

  private constructor(private readonly source: ModelSource) {}

  /**
   * Problems with the model, property paths relative to it: the zone, the image and its tag, the
   * archive key of a lake model; the group name, version and artifacts zone of a package.
   */
  public problems(): ValidationProblem[] {
    const typeProblems = (this.source.kind === 'lake' ? LAKE_MODEL_GUARD : PACKAGE_MODEL_GUARD).problems(this.source.props, '', AWS_GUARD_CONTEXT);
    if (typeProblems.length > 0) {
      return typeProblems;
    }
    if (this.source.kind === 'lake') {
      const { image, lake, key } = this.source.props;
      const zone = this.source.props.zone ?? StandardZone.ARTIFACTS;
      const zoneProblem = zoneProblems(lake, zone, 'zone');
      if (zoneProblem.length > 0) {
        return zoneProblem;
      }
      if (!(image instanceof ModelEndpointImage)) {
        return [{ property: 'image', value: image, allowed: 'a ModelEndpointImage (ModelEndpointImage.fromEcrRepository(repository, tag))' }];
      }
      if (!Token.isUnresolved(image.tagOrDigest) && (typeof image.tagOrDigest !== 'string' || image.tagOrDigest.length === 0)) {
        return [{ property: 'image.tagOrDigest', value: image.tagOrDigest, allowed: 'an image tag or a digest "sha256:..."' }];
      }
      if (!Token.isUnresolved(key) && (typeof key !== 'string' || !key.endsWith(MODEL_DATA_SUFFIX) || key.startsWith('/') || key.length <= MODEL_DATA_SUFFIX.length)) {
        return [{ property: 'key', value: key, allowed: `the key of a gzip-compressed tar archive ending with "${MODEL_DATA_SUFFIX}", without a leading "/"` }];
      }
      return [];
    }
    const pkg = this.source.props;
    const groupProblem = nameProblems('groupName', pkg.groupName, SAGEMAKER_NAME_RULE);
    if (groupProblem.length > 0) {
      return groupProblem;
    }
    if (!Token.isUnresolved(pkg.version) && integerRangeProblem(pkg.version, 1, Number.MAX_SAFE_INTEGER)) {
      return [{ property: 'version', value: pkg.version, allowed: 'a package version: an integer from 1' }];
    }
    return zoneProblems(pkg.artifactsLake, pkg.artifactsZone ?? StandardZone.ARTIFACTS, 'artifactsZone');
  }

  /**
   * The primary container, after adding what the execution role needs to run it to `policy`:
   * the image pull, the reads of the model data (or of the registry's artifacts zone) and its key.
   * The model must have no {@link problems}.
   * @internal
   */
  public _render(policy: ExecutionPolicy, environment: { [name: string]: string } | undefined): sagemaker.CfnModel.ContainerDefinitionProperty {
    if (this.source.kind === 'lake') {
      const { image, lake, key } = this.source.props;
      const bucket = lake.zoneBucket(this.source.props.zone ?? StandardZone.ARTIFACTS);
      policy.allowImagePull(image.repository);
      policy.allowModelData(bucket, key);
      policy.allowKey('ModelDataKey', lake.encryptionKey, KEY_DECRYPT_ACTIONS);
      return { image: image.imageUri(), modelDataUrl: `s3://${bucket.bucketName}/${key}`, environment };
    }
    const pkg = this.source.props;
    const bucket = pkg.artifactsLake.zoneBucket(pkg.artifactsZone ?? StandardZone.ARTIFACTS);
    policy.allowImagePull(pkg.imageRepository);
    policy.allowModelPackageArtifacts(bucket);
    policy.allowKey('ModelDataKey', pkg.artifactsLake.encryptionKey, KEY_DECRYPT_ACTIONS);
    const packageArn = Stack.of(policy).formatArn({ service: 'sagemaker', resource: 'model-package', resourceName: `${pkg.groupName}/${pkg.version}` });
    return { modelPackageName: packageArn, environment };
  }
}
