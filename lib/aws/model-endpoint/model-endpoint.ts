import { Annotations, Duration, RemovalPolicy, Size, SizeRoundingBehavior, Stack, Token, Validations } from 'aws-cdk-lib';
import * as appscaling from 'aws-cdk-lib/aws-applicationautoscaling';
import * as cloudwatch from 'aws-cdk-lib/aws-cloudwatch';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import * as kms from 'aws-cdk-lib/aws-kms';
import * as logs from 'aws-cdk-lib/aws-logs';
import * as s3 from 'aws-cdk-lib/aws-s3';
import * as sagemaker from 'aws-cdk-lib/aws-sagemaker';
import { Construct, IConstruct } from 'constructs';
import {
  AcceleratorRequest,
  MlopsValidationError,
  StandardZone,
  throwIfProblems,
} from '../../core';
import { IDataLake } from '../data-lake';
import { keyProps, logGroupKeyStatement } from '../private/kms';
import { defaultPrefix, resolveName } from '../private/names';
import { deploymentConfig, DeploymentSpec, resolveDeployment } from './private/deployment-config';
import { hasLocalInstanceStorage, resolveInstanceType } from './private/instance-type';
import {
  ASYNC_MAX_CONCURRENT_INVOCATIONS,
  AUTOSCALING_SERVICE_LINKED_ROLE,
  CAPTURE_LIMITS,
  DEFAULT_INSTANCE_COUNT,
  ENVIRONMENT_LIMITS,
  integerRangeProblem,
  MAX_ROLLBACK_ALARMS,
  MODEL_DATA_SUFFIX,
  SAGEMAKER_NAME_RULE,
  SERVERLESS_EXCLUSIONS_URL,
  SERVERLESS_LIMITS,
} from './private/limits';
import { AcknowledgedPolicy, addAcknowledgedGrant, GrantPolicyOptions, GrantStatement } from '../private/grants';
import { resolveRemovalPolicy } from '../private/removal-policy';

/** Grants land in one managed policy per endpoint and identity, each statement named and its wildcards acknowledged with its own reason. */
const MODEL_ENDPOINT_GRANTS: Omit<GrantPolicyOptions, 'wildcardReason'> = { idPrefix: 'ModelEndpointGrants', kind: 'model endpoint' };

/** Runtime action of a real-time client. */
const INVOKE_ACTIONS = ['sagemaker:InvokeEndpoint'];
/** Runtime action of an asynchronous client. */
const INVOKE_ASYNC_ACTIONS = ['sagemaker:InvokeEndpointAsync'];
/**
 * Image pull from one repository, and the registry token that has no resource.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/sagemaker-roles.html#sagemaker-roles-createmodel-perms
 */
const ECR_PULL_ACTIONS = ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'];
const ECR_TOKEN_ACTIONS = ['ecr:GetAuthorizationToken'];
/** Container logs into the endpoint's log group (CreateModel execution role permissions). */
const LOG_ACTIONS = ['logs:CreateLogGroup', 'logs:CreateLogStream', 'logs:PutLogEvents', 'logs:DescribeLogStreams'];
/** Metrics the execution role publishes (CreateModel execution role permissions). */
const METRIC_ACTIONS = ['cloudwatch:PutMetricData'];
/**
 * What SageMaker needs to attach network interfaces to the model containers of a model in a VPC.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/host-vpc.html#host-vpc-endpoints
 */
const VPC_ACTIONS = [
  'ec2:DescribeVpcEndpoints', 'ec2:DescribeDhcpOptions', 'ec2:DescribeVpcs', 'ec2:DescribeSubnets', 'ec2:DescribeSecurityGroups',
  'ec2:DescribeNetworkInterfaces', 'ec2:DeleteNetworkInterfacePermission', 'ec2:DeleteNetworkInterface',
  'ec2:CreateNetworkInterfacePermission', 'ec2:CreateNetworkInterface',
];
/**
 * "Ensure that your IAM execution role has permission to perform the cloudwatch:DescribeAlarms
 * action on the auto-rollback alarms you specify."
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-configuration.html
 */
const DESCRIBE_ALARM_ACTIONS = ['cloudwatch:DescribeAlarms'];
const OBJECT_READ_ACTIONS = ['s3:GetObject'];
const OBJECT_WRITE_ACTIONS = ['s3:PutObject', 's3:AbortMultipartUpload'];
const KEY_DECRYPT_ACTIONS = ['kms:Decrypt'];
/** Writers of SSE-KMS objects: a data key per upload, decrypt for multipart uploads. */
const KEY_ENCRYPT_ACTIONS = ['kms:GenerateDataKey', 'kms:Decrypt'];


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

