import { Match } from 'aws-cdk-lib/assertions';
import { PERMISSIONS, permissionsFor } from '../../lib/permissions';
import { synthesize } from './fixture';

describe('least privilege', () => {
  const { stateless, templateOf, logicalIdOf } = synthesize();
  const fnOf = (handlerModule: string) => stateless.functions.forModule(handlerModule);
  const roleId = (handlerModule: string) => logicalIdOf(fnOf(handlerModule).role!);
  const statementsOf = (handlerModule: string) =>
    Object.values(
      templateOf(fnOf(handlerModule)).findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: roleId(handlerModule) }] },
      }),
    ).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties
          .PolicyDocument.Statement,
    );
  const dynamoWrite = Match.arrayWith([Match.objectLike({ Action: Match.arrayWith(['dynamodb:PutItem']) })]);

  it('gives a read-only handler (GET /v1/me) table reads and no writes', () => {
    expect(permissionsFor('accounts/get-me').table).toBe('read');
    const template = templateOf(fnOf('accounts/get-me'));
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId('accounts/get-me') }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({ Action: Match.arrayWith(['dynamodb:GetItem', 'dynamodb:Query']) }),
        ]),
      },
    });
    template.hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId('accounts/get-me') }],
      PolicyDocument: { Statement: Match.not(dynamoWrite) },
    });
  });

  it('gives a writing handler (PATCH /v1/me) table writes', () => {
    templateOf(fnOf('accounts/patch-me')).hasResourceProperties('AWS::IAM::Policy', {
      Roles: [{ Ref: roleId('accounts/patch-me') }],
      PolicyDocument: { Statement: dynamoWrite },
    });
  });

  it('keeps the authorizers read-only', () => {
    for (const authorizer of ['auth/authorizer', 'auth/ws-authorizer']) {
      templateOf(fnOf(authorizer)).hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: roleId(authorizer) }],
        PolicyDocument: { Statement: Match.not(dynamoWrite) },
      });
    }
  });

  it('grants Cognito admin actions only to the handlers that list them', () => {
    for (const fn of stateless.functions.all()) {
      const actions = PERMISSIONS[fn.handlerModule]?.cognito ?? [];
      const granted = statementsOf(fn.handlerModule)
        .filter((s) => JSON.stringify(s.Action).includes('cognito-idp:'))
        .flatMap((s) => [s.Action].flat() as string[]);
      expect({ handler: fn.handlerModule, granted: granted.sort() }).toEqual({
        handler: fn.handlerModule,
        granted: actions.map((a) => `cognito-idp:${a}`).sort(),
      });
    }
  });

  it('gives the pool ids only to handlers that use Cognito', () => {
    for (const fn of stateless.functions.all()) {
      const usesCognito = PERMISSIONS[fn.handlerModule]?.cognito !== undefined;
      const ids = Match.objectLike({ USER_POOL_ID: Match.anyValue(), USER_POOL_CLIENT_ID: Match.anyValue() });
      templateOf(fn).hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [roleId(fn.handlerModule), 'Arn'] },
        Environment: { Variables: usesCognito ? ids : Match.not(ids) },
      });
    }
  });

  it('lets only email-sending handlers call SES, pinned to the sender address', () => {
    for (const fn of stateless.functions.all()) {
      const ses = statementsOf(fn.handlerModule).filter((s) => JSON.stringify(s.Action).includes('ses:'));
      const expected = PERMISSIONS[fn.handlerModule]?.sesSend
        ? [
            expect.objectContaining({
              Effect: 'Allow',
              Action: ['ses:SendEmail', 'ses:SendRawEmail'],
              Condition: { StringEquals: { 'ses:FromAddress': 'no-reply@smsproj.local' } },
            }),
          ]
        : [];
      expect({ handler: fn.handlerModule, ses }).toEqual({ handler: fn.handlerModule, ses: expected });
    }
  });

  it('lets only the SMS worker publish SMS, and never to a topic', () => {
    for (const fn of stateless.functions.all()) {
      const sns = statementsOf(fn.handlerModule).filter((s) =>
        JSON.stringify(s.Action).includes('sns:Publish'),
      );
      if (!PERMISSIONS[fn.handlerModule]?.smsPublish) {
        expect({ handler: fn.handlerModule, sns }).toEqual({ handler: fn.handlerModule, sns: [] });
        continue;
      }
      const allow = sns.filter((s) => s.Effect === 'Allow');
      const deny = sns.filter((s) => s.Effect === 'Deny');
      expect(allow.map((s) => s.Resource)).toEqual(['*']);
      expect(deny).toEqual([expect.objectContaining({ Action: 'sns:Publish', Resource: expect.anything() })]);
      expect(JSON.stringify(deny[0]!.Resource)).toContain(':sns:*:*:*');
    }
  });

  it('gives API-key managing handlers the usage plan names and the API Gateway key permissions, and no one else', () => {
    const names = JSON.stringify({
      free: `${stateless.stackName}-free`,
      pro: `${stateless.stackName}-pro`,
      business: `${stateless.stackName}-business`,
    });
    const all = stateless.functions.all();
    const keyAdmins = all.filter((f) => PERMISSIONS[f.handlerModule]?.apiKeys);
    expect(keyAdmins.map((f) => f.handlerModule)).toContain('accounts/create-api-key');
    for (const fn of keyAdmins) {
      templateOf(fn).hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [roleId(fn.handlerModule), 'Arn'] },
        Environment: { Variables: Match.objectLike({ USAGE_PLAN_NAMES: names }) },
      });
      const actions = statementsOf(fn.handlerModule).flatMap((s) => [s.Action].flat());
      expect(actions).toEqual(
        expect.arrayContaining(['apigateway:POST', 'apigateway:DELETE', 'apigateway:GET']),
      );
    }
    for (const fn of all.filter((f) => !keyAdmins.includes(f))) {
      expect({
        handler: fn.handlerModule,
        policy: JSON.stringify(statementsOf(fn.handlerModule)),
      }).not.toEqual({
        handler: fn.handlerModule,
        policy: expect.stringContaining('apigateway:'),
      });
    }
  });

  it('logs each function to its own one-month log group, without AWSLambdaBasicExecutionRole', () => {
    for (const fn of stateless.functions.all()) {
      const template = templateOf(fn);
      template.hasResourceProperties('AWS::Logs::LogGroup', { RetentionInDays: 30 });
      expect(JSON.stringify(template.findResources('AWS::IAM::Role'))).not.toContain(
        'AWSLambdaBasicExecutionRole',
      );
    }
  });
});
