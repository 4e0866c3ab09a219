/**
 * Google Cloud example: train and serve. GPU capacity on a private GKE cluster (and the same
 * accelerator request as a Vertex AI custom job), and two ways to serve the model: a Vertex AI
 * endpoint whose request/response log lands in the lake (the drift input), and a custom container
 * on a Cloud Run L4 GPU rolled out as a 10 % canary.
 *
 * Terraform cannot deploy a model onto a Vertex AI endpoint: the stack outputs the
 * `deployModel` request that the training pipeline sends after it registers the model.
 *
 * Deploys as it is: `terraform apply -var project=<project id> -var region=<region>`. The stack
 * creates what the training and serving refer to: the network (a subnetwork with Cloud NAT for the
 * private nodes, private services access for Vertex AI jobs), the pipeline's and the callers'
 * service accounts, and the Artifact Registry repository the training image is pushed to before
 * the custom job request is sent. The Cloud Run service starts on Google's public sample image
 * (`us-docker.pkg.dev/cloudrun/container/hello`) until the team's model server replaces it in its
 * next revision. GPU quota and availability in the region are what only a deploy shows.
 */
import { ArtifactRegistryRepository } from '@cdktf/provider-google/lib/artifact-registry-repository';
import { DataGoogleProject } from '@cdktf/provider-google/lib/data-google-project';
import { KmsCryptoKey } from '@cdktf/provider-google/lib/kms-crypto-key';
import { KmsCryptoKeyIamMember } from '@cdktf/provider-google/lib/kms-crypto-key-iam-member';
import { KmsKeyRing } from '@cdktf/provider-google/lib/kms-key-ring';
import { GoogleProvider } from '@cdktf/provider-google/lib/provider';
import { ServiceAccount } from '@cdktf/provider-google/lib/service-account';
import { TerraformOutput, TerraformStack } from 'cdktf';
import { Construct } from 'constructs';
import { GpuType } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, ModelEndpoint, ModelEndpointPlatform, ModelEndpointTraffic } from 'mlops-constructs/gcp';
import { createJobsNetwork, projectVariable, regionVariable } from './variables';

/**
 * Google's public Cloud Run sample image: the fraud service's first revision, so that the stack
 * applies before the team has pushed its model server (to the stack's repository, `Images`).
 * @see https://cloud.google.com/run/docs/quickstarts/deploy-container
 */
export const CLOUD_RUN_SAMPLE_IMAGE = 'us-docker.pkg.dev/cloudrun/container/hello';

/** The id the training pipeline uploads the ranker model under in the Vertex AI Model Registry. */
const RANKER_MODEL_ID = 'ranker';

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
  /** The account the training pipeline runs as: it launches the training jobs and deploys models onto the endpoint. */
  public readonly pipelineAccount: ServiceAccount;
  /** The repository of the training and serving images. */
  public readonly images: ArtifactRegistryRepository;

  constructor(scope: Construct, id: string) {
    super(scope, id);
    const project = projectVariable(this).stringValue;
    const region = regionVariable(this).stringValue;
    new GoogleProvider(this, 'google', { project, region });
    // Key rings cannot be deleted in Cloud KMS; keep this one for the lifetime of the project.
    const ring = new KmsKeyRing(this, 'KeyRing', { name: 'ml-train-serve', location: region });
    const key = new KmsCryptoKey(this, 'PlatformKey', {
      name: 'platform',
      keyRing: ring.id,
      rotationPeriod: '7776000s', // 90 days
      lifecycle: { preventDestroy: true },
    });
    this.lake = new DataLake(this, 'Lake', { prefix: `${project}-models`, location: region, encryptionKey: key });
    const jobs = createJobsNetwork(this, { name: 'ml-training', subnetworkRegion: region });
    this.pipelineAccount = new ServiceAccount(this, 'PipelineAccount', { accountId: 'ml-pipeline', displayName: 'Training pipeline (launches jobs, deploys models)' });

    // The training images: pushed by the team's build, CMEK like the rest.
    const projectData = new DataGoogleProject(this, 'Project', { projectId: project });
    const imagesKeyAccess = new KmsCryptoKeyIamMember(this, 'ImagesKeyAccess', {
      cryptoKeyId: key.id,
      role: 'roles/cloudkms.cryptoKeyEncrypterDecrypter',
      member: `serviceAccount:service-${projectData.number}@gcp-sa-artifactregistry.iam.gserviceaccount.com`,
    });
    this.images = new ArtifactRegistryRepository(this, 'Images', {
      location: region,
      repositoryId: 'ml-images',
      format: 'DOCKER',
      description: 'Training and serving images of the ranker and fraud models.',
      kmsKeyName: key.id,
      dockerConfig: { immutableTags: true },
      dependsOn: [imagesKeyAccess],
      lifecycle: { preventDestroy: true }, // images are data: retained, as the library's repositories are
    });
    const imagePrefix = `${region}-docker.pkg.dev/${project}/${this.images.repositoryId}`;

    this.training = new GpuTrainingCluster(this, 'Training', {
      lake: this.lake,
      location: region,
      network: jobs.network.name, // with Cloud NAT for image pulls and private services access for Vertex AI
      subnetwork: jobs.subnetwork!.name,
      gpuPools: [
        { name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1 }, spot: true, maxNodes: 4 },
        { name: 'h100', accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 2 }, zone: `${region}-b` },
      ],
    });
    this.training.grantLaunchTrainingJobs(this.pipelineAccount.member);
    new TerraformOutput(this, 'TrainingCustomJob', {
      description: 'Body of projects.locations.customJobs.create for the ranker training job (push the image train-ranker:1.4 to the Images repository first).',
      value: this.training.createCustomJobRequest({
        displayName: 'train-ranker',
        imageUri: `${imagePrefix}/train-ranker:1.4`,
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
    this.endpoint.grantDeployModel(this.pipelineAccount.member);
    const shopApi = new ServiceAccount(this, 'ShopApi', { accountId: 'shop-api', displayName: 'Shop API (calls the ranker)' });
    this.endpoint.grantInvoke(shopApi.member);
    new TerraformOutput(this, 'RankerDeployModel', {
      description: 'Request the pipeline sends to deploy a registered model version onto the endpoint (Terraform cannot).',
      value: this.endpoint.deployModelRequest({ model: `projects/${project}/locations/${region}/models/${RANKER_MODEL_ID}@2` }),
    });

    this.service = new ModelEndpoint(this, 'Fraud', {
      prefix: 'fraud',
      region,
      platform: ModelEndpointPlatform.cloudRun({
        image: CLOUD_RUN_SAMPLE_IMAGE,
        // The first revision takes all traffic. The next one rolls out as a canary of it:
        // image `${imagePrefix}/fraud:2`, revisionSuffix 'v2', traffic ModelEndpointTraffic.canary('v1', 10).
        revisionSuffix: 'v1',
        traffic: ModelEndpointTraffic.latest(),
      }),
      encryptionKey: key,
      captureLake: this.lake,
      accelerator: { gpu: GpuType.L4, gpusPerNode: 1 },
    });
    const payments = new ServiceAccount(this, 'Payments', { accountId: 'payments', displayName: 'Payments service (calls the fraud model)' });
    this.service.grantInvoke(payments.member);
  }
}
