/**
 * The parity table: one row per concept the library builds on both clouds, with every way the two
 * clouds' APIs may differ and why. test/parity.test.ts reads both entry points with the TypeScript
 * checker and fails on a difference that is not listed here, and on a listed one that no longer
 * exists; docs/parity.md is generated from this table and the code (`npm run parity:doc`).
 *
 * Adding a concept (TrainingPipeline, ModelRegistry, DriftMonitor, DeliveryPipeline) is one row:
 * `{ concept: 'ModelRegistry', allowed: [] }`, then run the test — it prints each difference with
 * the entry to paste here, reason left for you to write. While only one cloud has the construct,
 * list that as `{ kind: 'missing', cloud: 'aws', names: ['ModelRegistry'], reason: '…' }`.
 *
 * What is compared, for the classes `<Concept>` of `mlops-constructs/aws` and `mlops-constructs/gcp`:
 * the members of `<Concept>Props` (and which are optional), the members of `I<Concept>`, the
 * public `grant*` methods (and their parameters), the public statics (`from<Concept>Attributes`),
 * the `<CONCEPT>_WARNINGS` object exported from the construct folder, and the members of each of
 * the row's paired `types`. Types of members are not compared: grantees are `iam.IGrantable` on
 * AWS and member strings on GCP by design, and that is one entry in the table of docs/parity.md,
 * not one per grant.
 */
import { AllowedDifference, CloudOnlyConstruct, ParityConcept } from './compare';

/** Differences shared by every concept, shown once at the top of docs/parity.md. */
export const GENERAL_DIFFERENCES: readonly string[] = [
  'Grantees are `iam.IGrantable` and grants return `iam.Grant` on AWS; on GCP grantees are IAM member strings (`serviceAccount:…`, `group:…`) and grants return the `google_*_iam_member` resources (`ITerraformDependable[]`) to depend on.',
  'Every GCP Props extends `GcpIamProps` (`iam`: role → members, granted on the construct\'s own resources or project), as cloud-foundation-fabric modules do; AWS constructs grant through `grant*` methods only.',
  'GCP constructs take `project?` (and `location`/`region` where the service is regional); on AWS the account and region come from the stack.',
  'Metric methods (`metricXxx()`) exist on AWS only: CloudWatch metric objects are an aws-cdk idiom; GCP alert policies name their metric type in the policy.',
  'Time and size are aws-cdk `Duration`/`Size` on AWS and the library\'s own `Duration`/`Size` (`lib/gcp/duration.ts`, `lib/gcp/size.ts`, same static API) on GCP.',
  'AWS warning ids are `mlops-constructs:<Construct>.<camelCaseId>`; existing GCP ids keep their kebab-case values (grandfathered, listed in test/conventions.test.ts); new ones on either cloud use the AWS scheme.',
];

const GCP_PROJECT = 'GCP constructs take the project explicitly (default: the provider\'s); the AWS account comes from the stack.';
const GCP_IAM = 'GcpIamProps on every GCP Props (R14): role → members on the construct\'s resources; AWS grants through grant* methods only.';
const AWS_METRICS = 'CloudWatch metric methods are an aws-cdk idiom with no GCP counterpart (GCP alert policies name the metric type).';

/** The AWS side of the DeliveryPipeline row (issue 12; the two halves were built in parallel). */
const DELIVERY_PIPELINE_AWS_DIFFERENCES: ParityConcept['allowed'] = [
  { kind: 'props', cloud: 'aws', names: ['connectionArn'], reason: 'Service noun (R1): the source is an AWS CodeConnections connection, named by ARN (`codeconnections` or `codestar-connections`); GCP names a Cloud Build 2nd-gen connection (`connection`). Both are created and approved once in the console.' },
  { kind: 'props', cloud: 'aws', names: ['staging', 'production'], reason: 'CDK Pipelines deploys cdk `Stage`s of the same App (their `env` is where they deploy, and their stacks are the app\'s own); a Terraform pipeline deploys the app\'s cdktf stacks into named projects instead.' },
  { kind: 'props', cloud: 'aws', names: ['pipelineName'], reason: 'Service noun (R7 `<resource>Name`): the CodePipeline pipeline (at most 100 characters), derived when left out.' },
  { kind: 'interface', cloud: 'aws', names: ['pipelineName', 'pipelineArn'], reason: 'Service nouns (R1): what starts, watches or approves a CodePipeline execution.' },
];

/**
 * The GCP side of the DeliveryPipeline row. The shared names are `repository`, `branch`,
 * `installCommands`, `testCommands`, `synthCommands`, `productionApproval`,
 * `allowSharedEnvironment`, `modelRegistry` and `encryptionKey`.
 */