// ---------------------------------------------------------------------------------------------
// The endpoint
// ---------------------------------------------------------------------------------------------

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
   * Retention of the container log group `/aws/sagemaker/Endpoints/<endpointName>`.
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
  /** The endpoint's own alarms. */
  public readonly alarms: cloudwatch.Alarm[];
  /** Where captures go; undefined without data capture. */
  public readonly captureLocation?: ModelEndpointCaptureLocation;
  /** The autoscaling target; undefined for serverless endpoints and fixed-size fleets. */
  public readonly scalableTarget?: appscaling.ScalableTarget;
  /** Network access of the model containers; undefined outside a VPC. */
  public readonly connections?: ec2.Connections;

  private readonly executionPolicy: AcknowledgedPolicy;
  private readonly asyncLocation?: { lake: IDataLake; bucket: s3.IBucket; prefix: string };

  constructor(scope: Construct, id: string, props: ModelEndpointProps) {
    super(scope, id);
    if (!(props?.model instanceof ModelEndpointModel)) {
      throw new MlopsValidationError(this, 'model', props?.model, 'a ModelEndpointModel (ModelEndpointModel.fromLake(...) or ModelEndpointModel.fromModelPackage(...))');
    }
    this.endpointName = props.endpointName ?? defaultPrefix(this);
    resolveName(this, 'endpointName', this.endpointName, SAGEMAKER_NAME_RULE);
    this.variantName = props.variantName ?? DEFAULT_VARIANT_NAME;
    resolveName(this, 'variantName', this.variantName, SAGEMAKER_NAME_RULE);

    const capacity = props.capacity ?? ModelEndpointCapacity.instances();
    if (!(capacity instanceof ModelEndpointCapacity)) {
      throw new MlopsValidationError(this, 'capacity', capacity, 'a ModelEndpointCapacity (ModelEndpointCapacity.instances(...) or ModelEndpointCapacity.serverless(...))');
    }
    if (props.inference !== undefined && !(props.inference instanceof ModelEndpointInference)) {
      throw new MlopsValidationError(this, 'inference', props.inference, 'a ModelEndpointInference (ModelEndpointInference.realTime() or ModelEndpointInference.asynchronous(...))');
    }
    const serverless = capacity.serverlessCapacity !== undefined;
    const asyncProps = props.inference?.asyncProps;
    this.asynchronous = asyncProps !== undefined;
    const networkIsolation = this.resolveNetworkIsolation(props, serverless);
    this.checkServerlessExclusions(props, serverless);
    const removalPolicy = resolveRemovalPolicy(this, 'removalPolicy', props.removalPolicy, 'keys and log groups');
    const environment = this.checkEnvironment(props.environment);

    this.encryptionKey = props.encryptionKey ?? new kms.Key(this, 'Key', keyProps(`Model endpoint ${this.endpointName}: instance volumes and container logs`, removalPolicy));
    this.logGroup = this.createLogGroup(props.logRetention ?? logs.RetentionDays.ONE_YEAR, removalPolicy);

    const role = new iam.Role(this, 'ExecutionRole', {
      assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com'),
      description: `SageMaker execution role of model endpoint ${this.endpointName}`,
    });
    this.executionRole = role;
    this.executionPolicy = new AcknowledgedPolicy(this, 'ExecutionPolicy', `Execution role permissions of model endpoint ${this.endpointName}`);
    this.executionPolicy.policy.attachToRole(role);
    this.allowLogsAndMetrics();

    const container = this.modelContainer(props.model, environment);
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

    this.captureLocation = props.captureLake ? this.captureLocationOf(props) : undefined;
    this.asyncLocation = asyncProps ? this.asyncLocationOf(asyncProps) : undefined;

    const variant = this.productionVariant(capacity);
    this.instanceType = variant.instanceType;
    const volumeKey = this.volumeKey(capacity, variant.instanceType);
    this.endpointConfig = new sagemaker.CfnEndpointConfig(this, 'Config', {
      productionVariants: [variant.property],
      kmsKeyId: volumeKey.kmsKeyId,
      dataCaptureConfig: this.dataCaptureConfig(props),
      asyncInferenceConfig: asyncProps ? this.asyncInferenceConfig(asyncProps) : undefined,
    });
    if (volumeKey.missingReason !== undefined) {
      Validations.of(this.endpointConfig).acknowledge({ id: 'NIST.800.53.R5-SageMakerEndpointConfigurationKMSKeyConfigured', reason: volumeKey.missingReason });
    }

    this.errorRateAlarm = this.createErrorRateAlarm(props.errorRateAlarmThreshold);
    this.modelLatencyAlarm = this.createLatencyAlarm(props.modelLatencyAlarmThreshold);
    this.alarms = [this.errorRateAlarm, this.modelLatencyAlarm];
    this.configureAlarmActions(props.alarmActions);
    const rollbackAlarms = this.rollbackAlarms(props.rollbackAlarms);

    const deployment = props.deployment ?? (serverless ? ModelEndpointDeployment.allAtOnce() : ModelEndpointDeployment.canary());
    const resolved = resolveDeployment(deploymentSpec(this, deployment), {
      serverless,
      minInstances: variant.minInstances,
      maxInstances: variant.maxInstances,
    });
    if (Array.isArray(resolved)) {
      throwIfProblems(this, 'deployment', resolved);
      throw new Error('unreachable: problems were thrown');
    }

    const endpoint = new sagemaker.CfnEndpoint(this, 'Resource', {
      endpointName: this.endpointName,
      endpointConfigName: this.endpointConfig.attrEndpointConfigName,
      deploymentConfig: deploymentConfig(resolved, rollbackAlarms.map((a) => a.alarmName)),
      // Keep the live (autoscaled) instance count when the endpoint moves to a new config;
      // the config's weight applies. Serverless variants have no instance count to keep.
      retainAllVariantProperties: serverless ? undefined : true,
      excludeRetainedVariantProperties: serverless ? undefined : [{ variantPropertyType: 'DesiredWeight' }],
    });
    endpoint.node.addDependency(this.logGroup);
    this.endpointArn = endpoint.ref;

    this.executionPolicy.add('DescribeRollbackAlarms', new iam.PolicyStatement({
      actions: DESCRIBE_ALARM_ACTIONS,
      resources: rollbackAlarms.map((a) => a.alarmArn),
    }));

    if (capacity.instanceCapacity !== undefined && variant.maxInstances > variant.minInstances) {
      this.scalableTarget = this.createAutoscaling(endpoint, capacity.instanceCapacity, variant.minInstances, variant.maxInstances);
    }
  }

  protected asyncClientStatements(): GrantStatement[] {
    const location = this.asyncLocation;
    if (location === undefined) {
      return [];
    }
    const key = location.lake.encryptionKey;
    return [
      {
        sid: 'WriteAsyncInput',
        actions: OBJECT_WRITE_ACTIONS,
        resourceArns: [location.bucket.arnForObjects(`${location.prefix}input/*`)],
        wildcardReason: 'Asynchronous inference payloads: a client writes one object per request under the endpoint\'s input/ prefix of the lake zone.',
      },
      {
        sid: 'ReadAsyncResults',
        actions: OBJECT_READ_ACTIONS,
        resourceArns: [location.bucket.arnForObjects(`${location.prefix}output/*`), location.bucket.arnForObjects(`${location.prefix}failures/*`)],
        wildcardReason: 'Asynchronous inference results: SageMaker writes one object per request under the endpoint\'s output/ and failures/ prefixes, which the client reads.',
      },
      ...(key ? [{ sid: 'AsyncLakeKey', actions: KEY_ENCRYPT_ACTIONS, resourceArns: [key.keyArn] }] : []),
    ];
  }

  private resolveNetworkIsolation(props: ModelEndpointProps, serverless: boolean): boolean {
    if (serverless && props.networkIsolation === true) {
      throw new MlopsValidationError(this, 'networkIsolation', true,
        `false or unset for a serverless endpoint: serverless inference does not support network isolation (${SERVERLESS_EXCLUSIONS_URL})`);
    }
    return props.networkIsolation ?? !serverless;
  }

  private checkServerlessExclusions(props: ModelEndpointProps, serverless: boolean): void {
    if (!serverless) {
      return;
    }
    const why = `serverless inference does not support it (${SERVERLESS_EXCLUSIONS_URL})`;
    if (props.vpc !== undefined) {
      throw new MlopsValidationError(this, 'vpc', props.vpc.node.path, `no VPC for a serverless endpoint: ${why}`);
    }
    if (props.captureLake !== undefined) {
      throw new MlopsValidationError(this, 'captureLake', props.captureLake.node.path, `no data capture for a serverless endpoint: ${why}; use instance capacity to capture`);
    }
    if (props.inference?.asyncProps !== undefined) {
      throw new MlopsValidationError(this, 'inference', 'asynchronous',
        'ModelEndpointInference.realTime() for a serverless endpoint: asynchronous inference queues requests for instances it autoscales (https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html)');
    }
  }

  private checkEnvironment(environment: { [name: string]: string } | undefined): { [name: string]: string } | undefined {
    if (environment === undefined) {
      return undefined;
    }
    const entries = Object.entries(environment);
    if (entries.length > ENVIRONMENT_LIMITS.maxEntries) {
      throw new MlopsValidationError(this, 'environment', `${entries.length} variables`, `at most ${ENVIRONMENT_LIMITS.maxEntries} variables`);
    }
    for (const [name, value] of entries) {
      if (name.length === 0 || name.length > ENVIRONMENT_LIMITS.maxLength) {
        throw new MlopsValidationError(this, 'environment', name, `variable names of 1 to ${ENVIRONMENT_LIMITS.maxLength} characters`);
      }
      if (typeof value !== 'string' || (!Token.isUnresolved(value) && value.length > ENVIRONMENT_LIMITS.maxLength)) {
        throw new MlopsValidationError(this, `environment.${name}`, value, `a string of at most ${ENVIRONMENT_LIMITS.maxLength} characters`);
      }
    }
    return { ...environment };
  }

  private createLogGroup(retention: logs.RetentionDays, removalPolicy: RemovalPolicy): logs.ILogGroup {
    // SageMaker writes container logs to /aws/sagemaker/Endpoints/<EndpointName>; creating the
    // group here gives it a key and a retention instead of an unencrypted, never-expiring group.
    const logGroupName = `/aws/sagemaker/Endpoints/${this.endpointName}`;
    const stack = Stack.of(this);
    const added = this.encryptionKey.addToResourcePolicy(logGroupKeyStatement(this, logGroupName));
    if (!added.statementAdded) {
      Annotations.of(this).addWarningV2(MODEL_ENDPOINT_WARNINGS.logKeyPolicyNotUpdated,
        `encryptionKey ${this.encryptionKey.node.path} is imported: its key policy must let logs.${stack.region}.amazonaws.com use it for log group ${logGroupName}, or the log group cannot be created.`);
    }
    const group = new logs.LogGroup(this, 'Logs', {
      logGroupName,
      encryptionKey: this.encryptionKey,
      retention,
      removalPolicy,
    });
    return group;
  }

  private allowLogsAndMetrics(): void {
    this.executionPolicy.add('ContainerLogs', new iam.PolicyStatement({
      actions: LOG_ACTIONS,
      resources: [this.logGroup.logGroupArn],
    }), 'Container logs: SageMaker creates one log stream per instance and container in the endpoint\'s own log group; the group is named, only its streams are wildcarded.');
    this.executionPolicy.add('PublishMetrics', new iam.PolicyStatement({
      actions: METRIC_ACTIONS,
      resources: ['*'],
    }), 'cloudwatch:PutMetricData has no resource-level permissions ("The cloudwatch and logs actions are applicable for \\"*\\" resources", SageMaker CreateModel execution role permissions).');
  }

  private modelContainer(model: ModelEndpointModel, environment: { [name: string]: string } | undefined): sagemaker.CfnModel.ContainerDefinitionProperty {
    if (model.lakeModel !== undefined) {
      const { image, lake, key } = model.lakeModel;
      const zone = model.lakeModel.zone ?? StandardZone.ARTIFACTS;
      const bucket = this.zoneBucket(lake, zone, 'model.zone');
      if (!(image instanceof ModelEndpointImage)) {
        throw new MlopsValidationError(this, 'model.image', image, 'a ModelEndpointImage (ModelEndpointImage.fromEcrRepository(repository, tag))');
      }
      if (!Token.isUnresolved(image.tagOrDigest) && (typeof image.tagOrDigest !== 'string' || image.tagOrDigest.length === 0)) {
        throw new MlopsValidationError(this, 'model.image.tagOrDigest', image.tagOrDigest, 'an image tag or a digest "sha256:..."');
      }
      if (!Token.isUnresolved(key) && (typeof key !== 'string' || !key.endsWith(MODEL_DATA_SUFFIX) || key.startsWith('/') || key.length <= MODEL_DATA_SUFFIX.length)) {
        throw new MlopsValidationError(this, 'model.key', key, `the key of a gzip-compressed tar archive ending with "${MODEL_DATA_SUFFIX}", without a leading "/"`);
      }
      this.allowImagePull(image.repository);
      this.executionPolicy.add('ReadModelData', new iam.PolicyStatement({ actions: OBJECT_READ_ACTIONS, resources: [bucket.arnForObjects(key)] }));
      this.allowKey('ModelDataKey', lake.encryptionKey, KEY_DECRYPT_ACTIONS);
      return { image: image.imageUri(), modelDataUrl: `s3://${bucket.bucketName}/${key}`, environment };
    }
    const pkg = model.modelPackage!;
    resolveName(this, 'model.groupName', pkg.groupName, SAGEMAKER_NAME_RULE);
    const versionProblem = integerRangeProblem(pkg.version, 1, Number.MAX_SAFE_INTEGER);
    if (!Token.isUnresolved(pkg.version) && versionProblem) {
      throw new MlopsValidationError(this, 'model.version', pkg.version, 'a package version: an integer from 1');
    }
    const zone = pkg.artifactsZone ?? StandardZone.ARTIFACTS;
    const bucket = this.zoneBucket(pkg.artifactsLake, zone, 'model.artifactsZone');
    this.allowImagePull(pkg.imageRepository);
    this.executionPolicy.add('ReadModelPackageArtifacts', new iam.PolicyStatement({ actions: OBJECT_READ_ACTIONS, resources: [bucket.arnForObjects('*')] }),
      'Model package artifacts: the package names its model data keys, which are not known at synth time; reads are limited to the one zone bucket holding the registry\'s artifacts.');
    this.allowKey('ModelDataKey', pkg.artifactsLake.encryptionKey, KEY_DECRYPT_ACTIONS);
    const packageArn = Stack.of(this).formatArn({ service: 'sagemaker', resource: 'model-package', resourceName: `${pkg.groupName}/${pkg.version}` });
    return { modelPackageName: packageArn, environment };
  }

  private allowImagePull(repository: ecr.IRepository): void {
    this.executionPolicy.add('PullImage', new iam.PolicyStatement({ actions: ECR_PULL_ACTIONS, resources: [repository.repositoryArn] }));
    this.executionPolicy.add('RegistryToken', new iam.PolicyStatement({ actions: ECR_TOKEN_ACTIONS, resources: ['*'] }),
      'ecr:GetAuthorizationToken has no resource-level permissions; image layers can be pulled only from the one repository of the PullImage statement.');
  }

  private allowKey(sid: string, key: kms.IKey | undefined, actions: string[]): void {
    if (key !== undefined) {
      this.executionPolicy.add(sid, new iam.PolicyStatement({ actions, resources: [key.keyArn] }));
    }
  }

  private zoneBucket(lake: IDataLake, zone: string, property: string): s3.IBucket {
    if (!lake.zoneNames.includes(zone)) {
      throw new MlopsValidationError(this, property, zone, `a zone of lake ${lake.node.path}: ${lake.zoneNames.join(', ')}`);
    }
    return lake.zoneBucket(zone);
  }

  private vpcPlacement(props: ModelEndpointProps): { config: sagemaker.CfnModel.VpcConfigProperty; connections: ec2.Connections } | undefined {
    if (props.vpc === undefined) {
      if (props.vpcSubnets !== undefined || props.securityGroups !== undefined) {
        throw new MlopsValidationError(this, props.vpcSubnets !== undefined ? 'vpcSubnets' : 'securityGroups', 'set', 'only together with vpc');
      }
      return undefined;
    }
    const selection = props.vpc.selectSubnets(props.vpcSubnets);
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
    this.executionPolicy.add('AttachToVpc', new iam.PolicyStatement({ actions: VPC_ACTIONS, resources: ['*'] }),
      'Network interfaces of a model in a VPC: SageMaker\'s documented permissions for models configured for VPC access use "Resource": "*" (host-vpc.html), as the interfaces do not exist before SageMaker creates them.');
    return {
      config: { subnets: selection.subnetIds, securityGroupIds: securityGroups.map((g) => g.securityGroupId) },
      connections: new ec2.Connections({ securityGroups }),
    };
  }

  private productionVariant(capacity: ModelEndpointCapacity): { property: sagemaker.CfnEndpointConfig.ProductionVariantProperty; instanceType?: string; minInstances: number; maxInstances: number } {
    if (capacity.serverlessCapacity !== undefined) {
      const s = capacity.serverlessCapacity;
      const memory = s.memorySize instanceof Size ? s.memorySize.toMebibytes({ rounding: SizeRoundingBehavior.NONE }) : Number.NaN;
      if (!Token.isUnresolved(memory) && !SERVERLESS_LIMITS.memoryMiB.includes(memory)) {
        throw new MlopsValidationError(this, 'capacity.memorySize', Number.isNaN(memory) ? s.memorySize : `${memory} MiB`,
          `one of ${SERVERLESS_LIMITS.memoryMiB.join(', ')} MiB (1024 to 6144 in 1024 MiB steps)`);
      }
      const concurrencyProblem = integerRangeProblem(s.maxConcurrency, SERVERLESS_LIMITS.minConcurrency, SERVERLESS_LIMITS.maxConcurrency);
      if (!Token.isUnresolved(s.maxConcurrency) && concurrencyProblem) {
        throw new MlopsValidationError(this, 'capacity.maxConcurrency', s.maxConcurrency, concurrencyProblem);
      }
      if (s.provisionedConcurrency !== undefined && !Token.isUnresolved(s.provisionedConcurrency)) {
        const max = Token.isUnresolved(s.maxConcurrency) ? SERVERLESS_LIMITS.maxConcurrency : s.maxConcurrency;
        const provisionedProblem = integerRangeProblem(s.provisionedConcurrency, SERVERLESS_LIMITS.minConcurrency, max);
        if (provisionedProblem) {
          throw new MlopsValidationError(this, 'capacity.provisionedConcurrency', s.provisionedConcurrency, `${provisionedProblem} (at most maxConcurrency)`);
        }
      }
      return {
        property: {
          variantName: this.variantName,
          modelName: this.model.attrModelName,
          serverlessConfig: { memorySizeInMb: memory, maxConcurrency: s.maxConcurrency, provisionedConcurrency: s.provisionedConcurrency },
        },
        minInstances: 0,
        maxInstances: 0,
      };
    }
    const c = capacity.instanceCapacity!;
    const resolved = resolveInstanceType(c.instanceType, c.accelerator);
    if (Array.isArray(resolved)) {
      throwIfProblems(this, 'capacity', resolved);
      throw new Error('unreachable: problems were thrown');
    }
    if (c.instanceCount !== undefined && resolved.requestedNodeCount !== undefined && c.instanceCount !== resolved.requestedNodeCount) {
      throw new MlopsValidationError(this, 'capacity.instanceCount', c.instanceCount,
        `the accelerator's nodeCount (${resolved.requestedNodeCount}) or no instanceCount: they say the same thing`);
    }
    const minInstances = c.instanceCount ?? resolved.requestedNodeCount ?? DEFAULT_INSTANCE_COUNT;
    const countProblem = integerRangeProblem(minInstances, 1, Number.MAX_SAFE_INTEGER);
    if (!Token.isUnresolved(minInstances) && countProblem) {
      throw new MlopsValidationError(this, 'capacity.instanceCount', minInstances, 'an integer of at least 1');
    }
    const maxInstances = c.maxInstanceCount ?? minInstances * 2;
    if (!Token.isUnresolved(maxInstances) && integerRangeProblem(maxInstances, minInstances, Number.MAX_SAFE_INTEGER)) {
      throw new MlopsValidationError(this, 'capacity.maxInstanceCount', maxInstances, `an integer of at least instanceCount (${minInstances})`);
    }
    return {
      property: {
        variantName: this.variantName,
        modelName: this.model.attrModelName,
        instanceType: resolved.instanceType,
        initialInstanceCount: minInstances,
        initialVariantWeight: 1,
      },
      instanceType: resolved.instanceType,
      minInstances,
      maxInstances,
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
  private volumeKey(capacity: ModelEndpointCapacity, instanceType: string | undefined): { kmsKeyId?: string; missingReason?: string } {
    if (capacity.serverlessCapacity !== undefined || instanceType === undefined) {
      return {
        missingReason: 'Serverless endpoints do not support KMS keys ("Some of the features currently available for SageMaker Real-time Inference are not '
          + 'supported for Serverless Inference, including ... KMS keys", serverless-endpoints.html); SageMaker manages the compute and its storage.',
      };
    }
    const local = capacity.instanceCapacity?.localInstanceStorage ?? hasLocalInstanceStorage(instanceType);
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

  private captureLocationOf(props: ModelEndpointProps): ModelEndpointCaptureLocation {
    const lake = props.captureLake!;
    const bucket = this.zoneBucket(lake, props.captureZone ?? StandardZone.RAW, 'captureZone');
    const prefix = props.capturePrefix ?? `captures/${this.endpointName}/`;
    checkPrefix(this, 'capturePrefix', prefix);
    const location = { bucket, prefix, s3Uri: `s3://${bucket.bucketName}/${prefix}` };
    this.executionPolicy.add('WriteCaptures', new iam.PolicyStatement({ actions: OBJECT_WRITE_ACTIONS, resources: [bucket.arnForObjects(`${prefix}*`)] }),
      'Data capture: SageMaker writes one object per captured batch under the endpoint\'s capture prefix; writes are limited to that prefix of one zone bucket.');
    this.allowKey('CaptureKey', lake.encryptionKey, KEY_ENCRYPT_ACTIONS);
    return location;
  }

  private dataCaptureConfig(props: ModelEndpointProps): sagemaker.CfnEndpointConfig.DataCaptureConfigProperty | undefined {
    const location = this.captureLocation;
    if (location === undefined) {
      for (const prop of ['captureZone', 'capturePrefix', 'captureSamplingPercentage', 'captureRequests', 'captureResponses', 'captureCsvContentTypes', 'captureJsonContentTypes'] as const) {
        if (props[prop] !== undefined) {
          throw new MlopsValidationError(this, prop, props[prop], 'only together with captureLake (the lake that receives the captures)');
        }
      }
      return undefined;
    }
    const sampling = props.captureSamplingPercentage ?? CAPTURE_LIMITS.maxSamplingPercentage;
    const samplingProblem = integerRangeProblem(sampling, 0, CAPTURE_LIMITS.maxSamplingPercentage);
    if (!Token.isUnresolved(sampling) && samplingProblem) {
      throw new MlopsValidationError(this, 'captureSamplingPercentage', sampling, `${samplingProblem} (percent of requests captured)`);
    }
    const modes = [
      ...(props.captureRequests ?? true ? [{ captureMode: 'Input' }] : []),
      ...(props.captureResponses ?? true ? [{ captureMode: 'Output' }] : []),
    ];
    if (modes.length === 0) {
      throw new MlopsValidationError(this, 'captureResponses', false, 'capturing requests, responses or both (with captureRequests and captureResponses both false, leave captureLake unset)');
    }
    const csv = this.contentTypes('captureCsvContentTypes', props.captureCsvContentTypes ?? ['text/csv']);
    const json = this.contentTypes('captureJsonContentTypes', props.captureJsonContentTypes ?? ['application/json']);
    return {
      enableCapture: true,
      initialSamplingPercentage: sampling,
      destinationS3Uri: location.s3Uri,
      kmsKeyId: props.captureLake!.encryptionKey?.keyArn,
      captureOptions: modes,
      captureContentTypeHeader: csv.length + json.length > 0 ? { csvContentTypes: csv.length > 0 ? csv : undefined, jsonContentTypes: json.length > 0 ? json : undefined } : undefined,
    };
  }

  private contentTypes(property: string, types: string[]): string[] {
    if (!Array.isArray(types) || types.length > CAPTURE_LIMITS.maxContentTypes) {
      throw new MlopsValidationError(this, property, types, `at most ${CAPTURE_LIMITS.maxContentTypes} content types`);
    }
    return [...types];
  }

  private asyncLocationOf(asyncProps: ModelEndpointAsyncInferenceProps): { lake: IDataLake; bucket: s3.IBucket; prefix: string } {
    const bucket = this.zoneBucket(asyncProps.lake, asyncProps.zone ?? StandardZone.ARTIFACTS, 'inference.zone');
    const prefix = asyncProps.prefix ?? `async-inference/${this.endpointName}/`;
    checkPrefix(this, 'inference.prefix', prefix);
    const concurrency = asyncProps.maxConcurrentInvocationsPerInstance;
    if (concurrency !== undefined && !Token.isUnresolved(concurrency)) {
      const problem = integerRangeProblem(concurrency, 1, ASYNC_MAX_CONCURRENT_INVOCATIONS);
      if (problem) {
        throw new MlopsValidationError(this, 'inference.maxConcurrentInvocationsPerInstance', concurrency, problem);
      }
    }
    this.executionPolicy.add('ReadAsyncInput', new iam.PolicyStatement({ actions: OBJECT_READ_ACTIONS, resources: [bucket.arnForObjects(`${prefix}input/*`)] }),
      'Asynchronous inference: SageMaker reads each request payload, one object per request, under the endpoint\'s input/ prefix.');
    this.executionPolicy.add('WriteAsyncResults', new iam.PolicyStatement({
      actions: OBJECT_WRITE_ACTIONS,
      resources: [bucket.arnForObjects(`${prefix}output/*`), bucket.arnForObjects(`${prefix}failures/*`)],
    }), 'Asynchronous inference: SageMaker writes one result or failure object per request under the endpoint\'s output/ and failures/ prefixes.');
    this.allowKey('AsyncKey', asyncProps.lake.encryptionKey, KEY_ENCRYPT_ACTIONS);
    return { lake: asyncProps.lake, bucket, prefix };
  }

  private asyncInferenceConfig(asyncProps: ModelEndpointAsyncInferenceProps): sagemaker.CfnEndpointConfig.AsyncInferenceConfigProperty {
    const location = this.asyncLocation!;
    return {
      outputConfig: {
        s3OutputPath: `s3://${location.bucket.bucketName}/${location.prefix}output/`,
        s3FailurePath: `s3://${location.bucket.bucketName}/${location.prefix}failures/`,
        kmsKeyId: asyncProps.lake.encryptionKey?.keyArn,
      },
      clientConfig: asyncProps.maxConcurrentInvocationsPerInstance !== undefined
        ? { maxConcurrentInvocationsPerInstance: asyncProps.maxConcurrentInvocationsPerInstance }
        : undefined,
    };
  }

  private createErrorRateAlarm(threshold: number | undefined): cloudwatch.Alarm {
    const level = threshold ?? DEFAULT_ERROR_RATE_THRESHOLD;
    if (!Token.isUnresolved(level) && !(typeof level === 'number' && level > 0 && level <= 1)) {
      throw new MlopsValidationError(this, 'errorRateAlarmThreshold', level, 'a share of invocations greater than 0 and at most 1 (0.01 is 1%)');
    }
    return new cloudwatch.Alarm(this, 'ErrorRateAlarm', {
      alarmDescription: `Model endpoint ${this.endpointName}: more than ${level * 100}% of invocations answered 5xx; rolls a deployment back.`,
      metric: this.metricInvocation5XXErrors({ period: ALARM_PERIOD }),
      threshold: level,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      ...ALARM_EVALUATION,
    });
  }

  private createLatencyAlarm(threshold: Duration | undefined): cloudwatch.Alarm {
    const level = threshold ?? DEFAULT_LATENCY_THRESHOLD;
    const micros = level.toMilliseconds({ integral: false }) * 1000;
    if (!Token.isUnresolved(micros) && !(micros > 0)) {
      throw new MlopsValidationError(this, 'modelLatencyAlarmThreshold', level.toHumanString(), 'a duration greater than zero');
    }
    return new cloudwatch.Alarm(this, 'ModelLatencyAlarm', {
      alarmDescription: `Model endpoint ${this.endpointName}: average model latency above ${level.toHumanString()}; rolls a deployment back.`,
      // ModelLatency is published in microseconds.
      metric: this.metricModelLatency({ period: ALARM_PERIOD }),
      threshold: micros,
      comparisonOperator: cloudwatch.ComparisonOperator.GREATER_THAN_THRESHOLD,
      ...ALARM_EVALUATION,
    });
  }

  private configureAlarmActions(actions: cloudwatch.IAlarmAction[] | undefined): void {
    for (const alarm of this.alarms) {
      if (actions !== undefined && actions.length > 0) {
        alarm.addAlarmAction(...actions);
      } else {
        Validations.of(alarm).acknowledge({
          id: 'NIST.800.53.R5-CloudWatchAlarmAction',
          reason: 'The alarm acts through the endpoint\'s automatic rollback: SageMaker reads its state by name during each deployment '
            + '(DeploymentConfig.AutoRollbackConfiguration). To notify people too, pass alarmActions.',
        });
      }
    }
  }

  private rollbackAlarms(extra: cloudwatch.IAlarm[] | undefined): cloudwatch.IAlarm[] {
    const alarms: cloudwatch.IAlarm[] = [...this.alarms, ...(extra ?? [])];
    if (alarms.length > MAX_ROLLBACK_ALARMS) {
      throw new MlopsValidationError(this, 'rollbackAlarms', `${extra!.length} alarms`,
        `at most ${MAX_ROLLBACK_ALARMS - this.alarms.length}: auto-rollback takes ${MAX_ROLLBACK_ALARMS} alarms and the endpoint has ${this.alarms.length} of its own`);
    }
    return alarms;
  }

  private createAutoscaling(endpoint: sagemaker.CfnEndpoint, c: ModelEndpointInstanceCapacityProps, minCapacity: number, maxCapacity: number): appscaling.ScalableTarget {
    const target = c.targetInvocationsPerInstance ?? DEFAULT_TARGET_INVOCATIONS;
    if (!Token.isUnresolved(target) && !(typeof target === 'number' && target > 0)) {
      throw new MlopsValidationError(this, 'capacity.targetInvocationsPerInstance', target, 'a number of invocations per instance per minute greater than 0');
    }
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
      targetValue: target,
      predefinedMetric: appscaling.PredefinedMetric.SAGEMAKER_VARIANT_INVOCATIONS_PER_INSTANCE,
      scaleInCooldown: c.scaleInCooldown ?? Duration.minutes(5),
      scaleOutCooldown: c.scaleOutCooldown ?? Duration.minutes(1),
    });
    return scalableTarget;
  }
}

