/**
 * Google Cloud example: the same lake as the AWS example, from the same schemas, encrypted with a
 * customer-managed Cloud KMS key. Deploys as it is: `terraform apply -var project=<project id>
 * -var region=<region>` (the buckets are named after the project, so their global names are free).
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { DataLake } from 'mlops-constructs/gcp';
import { customerDaily, orders } from '../schemas';
import { projectVariable, regionVariable } from './variables';

/** A Terraform stack with a CMEK-encrypted DataLake and two tables. */
export class GcpLakeStack extends TerraformStack {
  /** The lake. */
  public readonly lake: DataLake;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const project = projectVariable(this).stringValue;
    const region = regionVariable(this).stringValue;
    new GoogleProvider(this, 'google', { project, region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'ml-lake', location: region });
    const key = new KmsCryptoKey(this, 'LakeKey', {
      name: 'lake',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', {
      prefix: `${project}-lake`,
      location: region,
      encryptionKey: key,
      tables: [
        { zone: 'raw', schema: orders },
        { zone: 'curated', schema: customerDaily },
      ],
    });
  }
}