const DELIVERY_PIPELINE_GCP_DIFFERENCES: readonly AllowedDifference[] = [
  { kind: 'props', cloud: 'gcp', names: ['bucketPrefix'], reason: 'Cloud Storage bucket names are global (the state, log and release-source buckets), service account ids are 30 characters: a stack that names its buckets after its project (the level reference stacks) gives them their own prefix. AWS lets CloudFormation name the pipeline\'s buckets.' },
  { kind: 'props', cloud: 'gcp', names: ['connection'], reason: 'The source: a Cloud Build 2nd-gen connection (id or resource name), authorized once in the console; AWS takes a CodeStar/CodeConnections connection ARN (`connectionArn`).' },
  { kind: 'props', cloud: 'gcp', names: ['branchFilter'], reason: 'Cloud Build push triggers filter branches with an RE2 regular expression (`push.branch`); the default is `^<branch>$`, and a wider filter must still match the branch production builds.' },
  { kind: 'props', cloud: 'gcp', names: ['stagingProject', 'productionProject'], reason: 'The environments are projects, named explicitly: their deployers get `deployRoles` there and the Cloud Deploy targets point at them. AWS stages come from the stage stacks\' environments (account and region).' },
  { kind: 'props', cloud: 'gcp', names: ['stagingStack', 'productionStack'], reason: 'The build runs Terraform in `cdktf.out/stacks/<stack>` of the user\'s cdktf app, one stack per environment; CDK Pipelines deploys the stage stacks it is given.' },
  { kind: 'props', cloud: 'gcp', names: ['deployRoles'], reason: 'Terraform applies as the stage\'s deployer account, which needs roles on the environment project for what the stacks create; on AWS CDK Pipelines deploys through the bootstrap roles (`cdk bootstrap --trust`).' },
  { kind: 'props', cloud: 'gcp', names: ['modelRollout'], reason: 'A Vertex AI model version reaches production through the endpoint\'s rollout workflow, which the production build starts with the announced version (and fails on rollback); on AWS the approved version is deployed by the serving stack, whose ModelEndpoint canary and alarm rollback protect it.' },
  { kind: 'props', cloud: 'gcp', names: ['cloudRunDelivery'], reason: 'Cloud Run serving rolls out through Cloud Deploy (a delivery pipeline with a canary on the production target); on AWS the endpoint stack\'s ModelEndpoint canary and alarm rollback protect the rollout.' },
  { kind: 'props', cloud: 'gcp', names: ['nodeImage', 'terraformImage'], reason: 'Cloud Build steps each run in a container image (the synth steps in Node, Terraform in its own image); CodeBuild runs the synth in one build image.' },
  { kind: 'props', cloud: 'gcp', names: ['prefix', 'project', 'region', 'iam'], reason: `The state bucket (a global name), topic, triggers and accounts are named from a prefix and are regional. ${GCP_PROJECT} ${GCP_IAM}` },
  { kind: 'optionality', cloud: 'gcp', names: ['encryptionKey'], reason: 'A GCP customer-managed key lives in a key ring that can never be deleted, so the platform\'s key is created once and passed to each construct (as the lake\'s is); an AWS KMS key can be scheduled for deletion, so the AWS pipeline creates its own rotating key when none is given.' },
  { kind: 'interface', cloud: 'gcp', names: ['stateBucketName', 'stagingBackend', 'productionBackend'], reason: 'Terraform state lives in the GCS bucket the construct creates; the app\'s stacks declare the backend (`new GcsBackend(stack, pipeline.stagingBackend)`). CloudFormation keeps AWS state itself.' },
  { kind: 'interface', cloud: 'gcp', names: ['stagingServiceAccountEmail', 'productionServiceAccountEmail'], reason: 'One deployer account per stage, so that staging cannot touch production; users grant them what the stacks need beyond `deployRoles`.' },
];

