import { Duration, RemovalPolicy, Size, Stack, Token } from 'aws-cdk-lib';
import { Match, Template } from 'aws-cdk-lib/assertions';
import * as ec2 from 'aws-cdk-lib/aws-ec2';
import * as ecr from 'aws-cdk-lib/aws-ecr';
import * as iam from 'aws-cdk-lib/aws-iam';
import { GpuType } from 'mlops-constructs';
import { DataLake, GpuTrainingCluster, GpuTrainingClusterProps } from 'mlops-constructs/aws';
import { GPU_REGION, newDestroyableStack, newStack } from '../fixtures';

const H100_X8_X4 = { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 4 };

/** A stack with a lake and an imported VPC of two private subnets. */
function setup(stack: Stack = newStack({}, GPU_REGION)) {
  const lake = new DataLake(stack, 'Lake');
  const vpc = ec2.Vpc.fromVpcAttributes(stack, 'Vpc', {
    vpcId: 'vpc-0123456789abcdef0',
    availabilityZones: ['us-east-1a', 'us-east-1b'],
    privateSubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'],
  });
  return { stack, lake, vpc };
}

function cluster(props: Partial<GpuTrainingClusterProps> = {}, stack?: Stack) {
  const s = setup(stack);
  const gpus = new GpuTrainingCluster(s.stack, 'Gpus', { lake: s.lake, vpc: s.vpc, accelerator: H100_X8_X4, ...props });
  return { ...s, gpus, template: () => Template.fromStack(s.stack) };
}

function build(props: Partial<GpuTrainingClusterProps>) {
  return () => cluster(props);
}

function lifecycleFiles(template: Template): Record<string, string> {
  const [resource] = Object.values(template.findResources('Custom::MlopsS3Files')) as Array<{ Properties: { Files: unknown } }>;
  const files = resource.Properties.Files as { 'Fn::Join': [string, unknown[]] } | string;
  // The file contents are plain strings unless a token (the FSx names) is inside: then a join.
  const text = typeof files === 'string' ? files : files['Fn::Join'][1].map((p) => (typeof p === 'string' ? p : `<${Object.keys(p as object)[0]}>`)).join('');
  return JSON.parse(text);
}

