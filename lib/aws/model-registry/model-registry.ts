import { RemovalPolicy, Stack, Token } from 'aws-cdk-lib/core';
import * as events from 'aws-cdk-lib/aws-events';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { MlopsValidationError, NamingRule } from '../../core';
import { GrantPolicyOptions, managedPolicyGrantee } from '../private/grants';
import { flagWeakenedKey, keyProps } from '../private/kms';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { AWS_GUARD_CONTEXT } from '../private/guard';
import { MODEL_REGISTRY_PROPS_GUARD } from './private/props-guard';

/** Stable ids of the warnings a ModelRegistry adds when a user weakens a default. */
export const MODEL_REGISTRY_WARNINGS = {
  /** An encryption key passed in is a key of this app whose rotation is off. */
  keyRotationDisabled: 'mlops-constructs:ModelRegistry.keyRotationDisabled',
} as const;

/**
 * SageMaker model package group names: 1 to 63 letters, digits and hyphens, starting and ending
 * with a letter or digit (SageMaker: `^[a-zA-Z0-9](-*[a-zA-Z0-9]){0,62}$`).
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateModelPackageGroup.html
 */
export const MODEL_PACKAGE_GROUP_NAME_RULE: NamingRule = {
  pattern: /^(?=.{1,63}$)[a-zA-Z0-9](-*[a-zA-Z0-9])*$/,
  description: '1 to 63 letters, digits and hyphens, starting and ending with a letter or digit',
};

/** The EventBridge detail type SageMaker sends when a model package changes. */
export const MODEL_PACKAGE_STATE_CHANGE = 'SageMaker Model Package State Change';

/** Actions of a registrant (a training pipeline): create versions in the group. */
const REGISTER_ACTIONS = ['sagemaker:CreateModelPackage'];
/** Actions of a reader: the group, its versions, and the list (which has no resource type). */
const READ_PACKAGE_ACTIONS = ['sagemaker:DescribeModelPackage'];
const READ_GROUP_ACTIONS = ['sagemaker:DescribeModelPackageGroup'];
/** `ListModelPackages` takes no resource: it is filtered by group name in the request. */
const LIST_ACTIONS = ['sagemaker:ListModelPackages'];
/** Actions of an approver: update a version's approval status. */
const APPROVE_ACTIONS = ['sagemaker:UpdateModelPackage', 'sagemaker:DescribeModelPackage'];
/** Key actions of a principal that creates or updates versions encrypted with the registry key. */
const KEY_WRITE_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'];
/** Key actions of a reader of encrypted versions. */
const KEY_READ_ACTIONS = ['kms:Decrypt', 'kms:DescribeKey'];

const LIST_REASON = 'sagemaker:ListModelPackages has no resource type (it is filtered by ModelPackageGroupName in the request), so it takes "*"; it reads, never changes.';
const PACKAGES_REASON = 'Model package versions are named <group>/<version number> by SageMaker when they are created, so the actions name model-package/<this group>/* only.';

/** The registry's grant policies (`ModelRegistryGrants-*`), their two wildcards acknowledged with their reasons. */
const MODEL_REGISTRY_GRANTS: GrantPolicyOptions = {
  idPrefix: 'ModelRegistryGrants',
  kind: 'model registry',
  wildcardReason: (resource) => (resource === '*' ? LIST_REASON : /:model-package\/[^/]+\/\*$/.test(resource) ? PACKAGES_REASON : undefined),
};

/**
 * A model registry: a SageMaker model package group, whose versions are model packages.
 * Created by {@link ModelRegistry} or imported with {@link ModelRegistry.fromModelRegistryName}.
 *
 * The version convention both clouds follow (`MODEL_VERSION_ALIASES`): the champion is the
 * latest package of the group with status `Approved`; a challenger is a package with status
 * `PendingManualApproval`. Every version a training pipeline registers carries
 * `MODEL_VERSION_METADATA` as customer metadata.
 *
 * There is no `fromModelRegistryAttributes`: a model package group is identified by its name
 * alone (its ARN derives from the stack's account and region), so the import is
 * {@link ModelRegistry.fromModelRegistryName}.
 */
export interface IModelRegistry extends IConstruct {
  /** The model package group's name. */
  readonly modelPackageGroupName: string;

  /** The model package group's ARN. */
  readonly modelPackageGroupArn: string;

