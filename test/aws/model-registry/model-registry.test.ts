/**
 * ModelRegistry: the model package group (retained, named), its key, the three grants (in a
 * managed policy of the registry, wildcards only where SageMaker names versions), the approval
 * event rule, the import by name, and bad input.
 */
import { RemovalPolicy } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as sns from 'aws-cdk-lib/aws-sns';
import * as targets from 'aws-cdk-lib/aws-events-targets';
import { MlopsValidationError } from 'mlops-constructs';
import { MODEL_REGISTRY_WARNINGS, ModelRegistry } from 'mlops-constructs/aws';
import { Annotations } from 'aws-cdk-lib/assertions';
import { newDestroyableStack, newStack } from '../fixtures';

describe('a registry with default props', () => {
  const stack = newStack();
  const registry = new ModelRegistry(stack, 'Registry');
  const template = Template.fromStack(stack);

  test('a model package group with a derived name, retained, and a rotating key', () => {
    expect(registry.modelPackageGroupName).toMatch(/^teststack-registry-[0-9a-f]{8}$/);
    template.hasResource('AWS::SageMaker::ModelPackageGroup', {
      Properties: { ModelPackageGroupName: registry.modelPackageGroupName, ModelPackageGroupDescription: 'Model registry TestStack/Registry (mlops-constructs)' },
      DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain',
    });
    template.hasResource('AWS::KMS::Key', { Properties: { EnableKeyRotation: true }, DeletionPolicy: 'Retain' });
    expect(stack.resolve(registry.modelPackageGroupArn)).toEqual({
      'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, `:sagemaker:eu-west-1:111111111111:model-package-group/${registry.modelPackageGroupName}`]],
    });
  });
});

describe('grants', () => {
  const stack = newStack();
  const registry = new ModelRegistry(stack, 'Registry', { modelPackageGroupName: 'Churn-Models' });
  const pipeline = new iam.Role(stack, 'Pipeline', { assumedBy: new iam.ServicePrincipal('states.amazonaws.com') });
  const approver = new iam.Role(stack, 'Approver', { assumedBy: new iam.AccountRootPrincipal() });
  registry.grantRegister(pipeline);
  registry.grantRead(approver);
  registry.grantApprove(approver);
  const template = Template.fromStack(stack);
  const statementsOf = (role: string) => Object.values(template.findResources('AWS::IAM::ManagedPolicy'))
    .filter((p) => JSON.stringify(p.Properties.Roles).includes(role))
    .flatMap((p) => p.Properties.PolicyDocument.Statement);
  const packages = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:eu-west-1:111111111111:model-package/churn-models/*']] };
  const group = { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:eu-west-1:111111111111:model-package-group/churn-models']] };

  test('grantRegister: CreateModelPackage in the group (ARNs in lower case, as SageMaker writes them) and the key', () => {
    expect(statementsOf('Pipeline')).toEqual(expect.arrayContaining([
      { Action: 'sagemaker:CreateModelPackage', Effect: 'Allow', Resource: [group, packages] },
      { Action: 'sagemaker:DescribeModelPackageGroup', Effect: 'Allow', Resource: group },
      expect.objectContaining({ Action: ['kms:GenerateDataKey', 'kms:Decrypt', 'kms:DescribeKey', 'kms:CreateGrant'] }),
    ]));
  });

  test('grantRead and grantApprove: describe and list (ListModelPackages has no resource), update approval', () => {
    expect(statementsOf('Approver')).toEqual(expect.arrayContaining([
      { Action: 'sagemaker:DescribeModelPackage', Effect: 'Allow', Resource: packages },
      { Action: 'sagemaker:ListModelPackages', Effect: 'Allow', Resource: '*' },
      { Action: ['sagemaker:UpdateModelPackage', 'sagemaker:DescribeModelPackage'], Effect: 'Allow', Resource: packages },
    ]));
    template.resourceCountIs('AWS::IAM::Policy', 0);
  });
});

test('onVersionApproved: SageMaker\'s model package state change, Approved, in this group', () => {
  const stack = newStack();
  const registry = new ModelRegistry(stack, 'Registry', { modelPackageGroupName: 'churn-models' });
  registry.onVersionApproved('Deploy', { target: new targets.SnsTopic(new sns.Topic(stack, 'Releases')) });
  Template.fromStack(stack).hasResourceProperties('AWS::Events::Rule', {
    EventPattern: {
      'source': ['aws.sagemaker'],
      'detail-type': ['SageMaker Model Package State Change'],
      'detail': { ModelPackageGroupName: ['churn-models'], ModelApprovalStatus: ['Approved'] },
    },
    Targets: [Match.objectLike({ Arn: { Ref: Match.stringLikeRegexp('^Releases') } })],
  });
});

test('fromModelRegistryName: grants and events on an existing group, no key', () => {
  const stack = newStack();
  const imported = ModelRegistry.fromModelRegistryName(stack, 'Existing', 'fraud-models');
  expect(imported.encryptionKey).toBeUndefined();
  imported.grantRead(new iam.Role(stack, 'Reader', { assumedBy: new iam.AccountRootPrincipal() }));
  imported.onVersionApproved('Approved');
  const template = Template.fromStack(stack);
  template.resourceCountIs('AWS::SageMaker::ModelPackageGroup', 0);
  template.hasResourceProperties('AWS::Events::Rule', { EventPattern: Match.objectLike({ detail: { ModelPackageGroupName: ['fraud-models'], ModelApprovalStatus: ['Approved'] } }) });
  expect(() => ModelRegistry.fromModelRegistryName(stack, 'Bad', 'fraud_models')).toThrow(/\[TestStack\/Bad\] invalid modelPackageGroupName: "fraud_models"/);
});

describe('bad input', () => {
  test('a group name beyond 63 characters, or with characters SageMaker refuses', () => {
    const long = `a${'-b'.repeat(32)}`;
    expect(long.length).toBe(65);
    for (const name of [long, 'x'.repeat(64), '-churn', 'churn-', 'churn models', '']) {
      let error: MlopsValidationError | undefined;
      try {
        new ModelRegistry(newStack(), 'Registry', { modelPackageGroupName: name });
      } catch (e) {
        error = e as MlopsValidationError;
      }
      expect(error).toBeInstanceOf(MlopsValidationError);
      expect(error!.message).toBe(`[TestStack/Registry] invalid modelPackageGroupName: ${JSON.stringify(name)}. Allowed: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit.`);
    }
    expect(() => new ModelRegistry(newStack(), 'Registry', { modelPackageGroupName: 'a'.repeat(63) })).not.toThrow();
  });

  test('DESTROY needs the app\'s data-destruction opt-in; a description over 1,024 characters', () => {
    expect(() => new ModelRegistry(newStack(), 'Registry', { removalPolicy: RemovalPolicy.DESTROY })).toThrow(/invalid removalPolicy/);
    expect(() => new ModelRegistry(newDestroyableStack(), 'Registry', { removalPolicy: RemovalPolicy.DESTROY })).not.toThrow();
    expect(() => new ModelRegistry(newStack(), 'Registry', { description: 'x'.repeat(1025) })).toThrow(/invalid description/);
  });

  test('a key of the app with rotation off is flagged', () => {
    const stack = newStack();
    new ModelRegistry(stack, 'Registry', { encryptionKey: new kms.Key(stack, 'Key') });
    Annotations.fromStack(stack).hasWarning('/TestStack/Registry', Match.stringLikeRegexp('key rotation off'));
    expect(MODEL_REGISTRY_WARNINGS.keyRotationDisabled).toBe('mlops-constructs:ModelRegistry.keyRotationDisabled');
  });
});
