import { Match } from 'aws-cdk-lib/assertions';
import { PERMISSIONS } from '../../lib/permissions';
import { type JobDef, jobs } from '../../shared/platform/jobs/registry';
import { WS_AUTHORIZER_HANDLER, wsRoutes } from '../../shared/realtime/ws-routes';
import { synthesize } from './fixture';

describe('WebSocket API and the job registry', () => {
  const { stateless, statelessTemplate: template, templateOf, logicalIdOf } = synthesize();

  it('schedules every job of the registry', () => {
    template.resourceCountIs('AWS::Events::Rule', jobs.length);
    for (const job of jobs)
      template.hasResourceProperties('AWS::Events::Rule', { ScheduleExpression: job.schedule });
  });

  it('is a WebSocket API routed on the action field', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Api', {
      ProtocolType: 'WEBSOCKET',
      RouteSelectionExpression: '$request.body.action',
    });
  });

  it('authorizes $connect with the ws-authorizer and the token query parameter', () => {
    const authorizerFn = stateless.functions.forModule(WS_AUTHORIZER_HANDLER);
    template.hasResourceProperties('AWS::ApiGatewayV2::Authorizer', {
      AuthorizerType: 'REQUEST',
      IdentitySource: ['route.request.querystring.token'],
    });
    // The function is an output of the auth context's nested stack, named after its path.
    expect(JSON.stringify(template.findResources('AWS::ApiGatewayV2::Authorizer'))).toContain(
      `${authorizerFn.node.id}`,
    );
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: '$connect',
      AuthorizationType: 'CUSTOM',
      AuthorizerId: { Ref: Match.anyValue() },
    });
  });

  it.each(wsRoutes.map((r) => [r.routeKey, r.handler]))('routes %s to %s', (routeKey) => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Route', {
      RouteKey: routeKey,
      Target: Match.anyValue(),
    });
  });

  it('deploys a stage with access logs', () => {
    template.hasResourceProperties('AWS::ApiGatewayV2::Stage', {
      AutoDeploy: true,
      AccessLogSettings: { DestinationArn: Match.anyValue(), Format: Match.anyValue() },
    });
  });

  it('gives functions that push the management endpoint and ManageConnections, and no one else', () => {
    const all = stateless.functions.all();
    const pushers = all.filter((f) => PERMISSIONS[f.handlerModule]?.wsManage);
    expect(pushers.map((f) => f.handlerModule)).toContain('realtime/default');
    for (const fn of all) {
      const pushes = pushers.includes(fn);
      const fnTemplate = templateOf(fn);
      fnTemplate.hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [logicalIdOf(fn.role!), 'Arn'] },
        Environment: {
          Variables: pushes
            ? Match.objectLike({ WS_MANAGEMENT_ENDPOINT: Match.anyValue() })
            : Match.not(Match.objectLike({ WS_MANAGEMENT_ENDPOINT: Match.anyValue() })),
        },
      });
      const manage = Match.arrayWith([Match.objectLike({ Action: 'execute-api:ManageConnections' })]);
      fnTemplate.hasResourceProperties('AWS::IAM::Policy', {
        Roles: [{ Ref: logicalIdOf(fn.role!) }],
        PolicyDocument: { Statement: pushes ? manage : Match.not(manage) },
      });
    }
  });
});

describe('schedules', () => {
  const fakeJobs: JobDef[] = [
    {
      name: 'expire-verifications',
      handler: 'realtime/default',
      schedule: 'rate(1 minute)',
      localEveryMs: 60_000,
      timeoutSeconds: 50,
      memoryMb: 512,
    },
    {
      name: 'renew-numbers',
      handler: 'accounts/get-me',
      schedule: 'cron(0 * * * ? *)',
      localEveryMs: 3_600_000,
      timeoutSeconds: 300,
      memoryMb: 1024,
    },
  ];
  const { stateless, statelessTemplate: template } = synthesize({ stateless: { jobs: fakeJobs } });

  it('creates one rule per job, targeting its function with an empty JobEvent', () => {
    template.resourceCountIs('AWS::Events::Rule', fakeJobs.length);
    for (const job of fakeJobs) {
      const fn = stateless.functions.forModule(job.handler);
      const rules = Object.values(
        template.findResources('AWS::Events::Rule', { Properties: { ScheduleExpression: job.schedule } }),
      );
      expect(rules).toHaveLength(1);
      expect(rules[0]).toMatchObject({
        Properties: {
          State: 'ENABLED',
          Targets: [{ Input: '{}', RetryPolicy: { MaximumRetryAttempts: 2 } }],
        },
      });
      // The target is the job's function (an output of its context's nested stack).
      expect(JSON.stringify(rules[0])).toContain(fn.node.id);
    }
  });
});

describe('nothing dropped silently', () => {
  const { stateless, statelessTemplate: template, templateOf, logicalIdOf } = synthesize();

  it('gives every schedule target a dead-letter queue and a retry policy', () => {
    const rules = Object.values(template.findResources('AWS::Events::Rule'));
    expect(rules.length).toBeGreaterThan(0);
    for (const rule of rules) {
      const targets = (rule.Properties as { Targets: Record<string, unknown>[] }).Targets;
      for (const target of targets) {
        expect(target.DeadLetterConfig).toEqual({ Arn: { 'Fn::GetAtt': [expect.any(String), 'Arn'] } });
        expect(target.RetryPolicy).toEqual({ MaximumRetryAttempts: 2, MaximumEventAgeInSeconds: 3600 });
      }
    }
  });

  it('gives every job function its explicit timeout, memory and an async-failure dead-letter queue', () => {
    for (const job of jobs) {
      const fn = stateless.functions.forModule(job.handler);
      expect(job.timeoutSeconds).toBeDefined();
      expect(job.memoryMb).toBeDefined();
      templateOf(fn).hasResourceProperties('AWS::Lambda::Function', {
        Role: { 'Fn::GetAtt': [logicalIdOf(fn.role!), 'Arn'] },
        Timeout: job.timeoutSeconds,
        MemorySize: job.memoryMb,
        DeadLetterConfig: { TargetArn: Match.anyValue() },
      });
    }
  });

  it('redrives undeliverable inbound SMS to a dead-letter queue', () => {
    const inbound = stateless.functions.forModule('sms/inbound');
    const t = templateOf(inbound);
    const dlq = logicalIdOf(stateless.smsCarrier.inboundDeadLetters);
    t.hasResourceProperties('AWS::SNS::Subscription', {
      Protocol: 'lambda',
      RedrivePolicy: { deadLetterTargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
    });
    t.hasResourceProperties('AWS::Lambda::Function', {
      Role: { 'Fn::GetAtt': [logicalIdOf(inbound.role!), 'Arn'] },
      DeadLetterConfig: { TargetArn: { 'Fn::GetAtt': [dlq, 'Arn'] } },
    });
  });
});
