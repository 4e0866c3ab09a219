import { Annotations, Duration, RemovalPolicy, Stack, Token, Validations } from 'aws-cdk-lib/core';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import { MlopsValidationError, throwIfProblems, unwrap } from '../../core';
import { logRetentionDaysProblem } from '../../core/limits';
import { IDataLake } from '../data-lake';
import { resolveSageMakerInstanceType } from '../private/instance-types';
import { addAcknowledgedGrant, GrantPolicyOptions, GrantStatement } from '../private/grants';
import { keyProps, logGroupKeyStatement } from '../private/kms';
import { defaultPrefix, resolveName } from '../private/names';
import { resolveRemovalPolicy } from '../private/removal-policy';
import { createRollbackAlarms } from './alarms';
import { ModelEndpointCapacity } from './capacity';
import { ModelEndpointDeployment } from './deployment';
import { ModelEndpointInference } from './inference';
import { ModelEndpointModel } from './model';
import {
  asyncClientStatements,
  AsyncLocation,
  renderAsyncInferenceConfig,
  renderDataCaptureConfig,
  resolveAsyncLocation,
  resolveCaptureLocation,
} from './private/capture';
import { ExecutionPolicy } from './private/execution-policy';
import { hasLocalInstanceStorage } from './private/instance-type';
import { AUTOSCALING_SERVICE_LINKED_ROLE, SAGEMAKER_NAME_RULE } from './private/limits';
import { ResolvedCapacity, ResolvedScaling, resolveEnvironment, resolveNetworkIsolation, serverlessExclusionProblems } from './private/validation';
import { AWS_GUARD_CONTEXT, selectSubnets } from '../private/guard';
import { MODEL_ENDPOINT_PROPS_GUARD } from './private/props-guard';

/** Grants land in one managed policy per endpoint and identity, each statement named and its wildcards acknowledged with its own reason. */
const MODEL_ENDPOINT_GRANTS: Omit<GrantPolicyOptions, 'wildcardReason'> = { idPrefix: 'ModelEndpointGrants', kind: 'model endpoint' };

/** Runtime action of a real-time client. */
const INVOKE_ACTIONS = ['sagemaker:InvokeEndpoint'];
/** Runtime action of an asynchronous client. */
const INVOKE_ASYNC_ACTIONS = ['sagemaker:InvokeEndpointAsync'];

/** The namespace of endpoint invocation metrics. */
const METRIC_NAMESPACE = 'AWS/SageMaker';

/** SageMaker's variant name when a single variant takes all traffic. */
const DEFAULT_VARIANT_NAME = 'AllTraffic';

/** Stable ids of the warnings this construct may add. */
export const MODEL_ENDPOINT_WARNINGS = {
  /** No instance storage fact for the instance family: the volume key was left out. */
  instanceStorageUnknown: 'mlops-constructs:ModelEndpoint.instanceStorageUnknown',
  /** Network isolation off and no VPC: the model container reaches the internet. */
  containerInternetAccess: 'mlops-constructs:ModelEndpoint.containerInternetAccess',
  /** An imported encryption key: its policy cannot be given the log-group statement. */
  logKeyPolicyNotUpdated: 'mlops-constructs:ModelEndpoint.logKeyPolicyNotUpdated',
} as const;

/**
 * A SageMaker model endpoint. Either created by {@link ModelEndpoint} or imported with
 * {@link ModelEndpoint.fromModelEndpointAttributes}.
 */
export interface IModelEndpoint extends IConstruct {
  /** The endpoint name (also the `EndpointName` dimension of its metrics). */
  readonly endpointName: string;

  /** The endpoint ARN. */
  readonly endpointArn: string;

  /** The production variant serving the traffic (the `VariantName` dimension of its metrics). */
  readonly variantName: string;

  /** Whether the endpoint takes asynchronous invocations only. */
  readonly asynchronous: boolean;

