/**
 * AWS example: ingest → lake → features. Orders put on a Kinesis stream are converted to Parquet
 * by Firehose into the lake's raw zone; daily customer features computed into the curated zone are
 * served online and kept offline (Iceberg, in the lake) by SageMaker Feature Store. One schema
 * object drives the Glue tables, the Firehose conversion and the feature group, exactly as it
 * drives the Avro topic schema, BigQuery and Vertex AI in the Google Cloud twin.
 */
import { Stack, StackProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';
import { DataLake, FeatureStore, StreamingIngest } from 'mlops-constructs/aws';
import { customerDaily, customerFeatures, orders } from '../schemas';

/** A lake fed by a Kinesis/Firehose stream, with a SageMaker feature store over its curated zone. */
export class FeaturesStack extends Stack {
  /** The lake. */
  public readonly lake: DataLake;
  /** The order stream. */
  public readonly ingest: StreamingIngest;
  /** The feature store. */
  public readonly features: FeatureStore;

  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);
    this.lake = new DataLake(this, 'Lake', {
      prefix: 'acme-ml-features',
      tables: [{ zone: 'curated', schema: customerDaily }],
    });
    this.ingest = new StreamingIngest(this, 'Orders', {
      lake: this.lake,
      schema: orders, // → the raw Glue table `orders` that Firehose converts against
    });
    this.features = new FeatureStore(this, 'Features', { lake: this.lake });
    this.features.addFeatureGroup({
      spec: customerFeatures,
      // What every replace-on-change setting of the group hashes to. A change that would replace
      // the group (and lose its online records) fails synth until this value is updated on purpose.
      replacementFingerprint: 'v1.352fc6.1a8ce8.6ae92d.a6b1aa.feae38.66f582.5da9e1.74234e',
    });

    const checkout = new iam.Role(this, 'Checkout', { assumedBy: new iam.ServicePrincipal('ecs-tasks.amazonaws.com') });
    this.ingest.grantWrite(checkout);
    const ranker = new iam.Role(this, 'Ranker', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com') });
    this.features.grantReadOnline(ranker);
    const featurePipeline = new iam.Role(this, 'FeaturePipeline', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    this.lake.grantRead('raw', featurePipeline);
    this.lake.grantWrite('curated', featurePipeline);
    this.features.grantWrite(featurePipeline);
    this.features.grantReadOffline(featurePipeline);
  }
}
