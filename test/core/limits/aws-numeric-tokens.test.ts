/**
 * A CloudFormation parameter (a numeric token) passed to each validated numeric prop of the AWS
 * model endpoint: synth either succeeds (the prop is passed on as a token, checked by the service
 * at deploy) or fails with the library's error naming the prop and saying a literal (a number known
 * at synth time) is needed —
 * never with the token's encoded number (`-1.8881545897087626e+289`).
 */
import { CfnParameter, Size, Stack, Token } from 'aws-cdk-lib';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as logs from 'aws-cdk-lib/aws-logs';
import { MlopsValidationError } from 'mlops-constructs';
import {
  DataLake, ModelEndpoint, ModelEndpointCapacity, ModelEndpointImage, ModelEndpointInference, ModelEndpointModel, ModelEndpointProps,
} from 'mlops-constructs/aws';
import { newStack } from '../../aws/fixtures';

/** A numeric CloudFormation parameter of `stack`. */
const parameter = (stack: Stack) => Token.asNumber(new CfnParameter(stack, 'Number', { type: 'Number' }).value);

/** Props of an endpoint, one numeric prop set to `n`; `property` is the path the error must name. */
const CASES: Array<[property: string, props: (n: number, lake: DataLake) => Partial<ModelEndpointProps>]> = [
  ['capacity.instanceCount', (n) => ({ capacity: ModelEndpointCapacity.instances({ instanceCount: n }) })],
  ['capacity.maxInstanceCount', (n) => ({ capacity: ModelEndpointCapacity.instances({ maxInstanceCount: n }) })],
  ['capacity.targetInvocationsPerInstance', (n) => ({ capacity: ModelEndpointCapacity.instances({ maxInstanceCount: 2, targetInvocationsPerInstance: n }) })],
  ['capacity.maxConcurrency', (n) => ({ capacity: ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(1), maxConcurrency: n }) })],
  ['capacity.provisionedConcurrency', (n) => ({ capacity: ModelEndpointCapacity.serverless({ memorySize: Size.gibibytes(1), maxConcurrency: 10, provisionedConcurrency: n }) })],
  ['captureSamplingPercentage', (n, lake) => ({ captureLake: lake, captureSamplingPercentage: n })],
  ['errorRateAlarmThreshold', (n) => ({ errorRateAlarmThreshold: n })],
  ['logRetention', (n) => ({ logRetention: n as logs.RetentionDays })],
  ['inference.maxConcurrentInvocationsPerInstance', (n, lake) => ({ inference: ModelEndpointInference.asynchronous({ lake, maxConcurrentInvocationsPerInstance: n } as never) })],
];

function build(props: (n: number, lake: DataLake) => Partial<ModelEndpointProps>): () => unknown {
  return () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake');
    const repo = ecr.Repository.fromRepositoryName(stack, 'Repo', 'churn');
    return new ModelEndpoint(stack, 'Endpoint', {
      model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v1'), lake, key: 'models/model.tar.gz' }),
      ...props(parameter(stack), lake),
    });
  };
}

describe('ModelEndpoint: a numeric CloudFormation parameter', () => {
  test.each(CASES)('%s: synthesizes, or the library error says a literal is needed', (property, props) => {
    let error: unknown;
    try {
      build(props)();
    } catch (e) {
      error = e;
    }
    if (error === undefined) {
      return; // passed on as a token
    }
    expect(error).toBeInstanceOf(MlopsValidationError);
    const message = (error as Error).message;
    expect(message).toContain(`invalid ${property}`);
    expect(message).toMatch(/a literal|known at synth time/);
    expect(message).not.toMatch(/e\+\d/);
  });
});
