/**
 * What the level-2 and level-3 delivery pipelines deploy to staging and production: the team's
 * application around the platform. Here, the identity of the service that calls the churn
 * endpoint: a role that may invoke that endpoint only (by name, in the stage's account and
 * region). Replace the stack's contents with your application; keep one stack per stage.
 */
import { Aws, Stack, Stage, StageProps } from 'aws-cdk-lib';
import * as iam from 'aws-cdk-lib/aws-iam';
import { Construct } from 'constructs';

/** Properties of an {@link ApplicationStage}. */
export interface ApplicationStageProps extends StageProps {
  /** The name of the endpoint the application calls. */
  readonly endpointName: string;
  /** The application stack's name (unique per account and region). */
  readonly stackName: string;
}

/** A stage holding the application stack. */
export class ApplicationStage extends Stage {
  /** The application's stack. */
  public readonly application: Stack;

  constructor(scope: Construct, id: string, props: ApplicationStageProps) {
    super(scope, id, props);
    this.application = new Stack(this, 'Application', { stackName: props.stackName });
    const invoke = new iam.ManagedPolicy(this.application, 'InvokeEndpoint', {
      description: `Invoke the churn endpoint ${props.endpointName}`,
      statements: [new iam.PolicyStatement({
        actions: ['sagemaker:InvokeEndpoint'],
        resources: [`arn:${Aws.PARTITION}:sagemaker:${Aws.REGION}:${Aws.ACCOUNT_ID}:endpoint/${props.endpointName.toLowerCase()}`],
      })],
    });
    new iam.Role(this.application, 'ClientRole', { assumedBy: new iam.ServicePrincipal('lambda.amazonaws.com'), managedPolicies: [invoke], description: 'The application\'s identity when it calls the churn endpoint' });
  }
}
