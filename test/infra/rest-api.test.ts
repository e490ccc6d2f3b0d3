import { Match } from 'aws-cdk-lib/assertions';
import { buildSmsProj } from '../../lib/app';
import { QUOTA_RETRY_AFTER_SECONDS } from '../../lib/constructs/rest-api';
import { AUTH_RATE_LIMIT, MANAGED_RULE_GROUPS } from '../../lib/constructs/rest-api-waf';
import { PLAN_IDS, PLANS } from '../../shared/accounts/plans';
import type { RouteDef } from '../../shared/platform/http/route';
import { REST_AUTHORIZER_HANDLER } from '../../shared/realtime/ws-routes';
import { routes } from '../../shared/routes';
import { newApp, resourcesOf, restMethods, restResourcePaths, synthesize } from './fixture';

describe('REST API', () => {
  const synthesized = synthesize();
  const { stateless, statelessTemplate: template, templateOf, logicalIdOf } = synthesized;
  const methods = restMethods(template);

  it.each(routes.map((r) => [r.method, r.path, r] as const))(
    '%s %s has a method with the authorization of the route table',
    (_method, _path, route) => {
      const found = methods.filter((m) => m.method === route.method && m.path === route.path);
      expect(found).toHaveLength(1);
      const isPublic = route.auth === 'public';
      expect(found[0]!.properties).toMatchObject({
        AuthorizationType: isPublic ? 'NONE' : 'CUSTOM',
        ApiKeyRequired: !isPublic,
        ...(isPublic ? {} : { AuthorizerId: { Ref: logicalIdOf(stateless.restApi.authorizer) } }),
        Integration: { Type: 'AWS_PROXY', IntegrationHttpMethod: 'POST' },
      });
    },
  );

  it('has no methods beyond the route table and CORS preflights', () => {
    const declared = new Set(routes.map((r) => `${r.method} ${r.path}`));
    const extra = methods.filter((m) => m.method !== 'OPTIONS' && !declared.has(`${m.method} ${m.path}`));
    expect(extra).toEqual([]);
  });

  it('never deploys development endpoints', () => {
    const paths = [...restResourcePaths(template).values()];
    expect(paths.filter((p) => p === '/dev' || p.startsWith('/dev/'))).toEqual([]);
  });

  it('refuses a /dev route in the route table', () => {
    const devRoute: RouteDef = {
      id: 'devMailbox',
      method: 'GET',
      path: '/dev/mailbox',
      handler: 'accounts/list-plans',
      auth: 'public',
      summary: 'local only',
    };
    expect(() =>
      buildSmsProj(newApp(), { nag: false, stateless: { routes: [...routes, devRoute] } }),
    ).toThrow(/Development endpoints are never deployed/);
  });

  it('creates one Node.js 22 arm64 function per handler module', () => {
    const functions = stateless.functions.all();
    const modules = new Set(functions.map((f) => f.handlerModule));
    for (const route of routes) expect(modules).toContain(route.handler);
    expect(modules).toContain(REST_AUTHORIZER_HANDLER);
    expect(modules.size).toBe(functions.length);

    const lambdaCount = [...stateless.functions.stacks().values()]
      .map((stack) =>
        Object.values(resourcesOf(templateOf(stack))).filter((r) => r.Type === 'AWS::Lambda::Function'),
      )
      .reduce((n, fns) => n + fns.length, 0);
    expect(lambdaCount).toBe(modules.size);

    for (const fn of functions) {
      templateOf(fn).hasResource('AWS::Lambda::Function', {
        Properties: Match.objectLike({
          Role: { 'Fn::GetAtt': [logicalIdOf(fn.role!), 'Arn'] },
          Runtime: 'nodejs22.x',
          Architectures: ['arm64'],
          MemorySize: Match.anyValue(),
          TracingConfig: { Mode: 'Active' },
          Environment: {
            Variables: Match.objectLike({ SMSPROJ_RUNTIME: 'aws', NODE_OPTIONS: Match.absent() }),
          },
          LoggingConfig: { LogGroup: { Ref: Match.anyValue() } },
          FunctionName: Match.absent(),
        }),
      });
    }
  });

  it('uses a REQUEST authorizer with caching off and no identity source (Authorization or X-Api-Key)', () => {
    template.resourceCountIs('AWS::ApiGateway::Authorizer', 1);
    template.hasResourceProperties('AWS::ApiGateway::Authorizer', {
      Type: 'REQUEST',
      AuthorizerResultTtlInSeconds: 0,
      IdentitySource: Match.absent(),
      AuthorizerCredentials: Match.anyValue(),
    });
  });

  it('takes API keys from the authorizer', () => {
    template.hasResourceProperties('AWS::ApiGateway::RestApi', { ApiKeySourceType: 'AUTHORIZER' });
  });

  it.each(PLAN_IDS.map((tier) => [tier]))('has a %s usage plan throttled like the plan', (tier) => {
    const { limits } = PLANS[tier];
    template.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: `${stateless.stackName}-${tier}`,
      Throttle: { RateLimit: limits.requestsPerSecond, BurstLimit: limits.burst },
      ApiStages: [Match.objectLike({ ApiId: { Ref: Match.anyValue() }, Stage: { Ref: Match.anyValue() } })],
    });
  });

  it('sets a monthly quota when one is configured', () => {
    const { statelessTemplate } = synthesize({ stateless: { monthlyRequestQuota: { free: 10_000 } } });
    statelessTemplate.hasResourceProperties('AWS::ApiGateway::UsagePlan', {
      UsagePlanName: Match.stringLikeRegexp('-free$'),
      Quota: { Limit: 10_000, Period: 'MONTH' },
    });
  });

  it.each([
    ['THROTTLED', '1'],
    ['QUOTA_EXCEEDED', String(QUOTA_RETRY_AFTER_SECONDS)],
  ])('answers %s with 429 problem+json, code rate_limited and Retry-After', (type, retryAfter) => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: type,
      StatusCode: '429',
      ResponseParameters: Match.objectLike({
        'gatewayresponse.header.Retry-After': `'${retryAfter}'`,
        'gatewayresponse.header.Content-Type': "'application/problem+json'",
      }),
      ResponseTemplates: {
        'application/json': Match.serializedJson(
          Match.objectLike({
            status: 429,
            code: 'rate_limited',
            retryAfter: Number(retryAfter),
            upgrade: { href: '/v1/plans' },
            temporaryIncrease: Match.objectLike({ href: '/v1/me/limits/temporary-increase' }),
          }),
        ),
      },
    });
  });

  it.each([
    ['UNAUTHORIZED', '401', 'unauthorized'],
    ['ACCESS_DENIED', '403', 'forbidden'],
    ['MISSING_AUTHENTICATION_TOKEN', '404', 'not_found'],
    ['BAD_REQUEST_BODY', '400', 'validation_failed'],
  ])('answers %s with %s problem+json (%s)', (type, status, code) => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: type,
      StatusCode: status,
      ResponseParameters: Match.objectLike({
        'gatewayresponse.header.Content-Type': "'application/problem+json'",
      }),
      ResponseTemplates: {
        'application/json': Match.serializedJson(Match.objectLike({ status: Number(status), code })),
      },
    });
  });

  it.each([['DEFAULT_4XX'], ['DEFAULT_5XX']])('gives %s a generic problem body without internals', (type) => {
    template.hasResourceProperties('AWS::ApiGateway::GatewayResponse', {
      ResponseType: type,
      StatusCode: Match.absent(),
      ResponseTemplates: {
        'application/json': Match.serializedJson(
          Match.objectEquals({
            type: Match.stringLikeRegexp('^https://smsproj.dev/problems/'),
            title: Match.anyValue(),
            detail: Match.anyValue(),
            code: Match.anyValue(),
          }),
        ),
      },
    });
  });

  it('logs access as JSON with the metering fields, without headers or API key values, and traces', () => {
    template.hasResourceProperties('AWS::ApiGateway::Stage', {
      TracingEnabled: true,
      AccessLogSetting: {
        DestinationArn: Match.anyValue(),
        Format: Match.serializedJson(
          Match.objectLike({
            requestTimeEpoch: '$context.requestTimeEpoch',
            status: '$context.status',
            userId: '$context.authorizer.userId',
            keyId: '$context.authorizer.keyId',
          }),
        ),
      },
      MethodSettings: [Match.objectLike({ DataTraceEnabled: false, LoggingLevel: 'ERROR' })],
    });
    const [stage] = Object.values(template.findResources('AWS::ApiGateway::Stage')) as Array<{
      Properties: { AccessLogSetting: { Format: string } };
    }>;
    expect(stage!.Properties.AccessLogSetting.Format).not.toMatch(/header|apiKey|requestOverride|body/i);
  });

  it('meters API requests from the access log', () => {
    template.hasResourceProperties('AWS::Logs::SubscriptionFilter', {
      LogGroupName: { Ref: logicalIdOf(stateless.restApi.accessLogs) },
      FilterPattern: '',
    });
  });

  it('answers CORS preflights for the web origin without credentials', () => {
    const preflight = methods.find((m) => m.method === 'OPTIONS' && m.path === '/v1/me');
    expect(preflight?.properties).toMatchObject({ AuthorizationType: 'NONE' });
    expect(JSON.stringify(preflight?.properties)).toContain('http://localhost:3000');
  });

  it('keeps every stack well below the CloudFormation limit of 500 resources', () => {
    const counts = [stateless, ...stateless.functions.stacks().values()].map((stack) => ({
      stack: stack.node.path,
      resources: Object.keys(resourcesOf(templateOf(stack))).length,
    }));
    expect(counts.filter((c) => c.resources >= 400)).toEqual([]);
  });
});