/** Rollback alarm defaults: 1% of invocations answering 5xx; 1 s of average model latency. */
const DEFAULT_ERROR_RATE_THRESHOLD = 0.01;
const DEFAULT_LATENCY_THRESHOLD = Duration.seconds(1);
/** Invocation metrics are published every minute; an alarm needs 2 bad minutes out of 3. */
const ALARM_PERIOD = Duration.minutes(1);
const ALARM_EVALUATION = {
  evaluationPeriods: 3,
  datapointsToAlarm: 2,
  // No traffic is no evidence of a bad model (SageMaker's own rollback alarm examples do the same).
  treatMissingData: cloudwatch.TreatMissingData.NOT_BREACHING,
} as const;
/** Starting point of the target-tracking policy: invocations per instance per minute. */
const DEFAULT_TARGET_INVOCATIONS = 70;

function checkPrefix(scope: IConstruct, property: string, prefix: unknown): void {
  if (typeof prefix === 'string' && Token.isUnresolved(prefix)) {
    return;
  }
  if (typeof prefix !== 'string' || prefix.length < 2 || prefix.startsWith('/') || !prefix.endsWith('/') || prefix.includes('//')) {
    throw new MlopsValidationError(scope, property, prefix, 'an S3 key prefix ending with "/", without a leading "/" or "//"');
  }
}

