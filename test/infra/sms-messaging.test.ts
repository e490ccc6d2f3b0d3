import { Match } from 'aws-cdk-lib/assertions';
import { PERMISSIONS } from '../../lib/permissions';
import { synthesize } from './fixture';

describe('SMS on End User Messaging v2', () => {
  const synth = synthesize();
  const { stateless, statelessTemplate, templateOf, logicalIdOf } = synth;
  const fnOf = (handlerModule: string) => stateless.functions.forModule(handlerModule);
  const statementsOf = (handlerModule: string) =>
    Object.values(
      templateOf(fnOf(handlerModule)).findResources('AWS::IAM::Policy', {
        Properties: { Roles: [{ Ref: logicalIdOf(fnOf(handlerModule).role!) }] },
      }),
    ).flatMap(
      (p) =>
        (p as { Properties: { PolicyDocument: { Statement: Array<Record<string, unknown>> } } }).Properties
          .PolicyDocument.Statement,
    );
  const carrier = stateless.smsCarrier;

  it('creates a configuration set whose event destination sends every SMS event to the events topic', () => {
    statelessTemplate.hasResourceProperties('AWS::SMSVOICE::ConfigurationSet', {
      ProtectConfigurationId: {
        'Fn::GetAtt': [logicalIdOf(carrier.protectConfiguration), 'ProtectConfigurationId'],
      },
      EventDestinations: [
        {
          EventDestinationName: 'delivery-receipts',
          Enabled: true,
          MatchingEventTypes: ['TEXT_ALL'],
          SnsDestination: { TopicArn: { Ref: logicalIdOf(carrier.eventsTopic) } },
        },
      ],
    });
  });

  it('lets End User Messaging (this account only) publish to the events topic, which invokes sms/receipts', () => {
    statelessTemplate.hasResourceProperties('AWS::SNS::TopicPolicy', {
      Topics: [{ Ref: logicalIdOf(carrier.eventsTopic) }],
      PolicyDocument: {
        Statement: Match.arrayWith([
          Match.objectLike({
            Effect: 'Allow',
            Action: 'sns:Publish',
            Principal: { Service: 'sms-voice.amazonaws.com' },
            Condition: { StringEquals: { 'aws:SourceAccount': { Ref: 'AWS::AccountId' } } },
          }),
        ]),
      },
    });
    const receipts = fnOf('sms/receipts');
    templateOf(receipts).hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      Endpoint: { 'Fn::GetAtt': [logicalIdOf(receipts), 'Arn'] },
    });
    templateOf(receipts).hasResourceProperties('AWS::Lambda::Permission', {
      Action: 'lambda:InvokeFunction',
      Principal: 'sns.amazonaws.com',
      FunctionName: { 'Fn::GetAtt': [logicalIdOf(receipts), 'Arn'] },
    });
  });

  it('has a protect configuration that allows only the allowed countries and blocks every other', () => {
    const configs = statelessTemplate.findResources('AWS::SMSVOICE::ProtectConfiguration');
    const [config] = Object.values(configs) as Array<{
      Properties: { CountryRuleSet: { SMS: Array<{ CountryCode: string; ProtectStatus: string }> } };
    }>;
    const rules = config!.Properties.CountryRuleSet.SMS;
    const allowed = rules.filter((r) => r.ProtectStatus === 'ALLOW').map((r) => r.CountryCode);
    expect(allowed.sort()).toEqual(['CA', 'DE', 'FR', 'GB', 'US']);
    expect(rules.filter((r) => r.ProtectStatus === 'BLOCK').map((r) => r.CountryCode)).toEqual(
      expect.arrayContaining(['JP', 'NG', 'RU', 'CN', 'BR']),
    );
    expect(rules.every((r) => ['ALLOW', 'BLOCK'].includes(r.ProtectStatus))).toBe(true);
  });

  it('follows the deployment allowlist (context smsAllowedCountries)', () => {
    const custom = synthesize({ stateless: { sms: { allowedCountries: ['US', 'MX'] } } });
    const [config] = Object.values(
      custom.statelessTemplate.findResources('AWS::SMSVOICE::ProtectConfiguration'),
    ) as Array<{
      Properties: { CountryRuleSet: { SMS: Array<{ CountryCode: string; ProtectStatus: string }> } };
    }>;
    const allowed = config!.Properties.CountryRuleSet.SMS.filter((r) => r.ProtectStatus === 'ALLOW');
    expect(allowed.map((r) => r.CountryCode).sort()).toEqual(['MX', 'US']);
    custom
      .templateOf(custom.stateless.functions.forModule('sms/send-sms'))
      .hasResourceProperties('AWS::Lambda::Function', {
        Environment: { Variables: Match.objectLike({ SMS_ALLOWED_COUNTRIES: 'US,MX' }) },
      });
  });

  it('gives the send worker SendTextMessage only, on this account’s numbers and the configuration set', () => {
    const worker = fnOf('sms/send-worker');
    const smsVoice = statementsOf('sms/send-worker').filter((s) =>
      JSON.stringify(s.Action).includes('sms-voice'),
    );
    expect(smsVoice).toHaveLength(1);
    expect(smsVoice[0]).toMatchObject({ Effect: 'Allow', Action: 'sms-voice:SendTextMessage' });
    const resources = JSON.stringify(smsVoice[0]!.Resource);
    expect(resources).toContain(':sms-voice:');
    expect(resources).toContain('phone-number/*');
    expect(resources).toContain('AWS::AccountId');
    expect(resources).not.toContain('"*"');
    templateOf(worker).hasResourceProperties('AWS::Lambda::Function', {
      Environment: {
        Variables: Match.objectLike({ SMS_CARRIER: 'eum', SMS_CONFIGURATION_SET: Match.anyValue() }),
      },
    });
  });

  it('gives RequestPhoneNumber/UpdatePhoneNumber/ReleasePhoneNumber only to purchase and renewal, and sms-voice to no one else', () => {
    const provisioners = ['numbers/purchase-number', 'numbers/renew-numbers'];
    for (const module of provisioners) {
      const actions = statementsOf(module).flatMap((s) => [s.Action].flat());
      expect(actions).toEqual(
        expect.arrayContaining(['sms-voice:RequestPhoneNumber', 'sms-voice:ReleasePhoneNumber']),
      );
      expect(actions.filter((a) => String(a).startsWith('sms-voice:')).sort()).toEqual([
        'sms-voice:ReleasePhoneNumber',
        'sms-voice:RequestPhoneNumber',
        'sms-voice:UpdatePhoneNumber',
      ]);
    }
    for (const fn of stateless.functions.all()) {
      if (PERMISSIONS[fn.handlerModule]?.smsVoice) continue;
      expect({
        handler: fn.handlerModule,
        policy: JSON.stringify(statementsOf(fn.handlerModule)),
      }).not.toEqual({
        handler: fn.handlerModule,
        policy: expect.stringContaining('sms-voice:'),
      });
    }
    for (const fn of stateless.functions.all()) {
      const actions = statementsOf(fn.handlerModule).flatMap((s) => [s.Action].flat());
      expect(actions).not.toContain('sms-voice:*');
    }
  });

  it('schedules the redrive-sms job', () => {
    statelessTemplate.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: 'rate(5 minutes)' });
  });
});
