/**
 * Google Cloud example: ingest → lake → features. Orders published to Pub/Sub land in the lake's
 * raw BigQuery table; daily customer features computed into the curated zone are served online by
 * Vertex AI Feature Store. One schema object drives the Avro topic schema, the BigQuery tables and
 * the feature registry, exactly as it drives Firehose, Glue and SageMaker in the AWS twin.
 *
 * Deploys as it is: `terraform apply -var project=<project id> -var region=<region>`. The producer
 * (`checkout`) and the online reader (`ranker`) are service accounts the stack creates: run the
 * publishing service and the ranking service as them.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake, FeatureStore, StreamingIngest } from 'mlops-constructs/gcp';
import { customerDaily, customerFeatures, orders } from '../schemas';
import { projectVariable, regionVariable } from './variables';

/** A CMEK-encrypted lake fed by a Pub/Sub stream, with a Vertex AI feature store over its curated zone. */
export class GcpFeaturesStack extends TerraformStack {
  /** The lake. */
  public readonly lake: DataLake;
  /** The order stream. */
  public readonly ingest: StreamingIngest;
  /** The feature store. */
  public readonly features: FeatureStore;
  /** The account the checkout service publishes orders as. */
  public readonly producer: ServiceAccount;
  /** The account the ranking service reads online features as. */
  public readonly reader: ServiceAccount;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const project = projectVariable(this).stringValue;
    const region = regionVariable(this).stringValue;
    new GoogleProvider(this, 'google', { project, region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'ml-features', location: region });
    const key = new KmsCryptoKey(this, 'PlatformKey', {
      name: 'platform',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', {
      prefix: `${project}-features`,
      location: region,
      encryptionKey: key,
      tables: [{ zone: 'curated', schema: customerDaily }],
    });
    this.ingest = new StreamingIngest(this, 'Orders', {
      lake: this.lake,
      schema: orders, // → Avro topic schema and the raw table, with Pub/Sub's metadata columns
      prefix: 'orders', // names are derived from a literal prefix, the lake's is a Terraform value
    });
    this.producer = new ServiceAccount(this, 'Checkout', { accountId: 'checkout', displayName: 'Checkout service (publishes orders)' });
    this.ingest.grantWrite(this.producer.member);
    this.features = new FeatureStore(this, 'Features', {
      lake: this.lake,
      featureGroups: [{ spec: customerFeatures }], // → feature group, features and an hourly-synced view over curated.customer_daily
      prefix: 'ml',
      region,
    });
    this.reader = new ServiceAccount(this, 'Ranker', { accountId: 'ranker', displayName: 'Ranking service (reads online features)' });
    this.features.grantReadOnline(this.reader.member);
  }
}
