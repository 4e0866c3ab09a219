/**
 * A numeric Terraform variable (a token) passed to each validated numeric prop of the Google Cloud
 * model endpoint: synth either succeeds (the prop is passed on as a token) or fails with the
 * library's error naming the prop and saying a literal (a number known at synth time) is needed —
 * never with the token's encoded number (`-1.8881545897087626e+289`).
 */
import { TerraformStack, TerraformVariable } from 'cdktf';
import { MlopsValidationError } from 'mlops-constructs';
import { DataLake, ModelEndpoint, ModelEndpointCloudRunOptions, ModelEndpointPlatform, ModelEndpointProps, Size } from 'mlops-constructs/gcp';
import { newStack } from '../../gcp/support';

const IMAGE = 'us-docker.pkg.dev/acme-ml/serving/churn:1';

/** A numeric Terraform variable of `stack`. */
const variable = (stack: TerraformStack) => new TerraformVariable(stack, 'number', { type: 'number' }).numberValue;
const cloudRun = (options: Partial<ModelEndpointCloudRunOptions>) => ({ platform: ModelEndpointPlatform.cloudRun({ image: IMAGE, ...options }) });

/**
 * Props of an endpoint, one numeric prop set to `n`; `property` is what the error must name: the
 * prop's path, or the factory that refuses the token where it is made (`Size.mebibytes`: a Size is
 * converted at synth, so `Size.mebibytes(variable)` fails before any construct sees it).
 */
const CASES: Array<[property: string, props: (n: number, lake: DataLake) => Partial<ModelEndpointProps>]> = [
  ['minReplicas', (n) => ({ minReplicas: n })],
  ['maxReplicas', (n) => ({ maxReplicas: n })],
  ['captureSamplingPercentage', (n, lake) => ({ captureLake: lake, captureSamplingPercentage: n })],
  ['errorRateAlarmThreshold', (n) => ({ errorRateAlarmThreshold: n })],
  ['platform.cpu', (n) => cloudRun({ cpu: n })],
  ['platform.port', (n) => cloudRun({ port: n })],
  ['Size.mebibytes(amount)', (n) => cloudRun({ memory: Size.mebibytes(n) })],
];

function build(props: (n: number, lake: DataLake) => Partial<ModelEndpointProps>): () => unknown {
  return () => {
    const stack = newStack();
    const lake = new DataLake(stack, 'Lake', { prefix: 'acme-ml' });
    return new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', ...props(variable(stack), lake) } as ModelEndpointProps);
  };
}

describe('ModelEndpoint: a numeric Terraform variable', () => {
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