describe('HyperPod cluster', () => {
  test('given only a lake, a VPC and an accelerator: a controller and one GPU worker group from the catalog, private, recovering, health-checked', () => {
    const { template, gpus, stack } = cluster();
    template().hasResourceProperties('AWS::SageMaker::Cluster', {
      ClusterName: gpus.clusterName,
      NodeRecovery: 'Automatic',
      NodeProvisioningMode: 'Continuous',
      VpcConfig: { SecurityGroupIds: [{ 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusSecurityGroup'), 'GroupId'] }], Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] },
      InstanceGroups: [
        Match.objectLike({ InstanceGroupName: 'controller', InstanceType: 'ml.m5.xlarge', InstanceCount: 1, OnStartDeepHealthChecks: Match.absent() }),
        Match.objectLike({ InstanceGroupName: 'workers', InstanceType: 'ml.p5.48xlarge', InstanceCount: 4, OnStartDeepHealthChecks: ['InstanceStress', 'InstanceConnectivity'] }),
      ],
    });
    expect(gpus.clusterName).toMatch(/^teststack-gpus-[0-9a-f]{8}$/);
    expect(stack.resolve(gpus.lifecycleScriptsUri)).toEqual({ 'Fn::Join': ['', ['s3://', { Ref: expect.stringMatching(/^LakeZoneartifactsBucket/) }, `/training/hyperpod/${gpus.clusterName}/`]] });
  });

  test('every node runs as the execution role, boots its scripts from the artifacts zone, and has root and extra volumes under the cluster key', () => {
    const { template, gpus } = cluster();
    const group = {
      ExecutionRole: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusExecutionRole'), 'Arn'] },
      LifeCycleConfig: {
        OnCreate: 'on_create.sh',
        SourceS3Uri: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^LakeZoneartifactsBucket') }, `/training/hyperpod/${gpus.clusterName}`]] },
      },
      InstanceStorageConfigs: [
        { EbsVolumeConfig: { RootVolume: true, VolumeKmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusKey'), 'Arn'] } } },
        { EbsVolumeConfig: { VolumeSizeInGB: 500, VolumeKmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusKey'), 'Arn'] } } },
      ],
    };
    template().hasResourceProperties('AWS::SageMaker::Cluster', { InstanceGroups: [Match.objectLike(group), Match.objectLike(group)] });
  });

  test('the cluster waits for its scripts, its role and the role\'s policies', () => {
    const t = cluster().template();
    const [clusterResource] = Object.values(t.findResources('AWS::SageMaker::Cluster')) as Array<{ DependsOn: string[] }>;
    const dependsOn = clusterResource.DependsOn.join(' ');
    expect(dependsOn).toMatch(/GpusLifecycleScripts[0-9A-F]{8}\b/);
    expect(dependsOn).toMatch(/GpusExecutionRolePolicy/);
    expect(dependsOn).toMatch(/GpusExecutionRoleDataLakeGrants/);
  });

  test('the key rotates and is retained; the security group allows all traffic among members and HTTPS out, nothing else', () => {
    const t = cluster().template();
    t.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ EnableKeyRotation: true }), DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    t.hasResourceProperties('AWS::EC2::SecurityGroup', {
      GroupDescription: Match.stringLikeRegexp('^GPU training nodes'),
      SecurityGroupIngress: Match.absent(),
      SecurityGroupEgress: [{ CidrIp: '0.0.0.0/0', IpProtocol: 'tcp', FromPort: 443, ToPort: 443, Description: Match.anyValue() }],
    });
    const self = { 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusSecurityGroup'), 'GroupId'] };
    t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { IpProtocol: '-1', GroupId: self, SourceSecurityGroupId: self });
    t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { IpProtocol: '-1', GroupId: self, DestinationSecurityGroupId: self });
    expect(Object.keys(t.findResources('AWS::EC2::SecurityGroupIngress'))).toHaveLength(1);
  });

  test('the roles trust SageMaker and carry no AWS managed policy; the node role reads the lake and logs only under its cluster name', () => {
    const { template, gpus } = cluster();
    const t = template();
    const roles = t.findResources('AWS::IAM::Role', { Properties: { AssumeRolePolicyDocument: { Statement: [Match.objectLike({ Principal: { Service: 'sagemaker.amazonaws.com' } })] } } });
    expect(Object.keys(roles).sort()).toEqual([expect.stringMatching(/^GpusExecutionRole/), expect.stringMatching(/^GpusTrainingRole/)]);
    for (const role of Object.values(roles) as Array<{ Properties: { ManagedPolicyArns?: unknown[] } }>) {
      expect(JSON.stringify(role.Properties.ManagedPolicyArns ?? [])).not.toContain('arn:aws:iam::aws:policy');
    }
    const policy = JSON.stringify(Object.values(t.findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: Match.stringLikeRegexp('^Permissions of the HyperPod nodes') } }))[0]);
    expect(policy).toContain(`log-group:/aws/sagemaker/Clusters/${gpus.clusterName}/*:log-stream:*`);
    expect(policy).toContain('"cloudwatch:namespace":"/aws/sagemaker/Clusters"');
    expect(policy).toContain('kms:CreateGrant');
    expect(policy).not.toMatch(/sagemaker-\*|"s3:\*"|"Action":"\*"/);
    // Lake access goes through the lake's own grant policy: curated (input) read, artifacts read and write.
    const lakeGrants = JSON.stringify(Object.values(t.findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^GpusExecutionRole') }], Description: Match.stringLikeRegexp('^Grants of data lake') } }))[0]);
    expect(lakeGrants).toMatch(/LakeZonecuratedBucket/);
    expect(lakeGrants).toMatch(/LakeZoneartifactsBucket/);
    expect(lakeGrants).not.toMatch(/LakeZonerawBucket/);
  });

  test('the lifecycle scripts are written to the artifacts zone by a function of the cluster, in the VPC, allowed to put objects under the scripts prefix only', () => {
    const { template, gpus } = cluster();
    const t = template();
    const files = lifecycleFiles(t);
    expect(Object.keys(files).sort()).toEqual(['lifecycle_script.py', 'on_create.sh', 'provisioning_parameters.json']);
    expect(JSON.parse(files['provisioning_parameters.json'])).toEqual({
      version: '1.0.0', workload_manager: 'slurm', controller_group: 'controller', worker_groups: [{ instance_group_name: 'workers', partition_name: 'workers' }],
    });
    expect(files['on_create.sh']).toMatch(/^#!\/bin\/bash\n/);
    expect(files['on_create.sh']).toContain('python3 -u lifecycle_script.py --resource-config "$RESOURCE_CONFIG" --provisioning-parameters provisioning_parameters.json');
    expect(files['lifecycle_script.py']).toContain('"systemctl", "enable", "--now", "slurmctld"');
    t.hasResourceProperties('Custom::MlopsS3Files', { Prefix: `training/hyperpod/${gpus.clusterName}/`, Bucket: { Ref: Match.stringLikeRegexp('^LakeZoneartifactsBucket') } });
    t.hasResourceProperties('AWS::Lambda::Function', { VpcConfig: { SubnetIds: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'], SecurityGroupIds: Match.anyValue() }, LoggingConfig: Match.anyValue() });
    t.hasResourceProperties('AWS::Logs::LogGroup', { KmsKeyId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusKey'), 'Arn'] }, RetentionInDays: 365 });
    const writer = JSON.stringify(Object.values(t.findResources('AWS::IAM::ManagedPolicy', { Properties: { Description: Match.stringLikeRegexp('^Writes the files of') } }))[0]);
    expect(writer).toContain(`/training/hyperpod/${gpus.clusterName}/*`);
    expect(writer).toContain('"s3:PutObject"');
    expect(writer).not.toMatch(/s3:GetObject|s3:DeleteObject|s3:\*/);
  });

  test('worker groups: own accelerators and explicit instance types; deep health checks can be turned off', () => {
    const { template } = cluster({
      controllerInstanceType: 'ml.c5.2xlarge',
      workerGroups: [
        { name: 'big' },
        { name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 3 } },
        { name: 'l4-wide', accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 1 }, instanceType: 'ml.g6.8xlarge' },
      ],
      deepHealthChecks: false,
      nodeVolumeSize: Size.tebibytes(1),
    });
    const t = template();
    t.hasResourceProperties('AWS::SageMaker::Cluster', {
      InstanceGroups: [
        Match.objectLike({ InstanceGroupName: 'controller', InstanceType: 'ml.c5.2xlarge' }),
        Match.objectLike({ InstanceGroupName: 'big', InstanceType: 'ml.p5.48xlarge', InstanceCount: 4, OnStartDeepHealthChecks: Match.absent() }),
        Match.objectLike({ InstanceGroupName: 'l4', InstanceType: 'ml.g6.xlarge', InstanceCount: 3 }),
        Match.objectLike({ InstanceGroupName: 'l4-wide', InstanceType: 'ml.g6.8xlarge', InstanceCount: 1 }),
      ],
    });
    t.hasResourceProperties('AWS::SageMaker::Cluster', { InstanceGroups: Match.arrayWith([Match.objectLike({ InstanceStorageConfigs: Match.arrayWith([{ EbsVolumeConfig: Match.objectLike({ VolumeSizeInGB: 1024 }) }]) })]) });
    expect(JSON.parse(lifecycleFiles(t)['provisioning_parameters.json']).worker_groups.map((g: { partition_name: string }) => g.partition_name)).toEqual(['big', 'l4', 'l4-wide']);
  });

  test('addWorkerGroup adds a partition after the constructor: to the cluster, the scripts and workerGroups', () => {
    const { template, gpus } = cluster();
    const added = gpus.addWorkerGroup({ name: 'l4', accelerator: { gpu: GpuType.L4, gpusPerNode: 1, nodeCount: 2 } });
    expect(added).toEqual({ name: 'l4', instanceType: 'ml.g6.xlarge', instanceCount: 2 });
    expect(gpus.workerGroups).toEqual([{ name: 'workers', instanceType: 'ml.p5.48xlarge', instanceCount: 4 }, added]);
    const t = template();
    t.hasResourceProperties('AWS::SageMaker::Cluster', {
      InstanceGroups: [
        Match.objectLike({ InstanceGroupName: 'controller' }),
        Match.objectLike({ InstanceGroupName: 'workers', InstanceType: 'ml.p5.48xlarge' }),
        Match.objectLike({ InstanceGroupName: 'l4', InstanceType: 'ml.g6.xlarge', InstanceCount: 2, OnStartDeepHealthChecks: ['InstanceStress', 'InstanceConnectivity'] }),
      ],
    });
    expect(JSON.parse(lifecycleFiles(t)['provisioning_parameters.json']).worker_groups.map((g: { partition_name: string }) => g.partition_name)).toEqual(['workers', 'l4']);
  });

  test('an FSx for Lustre file system: encrypted, retained, linked to the curated zone, reachable on the Lustre ports, mounted by the scripts', () => {
    const { template } = cluster({ fileSystem: { storageCapacity: Size.gibibytes(2400), throughputPerTiB: 500 } });
    const t = template();
    t.hasResource('AWS::FSx::FileSystem', {
      Properties: Match.objectLike({
        FileSystemType: 'LUSTRE',
        StorageCapacity: 2400,
        KmsKeyId: { Ref: Match.stringLikeRegexp('^GpusKey') },
        LustreConfiguration: Match.objectLike({ DeploymentType: 'PERSISTENT_2', PerUnitStorageThroughput: 500 }),
        SubnetIds: ['subnet-0123456789abcdef0'],
      }),
      DeletionPolicy: 'Retain',
    });
    t.hasResourceProperties('AWS::FSx::DataRepositoryAssociation', {
      FileSystemPath: '/lake',
      DataRepositoryPath: { 'Fn::Join': ['', ['s3://', { Ref: Match.stringLikeRegexp('^LakeZonecuratedBucket') }, '/']] },
      S3: { AutoImportPolicy: { Events: ['NEW', 'CHANGED', 'DELETED'] }, AutoExportPolicy: Match.absent() },
    });
    for (const [from, to] of [[988, 988], [1018, 1023]]) {
      t.hasResourceProperties('AWS::EC2::SecurityGroupIngress', { IpProtocol: 'tcp', FromPort: from, ToPort: to, SourceSecurityGroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusSecurityGroup'), 'GroupId'] } });
      t.hasResourceProperties('AWS::EC2::SecurityGroupEgress', { IpProtocol: 'tcp', FromPort: from, ToPort: to, GroupId: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusSecurityGroup'), 'GroupId'] } });
    }
    const parameters = lifecycleFiles(t)['provisioning_parameters.json'];
    expect(parameters).toContain('"fsx_dns_name": "');
    expect(parameters).toContain('"fsx_mountname": "<Fn::GetAtt>"');
    // FSx reads the SSE-KMS lake through S3 with its service-linked role: the lake key lets it decrypt, nothing more.
    t.hasResourceProperties('AWS::KMS::Key', {
      Description: Match.stringLikeRegexp('^Data lake'),
      KeyPolicy: { Statement: Match.arrayWith([Match.objectLike({
        Sid: 'FsxLustreDataRepositoryImport',
        Action: ['kms:Decrypt', 'kms:DescribeKey'],
        Condition: Match.objectLike({ StringEquals: { 'kms:CallerAccount': '111111111111', 'kms:ViaService': 's3.us-east-1.amazonaws.com' } }),
      })]) },
    });
  });

  test('removalPolicy DESTROY reaches the key and the file system, with the app\'s opt-in only', () => {
    expect(build({ removalPolicy: RemovalPolicy.DESTROY })).toThrow(/\[TestStack\/Gpus\] invalid removalPolicy: "DESTROY"\. Allowed: .*allowDataDestruction/);
    const { template } = cluster({ removalPolicy: RemovalPolicy.DESTROY, fileSystem: {} }, newDestroyableStack(GPU_REGION));
    const t = template();
    t.hasResource('AWS::KMS::Key', { Properties: Match.objectLike({ Description: Match.stringLikeRegexp('^GPU training cluster') }), DeletionPolicy: 'Delete' });
    t.hasResource('AWS::FSx::FileSystem', { DeletionPolicy: 'Delete' });
    t.hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Delete' });
    cluster().template().hasResource('AWS::Logs::LogGroup', { DeletionPolicy: 'Retain' });
  });
});

describe('training job profile', () => {
  test('the default profile: catalog type, the lake\'s artifacts zone and key, private network, encrypted inter-container traffic, isolation', () => {
    const { gpus, stack } = cluster();
    expect(gpus.trainingAccelerator).toMatchObject({ instanceType: 'ml.p5.48xlarge', gpusPerNode: 8, nodeCount: 4, totalGpus: 32 });
    const artifacts = { Ref: expect.stringMatching(/^LakeZoneartifactsBucket/) };
    expect(stack.resolve(gpus.createTrainingJobRequest())).toEqual({
      RoleArn: { 'Fn::GetAtt': [expect.stringMatching(/^GpusTrainingRole/), 'Arn'] },
      VpcConfig: { SecurityGroupIds: [{ 'Fn::GetAtt': [expect.stringMatching(/^GpusSecurityGroup/), 'GroupId'] }], Subnets: ['subnet-0123456789abcdef0', 'subnet-0123456789abcdef1'] },
      ResourceConfig: { InstanceType: 'ml.p5.48xlarge', InstanceCount: 4, VolumeSizeInGB: 100 },
      OutputDataConfig: { S3OutputPath: { 'Fn::Join': ['', ['s3://', artifacts, '/training/output/']] }, KmsKeyId: { 'Fn::GetAtt': [expect.stringMatching(/^LakeKey/), 'Arn'] } },
      CheckpointConfig: { S3Uri: { 'Fn::Join': ['', ['s3://', artifacts, '/training/checkpoints/']] } },
      EnableManagedSpotTraining: false,
      StoppingCondition: { MaxRuntimeInSeconds: 86400 },
      EnableInterContainerTrafficEncryption: true,
      EnableNetworkIsolation: true,
    });
  });

  test('spot with the default wait (twice the runtime) or an explicit one; an explicit instance type; a prefix; no isolation', () => {
    const spot = cluster({ useSpotInstances: true, maxRuntime: Duration.hours(6) }).gpus.trainingJobProfile;
    expect(spot).toMatchObject({ useSpotInstances: true, maxRuntimeInSeconds: 21600, maxWaitTimeInSeconds: 43200 });
    const { gpus, stack } = cluster({
      accelerator: { gpu: GpuType.A10G, gpusPerNode: 1, nodeCount: 2 },
      trainingInstanceType: 'ml.g5.4xlarge',
      useSpotInstances: true,
      maxRuntime: Duration.hours(2),
      maxWait: Duration.hours(3),
      artifactsPrefix: 'teams/vision/',
      networkIsolation: false,
      trainingVolumeSize: Size.gibibytes(50),
    });
    expect(stack.resolve(gpus.createTrainingJobRequest())).toMatchObject({
      ResourceConfig: { InstanceType: 'ml.g5.4xlarge', InstanceCount: 2, VolumeSizeInGB: 50 },
      StoppingCondition: { MaxRuntimeInSeconds: 7200, MaxWaitTimeInSeconds: 10800 },
      EnableManagedSpotTraining: true,
      EnableNetworkIsolation: false,
      CheckpointConfig: { S3Uri: { 'Fn::Join': ['', ['s3://', expect.anything(), '/teams/vision/checkpoints/']] } },
    });
  });

  test('hyperPod: false creates the profile alone: no cluster, no scripts, no node role', () => {
    const { template, gpus } = cluster({ hyperPod: false, accelerator: { gpu: GpuType.T4, gpusPerNode: 4 } });
    const t = template();
    t.resourceCountIs('AWS::SageMaker::Cluster', 0);
    t.resourceCountIs('AWS::Lambda::Function', 0);
    t.resourceCountIs('Custom::MlopsS3Files', 0);
    expect([gpus.cluster, gpus.executionRole, gpus.clusterName, gpus.lifecycleScriptsUri]).toEqual([undefined, undefined, undefined, undefined]);
    expect(gpus.trainingJobProfile.instanceType).toBe('ml.g4dn.12xlarge');
  });

  test('the training role reads the input zones and the artifacts, writes the artifacts, pulls the given images', () => {
    const { template } = cluster({ inputZones: ['raw', 'curated'] }, undefined);
    const lakeGrants = JSON.stringify(Object.values(template().findResources('AWS::IAM::ManagedPolicy', { Properties: { Roles: [{ Ref: Match.stringLikeRegexp('^GpusTrainingRole') }], Description: Match.stringLikeRegexp('^Grants of data lake') } }))[0]);
    expect(lakeGrants).toMatch(/LakeZonerawBucket/);
    const stack = newStack({}, GPU_REGION);
    const s = setup(stack);
    new GpuTrainingCluster(stack, 'Gpus', { lake: s.lake, vpc: s.vpc, accelerator: H100_X8_X4, hyperPod: false, imageRepositories: [ecr.Repository.fromRepositoryName(stack, 'Repo', 'acme/trainer')] });
    Template.fromStack(stack).hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Description: Match.stringLikeRegexp('^Permissions of SageMaker training jobs'),
      PolicyDocument: { Statement: Match.arrayWith([
        Match.objectLike({ Action: ['ecr:BatchCheckLayerAvailability', 'ecr:GetDownloadUrlForLayer', 'ecr:BatchGetImage'], Resource: Match.anyValue() }),
        Match.objectLike({ Action: 'ecr:GetAuthorizationToken', Resource: '*' }),
      ]) },
    });
  });

  test('grantLaunchTrainingJobs: training job actions and PassRole of the training role to SageMaker only, in a policy of the cluster', () => {
    const { gpus, stack, template } = cluster({ hyperPod: false });
    const pipeline = new iam.Role(stack, 'Pipeline', { assumedBy: new iam.ServicePrincipal('sagemaker.amazonaws.com') });
    gpus.grantLaunchTrainingJobs(pipeline);
    const t = template();
    t.hasResourceProperties('AWS::IAM::ManagedPolicy', {
      Roles: [{ Ref: Match.stringLikeRegexp('^Pipeline') }],
      PolicyDocument: { Statement: [
        Match.objectLike({ Action: ['sagemaker:CreateTrainingJob', 'sagemaker:DescribeTrainingJob', 'sagemaker:StopTrainingJob', 'sagemaker:AddTags'], Resource: { 'Fn::Join': ['', ['arn:', { Ref: 'AWS::Partition' }, ':sagemaker:us-east-1:111111111111:training-job/*']] } }),
        Match.objectLike({ Action: 'iam:PassRole', Resource: { 'Fn::GetAtt': [Match.stringLikeRegexp('^GpusTrainingRole'), 'Arn'] }, Condition: { StringEquals: { 'iam:PassedToService': 'sagemaker.amazonaws.com' } } }),
      ] },
    });
    t.resourceCountIs('AWS::IAM::Policy', 0);
  });
});

describe('bad input', () => {
  test('a GPU count no SageMaker type carries lists the counts of that GPU', () => {
    expect(build({ accelerator: { gpu: GpuType.H100, gpusPerNode: 4 } }))
      .toThrow('[TestStack/Gpus] invalid accelerator.gpusPerNode: 4. Allowed: H100 on sagemaker: 8 GPUs per node (ml.p5.48xlarge).');
  });

  test('a GPU count beyond the largest node does not fit a node', () => {
    expect(build({ accelerator: { gpu: GpuType.A10G, gpusPerNode: 16 } }))
      .toThrow(/invalid accelerator\.gpusPerNode: 16\. Allowed: A10G on sagemaker: 1 GPU per node \(ml\.g5\.xlarge.*8 GPUs per node \(ml\.g5\.48xlarge\)/);
  });

  test('a node count below 1 or not whole', () => {
    expect(build({ accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 0 } })).toThrow(/invalid accelerator\.nodeCount: 0\. Allowed: a positive integer/);
    expect(build({ accelerator: { gpu: GpuType.H100, gpusPerNode: 8, nodeCount: 1.5 } })).toThrow(/invalid accelerator\.nodeCount: 1\.5/);
  });

  test('an unknown GPU name', () => {
    expect(build({ accelerator: { gpu: GpuType.of('V100'), gpusPerNode: 8 } })).toThrow(/invalid accelerator\.gpu: "V100"\. Allowed: one of T4, A10G/);
  });

  test('a GPU count chosen by a token cannot choose an instance type', () => {
    expect(build({ accelerator: { gpu: GpuType.H100, gpusPerNode: Token.asNumber({ Ref: 'Gpus' }) } }))
      .toThrow(/invalid accelerator\.gpusPerNode: \(a token\)\. Allowed: a number known at synth time/);
  });

  test('a GPU HyperPod has no type for (T4: ml.g4dn is for training jobs only) lists what HyperPod offers', () => {
    expect(build({ accelerator: { gpu: GpuType.T4, gpusPerNode: 1 } }))
      .toThrow(/invalid accelerator\.gpu: "T4"\. Allowed: a GPU type and count that a HyperPod instance type carries: .*H100 × 8 \(ml\.p5\.48xlarge\)/);
    expect(build({ workerGroups: [{ name: 'x', accelerator: { gpu: GpuType.T4, gpusPerNode: 4 } }] })).toThrow(/invalid workerGroups\[0\]\.accelerator\.gpu: "T4"/);
    expect(cluster({ accelerator: { gpu: GpuType.T4, gpusPerNode: 1 }, hyperPod: false }).gpus.trainingJobProfile.instanceType).toBe('ml.g4dn.xlarge');
  });

  test('HyperPod groups with unknown instance types', () => {
    expect(build({ workerGroups: [{ name: 'w', instanceType: 'ml.g4dn.12xlarge', accelerator: { gpu: GpuType.A10G, gpusPerNode: 4 } }] }))
      .toThrow(/invalid workerGroups\[0\]\.instanceType: "ml\.g4dn\.12xlarge"\. Allowed: a HyperPod GPU instance type: A10G × 1 \(ml\.g5\.xlarge/);
    expect(build({ workerGroups: [{ name: 'w', instanceType: 'ml.g5.48xlarge' }] }))
      .toThrow('invalid workerGroups[0].instanceType: "ml.g5.48xlarge". Allowed: a HyperPod instance type carrying 8 × H100: ml.p5.48xlarge.');
    expect(build({ controllerInstanceType: 'ml.m7i.xlarge' })).toThrow(/invalid controllerInstanceType: "ml\.m7i\.xlarge"\. Allowed: a HyperPod CPU instance type: ml\.t3\.medium/);
    expect(build({ controllerInstanceType: 'ml.p5.48xlarge' })).toThrow(/invalid controllerInstanceType: "ml\.p5\.48xlarge"/);
  });

  test('a training instance type that is not a catalog GPU type carrying the request', () => {
    expect(build({ trainingInstanceType: 'ml.m5.xlarge' })).toThrow('invalid trainingInstanceType: "ml.m5.xlarge". Allowed: a type on sagemaker carrying 8 × H100: ml.p5.48xlarge.');
    expect(build({ accelerator: { gpu: GpuType.A10G, gpusPerNode: 1 }, trainingInstanceType: 'ml.g5.12xlarge' })).toThrow(/invalid trainingInstanceType: "ml\.g5\.12xlarge"\. Allowed: .*carrying 1 × A10G: ml\.g5\.xlarge, ml\.g5\.2xlarge/);
  });

  test.each([
    ['my_cluster'], ['-starts-with-hyphen'], ['ends-with-hyphen-'], ['a'.repeat(64)],
  ])('cluster name %p breaks the HyperPod naming rule', (clusterName) => {
    expect(build({ clusterName })).toThrow(/invalid clusterName: .*Allowed: 1 to 63 letters, digits and hyphens, starting and ending with a letter or digit/);
  });

  test('a cluster name of 63 characters is fine', () => {
    expect(cluster({ clusterName: `A${'b-c'.repeat(20)}Z1` }).gpus.clusterName).toHaveLength(63);
  });

  test('group names: the naming rule, unique, not the controller\'s, at least one group', () => {
    expect(build({ workerGroups: [{ name: 'gpu_workers' }] })).toThrow(/invalid workerGroups\[0\]\.name: "gpu_workers"\. Allowed: 1 to 63 letters/);
    expect(build({ workerGroups: [{ name: 'a' }, { name: 'a' }] })).toThrow(/invalid workerGroups\[1\]\.name: "a"\. Allowed: a group name not yet used in the cluster \(controller, a\)/);
    expect(build({ workerGroups: [{ name: 'controller' }] })).toThrow(/invalid workerGroups\[0\]\.name: "controller"/);
    expect(build({ workerGroups: [] })).toThrow(/invalid workerGroups: \[\]\. Allowed: at least one worker group/);
  });

  test('addWorkerGroup: the same rules, under its own name, and only with HyperPod', () => {
    expect(() => cluster().gpus.addWorkerGroup({ name: 'workers' })).toThrow(/invalid addWorkerGroup\.name: "workers"\. Allowed: a group name not yet used in the cluster \(controller, workers\)/);
    expect(() => cluster().gpus.addWorkerGroup({ name: 'w', accelerator: { gpu: GpuType.T4, gpusPerNode: 4 } })).toThrow(/invalid addWorkerGroup\.accelerator\.gpu: "T4"/);
    expect(() => cluster({ hyperPod: false }).gpus.addWorkerGroup({ name: 'w' })).toThrow(/invalid addWorkerGroup: "w"\. Allowed: a cluster with hyperPod: true/);
  });

  test('runtime and wait: 1 s to 28 days, whole seconds, wait only with spot and at least the runtime', () => {
    expect(build({ maxRuntime: Duration.days(29) })).toThrow(/invalid maxRuntime: "29 days"\. Allowed: from 1 second to 28 days/);
    expect(build({ maxRuntime: Duration.millis(1500) })).toThrow(/invalid maxRuntime: "1 second 500 millis"\. Allowed: a whole number of seconds/);
    expect(build({ maxWait: Duration.days(2) })).toThrow(/invalid maxWait: "2 days"\. Allowed: a maximum wait only with useSpotInstances: true/);
    expect(build({ useSpotInstances: true, maxRuntime: Duration.hours(4), maxWait: Duration.hours(3) })).toThrow(/invalid maxWait: "3 hours"\. Allowed: at least maxRuntime \(4 hours\)/);
    expect(cluster({ maxRuntime: Duration.days(28) }).gpus.trainingJobProfile.maxRuntimeInSeconds).toBe(2419200);
  });

  test('file system: only with HyperPod, PERSISTENT_2 capacities and throughputs, a zone of the lake', () => {
    expect(build({ hyperPod: false, fileSystem: {} })).toThrow(/invalid fileSystem: "given with hyperPod: false"\. Allowed: a file system only with hyperPod: true/);
    expect(build({ fileSystem: { storageCapacity: Size.gibibytes(1000) } })).toThrow(/invalid fileSystem\.storageCapacity: "1000 GiB"\. Allowed: 1,200 GiB, 2,400 GiB or a multiple of 2,400 GiB/);
    expect(build({ fileSystem: { storageCapacity: Size.gibibytes(3600) } })).toThrow(/fileSystem\.storageCapacity: "3600 GiB"/);
    expect(build({ fileSystem: { throughputPerTiB: 200 } })).toThrow(/invalid fileSystem\.throughputPerTiB: 200\. Allowed: one of 125, 250, 500, 1000/);
    expect(build({ fileSystem: { lakeZone: 'gold' } })).toThrow(/invalid fileSystem\.lakeZone: "gold"\. Allowed: a zone of the lake: raw, curated, artifacts/);
  });

  test('zones, prefixes and sizes', () => {
    expect(build({ inputZones: ['curated', 'silver'] })).toThrow(/invalid inputZones\[1\]: "silver"\. Allowed: a zone of the lake: raw, curated, artifacts/);
    for (const artifactsPrefix of ['training', '/training/', 'a//b/', 'x*/']) {
      expect(build({ artifactsPrefix })).toThrow(/invalid artifactsPrefix: .*Allowed: a key prefix of one or more segments/);
    }
    expect(build({ nodeVolumeSize: Size.mebibytes(1536) })).toThrow(/invalid nodeVolumeSize: "1\.5 GiB"\. Allowed: a whole number of GiB, at least 1/);
    expect(build({ trainingVolumeSize: Size.gibibytes(0) })).toThrow(/invalid trainingVolumeSize: "0 GiB"/);
  });
});