/** The rows. */
export const PARITY_CONCEPTS: readonly ParityConcept[] = [
  {
    concept: 'DataLake',
    types: [{ aws: 'LakeTable', gcp: 'LakeTable' }, { aws: 'DataLakeAttributes', gcp: 'DataLakeAttributes' }],
    allowed: [
      { kind: 'optionality', cloud: 'gcp', names: ['prefix'], reason: 'GCS bucket names are global, so the GCP prefix is required; the AWS one has a derived default (bucket names are left to CloudFormation).' },
      { kind: 'props', cloud: 'gcp', names: ['project', 'iam'], reason: `${GCP_PROJECT} ${GCP_IAM}` },
      { kind: 'props', cloud: 'gcp', names: ['location'], reason: 'GCS buckets and BigQuery datasets take a location (multi-region or region); S3 buckets are in the stack\'s region.' },
      { kind: 'props', cloud: 'aws', names: ['athenaBytesScannedCutoffPerQuery'], reason: 'The AWS lake creates an Athena workgroup (the query engine); on GCP, BigQuery is the lake and has no per-lake workgroup.' },
      { kind: 'props', cloud: 'aws', names: ['accessLogsBucket'], reason: 'The AWS lake can write access logs to an existing bucket; the GCP lake always creates its log bucket (accepting one is new behaviour, not part of the shape pass). The `accessLogsBucket` attribute is on both classes.' },
      { kind: 'interface', cloud: 'aws', names: ['athenaWorkGroupName', 'glueDatabaseName'], reason: 'Service nouns (R1): the Glue database and Athena workgroup of a zone on AWS are the BigQuery dataset on GCP (`dataset(zone)`).' },
      { kind: 'interface', cloud: 'gcp', names: ['dataset'], reason: 'Service noun (R1): the BigQuery dataset of a zone; AWS has `glueDatabaseName(zone)`.' },
      { kind: 'interface', cloud: 'gcp', names: ['prefix', 'project', 'location'], reason: 'GCP consumers derive names and grants from the lake\'s prefix, project and location (an import gives all three); an AWS import has no prefix (the class has one) and the account and region come from the stack.' },
      { kind: 'interface', cloud: 'gcp', names: ['addTable', 'addTableColumns'], reason: 'A GCP imported lake can create tables in its existing datasets (BigQuery tables are resources of their own), and StreamingIngest adds its metadata columns; an AWS imported lake cannot add Glue tables (addTable is on the AWS class only).' },
      { kind: 'interface', cloud: 'aws', names: ['metricBucketSizeBytes', 'metricNumberOfObjects', 'metricAthenaProcessedBytes'], reason: AWS_METRICS },
      { kind: 'statics', cloud: 'gcp', names: ['isDataLake'], reason: 'GCP constructs accept a lake from plain JavaScript and check it with `DataLake.isDataLake` (a symbol brand); AWS constructs rely on aws-cdk\'s interface typing.' },
      { kind: 'members', cloud: 'aws', subject: 'LakeTable', names: ['databaseName', 'tableName', 'location'], reason: 'Service nouns (R1): the Glue database and table names and the S3 location of the table\'s data.' },
      { kind: 'members', cloud: 'gcp', subject: 'LakeTable', names: ['datasetId', 'tableId'], reason: 'Service nouns (R1): the BigQuery dataset and table ids.' },
      { kind: 'members', cloud: 'aws', subject: 'DataLakeAttributes', names: ['glueDatabaseNames', 'athenaWorkGroupName'], reason: 'An AWS import names its Glue databases and Athena workgroup; the buckets are `zoneBuckets` on both.' },
      { kind: 'members', cloud: 'gcp', subject: 'DataLakeAttributes', names: ['prefix', 'project', 'location', 'zoneDatasets'], reason: 'A GCP import names its BigQuery datasets and gives the prefix, project and location consumers derive names and grants from.' },
    ],
  },
  {
    concept: 'StreamingIngest',
    allowed: [
      { kind: 'props', cloud: 'aws', names: ['stream', 'streamName', 'streamRetention', 'deliveryStreamName'], reason: 'Kinesis + Firehose: an existing stream can be passed, and the two streams have physical names (R7 `<resource>Name`); on GCP the topic and subscriptions derive from `prefix`.' },
      { kind: 'props', cloud: 'aws', names: ['partitionKeyField', 'jsonDeserializer', 'bufferingInterval', 'bufferingSize', 'errorOutputPrefix'], reason: 'Firehose delivery settings (dynamic partitioning, record format conversion, buffering, error prefix); a BigQuery subscription writes rows directly and has none of them.' },
      { kind: 'props', cloud: 'gcp', names: ['prefix'], reason: 'Base of the five derived Pub/Sub ids (topic, schema, subscription, dead-letter topic and subscription); AWS names its two streams with `streamName`/`deliveryStreamName`.' },
      { kind: 'props', cloud: 'gcp', names: ['project', 'iam'], reason: `${GCP_PROJECT} ${GCP_IAM}` },
      { kind: 'props', cloud: 'gcp', names: ['encryptionKey'], reason: 'The GCP topic uses the given key (default: the lake\'s); AWS always creates the ingest\'s own stream key so that producers\' key rights never reach the lake\'s objects (or uses the key of the `stream` passed).' },
      { kind: 'props', cloud: 'gcp', names: ['messageRetention', 'deadLetterRetention', 'maxDeliveryAttempts', 'encoding'], reason: 'Pub/Sub settings: topic retention, the dead-letter path and the message encoding of the Avro schema; the Kinesis retention is `streamRetention`.' },
      { kind: 'props', cloud: 'aws', names: ['alarmActions'], reason: 'Monitoring targets are the service\'s (R9): CloudWatch alarm actions on AWS, Cloud Monitoring notification channels on GCP.' },
      { kind: 'props', cloud: 'gcp', names: ['notificationChannels'], reason: 'Monitoring targets are the service\'s (R9): Cloud Monitoring notification channels on GCP, alarm actions on AWS.' },
      { kind: 'props', cloud: 'gcp', names: ['oldestUnackedMessageAgeAlarmThreshold'], reason: 'The AWS ingest alarm thresholds are fixed named levels (`ALARM_LEVELS`, half the retention for iterator age); GCP exposes the backlog-age threshold.' },
      { kind: 'interface', cloud: 'aws', names: ['stream', 'deliveryStreamName', 'deliveryStreamArn'], reason: 'Service nouns (R1): the Kinesis stream and the Firehose delivery stream.' },
      { kind: 'interface', cloud: 'gcp', names: ['topicName', 'deadLetterSubscriptionName'], reason: 'Service nouns (R1): the Pub/Sub topic and the dead-letter subscription.' },
      { kind: 'interface', cloud: 'aws', names: ['metricGetRecordsIteratorAgeMilliseconds', 'metricWriteProvisionedThroughputExceeded', 'metricReadProvisionedThroughputExceeded', 'metricDeliveryToS3DataFreshness', 'metricDeliveryToS3Success', 'metricFailedConversionRecords', 'metricPartitionCountExceeded'], reason: AWS_METRICS },
      { kind: 'grants', cloud: 'aws', names: ['grantRead'], reason: 'Cloud-specific extra grant (R4): consumers may read the Kinesis stream besides Firehose; Pub/Sub consumers attach their own subscriptions.' },
      { kind: 'grants', cloud: 'gcp', names: ['grantReadDeadLetters'], reason: 'Cloud-specific extra grant (R4): the dead-letter subscription is Pub/Sub\'s; Firehose writes failed records under the error prefix of the zone, read with the lake\'s grants.' },
    ],
  },
  {
    concept: 'FeatureStore',
    types: [{ aws: 'FeatureStoreGroup', gcp: 'FeatureStoreGroup' }, { aws: 'FeatureStoreGroupProps', gcp: 'FeatureStoreGroupProps' }],
    allowed: [
      { kind: 'props', cloud: 'aws', names: ['onlineStoreEncryptionKey'], reason: 'SageMaker encrypts the online store with a key of the store; google provider 6.50 has no CMEK for Vertex AI online stores (GCP-VAI1 is acknowledged with that reason).' },
      { kind: 'props', cloud: 'gcp', names: ['project', 'iam'], reason: `${GCP_PROJECT} ${GCP_IAM}` },
      { kind: 'props', cloud: 'gcp', names: ['region'], reason: 'The Vertex AI region of the online store (default: the lake\'s location when it is a region); SageMaker is in the stack\'s region.' },
      { kind: 'props', cloud: 'gcp', names: ['onlineServing', 'syncSchedule'], reason: 'Vertex AI has one online store per feature store, Optimized or Bigtable, synced from BigQuery on a schedule; SageMaker writes online records directly, and chooses the storage tier per group (`onlineStorageType`).' },
      { kind: 'interface', cloud: 'aws', names: ['featureGroupNames', 'featureGroupArn', 'lake', 'onlineStoreEncryptionKey'], reason: 'An AWS import names its feature groups (grants are per group ARN) and its lake (offline reads go through the lake\'s Glue tables); a GCP grant is on the project\'s feature views, so the import needs only the store name and region.' },
      { kind: 'interface', cloud: 'gcp', names: ['onlineStoreName', 'region'], reason: 'Service nouns (R1): the Vertex AI online store and its region; SageMaker has no store resource above the groups.' },
      { kind: 'grants', cloud: 'aws', names: ['grantWrite', 'grantReadOffline'], reason: 'Cloud-specific extra grants (R4): SageMaker takes writes through PutRecord and serves the offline store through Athena; on GCP the features are the lake\'s BigQuery tables, written and read with the lake\'s grants.' },
      { kind: 'grantParameters', cloud: 'aws', names: ['grantReadOnline'], reason: 'SageMaker grants per feature group ARN, so AWS can narrow the grant to one group (`featureGroupName?`); google provider 6.50 cannot grant on a feature view, so the GCP grant is a custom role on the project.' },
      { kind: 'grantParameters', cloud: 'gcp', names: ['grantReadOnline'], reason: 'See AWS: the GCP grant covers the project\'s feature views (no per-view IAM resource in google provider 6.50).' },
      { kind: 'members', cloud: 'aws', subject: 'FeatureStoreGroup', names: ['featureGroupName', 'featureGroupArn', 'offlineStoreS3Uri', 'offlineTableName'], reason: 'Service nouns (R1): the SageMaker group and its Iceberg offline store.' },
      { kind: 'members', cloud: 'gcp', subject: 'FeatureStoreGroup', names: ['lakeTable', 'sourceView', 'features', 'featureView'], reason: 'Service nouns (R1): the BigQuery source table and view, the registry features and the online feature view.' },
      { kind: 'members', cloud: 'aws', subject: 'FeatureStoreGroupProps', names: ['replacementFingerprint', 'onlineStorageType'], reason: 'SageMaker replaces (empties) a group when a store setting changes, so AWS groups carry the replacement guard; the online tier is per group on SageMaker and per store on Vertex AI (`onlineServing`).' },
    ],
  },
  {
    concept: 'GpuTrainingCluster',
    types: [{ aws: 'GpuTrainingClusterWorkerGroupProps', gcp: 'GpuTrainingClusterGpuPoolProps' }],
    allowed: [
      { kind: 'props', cloud: 'aws', names: ['accelerator'], reason: 'The AWS cluster-level accelerator sizes the default worker group and the training-job profile (one job shape); GCP pools each carry their own accelerator, and custom jobs take one per request.' },
      { kind: 'props', cloud: 'aws', names: ['workerGroups', 'hyperPod', 'controllerInstanceType', 'deepHealthChecks', 'nodeVolumeSize', 'fileSystem'], reason: 'The service\'s own names (R1): HyperPod instance groups, its Slurm controller, deep health checks, node volumes and FSx for Lustre; GKE has node pools (`gpuPools`).' },
      { kind: 'props', cloud: 'gcp', names: ['gpuPools', 'releaseChannel', 'systemMachineType', 'trainingNamespace', 'trainingKubernetesServiceAccount', 'gkeCluster'], reason: 'The service\'s own names (R1): GKE node pools, release channel, the CPU system pool and the Workload Identity binding of training pods; `gkeCluster: false` keeps only the launch profile, as `hyperPod: false` does on AWS.' },
      { kind: 'props', cloud: 'aws', names: ['vpc', 'vpcSubnets'], reason: 'Networks are the service\'s (R1): an aws-cdk `IVpc` and subnet selection on AWS; GCP names a VPC network and subnetwork.' },
      { kind: 'props', cloud: 'gcp', names: ['network', 'subnetwork', 'masterIpv4CidrBlock', 'masterAuthorizedNetworks', 'privateEndpoint', 'podsSecondaryRangeName', 'servicesSecondaryRangeName'], reason: 'GKE private-cluster networking: VPC network and subnetwork by name, control-plane range and access, secondary ranges; HyperPod and training jobs take an `IVpc`.' },
      { kind: 'props', cloud: 'gcp', names: ['location'], reason: 'The GKE cluster\'s region (also Vertex AI\'s); AWS uses the stack\'s region.' },
      { kind: 'props', cloud: 'gcp', names: ['prefix', 'project', 'iam'], reason: `GKE and service-account names derive from \`prefix\`; AWS names the HyperPod cluster with \`clusterName\` and lets CloudFormation name the rest. ${GCP_PROJECT} ${GCP_IAM}` },
      { kind: 'props', cloud: 'gcp', names: ['deletionProtection'], reason: 'GKE clusters carry deletion protection (default on); the AWS cluster holds no data (FSx and the volume key follow `removalPolicy`).' },
      { kind: 'props', cloud: 'aws', names: ['removalPolicy'], reason: 'The AWS cluster owns stateful resources (FSx for Lustre, a volume key) that are retained by default; the GCP cluster owns none (its data is in the lake) and has `deletionProtection`.' },
      { kind: 'props', cloud: 'aws', names: ['artifactsPrefix', 'trainingInstanceType', 'maxRuntime', 'useSpotInstances', 'maxWait', 'trainingVolumeSize', 'networkIsolation', 'imageRepositories'], reason: 'The SageMaker training-job profile is one job shape fixed at synth (spot at cluster level, stopping condition, isolation, image pulls); a Vertex AI custom job sets machine, spot and image per request (`createCustomJobRequest(options)`).' },
      { kind: 'interface', cloud: 'aws', names: ['trainingRole'], reason: 'The identity training runs as: an IAM role on AWS, a service account email on GCP (`trainingServiceAccountEmail`).' },
      { kind: 'interface', cloud: 'gcp', names: ['trainingServiceAccountEmail'], reason: 'The identity training runs as: a service account email on GCP, an IAM role on AWS (`trainingRole`).' },
      { kind: 'interface', cloud: 'gcp', names: ['clusterName', 'region'], reason: 'GKE consumers (kubectl, node selectors) need the cluster name and region; an AWS HyperPod cluster is optional (`hyperPod: false` keeps only the profile), so its name is on the class only.' },
      { kind: 'interface', cloud: 'gcp', names: ['createCustomJobRequest'], reason: 'Request builders are named after their API operation (R12): `createCustomJobRequest` is on the GCP interface; AWS `createTrainingJobRequest()` is on the class only (the interface exposes the same data as `trainingJobProfile`).' },
      { kind: 'members', cloud: 'aws', subject: 'GpuTrainingClusterWorkerGroupProps', names: ['instanceType'], reason: 'Service nouns (R1): a HyperPod instance type (explicit, or from the accelerator); a GKE pool\'s is a machine type.' },
      { kind: 'members', cloud: 'gcp', subject: 'GpuTrainingClusterGpuPoolProps', names: ['machineType', 'spot', 'minNodes', 'maxNodes', 'zone', 'compactPlacement', 'driverVersion'], reason: 'GKE node-pool settings: machine type, Spot per pool (AWS spot is cluster-level, the training-job profile being one job), autoscaling bounds, zone, compact placement, GPU driver version; HyperPod groups have a fixed instance count.' },
    ],
  },
  {
    concept: 'ModelEndpoint',
    allowed: [
      { kind: 'props', cloud: 'aws', names: ['model', 'capacity', 'inference'], reason: 'Variants are union-like classes on both clouds (R2) but split along each service: SageMaker model, capacity (instances or serverless) and inference (real-time or async); GCP `platform` chooses Vertex AI or Cloud Run, two services with different capacity models. `deployment` (a canary, with `errorRateAlarmThreshold`/`modelLatencyAlarmThreshold` as its rollback levels) is on both.' },
      { kind: 'interface', cloud: 'gcp', names: ['capture'], reason: 'A GCP DriftMonitor reads the capture of any IModelEndpoint, created or imported (`ModelEndpointAttributes.capture`): the Vertex AI log table is named by project, dataset and table; on AWS the capture is `captureLocation` on the class (S3 location, lake, zone, sampling, modes), which the monitor reads from a created endpoint.' },
      { kind: 'props', cloud: 'gcp', names: ['platform'], reason: 'GCP chooses between two services, Vertex AI and Cloud Run, with `ModelEndpointPlatform.vertexAi()/.cloudRun()` (R2); AWS has one service, SageMaker, with its variants in `model`/`capacity`/`deployment`/`inference`.' },
      { kind: 'props', cloud: 'gcp', names: ['accelerator', 'minReplicas', 'maxReplicas'], reason: 'On GCP capacity is flat on the endpoint (Vertex AI dedicated resources, Cloud Run instances); on AWS it is inside `ModelEndpointCapacity.instances({ accelerator, … })`. `accelerator.nodeCount` means the initial instance count on both.' },
      { kind: 'props', cloud: 'aws', names: ['endpointName', 'variantName'], reason: 'SageMaker physical names (R7 `<resource>Name`, derived by default); GCP names derive from the required `prefix`.' },
      { kind: 'props', cloud: 'gcp', names: ['prefix'], reason: 'Base of every GCP name (Vertex AI display name and endpoint id, Cloud Run service, serving account, capture table); required and literal because the endpoint id is derived from it at synth. AWS names derive from the construct path by default.' },
      { kind: 'props', cloud: 'gcp', names: ['project', 'region', 'iam'], reason: `${GCP_PROJECT} ${GCP_IAM} The region is Vertex AI's or Cloud Run's.` },
      { kind: 'props', cloud: 'aws', names: ['environment'], reason: 'The container environment is a SageMaker model setting on AWS and a Cloud Run option on GCP (`ModelEndpointPlatform.cloudRun({ environment })`); Vertex AI takes it with the model upload, outside this construct.' },
      { kind: 'props', cloud: 'aws', names: ['networkIsolation', 'vpc', 'vpcSubnets', 'securityGroups'], reason: 'SageMaker model networking (network isolation, VPC attachment); GCP private access is chosen in the platform options (`access`, Private Service Connect or VPC peering).' },
      { kind: 'props', cloud: 'aws', names: ['capturePrefix', 'captureRequests', 'captureResponses', 'captureCsvContentTypes', 'captureJsonContentTypes'], reason: 'SageMaker data capture writes files under a prefix with per-direction and content-type settings; Vertex AI request-response logging writes whole rows to one BigQuery table (the shared `captureLake`/`captureZone`/`captureSamplingPercentage` are on both).' },
      { kind: 'props', cloud: 'aws', names: ['logRetention', 'removalPolicy'], reason: 'The AWS endpoint owns a log group and a key, retained by default; the GCP endpoint owns no stateful resource (Cloud Run deletion protection is in `cloudRun({ deletionProtection })`).' },
      { kind: 'props', cloud: 'aws', names: ['rollbackAlarms', 'alarmActions'], reason: 'The AWS endpoint\'s rollback levels are CloudWatch alarms that SageMaker watches during a blue/green update (more can be added, and they notify alarm actions); on GCP the rollout workflow reads the same two levels from Cloud Monitoring itself during each baking period, with no alert policy.' },
      { kind: 'interface', cloud: 'aws', names: ['endpointArn', 'variantName', 'asynchronous'], reason: 'SageMaker attributes: the endpoint ARN, the production variant, whether it is an async endpoint (invocations differ).' },
      { kind: 'interface', cloud: 'gcp', names: ['endpointResourceName', 'servingAccountEmail'], reason: 'The full Vertex AI resource name (`endpointName` is the short name on both) and the serving identity as an email, so an imported endpoint has it too; on AWS the execution role is on the class.' },
      { kind: 'interface', cloud: 'aws', names: ['metric', 'metricInvocations', 'metricInvocation4XXErrors', 'metricInvocation5XXErrors', 'metricModelLatency', 'metricOverheadLatency', 'metricInvocationsPerInstance'], reason: AWS_METRICS },
      { kind: 'grants', cloud: 'gcp', names: ['grantStartRollout'], reason: 'Cloud-specific extra grant (R4): on GCP the canary is a Cloud Workflows workflow the delivery pipeline starts with a version (`modelRollout`); on AWS SageMaker runs the canary itself when the stack updates the endpoint config.' },
      { kind: 'grants', cloud: 'gcp', names: ['grantDeployModel'], reason: 'Cloud-specific extra grant (R4): the google provider cannot deploy a model onto a Vertex AI endpoint, so the pipeline that registers models sends `deployModelRequest()` itself and needs this grant; on AWS the model is part of the stack.' },
    ],
  },
  {
    concept: 'ModelRegistry',
    allowed: [
      { kind: 'props', cloud: 'aws', names: ['modelPackageGroupName'], reason: 'Service noun (R1, R7): the SageMaker model package group\'s physical name, derived when left out.' },
      { kind: 'props', cloud: 'gcp', names: ['modelId'], reason: 'Service noun (R1): the Vertex AI model id every version is uploaded under; it is required because the registry has no Terraform resource to derive one from and pipelines address versions as `<modelId>@<alias>`.' },
      { kind: 'props', cloud: 'aws', names: ['description'], reason: 'The model package group has a description of its own; on Vertex AI the description belongs to each uploaded version (`uploadModelRequest`).' },
      { kind: 'props', cloud: 'gcp', names: ['lake', 'prefix'], reason: 'The GCP registry declares what Terraform can (uploader account, announcement topic, the artifacts location in the lake), named from a prefix; the SageMaker group is one resource and keeps artifacts wherever the pipeline put them.' },
      { kind: 'props', cloud: 'gcp', names: ['region', 'project', 'iam'], reason: `Vertex AI models are regional. ${GCP_PROJECT} ${GCP_IAM}` },
      { kind: 'interface', cloud: 'aws', names: ['modelPackageGroupName', 'modelPackageGroupArn'], reason: 'Service nouns (R1): the model package group.' },
      { kind: 'interface', cloud: 'gcp', names: ['modelId', 'region', 'project', 'modelResourceName'], reason: 'Service nouns (R1): the Vertex AI model a version belongs to, and where it lives.' },
      { kind: 'interface', cloud: 'aws', names: ['onVersionApproved'], reason: 'SageMaker emits an EventBridge event when a package is approved; Vertex AI emits no event when an alias moves, so the GCP pipeline announces versions on the registry\'s Pub/Sub topic (`announcementTopicId`).' },
      { kind: 'interface', cloud: 'gcp', names: ['announcementTopicId'], reason: 'Where GCP versions are announced (the counterpart of AWS `onVersionApproved`; see its reason).' },
      { kind: 'interface', cloud: 'gcp', names: ['artifactsUri', 'uploaderServiceAccountEmail', 'uploadModelRequest'], reason: 'The Vertex AI Model Registry has no Terraform resource: the construct exposes the location, identity and `models.upload` body a pipeline uses; on AWS the state machine calls CreateModelPackage against the group itself.' },
      { kind: 'statics', cloud: 'aws', names: ['fromModelRegistryName'], reason: 'A model package group is identified by its name alone (the ARN derives from the stack), so the AWS import takes the name (the issue\'s API).' },
      { kind: 'statics', cloud: 'gcp', names: ['fromModelRegistryAttributes'], reason: 'A GCP registry is a model id plus its region, uploader account, topic and artifacts location: nothing derives from a name.' },
    ],
  },
  {
    concept: 'TrainingPipeline',
    allowed: [
      { kind: 'props', cloud: 'aws', names: ['stateMachineName'], reason: 'Service noun (R7 `<resource>Name`): the Step Functions state machine (at most 80 characters).' },
      { kind: 'props', cloud: 'gcp', names: ['workflowName'], reason: 'Service noun (R7 `<resource>Name`): the Cloud Workflows workflow (at most 64 characters).' },
      { kind: 'props', cloud: 'aws', names: ['alarmActions'], reason: 'Monitoring targets are the service\'s (R9): CloudWatch alarm actions for the failed-runs alarm.' },
      { kind: 'props', cloud: 'gcp', names: ['notificationChannels'], reason: 'Monitoring targets are the service\'s (R9): Cloud Monitoring notification channels for the failed-executions alert.' },
      { kind: 'props', cloud: 'aws', names: ['removalPolicy'], reason: 'The AWS pipeline owns retained state (its key and execution log group); on GCP the pipeline holds nothing stateful (its trainer object is content-addressed, the registry\'s topic is retained by the registry).' },
      { kind: 'props', cloud: 'aws', names: ['timeout'], reason: 'Step Functions bounds a whole execution; Workflows has no execution-level timeout, so GCP bounds each job (`jobTimeout`).' },
      { kind: 'props', cloud: 'gcp', names: ['jobTimeout'], reason: 'How long the workflow waits for each Vertex AI job (see AWS `timeout`).' },
      { kind: 'props', cloud: 'gcp', names: ['image', 'machineType'], reason: 'On GCP the training container and machine can be replaced (a custom image, or a larger host for the same GPUs). The AWS pipeline trains and evaluates with SageMaker\'s built-in XGBoost only (its evaluation serves the model with the same image in a batch transform); a custom AWS image is not built yet.' },
      { kind: 'props', cloud: 'gcp', names: ['prefix', 'project', 'region', 'iam'], reason: `The GCP workflow, scheduler job and service account are named from a prefix and are regional. ${GCP_PROJECT} ${GCP_IAM}` },
      { kind: 'interface', cloud: 'aws', names: ['stateMachineArn', 'startTarget'], reason: 'Service nouns (R1): what StartExecution and an EventBridge rule address on AWS.' },
      { kind: 'interface', cloud: 'gcp', names: ['workflowName', 'workflowId', 'region'], reason: 'Service nouns (R1): what another workflow or scheduler job addresses to start a run (the Workflows executions API).' },
      { kind: 'statics', cloud: 'gcp', names: ['fromTrainingPipelineAttributes'], reason: 'A GCP workflow is started by name and region alone, so an existing one can be imported; on AWS an existing state machine is started with `sfn.StateMachine.fromStateMachineArn` (the `ITrainingPipeline` doc says so): a pipeline is generated from its spec, lake, profile and registry, which an import would not have.' },
    ],
  },
  {
    concept: 'DeliveryPipeline',
    allowed: [...DELIVERY_PIPELINE_AWS_DIFFERENCES, ...DELIVERY_PIPELINE_GCP_DIFFERENCES],
  },
  {
    concept: 'DriftMonitor',
    allowed: [
      { kind: 'props', cloud: 'aws', names: ['stateMachineName'], reason: 'Service noun (R7 `<resource>Name`): the Step Functions state machine, also the `Monitor` dimension of the CloudWatch drift metrics.' },
      { kind: 'props', cloud: 'gcp', names: ['workflowName'], reason: 'Service noun (R7 `<resource>Name`): the Cloud Workflows workflow (at most 64 characters).' },
      { kind: 'props', cloud: 'aws', names: ['alarmActions'], reason: 'Monitoring targets are the service\'s (R9), as on TrainingPipeline: CloudWatch alarm actions for the drift and failed-runs alarms.' },
      { kind: 'props', cloud: 'gcp', names: ['notificationChannels'], reason: 'Monitoring targets are the service\'s (R9), as on TrainingPipeline: Cloud Monitoring notification channels for the drift and failed-executions alerts.' },
      { kind: 'props', cloud: 'aws', names: ['removalPolicy'], reason: 'The AWS monitor owns retained state (its key and execution log group); the drift tables are lake tables on both clouds.' },
      { kind: 'props', cloud: 'gcp', names: ['prefix', 'project', 'region', 'iam'], reason: `The GCP workflow, scheduler job and service account are named from a prefix and are regional. ${GCP_PROJECT} ${GCP_IAM}` },
      { kind: 'interface', cloud: 'aws', names: ['stateMachineArn'], reason: 'Service noun (R1): what StartExecution addresses on AWS.' },
      { kind: 'interface', cloud: 'gcp', names: ['workflowName', 'region', 'workflowId'], reason: 'Service nouns (R1): what the scheduler job or a client addresses to start a run, as on the GCP TrainingPipeline; AWS has stateMachineArn.' },
      { kind: 'interface', cloud: 'aws', names: ['metricBreaches', 'metricStatistic'], reason: AWS_METRICS },
    ],
  },
  {
    concept: 'MlopsPlatform',
    allowed: [
      { kind: 'props', cloud: 'aws', names: ['vpc', 'vpcSubnets'], reason: 'The network of the training and evaluation jobs (required from level 1 on both clouds): an EC2 VPC and its subnets on AWS; on GCP a VPC network with private services access (`network`).' },
      { kind: 'props', cloud: 'gcp', names: ['network'], reason: 'The network of the training jobs (required from level 1 on both clouds): a VPC network name or self link with private services access; AWS takes `vpc` and `vpcSubnets`.' },
      { kind: 'props', cloud: 'aws', names: ['servingImageRepository'], reason: 'SageMaker pulls the served version\'s inference image from ECR with the endpoint\'s role, which needs the repository; Vertex AI serves a registered model with the container the model names, with no grant from the platform.' },
      { kind: 'props', cloud: 'gcp', names: ['lakePrefix'], reason: 'Cloud Storage bucket names are global, so the lake and state buckets take a prefix unique to the project (the reference stacks pass `<project>-<prefix>`); AWS bucket names are left to CloudFormation.' },
      { kind: 'props', cloud: 'gcp', names: ['encryptionKey'], reason: 'A GCP key ring can never be deleted, so the platform\'s customer-managed key is created once (the reference stacks do) and passed to every construct; on AWS each construct creates its own rotating KMS key.' },
      { kind: 'props', cloud: 'gcp', names: ['notificationChannels'], reason: 'Cloud Monitoring alert policies notify the channels given (without one, incidents show in the console only); on AWS each construct\'s alarms notify an encrypted SNS topic of its own, which teams subscribe to.' },
      { kind: 'props', cloud: 'gcp', names: ['project', 'region', 'iam'], reason: `The platform's resources are regional and take the region explicitly; the AWS region comes from the stack. ${GCP_PROJECT} ${GCP_IAM}` },
      { kind: 'interface', cloud: 'aws', names: ['stagingEndpoint'], reason: 'From level 2 the AWS endpoint is deployed by the delivery pipeline\'s stages (a serverless staging endpoint, then the production canary), each in a stack of its stage; on GCP the one Vertex AI endpoint is in the platform and the production build rolls versions onto it (`modelRollout`), staging being the staging project\'s own apply.' },
      { kind: 'statics', cloud: 'aws', names: ['endpointName'], reason: 'The AWS endpoint names are known before the stage stacks exist (the drift monitor and the pipeline\'s stages address them by name); on GCP the endpoint is a platform resource with its id on `endpoint`.' },
    ],
  },
];

/**
 * Constructs exported by one cloud only, with the reason; every other exported construct must be
 * in a row of PARITY_CONCEPTS. Empty today: each construct exists on both clouds.
 */
export const CLOUD_ONLY_CONSTRUCTS: readonly CloudOnlyConstruct[] = [
];
