/**
 * Bad input to DeliveryPipeline, each refused at synth with the construct path, the property, the
 * value and what is allowed: repositories that are not owner/name, branch names git refuses,
 * connection ARNs of another service, staging and production in one environment without opt-in, an
 * approval waiver without reason, and what plain JavaScript can pass (wrong types, null).
 */
import { Stack, Stage } from 'aws-cdk-lib';
import { MlopsValidationError } from 'mlops-constructs';
import { DeliveryPipeline, DeliveryPipelineProps, ModelRegistry, ProductionApproval } from 'mlops-constructs/aws';
import { CONNECTION_ARN, newDelivery, newStage } from './fixtures';

function attempt(overrides: Record<string, unknown>, setup?: (d: ReturnType<typeof newDelivery>) => Record<string, unknown>): MlopsValidationError {
  const d = newDelivery();
  const props = { repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging: d.staging, production: d.production, ...setup?.(d), ...overrides };
  try {
    new DeliveryPipeline(d.stack, 'Delivery', props as unknown as DeliveryPipelineProps);
  } catch (e) {
    expect(e).toBeInstanceOf(MlopsValidationError);
    expect((e as MlopsValidationError).constructPath).toBe('Tools/Delivery');
    return e as MlopsValidationError;
  }
  throw new Error(`accepted: ${JSON.stringify(Object.keys(overrides))}`);
}

test.each([
  ['acme'], ['acme/ml/platform'], ['/ml-platform'], ['acme/'], ['-acme/x'], ['acme/..'], ['acme/repo.git'], ['ac me/x'], ['https://github.com/acme/x'], [''], [42], [null],
])('repository %j is not owner/name', (repository) => {
  const e = attempt({ repository });
  expect(e.property).toBe('repository');
  expect(e.value).toBe(repository);
  expect(e.message).toMatch(/Allowed: a repository "owner\/name"/);
});

test.each([
  ['feature..x', /no "\.\."/], ['feature/', /no "\/" at the start or end/], ['/main', /no "\/"/], ['a//b', /"\/\/"/], ['fix.', /no "\." at the end/],
  ['-main', /no "-" at the start/], ['@', /"@"/], ['main@{1}', /"@\{"/], ['has space', /no space/], ['tab\tx', /control character/],
  ['what?', /"\?"/], ['a:b', /":"/], ['a~1', /"~"/], ['a^', /"\^"/], ['star*', /"\*"/], ['br[1]', /"\["/], ['back\\slash', /"\\"/],
  ['.hidden', /part starting with "\."/], ['refs/.x', /part starting with "\."/], ['x.lock', /ending with "\.lock"/], ['a/b.lock/c', /"\.lock"/], ['', /non-empty/], [7, /non-empty string/],
])('branch %j is refused as git check-ref-format would', (branch, why) => {
  const e = attempt({ branch });
  expect(e.property).toBe('branch');
  expect(e.value).toBe(branch);
  expect(e.allowed).toMatch(why);
});

test.each([['release/2026.11'], ['feature/ABC-123_x'], ['main']])('branch %j is accepted', (branch) => {
  const d = newDelivery();
  expect(() => new DeliveryPipeline(d.stack, 'Delivery', { repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging: d.staging, production: d.production, branch })).not.toThrow();
});

test.each([
  ['arn:aws:codecommit:eu-west-1:111111111111:ml-platform'],
  ['arn:aws:codestar-notifications:eu-west-1:111111111111:notificationrule/abc'],
  ['arn:aws:codeconnections:eu-west-1:111111111111:host/abc-123'],
  ['arn:aws:codeconnections:eu-west-1:1111:connection/abc'],
  ['7d2469ff-514a-4e4f-9003-5ca4a43cdc41'],
  [undefined], [null], [123],
])('connectionArn %j is not a CodeConnections connection', (connectionArn) => {
  const e = attempt({ connectionArn });
  expect(e.property).toBe('connectionArn');
  expect(e.allowed).toMatch(/the ARN of an AWS CodeConnections connection/);
});

test('both spellings of the connection service are accepted', () => {
  for (const arn of ['arn:aws:codestar-connections:us-east-1:222222222222:connection/7d2469ff', 'arn:aws-cn:codeconnections:cn-north-1:222222222222:connection/ab-12']) {
    const d = newDelivery();
    expect(() => new DeliveryPipeline(d.stack, 'Delivery', { repository: 'acme/ml-platform', connectionArn: arn, staging: d.staging, production: d.production })).not.toThrow();
  }
});