  /**
   * Lets `grantee` invoke the endpoint: `sagemaker:InvokeEndpoint`, or for an asynchronous
   * endpoint `sagemaker:InvokeEndpointAsync` (and, for one created here, writing payloads under
   * the input prefix and reading results under the output and failure prefixes, with the lake
   * key). For a role, user or group of the app in the endpoint's account and region, the
   * statements go to a managed policy of this endpoint attached to it.
   * @param grantee the principal to grant to
   */
  grantInvoke(grantee: iam.IGrantable): iam.Grant;

  /**
   * A metric of the endpoint's variant in `AWS/SageMaker`.
   * @param metricName the metric name
   * @param props metric options to override
   */
  metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Requests sent to the model, summed over 5 minutes (`Invocations`).
   * @param props metric options to override
   */
  metricInvocations(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Share of requests the model answered with a 4xx code, averaged over 5 minutes
   * (`Invocation4XXErrors`: 1 per 4xx response, else 0).
   * @param props metric options to override
   */
  metricInvocation4XXErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Share of requests the model answered with a 5xx code, averaged over 5 minutes
   * (`Invocation5XXErrors`: 1 per 5xx response, else 0).
   * @param props metric options to override
   */
  metricInvocation5XXErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Model response time in microseconds, averaged over 5 minutes (`ModelLatency`).
   * @param props metric options to override
   */
  metricModelLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Time SageMaker adds to the model's, in microseconds, averaged over 5 minutes
   * (`OverheadLatency`).
   * @param props metric options to override
   */
  metricOverheadLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric;

  /**
   * Requests per instance, summed over 1 minute (`InvocationsPerInstance`, the metric the
   * autoscaling policy tracks).
   * @param props metric options to override
   */
  metricInvocationsPerInstance(props?: cloudwatch.MetricOptions): cloudwatch.Metric;
}

/** What {@link ModelEndpoint.fromModelEndpointAttributes} needs to use an existing endpoint. */
export interface ModelEndpointAttributes {
  /** The endpoint name. */
  readonly endpointName: string;
  /**
   * The variant serving the traffic.
   * @default 'AllTraffic'
   */
  readonly variantName?: string;
  /**
   * Whether the endpoint is asynchronous.
   * @default false
   */
  readonly asynchronous?: boolean;
}

/**
 * Grants and metrics of an endpoint, written against the attributes an import also has.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/monitoring-cloudwatch.html
 */
abstract class ModelEndpointBase extends Construct implements IModelEndpoint {
  public abstract readonly endpointName: string;
  public abstract readonly endpointArn: string;
  public abstract readonly variantName: string;
  public abstract readonly asynchronous: boolean;

  public grantInvoke(grantee: iam.IGrantable): iam.Grant {
    return addAcknowledgedGrant(this, grantee, [
      { sid: 'Invoke', actions: this.asynchronous ? INVOKE_ASYNC_ACTIONS : INVOKE_ACTIONS, resourceArns: [this.endpointArn] },
      ...this.asyncClientStatements(),
    ], MODEL_ENDPOINT_GRANTS);
  }

  public metric(metricName: string, props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return new cloudwatch.Metric({
      namespace: METRIC_NAMESPACE,
      metricName,
      dimensionsMap: { EndpointName: this.endpointName, VariantName: this.variantName },
      ...props,
    });
  }

  public metricInvocations(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Invocations', { statistic: cloudwatch.Stats.SUM, ...props });
  }

  public metricInvocation4XXErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Invocation4XXErrors', { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  public metricInvocation5XXErrors(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('Invocation5XXErrors', { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  public metricModelLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('ModelLatency', { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  public metricOverheadLatency(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('OverheadLatency', { statistic: cloudwatch.Stats.AVERAGE, ...props });
  }

  public metricInvocationsPerInstance(props?: cloudwatch.MetricOptions): cloudwatch.Metric {
    return this.metric('InvocationsPerInstance', { statistic: cloudwatch.Stats.SUM, period: Duration.minutes(1), ...props });
  }

  /** Statements an asynchronous client needs besides the invoke action. */
  protected asyncClientStatements(): GrantStatement[] {
    return [];
  }
}

/** Properties of a {@link ModelEndpoint}. */
export interface ModelEndpointProps {
  /** The model to serve. */
  readonly model: ModelEndpointModel;

