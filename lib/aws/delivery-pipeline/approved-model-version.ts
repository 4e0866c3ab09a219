import { Stack, Token, TokenComparison } from 'aws-cdk-lib/core';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import { IConstruct } from 'constructs';
import { MlopsValidationError } from '../../core';
import { IDataLake } from '../data-lake';
import { ModelEndpointModel } from '../model-endpoint';
import { IModelRegistry } from '../model-registry';

/** The prefix of the context keys {@link ApprovedModelVersion} reads: `<prefix><model package group name>`. */
export const APPROVED_MODEL_PACKAGE_CONTEXT_PREFIX = 'mlops-constructs:approvedModelPackage:';

const PACKAGE_ARN = /^arn:aws[a-z-]*:sagemaker:([a-z0-9-]+):(\d{12}):model-package\/([A-Za-z0-9-]+)\/(\d+)$/;

/** Options of {@link ApprovedModelVersion.fromContext}. */
export interface ApprovedModelVersionOptions {
  /**
   * The package version to use when the context holds none: for unit tests and for a local
   * `cdk synth` that has not looked the version up. A pipeline whose registry has an approved
   * version always passes it, so the fallback is not what production runs once a version exists.
   * @default - none: synth fails with an error naming the context key and how to set it
   */
  readonly fallbackVersion?: number;
}

/** Where the endpoint's package artifacts and image are, for {@link ApprovedModelVersion.toModel}. */
export interface ApprovedModelVersionModelProps {
  /** The lake whose zone holds the package's model artifacts (see `ModelEndpointModelPackageProps`). */
  readonly artifactsLake: IDataLake;
  /**
   * The zone of `artifactsLake` holding the artifacts.
   * @default 'artifacts'
   */
  readonly artifactsZone?: string;
  /** The ECR repository of the package's inference image. */
  readonly imageRepository: ecr.IRepository;
}

/**
 * The latest approved version of a model registry, as the delivery pipeline resolved it at synth
 * time: the stack that serves it stays the source of truth (the version is in its template, so a
 * rollback is a redeploy of an older revision, and drift is a diff).
 *
 * How the version reaches the app: a {@link DeliveryPipeline} with `modelRegistry` runs, in its
 * synth step and before the synth commands, `aws sagemaker list-model-packages` for the group's
 * latest `Approved` package, and writes its ARN into `cdk.context.json` under
 * `mlops-constructs:approvedModelPackage:<group>` — the file where the CDK caches its other
 * context lookups, which every `cdk` command reads, whatever the synth command is. Locally,
 * set the same key yourself (`cdk synth -c mlops-constructs:approvedModelPackage:<group>=<arn>`)
 * or rely on `fallbackVersion`.
 *
 * | context key present | fallbackVersion | result                                   |
 * |---------------------|-----------------|------------------------------------------|
 * | a package ARN of the group | any      | that version                                  |
 * | something else      | any             | error: not a package ARN of this group   |
 * | absent              | set             | the fallback (`fromFallback: true`)      |
 * | absent              | unset           | error naming the key and how to set it   |
 *
 * @example
 * const registry = ModelRegistry.fromModelRegistryName(this, 'Registry', 'acme-churn');
 * const approved = ApprovedModelVersion.fromContext(this, registry, { fallbackVersion: 1 });
 * new ModelEndpoint(this, 'Churn', { model: approved.toModel({ artifactsLake: lake, imageRepository }) });
 */
export class ApprovedModelVersion {
  /** The context key holding the approved package ARN of a model package group. */
  public static contextKey(modelPackageGroupName: string): string {
    return `${APPROVED_MODEL_PACKAGE_CONTEXT_PREFIX}${modelPackageGroupName}`;
  }

  /**
   * The approved version of `registry` from the context of `scope` (see the class doc).
   * @param scope where the context is read, and the path errors name
   * @param registry the registry (its group name must be known at synth time)
   * @param options the offline fallback
   */
  public static fromContext(scope: IConstruct, registry: IModelRegistry, options: ApprovedModelVersionOptions = {}): ApprovedModelVersion {
    const groupName = registry?.modelPackageGroupName;
    if (typeof groupName !== 'string' || Token.isUnresolved(groupName)) {
      throw new MlopsValidationError(scope, 'registry', groupName ?? registry, 'a model registry whose model package group name is known at synth time');
    }
    const key = ApprovedModelVersion.contextKey(groupName);
    const value: unknown = scope.node.tryGetContext(key);
    if (value !== undefined) {
      const match = typeof value === 'string' ? PACKAGE_ARN.exec(value) : null;
      if (match === null || match[3].toLowerCase() !== groupName.toLowerCase() || Number(match[4]) < 1) {
        throw new MlopsValidationError(scope, `context "${key}"`, value,
          `the ARN of a model package of group ${groupName}, "arn:<partition>:sagemaker:<region>:<account>:model-package/${groupName.toLowerCase()}/<version>"`);
      }
      const stack = Stack.of(scope);
      if (Token.compareStrings(stack.region, match[1]) === TokenComparison.DIFFERENT || Token.compareStrings(stack.account, match[2]) === TokenComparison.DIFFERENT) {
        // The endpoint names the package by group and version in its own account and region.
        throw new MlopsValidationError(scope, `context "${key}"`, value,
          `a package in the serving stack's account and region (${stack.account}/${stack.region}): serve the registry's versions where the registry is`);
      }
      return new ApprovedModelVersion(groupName, Number(match[4]), false, value as string);
    }
    const fallback = options?.fallbackVersion;
    if (fallback === undefined) {
      throw new MlopsValidationError(scope, `context "${key}"`, undefined,
        `the ARN of the latest approved package of ${groupName}: the delivery pipeline's synth step sets it; locally, run `
        + `\`cdk synth -c ${key}=<model package ARN>\` or pass fallbackVersion`);
    }
    if (typeof fallback !== 'number' || !Number.isInteger(fallback) || fallback < 1) {
      throw new MlopsValidationError(scope, 'fallbackVersion', fallback, 'a package version: an integer from 1');
    }
    return new ApprovedModelVersion(groupName, fallback, true, undefined);
  }

  private constructor(
    /** The model package group. */
    public readonly modelPackageGroupName: string,
    /** The package version, from 1. */
    public readonly version: number,
    /** Whether the version is the offline fallback (`true`) or was read from the context (`false`). */
    public readonly fromFallback: boolean,
    /** The package ARN read from the context; `undefined` for the fallback (its ARN derives from the serving stack). */
    public readonly modelPackageArn: string | undefined,
  ) {}

  /**
   * The model a {@link ModelEndpoint} serves for this version: `ModelEndpointModel.fromModelPackage`
   * with this group and version. The endpoint's stack must be in the registry's account and region
   * (the package ARN derives from the endpoint's stack).
   * @param props where the package's artifacts and image are
   */
  public toModel(props: ApprovedModelVersionModelProps): ModelEndpointModel {
    return ModelEndpointModel.fromModelPackage({
      groupName: this.modelPackageGroupName,
      version: this.version,
      artifactsLake: props.artifactsLake,
      artifactsZone: props.artifactsZone,
      imageRepository: props.imageRepository,
    });
  }
}
