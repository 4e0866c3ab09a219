/**
 * ModelEndpoint `deployment`: the Vertex AI canary rollout workflow with metric rollback — its
 * generated source read step by step (the promote and rollback branches, the endpoint and
 * deployed models they address), its identity and least-privilege role, and bad input.
 * Nothing is deployed here: whether Vertex AI and Cloud Monitoring answer the calls as the steps
 * expect is what only a deploy shows (see the ModelEndpoint doc).
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { GpuType, MlopsValidationError } from 'mlops-constructs';
import {
  Duration, ModelEndpoint, ModelEndpointDeployment, ModelEndpointPlatform, ModelEndpointProps, ModelEndpointTrafficSize, ModelEndpointVertexAccess,
} from 'mlops-constructs/gcp';
import { newStack, Synth } from '../support';

type Step = Record<string, any>;
interface Source { [sub: string]: { params: string[]; steps: Step[] } }

function key(stack: TerraformStack): KmsCryptoKey {
  const ring = new KmsKeyRing(stack, 'Ring', { name: 'ring', location: 'us-central1' });
  return new KmsCryptoKey(stack, 'Key', { name: 'k', keyRing: ring.id, rotationPeriod: '7776000s' });
}

function endpointIn(props: Partial<ModelEndpointProps> = {}) {
  const stack = newStack();
  const endpoint = new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', ...props });
  return { stack, endpoint, synth: () => new Synth(stack) };
}

/** The workflow resource and its source as Workflows reads it (Terraform's `$${` escapes undone). */
function rolloutOf(props: Partial<ModelEndpointProps> = {}) {
  const made = endpointIn({ deployment: ModelEndpointDeployment.canary(), ...props });
  const synth = made.synth();
  const workflow = synth.at('google_workflows_workflow', 'Endpoint/Rollout/Resource');
  const source: Source = JSON.parse(String(workflow.source_contents).replace(/\$\$\{/g, '${').replace(/%%\{/g, '%{'));
  return { ...made, synth, workflow, source };
}

/** The body of the step named `name` in a list of steps (searching nested `steps` and `for` bodies). */
function step(steps: Step[], name: string): Record<string, any> {
  for (const s of steps) {
    const [stepName, body] = Object.entries(s)[0];
    if (stepName === name) {
      return body;
    }
    const nested = body.steps ?? body.for?.steps;
    if (Array.isArray(nested)) {
      try {
        return step(nested, name);
      } catch {
        // not in this branch
      }
    }
  }
  throw new Error(`no step ${name} in ${steps.map((s) => Object.keys(s)[0]).join(', ')}`);
}

const names = (steps: Step[]) => steps.map((s) => Object.keys(s)[0]);

describe('ModelEndpoint deployment: the canary rollout workflow', () => {
  test('no deployment: no workflow, no rollout account (levels 0 and 1 keep their resources)', () => {
    const synth = endpointIn().synth();
    expect(synth.resources('google_workflows_workflow')).toEqual([]);
    expect(synth.resources('google_service_account').map((b) => b.path)).toEqual(['Endpoint/ServingAccount']);
  });

  test('the default canary: 10 % beside the stable deployed model, 600 s bake, rollback and promote branches on the endpoint', () => {
    // given a Vertex AI endpoint with the default canary
    const { workflow, source, endpoint } = rolloutOf();
    // then the workflow reads the endpoint and serving account from its environment, as Terraform values
    expect(workflow.name).toBe('churn-rollout');
    expect(workflow.user_env_vars).toEqual({
      MLOPS_ENDPOINT: expect.stringMatching(/^\$\{google_vertex_ai_endpoint\.Endpoint_[0-9A-F]+\.id\}$/),
      MLOPS_REGION: 'us-central1',
      MLOPS_SERVING_ACCOUNT: expect.stringMatching(/^\$\{google_service_account\.Endpoint_ServingAccount_[0-9A-F]+\.email\}$/),
    });
    expect(String(workflow.source_contents)).not.toMatch(/TfToken/);
    const main = source.main.steps;
    // the stable deployed model: the one with the largest share of the split in force
    expect(step(main, 'read_endpoint')).toEqual({
      call: 'googleapis.aiplatform.v1.projects.locations.endpoints.get', args: { name: '${endpoint}', region: '${region}' }, result: 'current',
    });
    expect(step(main, 'find_stable').for.in).toBe('${keys(split)}');
    // the canary split: "0" (the model being deployed) 10, the stable one 90; the stable split for a rollback
    expect(step(main, 'canary_split').assign).toEqual([
      { traffic: { 0: 10 } }, { 'traffic[stable]': 90 }, { stable_split: {} }, { 'stable_split[stable]': 100 },
    ]);
    const deploy = step(main, 'deploy_canary');
    expect(deploy.call).toBe('googleapis.aiplatform.v1.projects.locations.endpoints.deployModel');
    expect(deploy.args.endpoint).toBe('${endpoint}');
    expect(deploy.args.body.trafficSplit).toBe('${traffic}');
    // the deployed model is the endpoint's: same machine, replicas and serving account as deployModelRequest
    const request = endpoint.deployModelRequest({ model: 'projects/acme-ml/locations/us-central1/models/churn@2' });
    expect(deploy.args.body.deployedModel).toEqual({
      model: '${model}', serviceAccount: '${sys.get_env("MLOPS_SERVING_ACCOUNT")}', enableAccessLogging: true,
      dedicatedResources: request.body.deployedModel.dedicatedResources,
    });
    expect(step(main, 'canary_id').assign).toEqual([{ new_id: '${deployed.deployedModel.id}' }]);
    expect(step(main, 'bake')).toEqual({ call: 'sys.sleep', args: { seconds: 600 } });
    expect(step(main, 'check_canary')).toEqual({ call: 'check_rollback', args: { deployed_model_id: '${new_id}', seconds: 600 }, result: 'canary_verdict' });
    // breached → rollback: the new deployed model goes, the stable one takes all traffic back, the run fails
    expect(step(main, 'canary_breached').switch).toEqual([{ condition: '${verdict.breached}', next: 'rollback' }]);
    expect(step(main, 'rollback')).toEqual({
      call: 'googleapis.aiplatform.v1.projects.locations.endpoints.undeployModel',
      args: { endpoint: '${endpoint}', region: '${region}', body: { deployedModelId: '${new_id}', trafficSplit: '${stable_split}' } },
    });
    expect(step(main, 'rolled_back').raise.code).toBe('CanaryRolledBack');
    // not breached → promote: all traffic to the new one, bake 300 s more, then the old one goes
    expect(step(main, 'promoted_split').assign).toEqual([{ promoted: {} }, { 'promoted[new_id]': 100 }]);
    expect(step(main, 'promote')).toEqual({
      call: 'googleapis.aiplatform.v1.projects.locations.endpoints.patch',
      args: { name: '${endpoint}', region: '${region}', updateMask: 'trafficSplit', body: { trafficSplit: '${promoted}' } },
    });
    expect(step(main, 'final_bake').args).toEqual({ seconds: 300 });
    expect(step(main, 'check_final').args).toEqual({ deployed_model_id: '${new_id}', seconds: 300 });
    expect(step(main, 'final_breached').switch).toEqual([{ condition: '${verdict.breached}', next: 'rollback' }]);
    expect(step(main, 'retire_stable')).toEqual({
      call: 'googleapis.aiplatform.v1.projects.locations.endpoints.undeployModel',
      args: { endpoint: '${endpoint}', region: '${region}', body: { deployedModelId: '${stable}' } },
    });
    expect(step(main, 'promoted_result').return.result).toBe('promoted');
    // and the order: promote only after the canary check, retire the old one only after the final check
    const order = names(main);
    expect(order.indexOf('check_canary')).toBeLessThan(order.indexOf('promote'));
    expect(order.indexOf('final_breached')).toBeLessThan(order.indexOf('retire_stable'));
    expect(order.indexOf('retire_stable')).toBeLessThan(order.indexOf('promoted_result'));
  });

  test('every jump lands on a step of its subworkflow, and the branches end (return or raise) before the next one starts', () => {
    const { source } = rolloutOf();
    for (const [sub, { steps }] of Object.entries(source)) {
      const own = names(steps);
      const jumps = JSON.stringify(steps).match(/"next":"[^"]+"/g) ?? [];
      for (const jump of jumps) {
        const target = jump.slice(8, -1);
        expect({ sub, target, found: own.includes(target) || target === 'continue' }).toEqual({ sub, target, found: true });
      }
    }
    const main = names(source.main.steps);
    // the steps right before each branch target stop the flow, so no branch runs into another
    for (const target of ['rollback', 'deploy_only', 'no_model']) {
      const before = source.main.steps[main.indexOf(target) - 1];
      const body = Object.values(before)[0] as Record<string, unknown>;
      expect(Object.keys(body).some((k) => k === 'return' || k === 'raise')).toBe(true);
    }
  });

  test('the first deployment (no deployed model yet) takes all traffic and skips the canary', () => {
    const { source } = rolloutOf();
    expect(step(source.main.steps, 'first_deployment').switch).toEqual([{ condition: '${stable == null}', next: 'deploy_only' }]);
    expect(step(source.main.steps, 'deploy_only').args.body.trafficSplit).toEqual({ 0: 100 });
  });

  test('the rollback check reads the new deployed model\'s error count, prediction count and model latency of this endpoint', () => {
    const { source, endpoint } = rolloutOf();
    const check = source.check_rollback;
    expect(check.params).toEqual(['deployed_model_id', 'seconds']);
    const scope = step(check.steps, 'window').assign.find((a: Record<string, string>) => 'scope' in a).scope;
    expect(scope).toContain(`resource.labels.endpoint_id = \\"${endpoint.vertexEndpointId}\\"`);
    expect(scope).toContain('metric.labels.deployed_model_id = \\"" + deployed_model_id');
    const reads = ['read_errors_series', 'read_predictions_series', 'read_latency_series'].map((n) => step(check.steps, n));
    expect(reads.map((r) => r.call)).toEqual(Array(3).fill('googleapis.monitoring.v3.projects.timeSeries.list'));
    expect(reads.map((r) => r.args.filter)).toEqual([
      '${"metric.type = \\"aiplatform.googleapis.com/prediction/online/error_count\\" AND " + scope}',
      '${"metric.type = \\"aiplatform.googleapis.com/prediction/online/prediction_count\\" AND " + scope}',
      '${"metric.type = \\"aiplatform.googleapis.com/prediction/online/prediction_latencies\\" AND metric.labels.latency_type = \\"model\\" AND " + scope}',
    ]);
    expect(reads.map((r) => [r.args['aggregation.perSeriesAligner'], r.args['aggregation.crossSeriesReducer']])).toEqual([
      ['ALIGN_SUM', 'REDUCE_SUM'], ['ALIGN_SUM', 'REDUCE_SUM'], ['ALIGN_MEAN', 'REDUCE_MEAN'],
    ]);
    expect(step(check.steps, 'verdict').return.breached).toBe('${error_rate > 0.01 or latency_ms > 1000}');
  });

  test('custom canary: 25 % for 30 minutes, no final bake, levels 5 % and 2 s', () => {
    const { source, endpoint } = rolloutOf({
      deployment: ModelEndpointDeployment.canary({ size: ModelEndpointTrafficSize.percent(25), bakeTime: Duration.minutes(30), terminationWait: Duration.seconds(0) }),
      errorRateAlarmThreshold: 0.05,
      modelLatencyAlarmThreshold: Duration.seconds(2),
    });
    const main = source.main.steps;
    expect(step(main, 'canary_split').assign.slice(0, 2)).toEqual([{ traffic: { 0: 25 } }, { 'traffic[stable]': 75 }]);
    expect(step(main, 'bake').args).toEqual({ seconds: 1800 });
    expect(names(main)).not.toContain('final_bake');
    expect(names(main).indexOf('promote') + 1).toBe(names(main).indexOf('retire_stable'));
    expect(step(source.check_rollback.steps, 'verdict').return.breached).toBe('${error_rate > 0.05 or latency_ms > 2000}');
    expect(endpoint.rollout).toMatchObject({ canaryPercent: 25, errorRateAlarmThreshold: 0.05 });
    expect(endpoint.rollout!.bakeTime.toSeconds()).toBe(1800);
    expect(endpoint.rollout!.modelLatencyAlarmThreshold.toSeconds()).toBe(2);
  });

  test('a GPU endpoint deploys its catalog machine in the canary', () => {
    const { source } = rolloutOf({ accelerator: { gpu: GpuType.L4, gpusPerNode: 1 } });
    expect(step(source.main.steps, 'deploy_canary').args.body.deployedModel.dedicatedResources.machineSpec)
      .toEqual({ machineType: 'g2-standard-4', acceleratorType: 'NVIDIA_L4', acceleratorCount: 1 });
  });

  test('least privilege: a dedicated account, a custom role of six permissions on the project, actAs on the serving account only', () => {
    const { synth, workflow } = rolloutOf();
    const account = synth.at('google_service_account', 'Endpoint/Rollout/ServiceAccount');
    expect(account.account_id).toBe('churn-rollout');
    expect(workflow.service_account).toMatch(/^\$\{google_service_account\.Endpoint_Rollout_ServiceAccount_[0-9A-F]+\.id\}$/);
    const role = synth.at('google_project_iam_custom_role', 'Endpoint/Rollout/Role');
    expect(role.role_id).toBe('churnEndpointRollout');
    expect(role.permissions).toEqual([
      'aiplatform.endpoints.get', 'aiplatform.endpoints.deploy', 'aiplatform.endpoints.update', 'aiplatform.endpoints.undeploy',
      'aiplatform.models.get', 'monitoring.timeSeries.list',
    ]);
    const member = synth.at('google_project_iam_member', 'Endpoint/Rollout/Access/Role');
    expect(member.role).toMatch(/^\$\{google_project_iam_custom_role\.Endpoint_Rollout_Role_[0-9A-F]+\.name\}$/);
    expect(member.member).toMatch(/^\$\{google_service_account\.Endpoint_Rollout_ServiceAccount_[0-9A-F]+\.member\}$/);
    const actAs = synth.at('google_service_account_iam_member', 'Endpoint/Rollout/Access/ActAsServing');
    expect(actAs).toMatchObject({ role: 'roles/iam.serviceAccountUser', service_account_id: expect.stringMatching(/^\$\{google_service_account\.Endpoint_ServingAccount_[0-9A-F]+\.name\}$/) });
    // no predefined role at all on the project for the rollout
    expect(synth.resources('google_project_iam_member').map((b) => b.config.role).filter((r) => r.startsWith('roles/'))).toEqual([]);
  });

  test('a customer-managed key encrypts the workflow, after the Workflows service agent is granted it', () => {
    const stack = newStack();
    const endpoint = new ModelEndpoint(stack, 'Endpoint', { prefix: 'churn', encryptionKey: key(stack), deployment: ModelEndpointDeployment.canary() });
    new TerraformOutput(stack, 'Rollout', { value: endpoint.rolloutWorkflowId });
    const synth = new Synth(stack);
    const workflow = synth.at('google_workflows_workflow', 'Endpoint/Rollout/Resource');
    expect(workflow.crypto_key_name).toBe('${google_kms_crypto_key.Key.id}');
    const grant = synth.at('google_kms_crypto_key_iam_member', 'Endpoint/Encryption/WorkflowsServiceAgentKeyAccess');
    expect(grant.member).toMatch(/gcp-sa-workflows\.iam\.gserviceaccount\.com/);
    expect(workflow.depends_on).toEqual(expect.arrayContaining([expect.stringMatching(/^google_kms_crypto_key_iam_member\.Endpoint_Encryption_WorkflowsServiceAgentKeyAccess_[0-9A-F]+$/)]));
    expect(synth.json.output.Rollout.value).toMatch(/^\$\{google_workflows_workflow\.Endpoint_Rollout_[0-9A-F]+\.id\}$/);
  });

  test('grantStartRollout: roles/workflows.invoker for the member; refused without deployment', () => {
    const { endpoint, synth } = rolloutOf();
    endpoint.grantStartRollout('serviceAccount:ml-production@acme-ml.iam.gserviceaccount.com');
    const invokers = synth.resources('google_project_iam_member').filter((b) => b.config.role === 'roles/workflows.invoker');
    expect(invokers).toEqual([]); // synthesized before the grant
    const after = new Synth(endpoint.node.scope as TerraformStack).resources('google_project_iam_member').filter((b) => b.config.role === 'roles/workflows.invoker');
    expect(after.map((b) => b.config.member)).toEqual(['serviceAccount:ml-production@acme-ml.iam.gserviceaccount.com']);
    const plain = endpointIn().endpoint;
    expect(() => plain.grantStartRollout('serviceAccount:x@acme-ml.iam.gserviceaccount.com')).toThrow(/grantStartRollout.*ModelEndpointDeployment\.canary\(\)/);
  });
});

describe('ModelEndpoint deployment: bad input', () => {
  const bad = (props: Record<string, unknown>) => () => endpointIn(props as Partial<ModelEndpointProps>);
  const canary = (props: Record<string, unknown>) => ModelEndpointDeployment.canary(props as any);

  test.each([
    ['0 %', ModelEndpointTrafficSize.percent(0), /deployment\.size.*0.*whole percent from 1 to 99/],
    ['100 %', ModelEndpointTrafficSize.percent(100), /deployment\.size.*100.*whole percent from 1 to 99/],
    ['a fraction', ModelEndpointTrafficSize.percent(12.5), /deployment\.size.*12\.5/],
    ['a string (plain JS)', ModelEndpointTrafficSize.percent('10' as unknown as number), /deployment\.size.*"10"/],
    ['a number instead of a size (plain JS)', 10, /deployment\.size.*ModelEndpointTrafficSize\.percent\(1 to 99\)/],
  ])('size %s', (_, size, message) => {
    expect(bad({ deployment: canary({ size }) })).toThrow(MlopsValidationError);
    expect(bad({ deployment: canary({ size }) })).toThrow(message);
  });

  test.each([
    ['bakeTime', Duration.minutes(1), /deployment\.bakeTime.*60 s.*5 minutes to 24 hours/],
    ['bakeTime', Duration.hours(25), /deployment\.bakeTime.*90000 s/],
    ['bakeTime', Duration.seconds(0), /deployment\.bakeTime.*0 s/],
    ['bakeTime', Duration.seconds(600.5), /deployment\.bakeTime.*600\.5 s.*whole seconds/],
    ['bakeTime', 600, /deployment\.bakeTime.*600.*a Duration/],
    ['terminationWait', Duration.minutes(2), /deployment\.terminationWait.*120 s.*0 \(no final bake\) or 5 minutes/],
    ['terminationWait', '5m', /deployment\.terminationWait.*"5m"/],
  ])('%s %p', (prop, value, message) => {
    expect(bad({ deployment: canary({ [prop]: value }) })).toThrow(message);
  });

  test('a deployment that is not ModelEndpointDeployment.canary() (plain JS)', () => {
    expect(bad({ deployment: { size: 10 } })).toThrow(/deployment.*ModelEndpointDeployment\.canary/);
    expect(bad({ deployment: ModelEndpointDeployment.canary(null as any) })).toThrow(/deployment.*null.*ModelEndpointCanaryProps/);
  });

  test('no deployment on Cloud Run, nor on a VPC-peered endpoint', () => {
    expect(bad({ platform: ModelEndpointPlatform.cloudRun({ image: 'us-docker.pkg.dev/acme-ml/serving/churn:1' }), deployment: ModelEndpointDeployment.canary() }))
      .toThrow(/deployment.*no deployment on Cloud Run.*ModelEndpointTraffic\.canary/);
    expect(bad({
      platform: ModelEndpointPlatform.vertexAi({ access: ModelEndpointVertexAccess.VPC_PEERING, network: 'projects/123/global/networks/ml' }),
      deployment: ModelEndpointDeployment.canary(),
    })).toThrow(/deployment.*VPC-peered endpoint/);
  });

  test('rollback levels without a deployment, or out of range', () => {
    expect(bad({ errorRateAlarmThreshold: 0.05 })).toThrow(/errorRateAlarmThreshold.*no value without deployment/);
    expect(bad({ modelLatencyAlarmThreshold: Duration.seconds(2) })).toThrow(/modelLatencyAlarmThreshold.*no value without deployment/);
    const withCanary = (props: Record<string, unknown>) => bad({ deployment: ModelEndpointDeployment.canary(), ...props });
    expect(withCanary({ errorRateAlarmThreshold: 0 })).toThrow(/errorRateAlarmThreshold.*0.*greater than 0 and at most 1/);
    expect(withCanary({ errorRateAlarmThreshold: 1.5 })).toThrow(/errorRateAlarmThreshold.*1\.5/);
    expect(withCanary({ errorRateAlarmThreshold: '0.01' })).toThrow(/errorRateAlarmThreshold.*"0\.01"/);
    expect(withCanary({ modelLatencyAlarmThreshold: 1000 })).toThrow(/modelLatencyAlarmThreshold.*1000.*a Duration/);
    expect(withCanary({ modelLatencyAlarmThreshold: Duration.hours(2) })).toThrow(/modelLatencyAlarmThreshold.*7200000 ms/);
  });
});