  /**
   * What the endpoint runs on.
   * @default ModelEndpointCapacity.instances() - 2 × ml.m5.xlarge, autoscaling up to 4
   */
  readonly capacity?: ModelEndpointCapacity;

  /**
   * How updates shift traffic, with automatic rollback on the rollback alarms.
   * @default - instance-backed: ModelEndpointDeployment.canary() (one instance, 10 minutes of
   * baking, 5 minutes of final baking); serverless: ModelEndpointDeployment.allAtOnce()
   */
  readonly deployment?: ModelEndpointDeployment;

  /**
   * Real-time or asynchronous invocations.
   * @default ModelEndpointInference.realTime()
   */
  readonly inference?: ModelEndpointInference;

  /**
   * The endpoint name, unique per account and region (changing it replaces the endpoint). 1 to
   * 63 letters, digits and hyphens. Model and endpoint configuration names are left to
   * CloudFormation, so that a change creates new ones and the endpoint moves to them.
   * @default - derived from the stack name and the construct path, stable across synths
   */
  readonly endpointName?: string;

  /**
   * The production variant's name; blue/green updates keep it.
   * @default 'AllTraffic'
   */
  readonly variantName?: string;

  /**
   * Environment variables of the container: up to 16, keys and values up to 1024 characters.
   * @default - none
   */
  readonly environment?: { [name: string]: string };

  /**
   * Isolates the model container: no inbound or outbound network calls. Serverless endpoints
   * do not support it.
   * @default - true for instance-backed endpoints, false for serverless ones
   */
  readonly networkIsolation?: boolean;

  /**
   * The VPC to attach the model containers to (network interfaces in `vpcSubnets`). Not for
   * serverless endpoints. With network isolation the container has no network either way; a
   * VPC matters when isolation is off, and then the VPC needs an S3 gateway endpoint or a NAT
   * for what the container reaches.
   * @default - no VPC
   * @see https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html
   */
  readonly vpc?: ec2.IVpc;

  /**
   * Subnets of `vpc`, in at least two Availability Zones.
   * @default - the VPC's private subnets
   */
  readonly vpcSubnets?: ec2.SubnetSelection;

  /**
   * Security groups of the containers' network interfaces.
   * @default - a new group with no inbound and no outbound rules (add them with `connections`)
   */
  readonly securityGroups?: ec2.ISecurityGroup[];

  /**
   * The lake that receives captured requests and responses (the input of drift monitoring).
   * Not for serverless endpoints.
   * @default - no data capture
   */
  readonly captureLake?: IDataLake;

  /**
   * The zone of `captureLake` receiving captures.
   * @default 'raw'
   */
  readonly captureZone?: string;

  /**
   * Key prefix of the captures, ending with `/`.
   * @default 'captures/<endpointName>/'
   */
  readonly capturePrefix?: string;

  /**
   * Percentage of requests captured: an integer from 0 to 100.
   * @default 100
   */
  readonly captureSamplingPercentage?: number;

  /**
   * Whether requests (model input) are captured.
   * @default true
   */
  readonly captureRequests?: boolean;

  /**
   * Whether responses (model output) are captured.
   * @default true
   */
  readonly captureResponses?: boolean;

  /**
   * Content types of requests and responses captured as CSV (at most 10). Clients must send the
   * content type when they invoke the endpoint.
   * @default ['text/csv']
   * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-properties-sagemaker-endpointconfig-datacaptureconfig-capturecontenttypeheader.html
   */
  readonly captureCsvContentTypes?: string[];

  /**
   * Content types of requests and responses captured as JSON (at most 10).
   * @default ['application/json']
   */
  readonly captureJsonContentTypes?: string[];

  /**
   * Key of the instances' storage volumes and of the container log group.
   * @default - a new key with yearly rotation, retained
   */
  readonly encryptionKey?: kms.IKey;

  /**
   * Retention of the container log group `/aws/sagemaker/Endpoints/<endpointName>`: one of the
   * days CloudWatch Logs accepts (`logs.RetentionDays`), or `RetentionDays.INFINITE`; a literal
   * (a CloudFormation parameter is refused).
   * @default logs.RetentionDays.ONE_YEAR
   */
  readonly logRetention?: logs.RetentionDays;

