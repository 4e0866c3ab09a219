/**
 * Google Cloud example: a team's existing cdktf stack (the worker service account and the KMS key
 * it already had) that builds on the data platform team's lake — buckets and datasets made by
 * another stack, in another project — through `DataLake.fromDataLakeAttributes`: it streams orders
 * into the lake's raw zone and lets its worker publish them and query the lake.
 *
 * The import names resources that exist already, so their ids are yours to give — the ids of your
 * existing lake, as Terraform variables validated at plan time:
 *
 *     terraform apply -var project=<the team's project> -var region=<region> \
 *       -var lake_project=<the lake's project> -var lake_prefix=<the lake's prefix> \
 *       -var lake_key=projects/<p>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>
 *
 * The lake is the one a `DataLake` with that prefix made in that project and region (buckets
 * `<prefix>-raw`, `-curated`, `-artifacts`; datasets `<prefix_snake>_raw`, …), such as the
 * mlops-lake-example stack's (`<its project>-lake`).
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Fn, TerraformStack, TerraformVariable } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake, IDataLake, StreamingIngest } from 'mlops-constructs/gcp';
import { orders } from '../schemas';
import { projectVariable, regionVariable } from './variables';

/**
 * Lake prefixes (`DataLake`'s `prefix` rule, in RE2): 1 to 30 lowercase letters, digits and
 * hyphens, starting with a letter, not ending with a hyphen.
 */
export const LAKE_PREFIX_PATTERN = '^[a-z]([a-z0-9-]{0,28}[a-z0-9])?$';

/** Cloud KMS key resource names. */
export const CRYPTO_KEY_PATTERN = '^projects/[a-z][a-z0-9-]{4,28}[a-z0-9]/locations/[a-z0-9-]+/keyRings/[A-Za-z0-9_-]{1,63}/cryptoKeys/[A-Za-z0-9_-]{1,63}$';

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
    const project = projectVariable(this, { description: 'The team\'s project: its key, its worker account and the order topics.', namesBuckets: false }).stringValue;
    const region = regionVariable(this).stringValue;
    // The ids of your existing lake (another stack's resources: this one only refers to them).
    const lakeProject = projectVariable(this, { name: 'lake_project', description: 'The project of the existing lake (its buckets and datasets).', namesBuckets: false }).stringValue;
    const lakePrefix = new TerraformVariable(this, 'lake_prefix', {
      type: 'string',
      description: 'The prefix of the existing lake: its buckets are <prefix>-raw, -curated and -artifacts, its datasets <prefix with underscores>_raw, _curated and _artifacts.',
      validation: [
        { condition: `\${can(regex("${LAKE_PREFIX_PATTERN}", var.lake_prefix))}`, errorMessage: 'lake_prefix must be a lake prefix: 1 to 30 lowercase letters, digits and hyphens, starting with a letter and not ending with a hyphen.' },
      ],
    }).stringValue;
    const lakeKey = new TerraformVariable(this, 'lake_key', {
      type: 'string',
      description: 'The Cloud KMS key of the existing lake, projects/<project>/locations/<region>/keyRings/<ring>/cryptoKeys/<key>: the new orders table is encrypted with it.',
      validation: [
        { condition: `\${can(regex("${CRYPTO_KEY_PATTERN}", var.lake_key))}`, errorMessage: 'lake_key must be a Cloud KMS key resource name, projects/<project>/locations/<location>/keyRings/<ring>/cryptoKeys/<key>.' },
      ],
    }).stringValue;

    new GoogleProvider(this, 'google', { project, region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'orders', location: region });
    const key = new KmsCryptoKey(this, 'OrdersKey', {
      name: 'orders',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.workerAccount = new ServiceAccount(this, 'Worker', { accountId: 'orders-worker', displayName: 'Orders worker' });

    // What this example adds to the stack the team already had: the lake, made by the data
    // platform team's own stack in its project, and an ingest into it.
    const datasetPrefix = Fn.replace(lakePrefix, '-', '_');
    this.lake = DataLake.fromDataLakeAttributes(this, 'Lake', {
      prefix: lakePrefix,
      project: lakeProject,
      location: region,
      zoneBuckets: { raw: `${lakePrefix}-raw`, curated: `${lakePrefix}-curated`, artifacts: `${lakePrefix}-artifacts` },
      zoneDatasets: { raw: `${datasetPrefix}_raw`, curated: `${datasetPrefix}_curated`, artifacts: `${datasetPrefix}_artifacts` },
      encryptionKey: { id: lakeKey },
    });
    this.ingest = new StreamingIngest(this, 'Orders', {
      lake: this.lake,
      schema: orders,  // → a new table raw.orders in the existing dataset, and its topic
      project,         // the topics live with the team; the table with the lake
      prefix: 'orders', // names are derived from a literal prefix (the lake's is a Terraform value here)
      encryptionKey: key,
    });
    this.ingest.grantWrite(this.workerAccount.member);
    this.lake.grantQuery(this.workerAccount.member);
  }
}