  /**
   * The key versions are encrypted with (`SecurityConfig.KmsKeyId` of `CreateModelPackage`):
   * registrants pass it, grants cover it. `undefined` for an imported registry.
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Lets `grantee` register versions: `CreateModelPackage` in this group, describe the group, and
   * the key. For a role, user or group of the app in the registry's account and region, the
   * statements go to a customer managed policy of this registry attached to it.
   * @param grantee the registrant (a training pipeline's role)
   */
  grantRegister(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets `grantee` read the group and its versions (list, describe) and decrypt them.
   * Statements land as for {@link grantRegister}.
   * @param grantee the reader (a gate, a deployment pipeline)
   */
  grantRead(grantee: iam.IGrantable): iam.Grant;

  /**
   * Lets `grantee` approve or reject versions (`UpdateModelPackage` of `ModelApprovalStatus`).
   * Statements land as for {@link grantRegister}.
   * @param grantee the approver (a person's role, a promotion step)
   */
  grantApprove(grantee: iam.IGrantable): iam.Grant;

  /**
   * An EventBridge rule matching "a version of this group was approved": SageMaker's
   * `SageMaker Model Package State Change` events whose `ModelApprovalStatus` is `Approved`.
   * CI/CD and deployments subscribe to it.
   * @param id construct id of the rule (under this registry)
   * @param options target, description and name of the rule
   * @see https://docs.aws.amazon.com/sagemaker/latest/dg/automating-sagemaker-with-eventbridge.html#eventbridge-model-package
   */
  onVersionApproved(id: string, options?: events.OnEventOptions): events.Rule;
}

/** Grants and events of a registry, written against its name and key only, so an import behaves the same. */
abstract class ModelRegistryBase extends Construct implements IModelRegistry {
  public abstract readonly modelPackageGroupName: string;
  public abstract readonly encryptionKey?: kms.IKey;

  public get modelPackageGroupArn(): string {
    return Stack.of(this).formatArn({ service: 'sagemaker', resource: 'model-package-group', resourceName: this.arnName });
  }

  public grantRegister(grantee: iam.IGrantable): iam.Grant {
    const to = managedPolicyGrantee(this, grantee, MODEL_REGISTRY_GRANTS);
    const grant = iam.Grant.addToPrincipal({ grantee: to, actions: REGISTER_ACTIONS, resourceArns: [this.modelPackageGroupArn, this.packagesArn] })
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: READ_GROUP_ACTIONS, resourceArns: [this.modelPackageGroupArn] }));
    return this.withKey(grant, to, KEY_WRITE_ACTIONS);
  }

  public grantRead(grantee: iam.IGrantable): iam.Grant {
    const to = managedPolicyGrantee(this, grantee, MODEL_REGISTRY_GRANTS);
    const grant = iam.Grant.addToPrincipal({ grantee: to, actions: READ_GROUP_ACTIONS, resourceArns: [this.modelPackageGroupArn] })
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: READ_PACKAGE_ACTIONS, resourceArns: [this.packagesArn] }))
      .combine(iam.Grant.addToPrincipal({ grantee: to, actions: LIST_ACTIONS, resourceArns: ['*'] }));
    return this.withKey(grant, to, KEY_READ_ACTIONS);
  }

  public grantApprove(grantee: iam.IGrantable): iam.Grant {
    const to = managedPolicyGrantee(this, grantee, MODEL_REGISTRY_GRANTS);
    return this.withKey(iam.Grant.addToPrincipal({ grantee: to, actions: APPROVE_ACTIONS, resourceArns: [this.packagesArn] }), to, KEY_WRITE_ACTIONS);
  }

  public onVersionApproved(id: string, options: events.OnEventOptions = {}): events.Rule {
    const rule = new events.Rule(this, id, {
      description: options.description ?? `A version of model registry ${this.modelPackageGroupName} was approved`,
      ruleName: options.ruleName,
      crossStackScope: options.crossStackScope,
    });
    rule.addEventPattern({
      source: ['aws.sagemaker'],
      detailType: [MODEL_PACKAGE_STATE_CHANGE],
      detail: { ModelPackageGroupName: [this.modelPackageGroupName], ModelApprovalStatus: ['Approved'] },
    });
    if (options.eventPattern) {
      rule.addEventPattern(options.eventPattern);
    }
    if (options.target) {
      rule.addTarget(options.target);
    }
    return rule;
  }

  /** SageMaker ARNs spell resource names in lower case. */
  private get arnName(): string {
    const name = this.modelPackageGroupName;
    return Token.isUnresolved(name) ? name : name.toLowerCase();
  }

  /** `model-package/<group>/*`: every version of the group. */
  private get packagesArn(): string {
    return Stack.of(this).formatArn({ service: 'sagemaker', resource: 'model-package', resourceName: `${this.arnName}/*` });
  }

  private withKey(grant: iam.Grant, grantee: iam.IGrantable, actions: string[]): iam.Grant {
    return this.encryptionKey ? grant.combine(this.encryptionKey.grant(grantee, ...actions)) : grant;
  }
}