function deploymentSpec(scope: IConstruct, deployment: ModelEndpointDeployment): DeploymentSpec {
  if (!(deployment instanceof ModelEndpointDeployment)) {
    throw new MlopsValidationError(scope, 'deployment', deployment, 'a ModelEndpointDeployment (canary(), linear() or allAtOnce())');
  }
  return {
    type: deployment.trafficRouting as DeploymentSpec['type'],
    step: deployment.size ? { type: deployment.size.type as 'INSTANCE_COUNT' | 'CAPACITY_PERCENT', value: deployment.size.value } : undefined,
    bakeTime: deployment.bakeTime,
    terminationWait: deployment.options.terminationWait,
    maximumExecutionTimeout: deployment.options.maximumExecutionTimeout,
  };
}

// =============================================================================================
// The options the props take (enum-like classes and their props)
// =============================================================================================

// ---------------------------------------------------------------------------------------------
// What runs: image and model
// ---------------------------------------------------------------------------------------------

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
    return new ModelEndpointModel(props, undefined);
  }

  /**
   * A versioned package of a model registry group
   * (`arn:<partition>:sagemaker:<region>:<account>:model-package/<group>/<version>`).
   * @param props group, version, and where its artifacts and image are
   */
  public static fromModelPackage(props: ModelEndpointModelPackageProps): ModelEndpointModel {
    return new ModelEndpointModel(undefined, props);
  }

  private constructor(
    /** The lake model, when the model comes from the lake. */
    public readonly lakeModel?: ModelEndpointLakeModelProps,
    /** The package, when the model comes from a registry group. */
    public readonly modelPackage?: ModelEndpointModelPackageProps,
  ) {}
}