  /**
   * What happens to the key and the log group when they leave the stack. `DESTROY` needs the
   * app context `mlops-constructs:allowDataDestruction: true`.
   * @default RemovalPolicy.RETAIN
   */
  readonly removalPolicy?: RemovalPolicy;

  /**
   * Rollback alarm level: share of invocations answered with a 5xx code (more than 0, at most
   * 1) in 2 of 3 one-minute periods.
   * @default 0.01
   */
  readonly errorRateAlarmThreshold?: number;

  /**
   * Rollback alarm level: average model latency in 2 of 3 one-minute periods.
   * @default Duration.seconds(1)
   */
  readonly modelLatencyAlarmThreshold?: Duration;

  /**
   * More alarms that roll a deployment back (at most 8: auto-rollback takes 10 alarms and the
   * endpoint has 2 of its own).
   * @default - the error rate and latency alarms only
   */
  readonly rollbackAlarms?: cloudwatch.IAlarm[];

  /**
   * Actions of the endpoint's alarms (notify people as well as roll back).
   * @default - none: the alarms drive the automatic rollback only
   */
  readonly alarmActions?: cloudwatch.IAlarmAction[];
}

/** Where captured data goes. */
export interface ModelEndpointCaptureLocation {
  /** The bucket (a zone bucket of the capture lake). */
  readonly bucket: s3.IBucket;
  /** The key prefix, ending with `/`. */
  readonly prefix: string;
  /** `s3://<bucket>/<prefix>`. */
  readonly s3Uri: string;
  /** The lake receiving the captures (`captureLake`). */
  readonly lake: IDataLake;
  /** The zone of the lake receiving them (`captureZone`). */
  readonly zone: string;
  /** Percentage of requests captured (`captureSamplingPercentage`). */
  readonly samplingPercentage: number;
  /** Whether requests (model input) are captured (`captureRequests`). */
  readonly requests: boolean;
  /** Whether responses (model output) are captured (`captureResponses`). */
  readonly responses: boolean;
}

/**
 * A SageMaker model endpoint with safe updates, hardened by default.
 *
 * Creates a model (no fixed name; network isolation; optionally in a VPC), an endpoint
 * configuration (no fixed name; volume key; data capture into the lake; serverless or
 * instance-backed; optionally asynchronous) and the endpoint, with:
 * - a least-privilege execution role: one managed policy with reads of exactly the model data,
 *   pulls from exactly the image repository, writes under the capture prefix, logs into the
 *   endpoint's encrypted log group — never a broad AWS managed policy;
 * - blue/green deployments (canary by default) that roll back when the 5xx error-rate or the
 *   model-latency alarm fires during a baking period;
 * - target-tracking autoscaling on invocations per instance, with the autoscaled instance count
 *   kept across updates (`RetainAllVariantProperties`, excluding only `DesiredWeight`, so a new
 *   model or configuration still applies but the endpoint does not fall back to `instanceCount`).
 *
 * | capacity          | deployment default | autoscaling | volume key            | capture, VPC, isolation |
 * |-------------------|--------------------|-------------|-----------------------|-------------------------|
 * | instances (CPU)   | canary, 1 instance | yes         | encryptionKey         | supported               |
 * | instances (NVMe)  | canary, 1 instance | yes         | none (hardware)       | supported               |
 * | serverless        | all at once        | no          | none (not supported)  | not supported           |
 *
 * Changing the instance type of an autoscaled endpoint fails in SageMaker ("If the update would
 * change the instance type for any model that is a target for auto scaling, the update fails"):
 * deploy once with `maxInstanceCount` equal to `instanceCount` (no scalable target), then change
 * the type, then restore the maximum. Deploy-time behaviour (rollbacks, retained capacity) can
 * only be verified by a deployment.
 *
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-update.html
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/model-monitor-data-capture.html
 * @see https://docs.aws.amazon.com/AWSCloudFormation/latest/UserGuide/aws-resource-sagemaker-endpoint.html
 *
 * @example
 * const endpoint = new ModelEndpoint(stack, 'Churn', {
 *   model: ModelEndpointModel.fromLake({ image: ModelEndpointImage.fromEcrRepository(repo, 'v3'), lake, key: 'models/churn/v3/model.tar.gz' }),
 *   captureLake: lake,
 * });
 * endpoint.grantInvoke(appRole);
 */
