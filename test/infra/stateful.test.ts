import { Match, Template } from 'aws-cdk-lib/assertions';
import { StatefulStack } from '../../lib/stacks/stateful-stack';
import { tableDefinition } from '../../shared/platform/db/table-definition';
import { newApp, synthesize } from './fixture';

const webOrigins = ['https://app.example.com'];

function statefulTemplate(props: Partial<ConstructorParameters<typeof StatefulStack>[2]> = {}): Template {
  const app = newApp();
  return Template.fromStack(new StatefulStack(app, 'Stateful', { webOrigins, ...props }));
}

describe('stateful stack', () => {
  const template = statefulTemplate();

  describe('table', () => {
    it('declares every index the ElectroDB entities use, with the same key fields and ALL projection', () => {
      const { partitionKey, sortKey, globalSecondaryIndexes } = tableDefinition();

      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        KeySchema: [
          { AttributeName: partitionKey, KeyType: 'HASH' },
          { AttributeName: sortKey, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: globalSecondaryIndexes.map((gsi) => ({
          IndexName: gsi.indexName,
          KeySchema: [
            { AttributeName: gsi.partitionKey, KeyType: 'HASH' },
            { AttributeName: gsi.sortKey, KeyType: 'RANGE' },
          ],
          Projection: { ProjectionType: 'ALL' },
        })),
      });
    });

    it('builds indexes from a given definition (a new access pattern needs no CDK change)', () => {
      const custom = statefulTemplate({
        tableDefinition: {
          partitionKey: 'pk',
          sortKey: 'sk',
          ttlAttribute: 'expiresAt',
          globalSecondaryIndexes: [
            { indexName: 'byStatusExpiry', partitionKey: 'gsi9pk', sortKey: 'gsi9sk' },
          ],
        },
      });

      custom.hasResourceProperties('AWS::DynamoDB::GlobalTable', {
        GlobalSecondaryIndexes: [Match.objectLike({ IndexName: 'byStatusExpiry' })],
        TimeToLiveSpecification: { AttributeName: 'expiresAt', Enabled: true },
      });
    });

    it('is on-demand, encrypted with the AWS managed key, recoverable and retained', () => {
      template.hasResource('AWS::DynamoDB::GlobalTable', {
        DeletionPolicy: 'Retain',
        Properties: Match.objectLike({
          BillingMode: 'PAY_PER_REQUEST',
          SSESpecification: { SSEEnabled: true, SSEType: 'KMS' },
          TimeToLiveSpecification: { AttributeName: tableDefinition().ttlAttribute, Enabled: true },
          Replicas: [
            Match.objectLike({ PointInTimeRecoverySpecification: { PointInTimeRecoveryEnabled: true } }),
          ],
        }),
      });
    });

    it('has no physical name', () => {
      template.hasResourceProperties('AWS::DynamoDB::GlobalTable', { TableName: Match.absent() });
    });
  });

  describe('user pool', () => {
    it('signs in with a case-insensitive email, allows no self sign-up (admin create only) and enforces the contract password policy', () => {
      template.hasResourceProperties('AWS::Cognito::UserPool', {
        UsernameAttributes: ['email'],
        UsernameConfiguration: { CaseSensitive: false },
        AdminCreateUserConfig: { AllowAdminCreateUserOnly: true },
        Policies: {
          PasswordPolicy: Match.objectLike({
            MinimumLength: 10,
            RequireUppercase: true,
            RequireLowercase: true,
            RequireNumbers: true,
            RequireSymbols: false,
          }),
        },
        AccountRecoverySetting: { RecoveryMechanisms: [{ Name: 'verified_email', Priority: 1 }] },
        UserPoolName: Match.absent(),
      });
    });

    it('has one public app client with the admin-only password flow and refresh-token auth, 1 h access tokens and revocation', () => {
      template.resourceCountIs('AWS::Cognito::UserPoolClient', 1);
      template.hasResourceProperties('AWS::Cognito::UserPoolClient', {
        ExplicitAuthFlows: Match.arrayEquals(['ALLOW_ADMIN_USER_PASSWORD_AUTH', 'ALLOW_REFRESH_TOKEN_AUTH']),
        GenerateSecret: false,
        AccessTokenValidity: 60,
        TokenValidityUnits: Match.objectLike({ AccessToken: 'minutes' }),
        EnableTokenRevocation: true,
      });
    });

    it('turns threat protection on with the Plus plan when asked', () => {
      statefulTemplate({ threatProtection: true }).hasResourceProperties('AWS::Cognito::UserPool', {
        UserPoolTier: 'PLUS',
        UserPoolAddOns: { AdvancedSecurityMode: 'ENFORCED' },
      });
    });
  });

  describe('bucket', () => {
    const dataBucket = () => {
      const buckets = template.findResources('AWS::S3::Bucket', {
        Properties: { VersioningConfiguration: { Status: 'Enabled' } },
      });
      const [id] = Object.keys(buckets);
      return id!;
    };

    it('is encrypted, versioned, private and logs access to the log bucket', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        BucketEncryption: {
          ServerSideEncryptionConfiguration: [{ ServerSideEncryptionByDefault: { SSEAlgorithm: 'AES256' } }],
        },
        PublicAccessBlockConfiguration: {
          BlockPublicAcls: true,
          BlockPublicPolicy: true,
          IgnorePublicAcls: true,
          RestrictPublicBuckets: true,
        },
        VersioningConfiguration: { Status: 'Enabled' },
        LoggingConfiguration: { DestinationBucketName: { Ref: Match.anyValue() } },
        BucketName: Match.absent(),
      });
    });

    it('refuses requests without TLS', () => {
      template.hasResourceProperties('AWS::S3::BucketPolicy', {
        Bucket: { Ref: dataBucket() },
        PolicyDocument: {
          Statement: Match.arrayWith([
            Match.objectLike({
              Effect: 'Deny',
              Action: 's3:*',
              Condition: { Bool: { 'aws:SecureTransport': 'false' } },
            }),
          ]),
        },
      });
    });

    it('lets the web origin POST uploads and GET downloads, and expires exports', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        CorsConfiguration: {
          CorsRules: [
            Match.objectLike({
              AllowedOrigins: webOrigins,
              AllowedMethods: Match.arrayWith(['POST', 'GET']),
            }),
          ],
        },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([Match.objectLike({ Prefix: 'exports/', ExpirationInDays: 7 })]),
        },
      });
    });

    it('expires uploads tagged pending (never bound to a message) after a day', () => {
      template.hasResourceProperties('AWS::S3::Bucket', {
        VersioningConfiguration: { Status: 'Enabled' },
        LifecycleConfiguration: {
          Rules: Match.arrayWith([
            {
              Id: 'expire-unbound-attachments',
              Status: 'Enabled',
              TagFilters: [{ Key: 'attachment', Value: 'pending' }],
              ExpirationInDays: 1,
            },
          ]),
        },
      });
    });
  });
});

describe('table protection by stage', () => {
  it.each([
    ['dev', false],
    ['prod', true],
    ['staging', true],
  ] as const)('stage %s: RETAIN, deletion protection %s', (stage, protectedTable) => {
    const { statefulTemplate } = synthesize({ stage });
    const tables = Object.values(statefulTemplate.findResources('AWS::DynamoDB::GlobalTable')) as {
      Properties: { Replicas: { DeletionProtectionEnabled?: boolean }[] };
    }[];
    expect(tables).toHaveLength(1);
    expect(tables[0]).toMatchObject({ DeletionPolicy: 'Retain', UpdateReplacePolicy: 'Retain' });
    const replicas = (tables[0]!.Properties as { Replicas: { DeletionProtectionEnabled?: boolean }[] })
      .Replicas;
    for (const replica of replicas) expect(replica.DeletionProtectionEnabled ?? false).toBe(protectedTable);
  });
});