// ---------------------------------------------------------------------------------------------
// Where it runs: capacity
// ---------------------------------------------------------------------------------------------

/** Instance-backed capacity. */
export interface ModelEndpointInstanceCapacityProps {
  /**
   * The instance type, `ml.<family>.<size>`. A GPU type must be a row of the accelerator
   * catalog. Give this or `accelerator`, not both.
   * @default - from `accelerator`, else 'ml.m5.xlarge'
   */
  readonly instanceType?: string;
  /**
   * GPUs per instance, resolved through the accelerator catalog to the smallest SageMaker type
   * carrying them (the same request a Vertex AI endpoint takes). Its `nodeCount`, when given,
   * is the instance count.
   * @default - no accelerator; `instanceType`
   */
  readonly accelerator?: AcceleratorRequest;
  /**
   * Instances at creation, and the autoscaling minimum. After creation the endpoint keeps its
   * live instance count across updates; a change here moves the autoscaling minimum.
   * @default - `accelerator.nodeCount` if given, else 2
   */
  readonly instanceCount?: number;
  /**
   * Autoscaling maximum. Equal to `instanceCount` turns autoscaling off.
   * @default - twice `instanceCount`
   */
  readonly maxInstanceCount?: number;
  /**
   * Target of the target-tracking policy on `SageMakerVariantInvocationsPerInstance`
   * (invocations per instance per minute). 70 is a starting point, not a measurement: load-test
   * the model and set `(MAX_RPS × SAFETY_FACTOR) × 60` (SageMaker suggests starting with a
   * safety factor of 0.5).
   * @default 70
   * @see https://docs.aws.amazon.com/sagemaker/latest/dg/endpoint-scaling-loadtest.html
   */
  readonly targetInvocationsPerInstance?: number;
  /**
   * Wait after a scale-in before the next one.
   * @default Duration.minutes(5)
   */
  readonly scaleInCooldown?: Duration;
  /**
   * Wait after a scale-out before the next one.
   * @default Duration.minutes(1)
   */
  readonly scaleOutCooldown?: Duration;
  /**
   * Whether the instance type has local NVMe storage. Such storage is encrypted by the
   * instance's hardware, and CreateEndpointConfig refuses a volume key for it, so the
   * endpoint config then gets no `KmsKeyId`.
   * @default - true for families documented with instance storage (a `d` in the family
   * name, such as m5d or g4dn, and g5); for another accelerator family (g6, p5, inf2, …), true
   * with a warning; false for other families
   * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_CreateEndpointConfig.html#sagemaker-CreateEndpointConfig-request-KmsKeyId
   */
  readonly localInstanceStorage?: boolean;
}

