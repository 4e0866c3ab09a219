/**
 * Google Cloud example: train and serve. GPU capacity on a private GKE cluster (and the same
 * accelerator request as a Vertex AI custom job), and two ways to serve the model: a Vertex AI
 * endpoint whose request/response log lands in the lake (the drift input), and a custom container
 * on a Cloud Run L4 GPU rolled out as a 10 % canary.
 *
 * Terraform cannot deploy a model onto a Vertex AI endpoint: the stack outputs the
 * `deployModel` request that the training pipeline sends after it registers the model.
 */
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GpuType } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, ModelEndpoint, ModelEndpointPlatform, ModelEndpointTraffic } from 'mlops-constructs/gcp';

/** The service account the training pipeline runs as (defined in the team's CI project). */
const PIPELINE = 'serviceAccount:pipeline@acme-ml-dev.iam.gserviceaccount.com';

/** GPU training capacity and model serving over one CMEK-encrypted lake. */
export class GcpTrainServeStack extends TerraformStack {
  /** The lake: curated training data in, model artifacts and request logs out. */
  public readonly lake: DataLake;
  /** GKE GPU pools and the Vertex AI custom-job profile. */
  public readonly training: GpuTrainingCluster;
  /** The Vertex AI endpoint. */
  public readonly endpoint: ModelEndpoint;
  /** The Cloud Run GPU service. */
  public readonly service: ModelEndpoint;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const region = 'europe-west4';
    new GoogleProvider(this, 'google', { project: 'acme-ml-dev', region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'acme-ml-train-serve', location: region });
    const key = new KmsCryptoKey(this, 'PlatformKey', {
      name: 'platform',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', { prefix: 'acme-ml-models', location: region, encryptionKey: key });

    this.training = new GpuTrainingCluster(this, 'Training', {
      lake: this.lake,
      location: region,
      network: 'ml-vpc', // with Cloud NAT for image pulls and private services access for Vertex AI
      subnetwork: 'ml-europe-west4',
      gpuPools: [
        { name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, spot: true, maxNodes: 4 },
        { name: 'h100', accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 }, zone: `${region}-b` },
      ],
    });
    this.training.grantLaunchTrainingJobs(PIPELINE);
    new TerraformOutput(this, 'TrainingCustomJob', {
      description: 'Body of projects.locations.customJobs.create for the ranker training job.',
      value: this.training.createCustomJobRequest({
        displayName: 'train-ranker',
        imageUri: 'europe-docker.pkg.dev/acme-ml-dev/ml/train-ranker:1.4',
        accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 },
      }),
    });

    this.endpoint = new ModelEndpoint(this, 'Ranker', {
      prefix: 'ranker',
      region,
      encryptionKey: key,
      captureLake: this.lake,
      captureSamplingPercentage: 20,
      accelerator: { gpu: GpuType.L4, gpusPerNode: 1 },
      maxReplicas: 4,
    });
    this.endpoint.grantDeployModel(PIPELINE);
    this.endpoint.grantInvoke('serviceAccount:shop-api@acme-shop.iam.gserviceaccount.com');
    new TerraformOutput(this, 'RankerDeployModel', {
      description: 'Request the pipeline sends to deploy a registered model version onto the endpoint (Terraform cannot).',
      value: this.endpoint.deployModelRequest({ model: `projects/acme-ml-dev/locations/${region}/models/ranker@2` }),
    });

    this.service = new ModelEndpoint(this, 'Fraud', {
      prefix: 'fraud',
      region,
      platform: ModelEndpointPlatform.cloudRun({
        image: 'europe-docker.pkg.dev/acme-ml-dev/serving/fraud:2',
        revisionSuffix: 'v2',
        traffic: ModelEndpointTraffic.canary('v1', 10),
      }),
      encryptionKey: key,
      captureLake: this.lake,
      accelerator: { gpu: GpuType.L4, gpusPerNode: 1 },
    });
    this.service.grantInvoke('serviceAccount:payments@acme-shop.iam.gserviceaccount.com');
  }
}
