/**
 * What the AWS level stacks cost while nothing happens: a committed table of every CloudFormation
 * resource type they synthesize, each with whether it bills while idle (no requests, no runs, no
 * data beyond an empty lake), the monthly price of one such resource where a stored page gives it,
 * and that page with its date. test/levels/idle-costs.test.ts fails when a level stack has a type
 * that is not here, so a new always-on resource cannot slip in unpriced. docs/levels are generated
 * from {@link awsIdleCost}.
 *
 * Prices are US East (N. Virginia) list prices, as the cited pages state them; other regions
 * differ. `date` is the page's own date where it shows one, else the day it was read (2026-12-02).
 * Where no stored page gives the price, `monthlyUsd` is left out and `note` says so: the docs then
 * print "price not in the table", never a guess.
 *
 * The GCP twin is tools/levels/idle-costs-gcp.ts, with the same shape.
 */

/** One resource type's cost at rest. */
export interface IdleCostEntry {
  /** Whether one such resource bills while the platform is idle. */
  readonly billsWhenIdle: boolean;
  /** The monthly price of one idle resource (730 hours), when it bills and a cited page gives it. */
  readonly monthlyUsd?: number;
  /** Where the price or the billing model comes from. */
  readonly source: string;
  /** The source's date (or the day it was read, see the file comment), YYYY-MM-DD. */
  readonly date: string;
  /** What the price covers, or why it is missing. */
  readonly note?: string;
}

const READ = '2026-12-02';
const HOURS_PER_MONTH = 730;

const USAGE_ONLY = (what: string) => `Billed per use only (${what}); nothing while idle.`;
const FREE = 'No charge for the resource itself.';

const VPC_FREE = { billsWhenIdle: false, source: 'https://www.factualminds.com/blog/amazon-vpc-pricing-endpoints-peering-transit-gateway/', date: '2026-06-13', note: 'The VPC, subnets, route tables and security groups are free; NAT gateways, interface endpoints and public IPv4 addresses bill (the level stacks have none).' } as const;
const IAM_FREE = { billsWhenIdle: false, source: 'https://notes.ashwin.co.in/notes/AWS/IAM', date: READ, note: 'IAM is offered at no additional charge (the page quotes the IAM user guide\'s "Service cost information").' } as const;