/** Serverless capacity. */
export interface ModelEndpointServerlessCapacityProps {
  /**
   * Memory: 1024, 2048, 3072, 4096, 5120 or 6144 MiB.
   * @see https://docs.aws.amazon.com/sagemaker/latest/APIReference/API_ProductionVariantServerlessConfig.html
   */
  readonly memorySize: Size;
  /** Concurrent invocations the endpoint processes at most: 1 to 200. */
  readonly maxConcurrency: number;
  /**
   * Concurrency kept warm: 1 to 200, at most `maxConcurrency`.
   * @default - none (cold starts after idle periods)
   */
  readonly provisionedConcurrency?: number;
}

/**
 * What an endpoint runs on (enum-like): instances that autoscale, or serverless capacity.
 *
 * Serverless endpoints cannot have GPUs, KMS keys, VPC configuration, network isolation or data
 * capture, and shift traffic all at once.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/serverless-endpoints.html#serverless-endpoints-how-it-works-exclusions
 */
export class ModelEndpointCapacity {
  /**
   * Instance-backed capacity with target-tracking autoscaling on invocations per instance.
   * @param props instance type or accelerator, counts, scaling
   */
  public static instances(props: ModelEndpointInstanceCapacityProps = {}): ModelEndpointCapacity {
    return new ModelEndpointCapacity(props, undefined);
  }

