/**
 * Google Cloud example: a team's existing cdktf stack (the worker service account and the KMS key
 * it already had) that builds on the data platform team's lake — buckets and datasets made by
 * another stack, in another project — through `DataLake.fromDataLakeAttributes`: it streams orders
 * into the lake's raw zone and lets its worker publish them and query the lake.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake, IDataLake, StreamingIngest } from 'mlops-constructs/gcp';
import { orders } from '../schemas';

/** The stack the team had before (a key and a worker), with the lake of another team imported into it. */
export class GcpExistingOrdersStack extends TerraformStack {
  /** The service account of the worker that publishes orders. */
  public readonly workerAccount: ServiceAccount;
  /** The platform team's lake, imported. */
  public readonly lake: IDataLake;
  /** The order stream into the lake's raw zone. */
  public readonly ingest: StreamingIngest;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    new GoogleProvider(this, 'google', { project: 'acme-orders-dev', region: 'europe-west4' });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'acme-orders', location: 'europe-west4' });
    const key = new KmsCryptoKey(this, 'OrdersKey', {
      name: 'orders',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.workerAccount = new ServiceAccount(this, 'Worker', { accountId: 'orders-worker', displayName: 'Orders worker' });

    // What this example adds to the stack the team already had: the lake, made by the data
    // platform team's own stack in its project, and an ingest into it.
    this.lake = DataLake.fromDataLakeAttributes(this, 'Lake', {
      prefix: 'acme-ml',
      project: 'acme-data-prod',
      location: 'europe-west4',
      zoneBuckets: { raw: 'acme-ml-raw', curated: 'acme-ml-curated', artifacts: 'acme-ml-artifacts' },
      zoneDatasets: { raw: 'acme_ml_raw', curated: 'acme_ml_curated', artifacts: 'acme_ml_artifacts' },
      encryptionKey: { id: 'projects/acme-data-prod/locations/europe-west4/keyRings/acme-ml-lake/cryptoKeys/lake' },
    });
    this.ingest = new StreamingIngest(this, 'Orders', {
      lake: this.lake,
      schema: orders,            // → a new table raw.orders in the existing dataset, and its topic
      project: 'acme-orders-dev', // the topics live with the team; the table with the lake
      encryptionKey: key,
    });
    this.ingest.grantWrite(this.workerAccount.member);
    this.lake.grantQuery(this.workerAccount.member);
  }
}
