import { Stack, StackProps, SecretValue, Duration } from 'aws-cdk-lib';
import * as rds from 'aws-cdk-lib/aws-rds';
import * as lambda from 'aws-cdk-lib/aws-lambda';
import * as secretsmanager from 'aws-cdk-lib/aws-secretsmanager';
import { Construct } from 'constructs';

export class FleetStack extends Stack {
  constructor(scope: Construct, id: string, props?: StackProps) {
    super(scope, id, props);

    const dbSecret = secretsmanager.Secret.fromSecretNameV2(this, 'DbSecret', 'prod/fleet/db');

    new rds.DatabaseInstance(this, 'Reporting', {
      engine: rds.DatabaseInstanceEngine.postgres({ version: rds.PostgresEngineVersion.VER_16 }),
      credentials: rds.Credentials.fromPassword('reporting', SecretValue.unsafePlainText('vHVm_6kn8VbBSd31mL4j')),
      vpc: props?.env ? undefined : undefined,
    } as any);

    new lambda.Function(this, 'NtripHealth', {
      runtime: lambda.Runtime.NODEJS_20_X,
      handler: 'index.handler',
      code: lambda.Code.fromAsset('lambda/ntrip-health'),
      timeout: Duration.seconds(20),
      environment: {
        CASTER_USER: 'health-probe',
        CASTER_PASSWORD: 'eKBoC0dxNyFtdv',
        DB_SECRET_ARN: dbSecret.secretArn,
      },
    });
  }
}