  /**
   * Serverless capacity.
   * @param props memory and concurrency
   */
  public static serverless(props: ModelEndpointServerlessCapacityProps): ModelEndpointCapacity {
    return new ModelEndpointCapacity(undefined, props);
  }

  private constructor(
    /** The instance capacity, when instance-backed. */
    public readonly instanceCapacity?: ModelEndpointInstanceCapacityProps,
    /** The serverless capacity, when serverless. */
    public readonly serverlessCapacity?: ModelEndpointServerlessCapacityProps,
  ) {}
}

// ---------------------------------------------------------------------------------------------
// How updates roll out: deployment
// ---------------------------------------------------------------------------------------------

/** The size of a canary or of a linear step (enum-like). */
export class ModelEndpointTrafficSize {
  /**
   * A number of instances of the new fleet.
   * @param count instances, at least 1
   */
  public static instances(count: number): ModelEndpointTrafficSize {
    return new ModelEndpointTrafficSize('INSTANCE_COUNT', count);
  }

  /**
   * A percentage of the new fleet's capacity.
   * @param percent 1 to 50 for a canary, 10 to 50 for a linear step
   */
  public static percent(percent: number): ModelEndpointTrafficSize {
    return new ModelEndpointTrafficSize('CAPACITY_PERCENT', percent);
  }