describe('environments', () => {
  test('staging and production in the same account and region are refused without opt-in', () => {
    const e = attempt({}, (d) => ({
      staging: newStage(d.app, 'A', { account: '222222222222', region: 'eu-west-1' }),
      production: newStage(d.app, 'B', { account: '222222222222', region: 'eu-west-1' }),
    }));
    expect(e.property).toBe('production');
    expect(e.value).toBe('B in 222222222222/eu-west-1 like staging A');
    expect(e.allowed).toMatch(/different accounts .*allowSharedEnvironment: true/);
  });

  test('two stages without env both deploy where the pipeline is: refused without opt-in', () => {
    const e = attempt({}, (d) => ({ staging: newStage(d.app, 'A'), production: newStage(d.app, 'B') }));
    expect(e.property).toBe('production');
    expect(e.value).toBe('B in 111111111111/eu-west-1 like staging A');
  });

  test('a stage without env and a stage in the pipeline\'s environment are the same environment', () => {
    const e = attempt({}, (d) => ({ staging: newStage(d.app, 'A'), production: newStage(d.app, 'B', { account: '111111111111', region: 'eu-west-1' }) }));
    expect(e.property).toBe('production');
  });

  test('allowSharedEnvironment must be a boolean', () => {
    expect(attempt({ allowSharedEnvironment: 'yes' }).property).toBe('allowSharedEnvironment');
  });

  test.each([['staging'], ['production']])('%s must be a Stage, not a Stack or a string', (property) => {
    const e1 = attempt({ [property]: 'Staging' });
    expect(e1.property).toBe(property);
    const e2 = attempt({}, (d) => ({ [property]: new Stack(d.app, 'NotAStage') }));
    expect(e2.property).toBe(property);
    expect(e2.allowed).toMatch(/a cdk Stage/);
  });

  test('a stage without stacks is refused', () => {
    const e = attempt({}, (d) => ({ staging: new Stage(d.app, 'Empty', { env: { account: '444444444444', region: 'eu-west-1' } }) }));
    expect(e.property).toBe('staging');
    expect(e.allowed).toMatch(/at least one Stack/);
  });

  test('production must not be the staging stage, nor the pipeline\'s own app', () => {
    expect(attempt({}, (d) => ({ production: d.staging })).allowed).toMatch(/a different Stage than staging/);
    expect(attempt({}, (d) => ({ production: d.app })).allowed).toMatch(/a Stage of its own/);
  });
});

describe('production approval', () => {
  test.each([[''], ['   '], [undefined], [null], [3]])('a waiver without a reason (%j) is refused', (reason) => {
    const e = attempt({ productionApproval: ProductionApproval.waived(reason as string) });
    expect(e.property).toBe('productionApproval.reason');
    expect(e.value).toBe(reason);
    expect(e.allowed).toMatch(/a non-empty sentence saying why production needs no approval/);
  });

  test('something else than a ProductionApproval is refused (plain JavaScript)', () => {
    const e = attempt({ productionApproval: { waived: true } });
    expect(e.property).toBe('productionApproval');
    expect(e.allowed).toBe('ProductionApproval.manual(options?) or ProductionApproval.waived(reason)');
  });

  test.each([['a role name'], [[null]], [['arn:aws:iam::111111111111:role/x']]])('approvers %j are not grantees', (approvers) => {
    const e = attempt({ productionApproval: ProductionApproval.manual({ approvers: approvers as never }) });
    expect(e.property).toBe('productionApproval.approvers');
    expect(e.allowed).toMatch(/iam.IGrantable/);
  });

  test('an approval comment longer than CodePipeline accepts is refused', () => {
    const e = attempt({ productionApproval: ProductionApproval.manual({ comment: 'x'.repeat(1001) }) });
    expect(e.property).toBe('productionApproval.comment');
  });
});

test.each([
  ['installCommands', 'npm ci'], ['installCommands', [1]], ['testCommands', ['npm test', '']], ['synthCommands', []], ['synthCommands', null],
])('%s %j is not a list of commands', (property, value) => {
  const e = attempt({ [property]: value });
  expect(e.property).toBe(property);
  expect(e.value).toEqual(value);
});

test.each([['arn:aws:kms:eu-west-1:111111111111:key/abc'], [null], [{}]])('encryptionKey %j is not a key (plain JavaScript)', (encryptionKey) => {
  const e = attempt({ encryptionKey });
  expect(e.property).toBe('encryptionKey');
  expect(e.allowed).toMatch(/a KMS key/);
});

test('pipelineName must follow CodePipeline\'s rule', () => {
  const e = attempt({ pipelineName: 'my pipeline' });
  expect(e.property).toBe('pipelineName');
  expect(e.allowed).toMatch(/1 to 100 letters, digits/);
});

describe('model registry', () => {
  test('a registry in another stage is refused (its approval events arrive in its own account and region)', () => {
    const e = attempt({}, (d) => {
      const other = new Stage(d.app, 'Elsewhere', { env: { account: '444444444444', region: 'eu-west-1' } });
      return { modelRegistry: new ModelRegistry(new Stack(other, 'Models'), 'Registry', { modelPackageGroupName: 'churn' }) };
    });
    expect(e.property).toBe('modelRegistry');
    expect(e.value).toBe('Elsewhere/Models/Registry');
    expect(e.allowed).toMatch(/ModelRegistry.fromModelRegistryName\(pipelineStack/);
  });

  test('a registry of another region is refused', () => {
    const e = attempt({}, (d) => ({ modelRegistry: ModelRegistry.fromModelRegistryName(new Stack(d.app, 'Us', { env: { account: '111111111111', region: 'us-east-1' } }), 'R', 'churn') }));
    expect(e.property).toBe('modelRegistry');
  });

  test('something that is not a registry is refused (plain JavaScript)', () => {
    expect(attempt({ modelRegistry: 'churn' }).property).toBe('modelRegistry');
  });

  test('a registry in the pipeline stack\'s app but another stack of the same environment is accepted', () => {
    const d = newDelivery();
    const registry = new ModelRegistry(new Stack(d.app, 'Models', { env: { account: '111111111111', region: 'eu-west-1' } }), 'Registry', { modelPackageGroupName: 'churn' });
    expect(() => new DeliveryPipeline(d.stack, 'Delivery', { repository: 'acme/ml-platform', connectionArn: CONNECTION_ARN, staging: d.staging, production: d.production, modelRegistry: registry })).not.toThrow();
  });
});

test('props must be an object (plain JavaScript)', () => {
  const d = newDelivery();
  expect(() => new DeliveryPipeline(d.stack, 'Delivery', null as unknown as DeliveryPipelineProps)).toThrow(MlopsValidationError);
});
