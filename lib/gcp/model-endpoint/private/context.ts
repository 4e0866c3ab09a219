import type { BigqueryDatasetIamMember } from '@cdktf/provider-google/lib/bigquery-dataset-iam-member';
import type { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import type { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { Construct } from 'constructs';
import { ResolvedAccelerator } from '../../../core';
import { ICryptoKey } from '../../crypto-key';
import { ILakeDataset } from '../../data-lake/data-lake';

/** Where captures go, once validated. */
export interface CaptureTarget {
  readonly dataset: ILakeDataset;
  readonly samplingPercentage: number;
  /** `<project>.<dataset>.<table>`. */
  readonly table: string;
}

/** What the Vertex AI and Cloud Run builders use of the endpoint, resolved by it. */
export interface EndpointContext {
  /** The endpoint: the scope of every resource. */
  readonly scope: Construct;
  readonly prefix: string;
  readonly project?: string;
  readonly region: string;
  readonly servingAccount: ServiceAccount;
  readonly encryptionKey?: ICryptoKey;
  readonly capture?: CaptureTarget;
  /** The GPUs of a replica, from the catalog (with the Vertex AI machine type when one was given). */
  readonly accelerator?: ResolvedAccelerator;
  readonly minReplicas: number;
  readonly maxReplicas: number;
  /** The service agent's access to the key, under `Encryption/<id>`. */
  keyGrant(id: string, member: string): KmsCryptoKeyIamMember;
  /** `member`'s write access to the capture dataset, under `Capture/<id>`. */
  captureGrant(id: string, member: string): BigqueryDatasetIamMember;
  /** `serviceAccount:service-<project number>@<domain>`. */
  serviceAgent(domain: string): string;
  /** The project id (the provider's when none was given). */
  projectId(): string;
}