describe('WAF on the REST API stage', () => {
  const { stateless, statelessTemplate: template, logicalIdOf } = synthesize();

  it('associates a regional web ACL with the stage', () => {
    template.hasResourceProperties('AWS::WAFv2::WebACL', { Scope: 'REGIONAL', DefaultAction: { Allow: {} } });
    template.hasResourceProperties('AWS::WAFv2::WebACLAssociation', {
      WebACLArn: { 'Fn::GetAtt': [logicalIdOf(stateless.restApi.waf.webAcl), 'Arn'] },
    });
    const association = Object.values(template.findResources('AWS::WAFv2::WebACLAssociation'))[0];
    expect(association?.DependsOn).toContain(logicalIdOf(stateless.restApi.api.deploymentStage));
  });

  it('runs the AWS managed rule groups (common, known bad inputs, IP reputation)', () => {
    for (const name of MANAGED_RULE_GROUPS) {
      template.hasResourceProperties('AWS::WAFv2::WebACL', {
        Rules: Match.arrayWith([
          Match.objectLike({
            Statement: { ManagedRuleGroupStatement: { VendorName: 'AWS', Name: name } },
            OverrideAction: { None: {} },
          }),
        ]),
      });
    }
    expect(MANAGED_RULE_GROUPS).toEqual(
      expect.arrayContaining([
        'AWSManagedRulesCommonRuleSet',
        'AWSManagedRulesKnownBadInputsRuleSet',
        'AWSManagedRulesAmazonIpReputationList',
      ]),
    );
  });

  it('limits /v1/auth/* but logout per client IP at 20/s (1,200 per 60 s window), answering 429', () => {
    expect(AUTH_RATE_LIMIT).toBe(20 * 60);
    const acl = Object.values(template.findResources('AWS::WAFv2::WebACL'))[0]!;
    const rules = (acl.Properties as { Rules: Record<string, unknown>[] }).Rules;
    const rate = rules.find((r) => r.Name === 'AuthRoutesPerIp') as {
      Statement: { RateBasedStatement: Record<string, unknown> };
      Action: { Block: { CustomResponse: { ResponseCode: number } } };
    };
    expect(rate.Statement.RateBasedStatement).toMatchObject({
      AggregateKeyType: 'IP',
      EvaluationWindowSec: 60,
      Limit: 1200,
    });
    const scope = JSON.stringify(rate.Statement.RateBasedStatement.ScopeDownStatement);
    for (const prefix of ['/live/v1/auth/', '/v1/auth/', '/v1/auth/logout'])
      expect(scope).toContain(`"${prefix}"`);
    expect(scope).toContain('NotStatement');
    expect(rate.Action.Block.CustomResponse.ResponseCode).toBe(429);
  });
});