export class ModelEndpoint extends ModelEndpointBase {
  /**
   * Uses an existing endpoint: grants and metrics work as on one created here.
   * @param scope parent construct
   * @param id construct id
   * @param attrs name, variant, mode
   */
  public static fromModelEndpointAttributes(scope: Construct, id: string, attrs: ModelEndpointAttributes): IModelEndpoint {
    class Import extends ModelEndpointBase {
      public readonly endpointName = attrs.endpointName;
      public readonly variantName = attrs.variantName ?? DEFAULT_VARIANT_NAME;
      public readonly asynchronous = attrs.asynchronous ?? false;
      public readonly endpointArn: string;

      constructor() {
        super(scope, id);
        resolveName(this, 'endpointName', this.endpointName, SAGEMAKER_NAME_RULE);
        resolveName(this, 'variantName', this.variantName, SAGEMAKER_NAME_RULE);
        this.endpointArn = Stack.of(this).formatArn({ service: 'sagemaker', resource: 'endpoint', resourceName: this.endpointName });
      }
    }
    return new Import();
  }

  public readonly endpointName: string;
  public readonly endpointArn: string;
  public readonly variantName: string;
  public readonly asynchronous: boolean;
  /** The instance type; undefined for a serverless endpoint. */
  public readonly instanceType?: string;
  /** The SageMaker model (generated name). */
  public readonly model: sagemaker.CfnModel;
  /** The endpoint configuration (generated name). */
  public readonly endpointConfig: sagemaker.CfnEndpointConfig;
  /** The role SageMaker assumes to pull the image, read the model, write captures and logs. */
  public readonly executionRole: iam.IRole;
  /** The key of the volumes and the log group. */
  public readonly encryptionKey: kms.IKey;
  /** The container log group. */
  public readonly logGroup: logs.ILogGroup;
  /** Alarm on the 5xx error rate (a rollback alarm). */
  public readonly errorRateAlarm: cloudwatch.Alarm;
  /** Alarm on the model latency (a rollback alarm). */
  public readonly modelLatencyAlarm: cloudwatch.Alarm;
  /** The endpoint's own alarms: {@link errorRateAlarm} and {@link modelLatencyAlarm}. */
  public readonly alarms: cloudwatch.IAlarm[];
  /** Where captures go; undefined without data capture. */
  public readonly captureLocation?: ModelEndpointCaptureLocation;
  /** The autoscaling target; undefined for serverless endpoints and fixed-size fleets. */
  public readonly scalableTarget?: appscaling.ScalableTarget;
  /** Network access of the model containers; undefined outside a VPC. */
  public readonly connections?: ec2.Connections;

  private readonly executionPolicy: ExecutionPolicy;
  private readonly asyncLocation?: AsyncLocation;

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    MODEL_ENDPOINT_PROPS_GUARD.check(this, props, AWS_GUARD_CONTEXT);
    this.endpointName = resolveName(this, 'endpointName', props.endpointName ?? defaultPrefix(this), SAGEMAKER_NAME_RULE);
    this.variantName = resolveName(this, 'variantName', props.variantName ?? DEFAULT_VARIANT_NAME, SAGEMAKER_NAME_RULE);