/** CloudFormation resource type → its cost at rest. */
export const AWS_IDLE_COSTS: { readonly [type: string]: IdleCostEntry } = {
  'AWS::KMS::Key': {
    billsWhenIdle: true,
    monthlyUsd: 1,
    source: 'https://aws.amazon.com/kms/pricing/',
    date: READ,
    note: '$1 per customer managed key per month; with yearly rotation each new backing key adds $1/month, so year two costs $2 per key. Requests beyond 20,000/month are billed per use.',
  },
  'AWS::Kinesis::Stream': {
    billsWhenIdle: true,
    monthlyUsd: 0.04 * HOURS_PER_MONTH,
    source: 'https://www.trek10.com/blog/amazon-kinesis-data-streams-on-demand-vs.-provisioned-billing-mode-cost-comparison',
    date: '2023-09-21',
    note: 'On-demand mode bills $0.04 per stream-hour (us-east-1) even with no records, plus per GB written and read; retention beyond 24 hours bills per GB stored (none when idle).',
  },
  'AWS::CloudWatch::Alarm': {
    billsWhenIdle: true,
    monthlyUsd: 0.1,
    source: 'https://c3x.dev/resources/aws/aws_cloudwatch_metric_alarm',
    date: READ,
    note: '$0.10 per standard-resolution alarm-month; the account\'s first 10 alarm metrics are free (https://aws.amazon.com/cloudwatch/pricing/), which this estimate does not subtract.',
  },
  'AWS::SageMaker::Endpoint': {
    billsWhenIdle: true,
    source: 'https://zircon.tech/blog/the-real-cost-of-running-ai-models-on-aws-sagemaker-inference-deep-dive',
    date: '2025-10-01',
    note: 'Instance-backed endpoints bill every instance-hour, traffic or not (the page gives ml.m5.xlarge at $0.269/h in us-east-1; no stored page gives ml.m5.large, the platform\'s type, so no figure). Serverless endpoints (level 0) bill per request only (https://awsnegotiations.com/sagemaker-serverless-inference-cost) and count as not billing idle.',
  },
  'AWS::SageMaker::EndpointConfig': { billsWhenIdle: false, source: 'https://zircon.tech/blog/the-real-cost-of-running-ai-models-on-aws-sagemaker-inference-deep-dive', date: '2025-10-01', note: `${FREE} The endpoint bills for its instances.` },
  'AWS::SageMaker::Model': { billsWhenIdle: false, source: 'https://zircon.tech/blog/the-real-cost-of-running-ai-models-on-aws-sagemaker-inference-deep-dive', date: '2025-10-01', note: `${FREE} The endpoint bills for its instances.` },
  'AWS::SageMaker::ModelPackageGroup': { billsWhenIdle: false, source: 'https://www.deepakkarkala.com/playbooks/aws-for-mlops/sagemaker/model_registry', date: READ, note: 'The registry is not a cost driver; its versions\' artifacts bill as S3 storage in the lake. (No AWS page in the store states the registry\'s price.)' },
  'AWS::SageMaker::FeatureGroup': {
    billsWhenIdle: false,
    source: 'https://docs.aws.amazon.com/sagemaker/latest/dg/feature-store-throughput-mode.html',
    date: READ,
    note: 'On-demand throughput bills read and write request units; the online store bills per GB stored (nothing for an empty group); the offline store is S3 in the lake.',
  },
  'AWS::S3::Bucket': { billsWhenIdle: false, source: 'https://aws.amazon.com/s3/pricing/', date: READ, note: 'No minimum charge: storage per GB-month and requests; an empty lake costs nothing (its data, once there, bills per GB).' },
  'AWS::S3::BucketPolicy': { billsWhenIdle: false, source: 'https://aws.amazon.com/s3/pricing/', date: READ, note: FREE },
  'AWS::Glue::Database': { billsWhenIdle: false, source: 'https://athena.guide/articles/athena-basics-pricing-model/', date: '2020-10-15', note: 'The Data Catalog\'s first million objects stored and requests per month are free.' },
  'AWS::Glue::Table': { billsWhenIdle: false, source: 'https://athena.guide/articles/athena-basics-pricing-model/', date: '2020-10-15', note: 'The Data Catalog\'s first million objects stored and requests per month are free.' },
  'AWS::Athena::WorkGroup': { billsWhenIdle: false, source: 'https://athena.guide/articles/athena-basics-pricing-model/', date: '2020-10-15', note: USAGE_ONLY('$5 per TB scanned by queries') },
  'AWS::Logs::LogGroup': { billsWhenIdle: false, source: 'https://c3x.dev/resources/aws/aws_cloudwatch_log_group', date: READ, note: USAGE_ONLY('per GB ingested and per GB-month stored') },
  'AWS::Logs::LogStream': { billsWhenIdle: false, source: 'https://c3x.dev/resources/aws/aws_cloudwatch_log_group', date: READ, note: FREE },
  'AWS::EC2::FlowLog': { billsWhenIdle: false, source: 'https://c3x.dev/resources/aws/aws_cloudwatch_log_group', date: READ, note: USAGE_ONLY('vended logs per GB ingested; an idle VPC has no traffic to log') },
  'AWS::KinesisFirehose::DeliveryStream': { billsWhenIdle: false, source: 'https://aws.amazon.com/de/kinesis/data-firehose/pricing/', date: READ, note: USAGE_ONLY('per GB ingested, format conversion and dynamic partitioning per GB') },
  'AWS::StepFunctions::StateMachine': { billsWhenIdle: false, source: 'https://aws.amazon.com/step-functions/pricing/', date: READ, note: USAGE_ONLY('per state transition; 4,000 free per month') },
  'AWS::Scheduler::Schedule': { billsWhenIdle: false, source: 'https://cloudburn.io/blog/amazon-eventbridge-pricing', date: '2026-03-13', note: 'Per invocation, 14 million free per month: a daily schedule fires 31 times a month.' },
  'AWS::Lambda::Function': { billsWhenIdle: false, source: 'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html', date: READ, note: USAGE_ONLY('per request and GB-second; no charge when code is not running') },
  'AWS::SNS::Topic': { billsWhenIdle: false, source: 'https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/', date: '2026-06-13', note: USAGE_ONLY('per publish and delivery') },
  'AWS::SNS::TopicPolicy': { billsWhenIdle: false, source: 'https://www.factualminds.com/blog/amazon-sns-pricing-publishes-fanout-protocols/', date: '2026-06-13', note: FREE },
  'AWS::ApplicationAutoScaling::ScalableTarget': { billsWhenIdle: false, source: 'https://zircon.tech/blog/the-real-cost-of-running-ai-models-on-aws-sagemaker-inference-deep-dive', date: '2025-10-01', note: `${FREE} Autoscaling moves the endpoint's instance count, which is what bills.` },
  'AWS::ApplicationAutoScaling::ScalingPolicy': { billsWhenIdle: false, source: 'https://zircon.tech/blog/the-real-cost-of-running-ai-models-on-aws-sagemaker-inference-deep-dive', date: '2025-10-01', note: `${FREE} Its target-tracking alarms are created by the service and bill as CloudWatch alarms (not in the template, so not counted).` },
  'AWS::CodePipeline::Pipeline': { billsWhenIdle: false, source: 'https://aws.amazon.com/codepipeline/pricing/', date: READ, note: 'V2 pipelines (the delivery pipeline\'s type) bill $0.002 per action execution minute, 100 minutes free per month; a V1 pipeline would bill $1 per active month.' },
  'AWS::CodeBuild::Project': { billsWhenIdle: false, source: 'https://c3x.dev/resources/aws/aws_codebuild_project/', date: READ, note: USAGE_ONLY('per build minute by compute type; 100 small-Linux minutes free per month') },
  'AWS::CodeStarConnections::Connection': { billsWhenIdle: false, source: 'https://aws.amazon.com/codepipeline/pricing/', date: READ, note: 'No stored page states a price for a connection; the CodePipeline pricing page bills pipelines per action minute and lists none. Treated as not billing idle (unverified).' },
  'AWS::Events::Rule': { billsWhenIdle: false, source: 'https://www.wring.co/blog/aws-eventbridge-pricing-guide', date: READ, note: 'Rules are free; AWS service events (the registry\'s approval events) are delivered at no charge.' },
  'AWS::IAM::Policy': IAM_FREE,
  'AWS::IAM::Role': IAM_FREE,
  'AWS::IAM::ManagedPolicy': IAM_FREE,
  'AWS::EC2::VPC': VPC_FREE,
  'AWS::EC2::Subnet': VPC_FREE,
  'AWS::EC2::RouteTable': VPC_FREE,
  'AWS::EC2::SubnetRouteTableAssociation': VPC_FREE,
  'AWS::EC2::SecurityGroup': VPC_FREE,
  'AWS::EC2::SecurityGroupEgress': VPC_FREE,
  'AWS::EC2::SecurityGroupIngress': VPC_FREE,
  'AWS::EC2::VPCEndpoint': { billsWhenIdle: false, source: 'https://jayendrapatil.com/category/aws/vpc-gateway-endpoint/', date: READ, note: 'Gateway endpoints (S3, the only kind the level stacks create) have no charge; interface endpoints would bill per AZ-hour.' },
  'Custom::VpcRestrictDefaultSG': { billsWhenIdle: false, source: 'https://docs.aws.amazon.com/whitepapers/latest/how-aws-pricing-works/lambda.html', date: READ, note: 'A custom resource whose Lambda function runs at deploy time only (Lambda bills per request and GB-second).' },
};