/** Properties of a {@link ModelRegistry}. Every one is optional. */
export interface ModelRegistryProps {
  /**
   * The model package group's name (see {@link MODEL_PACKAGE_GROUP_NAME_RULE}), unique per
   * account and region.
   * @default - derived from the stack name and the construct path
   */
  readonly modelPackageGroupName?: string;

  /**
   * The group's description (at most 1,024 characters).
   * @default - names the construct path
   */
  readonly description?: string;

  /**
   * The key registrants encrypt versions with (`SecurityConfig.KmsKeyId`).
   * @default - a new key with yearly rotation, retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * What happens to the group and the key when they leave the stack. `DESTROY` needs the app
   * context `mlops-constructs:allowDataDestruction: true` (and SageMaker refuses to delete a
   * group that still has versions).
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;
}

/**
 * A model registry on AWS: a SageMaker model package group, retained, with a customer managed
 * key for the versions registered into it, and grants to register, read and approve versions.
 *
 * What is encrypted where: SageMaker encrypts a model package's information with the key a
 * `CreateModelPackage` request names in `SecurityConfig` (a training pipeline of this library
 * names {@link encryptionKey}); the group itself takes no key — SageMaker stores a group's name,
 * description and policy encrypted with a key of its own, not one you choose. Model artifacts
 * stay in the lake, under the lake's key.
 *
 * | removalPolicy              | group, key                                   | needs                                  |
 * |----------------------------|----------------------------------------------|----------------------------------------|
 * | RETAIN (default)           | kept when removed or replaced                | -                                      |
 * | RETAIN_ON_UPDATE_OR_DELETE | kept, except when creation fails             | -                                      |
 * | DESTROY                    | deleted (SageMaker refuses a non-empty group) | app context allowDataDestruction: true |
 *
 * Not verifiable without a deploy: that SageMaker accepts the key actions the grants give for
 * encrypted versions, and that approval events reach the rule.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-registry.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ModelPackageSecurityConfig.html
 *
 * @example
 * const registry = new ModelRegistry(stack, 'Registry', { modelPackageGroupName: 'churn' });
 * registry.grantApprove(releaseManagers);
 * registry.onVersionApproved('Deploy', { target: new targets.CodePipeline(deployPipeline) });
 */
export class ModelRegistry extends ModelRegistryBase {
  /**
   * Uses an existing model package group by name. Grants and events work as on a registry created
   * here; versions are registered without a customer managed key.
   * @param scope parent construct
   * @param id construct id
   * @param modelPackageGroupName the group's name
   */
  public static fromModelRegistryName(scope: Construct, id: string, modelPackageGroupName: string): IModelRegistry {
    class Import extends ModelRegistryBase {
      public readonly modelPackageGroupName: string;
      public readonly encryptionKey?: kms.IKey = undefined;

      constructor() {
        super(scope, id);
        this.modelPackageGroupName = resolveName(this, 'modelPackageGroupName', modelPackageGroupName, MODEL_PACKAGE_GROUP_NAME_RULE);
      }
    }
    return new Import();
  }

  /** The model package group's name. */
  public readonly modelPackageGroupName: string;
  /** The key versions are encrypted with. */
  public readonly encryptionKey: kms.IKey;
  /** The model package group. */
  public readonly modelPackageGroup: sagemaker.CfnModelPackageGroup;

  constructor(scope: Construct, id: string, props: ModelRegistryProps = {}) {
    super(scope, id);
    MODEL_REGISTRY_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy);
    this.modelPackageGroupName = props.modelPackageGroupName === undefined
      ? defaultPrefix(this)
      : resolveName(this, 'modelPackageGroupName', props.modelPackageGroupName, MODEL_PACKAGE_GROUP_NAME_RULE);
    const description = props.description ?? `Model registry ${this.node.path} (mlops-constructs)`;
    if (typeof description !== 'string' || (!Token.isUnresolved(description) && description.length > 1024)) {
      throw new MlopsValidationError(this, 'description', description, 'a text of at most 1,024 characters');
    }
    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', keyProps(`Model registry ${this.modelPackageGroupName}: model package information`, removalPolicy));
    if (props.encryptionKey) {
      flagWeakenedKey(this, props.encryptionKey, { warningId: MODEL_REGISTRY_WARNINGS.keyRotationDisabled, property: 'encryptionKey', owner: 'registry' });
    }
    this.modelPackageGroup = new sagemaker.CfnModelPackageGroup(this, 'Resource', {
      modelPackageGroupName: this.modelPackageGroupName,
      modelPackageGroupDescription: description,
    });
    this.modelPackageGroup.applyRemovalPolicy(removalPolicy);
  }
}