    const capacity = props.capacity ?? ModelEndpointCapacity.instances();
    if (!(capacity instanceof ModelEndpointCapacity)) {
      throw new MlopsValidationError(this, 'capacity', capacity, 'a ModelEndpointCapacity (ModelEndpointCapacity.instances(...) or ModelEndpointCapacity.serverless(...))');
    }
    if (props.inference !== undefined && !(props.inference instanceof ModelEndpointInference)) {
      throw new MlopsValidationError(this, 'inference', props.inference, 'a ModelEndpointInference (ModelEndpointInference.realTime() or ModelEndpointInference.asynchronous(...))');
    }
    const serverless = capacity._serverless;
    const asyncProps = props.inference?._async;
    this.asynchronous = asyncProps !== undefined;
    const networkIsolation = unwrap(this, '', resolveNetworkIsolation(props.networkIsolation, serverless));
    throwIfProblems(this, '', serverlessExclusionProblems({ vpc: props.vpc, captureLake: props.captureLake, asynchronous: this.asynchronous }, serverless));
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy, 'keys and log groups');
    const environment = unwrap(this, '', resolveEnvironment(props.environment));

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', keyProps(`Model endpoint ${this.endpointName}: instance volumes and container logs`, removalPolicy));
    const logRetention = props.logRetention ?? logs.RetentionDays.ONE_YEAR;
    const logRetentionProblem = logRetentionDaysProblem(logRetention, (v) => Token.isUnresolved(v));
    if (logRetentionProblem !== undefined) {
      throw new MlopsValidationError(this, 'logRetention', Token.isUnresolved(logRetention) ? '<token>' : logRetention, logRetentionProblem);
    }
    this.logGroup = this.createLogGroup(logRetention, removalPolicy);

    const role = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: `SageMaker execution role of model endpoint ${this.endpointName}`,
    });
    this.executionRole = role;
    this.executionPolicy = new ExecutionPolicy(this, 'ExecutionPolicy', `Execution role permissions of model endpoint ${this.endpointName}`);
    this.executionPolicy.policy.attachToRole(role);
    this.executionPolicy.allowLogsAndMetrics(this.logGroup);

    throwIfProblems(this, 'model', props.model.problems());
    const container = props.model._render(this.executionPolicy, environment);
    const vpcPlacement = this.vpcPlacement(props);
    this.connections = vpcPlacement?.connections;
    this.model = new sagemaker.CfnModel(this, 'Model', {
      executionRoleArn: role.roleArn,
      enableNetworkIsolation: networkIsolation,
      primaryContainer: container,
      vpcConfig: vpcPlacement?.config,
    });
    // SageMaker uses the role's permissions when it creates the endpoint, so they must exist first.
    this.model.node.addDependency(this.executionPolicy.policy);
    if (!networkIsolation && props.vpc === undefined) {
      Annotations.of(this).addWarningV2(MODEL_ENDPOINT_WARNINGS.containerInternetAccess,
        'networkIsolation is off and no vpc is given: the model container can reach the internet. Keep network isolation on, or place the model in a VPC.');
    }

    if (props.captureLake) {
      this.captureLocation = resolveCaptureLocation(this, props.captureLake, props, this.endpointName);
      this.executionPolicy.allowCaptureWrites(this.captureLocation.bucket, this.captureLocation.prefix, props.captureLake.encryptionKey);
    }
    if (asyncProps) {
      throwIfProblems(this, 'inference', props.inference!.problems());
      this.asyncLocation = resolveAsyncLocation(asyncProps, this.endpointName);
      this.executionPolicy.allowAsyncInference(this.asyncLocation.bucket, this.asyncLocation.prefix, asyncProps.lake.encryptionKey);
    }

    const resolvedCapacity = unwrap(this, 'capacity', capacity._resolve());
    const fleet = fleetOf(resolvedCapacity);
    this.instanceType = resolvedCapacity.kind === 'instances'
      ? resolveSageMakerInstanceType(this, 'capacity.instanceType', resolvedCapacity.instanceType, 'hosting')
      : undefined;
    const volumeKey = this.volumeKey(resolvedCapacity);
    this.endpointConfig = new sagemaker.CfnEndpointConfig(this, 'Config', {
      productionVariants: [capacity._renderVariant(resolvedCapacity, this.variantName, this.model.attrModelName)],
      kmsKeyId: volumeKey.kmsKeyId,
      dataCaptureConfig: renderDataCaptureConfig(this, props, this.captureLocation),
      asyncInferenceConfig: this.asyncLocation && asyncProps ? renderAsyncInferenceConfig(this.asyncLocation, asyncProps) : undefined,
    });
    if (volumeKey.missingReason !== undefined) {
      Validations.of(this.endpointConfig).acknowledge({ id: 'NIST.800.53.R5-SageMakerEndpointConfigurationKMSKeyConfigured', reason: volumeKey.missingReason });
    }

    const alarms = createRollbackAlarms(this, props);
    this.errorRateAlarm = alarms.errorRateAlarm;
    this.modelLatencyAlarm = alarms.modelLatencyAlarm;
    this.alarms = [this.errorRateAlarm, this.modelLatencyAlarm];

    const deployment = props.deployment ?? (serverless ? ModelEndpointDeployment.allAtOnce() : ModelEndpointDeployment.canary());
    if (!(deployment instanceof ModelEndpointDeployment)) {
      throw new MlopsValidationError(this, 'deployment', deployment, 'a ModelEndpointDeployment (canary(), linear() or allAtOnce())');
    }
    const resolvedDeployment = unwrap(this, 'deployment', deployment._resolve({ serverless, ...fleet }));

    const endpoint = new sagemaker.CfnEndpoint(this, 'Resource', {
      endpointName: this.endpointName,
      endpointConfigName: this.endpointConfig.attrEndpointConfigName,
      deploymentConfig: deployment._render(resolvedDeployment, alarms.rollbackAlarms.map((a) => a.alarmName)),
      // Keep the live (autoscaled) instance count when the endpoint moves to a new config;
      // the config's weight applies. Serverless variants have no instance count to keep.
      retainAllVariantProperties: serverless ? undefined : true,
      excludeRetainedVariantProperties: serverless ? undefined : [{ variantPropertyType: 'DesiredWeight' }],
    });
    endpoint.node.addDependency(this.logGroup);
    this.endpointArn = endpoint.ref;

    this.executionPolicy.allowRollbackAlarms(alarms.rollbackAlarms);

    if (!serverless && fleet.maxInstances > fleet.minInstances) {
      this.scalableTarget = this.createAutoscaling(endpoint, unwrap(this, 'capacity', capacity._scaling()), fleet.minInstances, fleet.maxInstances);
    }
  }

  protected asyncClientStatements(): GrantStatement[] {
    return this.asyncLocation === undefined ? [] : asyncClientStatements(this.asyncLocation);
  }

  private createLogGroup(retention: logs.RetentionDays, removalPolicy: RemovalPolicy): logs.ILogGroup {
    // SageMaker writes container logs to /aws/sagemaker/Endpoints/<EndpointName>; creating the
    // group here gives it a key and a retention instead of an unencrypted, never-expiring group.
    const logGroupName = `/aws/sagemaker/Endpoints/${this.endpointName}`;
    const added = this.encryptionKey.addToResourcePolicy(logGroupKeyStatement(this, logGroupName));
    if (!added.statementAdded) {
      Annotations.of(this).addWarningV2(MODEL_ENDPOINT_WARNINGS.logKeyPolicyNotUpdated,
        `encryptionKey ${this.encryptionKey.node.path} is imported: its key policy must let logs.${Stack.of(this).region}.amazonaws.com use it for log group ${logGroupName}, or the log group cannot be created.`);
    }
    return new logs.LogGroup(this, 'Logs', {
      logGroupName,
      encryptionKey: this.encryptionKey,
      retention,
      removalPolicy,
    });
  }

  private vpcPlacement(props: ModelEndpointProps): { config: sagemaker.CfnModel.VpcConfigProperty; connections: ec2.Connections } | undefined {
    if (props.vpc === undefined) {
      if (props.vpcSubnets !== undefined || props.securityGroups !== undefined) {
        throw new MlopsValidationError(this, props.vpcSubnets !== undefined ? 'vpcSubnets' : 'securityGroups', 'set', 'only together with vpc');
      }
      return undefined;
    }
    const selection = selectSubnets(this, 'vpcSubnets', props.vpc, props.vpcSubnets);
    const zones = selection.availabilityZones;
    if (!zones.some((z) => Token.isUnresolved(z)) && new Set(zones).size < 2) {
      throw new MlopsValidationError(this, 'vpcSubnets', zones,
        'subnets in at least two Availability Zones ("You must create at least two subnets in different availability zones in your private VPC, even if you have only one hosting instance", https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html)');
    }
    const securityGroups = props.securityGroups ?? [new ec2.SecurityGroup(this, 'SecurityGroup', {
      vpc: props.vpc,
      description: `Model containers of endpoint ${this.endpointName}`,
      allowAllOutbound: false,
    })];
    this.executionPolicy.allowVpcAttachment();
    return {
      config: { subnets: selection.subnetIds, securityGroupIds: securityGroups.map((g) => g.securityGroupId) },
      connections: new ec2.Connections({ securityGroups }),
    };
  }

  /**
   * The endpoint config's `KmsKeyId`, and why there is none when there is none.
   *
   * | capacity                             | KmsKeyId      |
   * |--------------------------------------|---------------|
   * | serverless                           | none          |
   * | instances without local storage      | encryptionKey |
   * | instances with local storage         | none          |
   * | instances, storage unknown (warning) | none          |
   */
  private volumeKey(capacity: ResolvedCapacity): { kmsKeyId?: string; missingReason?: string } {
    if (capacity.kind === 'serverless') {
      return {
        missingReason: 'Serverless endpoints do not support KMS keys ("Some of the features currently available for SageMaker Real-time Inference are not '
          + 'supported for Serverless Inference, including ... KMS keys", serverless-endpoints.html); SageMaker manages the compute and its storage.',
      };
    }
    const instanceType = capacity.instanceType;
    const local = capacity.localInstanceStorage ?? hasLocalInstanceStorage(instanceType);
    if (local === false) {
      return { kmsKeyId: this.encryptionKey.keyArn };
    }
    if (local === undefined) {
      Annotations.of(this).addWarningV2(MODEL_ENDPOINT_WARNINGS.instanceStorageUnknown,
        `${instanceType}: no documented instance-storage fact; the endpoint config gets no KmsKeyId (CreateEndpointConfig fails with one on instances with local storage). `
        + 'If this type has EBS volumes only, set localInstanceStorage: false to encrypt them with encryptionKey.');
    }
    return {
      missingReason: `${instanceType} is treated as having local NVMe instance storage, which the instance's hardware module encrypts; CreateEndpointConfig `
        + 'refuses a KmsKeyId for such types ("If you specify a value for KmsKeyId when using any nitro-based instances with local storage, the call to '
        + 'CreateEndpointConfig fails", API_CreateEndpointConfig).',
    };
  }

  private createAutoscaling(endpoint: sagemaker.CfnEndpoint, scaling: ResolvedScaling, minCapacity: number, maxCapacity: number): appscaling.ScalableTarget {
    const stack = Stack.of(this);
    const scalableTarget = new appscaling.ScalableTarget(this, 'Scaling', {
      serviceNamespace: appscaling.ServiceNamespace.SAGEMAKER,
      resourceId: `endpoint/${this.endpointName}/variant/${this.variantName}`,
      scalableDimension: 'sagemaker:variant:DesiredInstanceCount',
      minCapacity,
      maxCapacity,
      role: iam.Role.fromRoleArn(this, 'ScalingRole', stack.formatArn({ service: 'iam', region: '', resource: 'role', resourceName: AUTOSCALING_SERVICE_LINKED_ROLE }), { mutable: false }),
    });
    // The resource id names the endpoint by string: the order must be explicit.
    scalableTarget.node.addDependency(endpoint);
    scalableTarget.scaleToTrackMetric('InvocationsPerInstance', {
      targetValue: scaling.targetInvocationsPerInstance,
      predefinedMetric: appscaling.PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE,
      scaleInCooldown: scaling.scaleInCooldown,
      scaleOutCooldown: scaling.scaleOutCooldown,
    });
    return scalableTarget;
  }
}

/** The fleet a deployment shifts traffic to: a serverless variant has no instances. */
function fleetOf(capacity: ResolvedCapacity): { minInstances: number; maxInstances: number } {
  return capacity.kind === 'serverless' ? { minInstances: 0, maxInstances: 0 } : { minInstances: capacity.minInstances, maxInstances: capacity.maxInstances };
}