  private constructor(
    /** `INSTANCE_COUNT` or `CAPACITY_PERCENT`. */
    public readonly type: string,
    /** Instances or percent. */
    public readonly value: number,
  ) {}
}

/** Settings of every blue/green deployment. */
export interface ModelEndpointDeploymentOptions {
  /**
   * Final baking period: how long the new fleet serves all traffic, watched by the rollback
   * alarms, before the old fleet is terminated. 0 to 3600 seconds.
   * @default Duration.minutes(5)
   */
  readonly terminationWait?: Duration;
  /**
   * How long the whole deployment may take: 600 to 28800 seconds, longer than all waits.
   * @default - the waits plus one hour for the new fleet to provision, within 600 to 28800 seconds
   */
  readonly maximumExecutionTimeout?: Duration;
}

/** A canary deployment. */
export interface ModelEndpointCanaryProps extends ModelEndpointDeploymentOptions {
  /**
   * The canary: at most half of the new fleet, and at least one instance.
   * @default ModelEndpointTrafficSize.instances(1)
   */
  readonly size?: ModelEndpointTrafficSize;
  /**
   * Baking period of the canary: 0 to 3600 seconds.
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
}

/** A linear deployment. */
export interface ModelEndpointLinearProps extends ModelEndpointDeploymentOptions {
  /** Each step: 10 to 50% of the new fleet. */
  readonly stepSize: ModelEndpointTrafficSize;
  /**
   * Baking period of each step: 0 to 3600 seconds.
   * @default Duration.minutes(10)
   */
  readonly bakeTime?: Duration;
}

/**
 * How an update of the endpoint shifts traffic from the old fleet to the new one (enum-like):
 * blue/green with canary, linear or all-at-once shifting, and automatic rollback to the old
 * fleet when a rollback alarm fires during a baking period.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/deployment-guardrails-blue-green.html
 */
export class ModelEndpointDeployment {
  /**
   * A canary takes part of the traffic for a baking period, then the rest shifts.
   * @param props canary size and waits
   */
  public static canary(props: ModelEndpointCanaryProps = {}): ModelEndpointDeployment {
    return new ModelEndpointDeployment('CANARY', props.size, props.bakeTime, props);
  }

  /**
   * Traffic shifts in equal steps, each baked before the next.
   * @param props step size and waits
   */
  public static linear(props: ModelEndpointLinearProps): ModelEndpointDeployment {
    return new ModelEndpointDeployment('LINEAR', props.stepSize, props.bakeTime, props);
  }

  /**
   * All traffic shifts at once; the final baking period still rolls back on alarms.
   * @param props waits
   */
  public static allAtOnce(props: ModelEndpointDeploymentOptions = {}): ModelEndpointDeployment {
    return new ModelEndpointDeployment('ALL_AT_ONCE', undefined, undefined, props);
  }

  private constructor(
    /** `CANARY`, `LINEAR` or `ALL_AT_ONCE`. */
    public readonly trafficRouting: string,
    /** Canary or step size; undefined for all at once (and for the default canary). */
    public readonly size: ModelEndpointTrafficSize | undefined,
    /** Baking period of each step; undefined for all at once (and for the default). */
    public readonly bakeTime: Duration | undefined,
    /** Waits of every deployment. */
    public readonly options: ModelEndpointDeploymentOptions,
  ) {}
}

// ---------------------------------------------------------------------------------------------
// How it is called: inference mode
// ---------------------------------------------------------------------------------------------

/** Asynchronous inference. */
export interface ModelEndpointAsyncInferenceProps {
  /** The lake holding request payloads, results and failures. */
  readonly lake: IDataLake;
  /**
   * The zone of `lake` used.
   * @default 'artifacts'
   */
  readonly zone?: string;
  /**
   * Key prefix under which `input/`, `output/` and `failures/` are kept. Ends with `/`.
   * @default 'async-inference/<endpointName>/'
   */
  readonly prefix?: string;
  /**
   * Concurrent requests SageMaker sends to the container of each instance: 1 to 1000.
   * @default - SageMaker chooses
   */
  readonly maxConcurrentInvocationsPerInstance?: number;
}

/**
 * How clients call the endpoint (enum-like). An asynchronous endpoint takes only asynchronous
 * invocations: payloads are read from and results written to the lake.
 * @see https://docs.aws.amazon.com/sagemaker/latest/dg/async-inference.html
 */
export class ModelEndpointInference {
  /** Real-time invocations (InvokeEndpoint). */
  public static realTime(): ModelEndpointInference {
    return new ModelEndpointInference(undefined);
  }

  /**
   * Asynchronous invocations (InvokeEndpointAsync), with payloads and results in the lake.
   * @param props lake, zone, prefix, concurrency
   */
  public static asynchronous(props: ModelEndpointAsyncInferenceProps): ModelEndpointInference {
    return new ModelEndpointInference(props);
  }

  private constructor(
    /** The asynchronous settings, when asynchronous. */
    public readonly asyncProps?: ModelEndpointAsyncInferenceProps,
  ) {}
}
