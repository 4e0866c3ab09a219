/**
 * Google Cloud example: ingest → lake → features. Orders published to Pub/Sub land in the lake's
 * raw BigQuery table; daily customer features computed into the curated zone are served online by
 * Vertex AI Feature Store. One schema object drives the Avro topic schema, the BigQuery tables and
 * the feature registry, exactly as it drives Firehose, Glue and SageMaker in the AWS twin.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake, FeatureStore, StreamingIngest } from 'mlops-constructs/gcp';
import { customerDaily, customerFeatures, orders } from '../schemas';

/** A CMEK-encrypted lake fed by a Pub/Sub stream, with a Vertex AI feature store over its curated zone. */
export class GcpFeaturesStack extends TerraformStack {
  /** The lake. */
  public readonly lake: DataLake;
  /** The order stream. */
  public readonly ingest: StreamingIngest;
  /** The feature store. */
  public readonly features: FeatureStore;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'acme-ml-dev', region: 'europe-west4' });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'acme-ml-platform', location: 'europe-west4' });
    const key = new KmsCryptoKey(this, 'PlatformKey', {
      name: 'platform',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', {
      prefix: 'acme-ml-features',
      location: 'europe-west4',
      encryptionKey: key,
      tables: [{ zone: 'curated', schema: customerDaily }],
    });
    this.ingest = new StreamingIngest(this, 'Orders', {
      lake: this.lake,
      schema: orders, // → Avro topic schema and the raw table, with Pub/Sub's metadata columns
    });
    this.ingest.grantWrite('serviceAccount:checkout@acme-shop.iam.gserviceaccount.com');
    this.features = new FeatureStore(this, 'Features', {
      lake: this.lake,
      featureGroups: [{ spec: customerFeatures }], // → feature group, features and an hourly-synced view over curated.customer_daily
    });
    this.features.grantReadOnline('serviceAccount:ranker@acme-ml-dev.iam.gserviceaccount.com');
  }
}