/** One line of a stack's idle cost: a resource type that bills while idle, how many, and the monthly estimate. */
export interface IdleCostLine {
  readonly type: string;
  readonly count: number;
  /** `count × monthlyUsd`, or `undefined` when the table has no price. */
  readonly monthlyUsd?: number;
  readonly entry: IdleCostEntry;
}

/** A stack's cost at rest. */
export interface IdleCost {
  /** The types that bill while idle, by type. */
  readonly lines: IdleCostLine[];
  /** The sum of the priced lines. */
  readonly pricedMonthlyUsd: number;
  /** Types that bill while idle but have no price in the table. */
  readonly unpriced: string[];
  /** Resource types of the template the table does not know. */
  readonly unknownTypes: string[];
}

interface TemplateResource {
  readonly Type: string;
  readonly Properties?: unknown;
}

interface Template {
  readonly Resources?: { readonly [id: string]: TemplateResource };
}

/**
 * Whether a resource bills while idle: the table's answer, except for a SageMaker endpoint whose
 * configuration has only serverless variants (it bills per request).
 */
function billsWhenIdle(template: Template, resource: TemplateResource): boolean {
  const entry = AWS_IDLE_COSTS[resource.Type];
  if (resource.Type === 'AWS::SageMaker::Endpoint') {
    const ref = JSON.stringify((resource.Properties as { EndpointConfigName?: unknown } | undefined)?.EndpointConfigName ?? '');
    const config = Object.entries(template.Resources ?? {}).find(([id, r]) => r.Type === 'AWS::SageMaker::EndpointConfig' && ref.includes(`"${id}"`))?.[1];
    const variants = ((config?.Properties as { ProductionVariants?: unknown } | undefined)?.ProductionVariants ?? []) as Array<{ ServerlessConfig?: unknown }>;
    return !(variants.length > 0 && variants.every((v) => v.ServerlessConfig !== undefined));
  }
  return entry?.billsWhenIdle ?? false;
}

/**
 * The idle cost of a synthesized template, or of several (a level stack and the stacks of its
 * delivery stages: from level 2 the endpoints are there), from {@link AWS_IDLE_COSTS}.
 */
export function awsIdleCost(templates: Template | readonly Template[]): IdleCost {
  const counts = new Map<string, number>();
  const unknown = new Set<string>();
  const list: readonly Template[] = Array.isArray(templates) ? templates as readonly Template[] : [templates as Template];
  for (const template of list) {
    for (const resource of Object.values(template.Resources ?? {})) {
      if (!(resource.Type in AWS_IDLE_COSTS)) {
        unknown.add(resource.Type);
      } else if (billsWhenIdle(template, resource)) {
        counts.set(resource.Type, (counts.get(resource.Type) ?? 0) + 1);
      }
    }
  }
  const lines = [...counts.entries()].sort(([a], [b]) => a.localeCompare(b)).map(([type, count]) => {
    const entry = AWS_IDLE_COSTS[type];
    return { type, count, entry, monthlyUsd: entry.monthlyUsd === undefined ? undefined : Math.round(entry.monthlyUsd * count * 100) / 100 };
  });
  return {
    lines,
    pricedMonthlyUsd: Math.round(lines.reduce((sum, l) => sum + (l.monthlyUsd ?? 0), 0) * 100) / 100,
    unpriced: lines.filter((l) => l.monthlyUsd === undefined).map((l) => l.type),
    unknownTypes: [...unknown].sort(),
  };
}
