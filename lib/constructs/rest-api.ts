import { Duration, RemovalPolicy, Stack } from 'aws-cdk-lib';
import {
  AccessLogField,
  AccessLogFormat,
  ApiKeySourceType,
  AuthorizationType,
  type CfnAuthorizer,
  Cors,
  EndpointType,
  LambdaIntegration,
  LogGroupLogDestination,
  MethodLoggingLevel,
  Period,
  RequestAuthorizer,
  ResponseType,
  RestApi,
  type UsagePlan,
} from 'aws-cdk-lib/aws-apigateway';
import { Role, ServicePrincipal } from 'aws-cdk-lib/aws-iam';
import { LogGroup, RetentionDays } from 'aws-cdk-lib/aws-logs';
import { Construct } from 'constructs';
import { PLAN_IDS, PLANS, type Plan, type PlanId } from '../../shared/accounts/plans';
import type { RouteDef } from '../../shared/platform/http/route';
import { REST_AUTHORIZER_HANDLER } from '../../shared/realtime/ws-routes';
import { routes as routeTable } from '../../shared/routes';
import { acknowledge, acknowledgeWildcardResources } from '../nag';
import type { HandlerFunctions } from './handler-functions';
import { RestApiWaf } from './rest-api-waf';

/** Headers the web client sends (CORS preflight). */
export const CORS_ALLOW_HEADERS = ['Authorization', 'Content-Type', 'Idempotency-Key', 'X-Api-Key'] as const;

/**
 * Retry-After of QUOTA_EXCEEDED responses, in seconds. A gateway response cannot compute the
 * time left until the usage plan's period ends, so clients are told to come back in an hour
 * (or to upgrade, see the body's `upgrade.href`).
 */
export const QUOTA_RETRY_AFTER_SECONDS = 3600;
/** Retry-After of THROTTLED responses: request-rate windows are one second. */
export const THROTTLE_RETRY_AFTER_SECONDS = 1;

export interface RestApiProps {
  readonly functions: HandlerFunctions;
  /** Browser origins allowed by CORS; the first one is also sent on gateway error responses. */
  readonly webOrigins: readonly string[];
  /**
   * @default routes from shared/routes.ts
   */
  readonly routes?: readonly RouteDef[];
  /**
   * Handler module of the REQUEST authorizer.
   * @default REST_AUTHORIZER_HANDLER ('auth/authorizer')
   */
  readonly authorizerHandler?: string;
  /**
   * @default 'live'
   */
  readonly stageName?: string;
  /**
   * Stage-wide default throttle per method across all callers (usage plans limit each caller).
   * @default { rateLimit: 500, burstLimit: 1000 }
   */
  readonly stageThrottle?: { readonly rateLimit: number; readonly burstLimit: number };
  /**
   * Plan tiers: one usage plan each, throttled at the plan's requestsPerSecond / burst.
   * @default PLANS from shared/accounts/plans.ts
   */
  readonly plans?: Readonly<Record<PlanId, Plan>>;
  /**
   * Monthly request quota per tier. The API contract has no request quota (monthly SMS and
   * verification limits are enforced by the services), so none is set unless given.
   * @default - no quota
   */
  readonly monthlyRequestQuota?: Partial<Readonly<Record<PlanId, number>>>;
  /**
   * @default RetentionDays.THREE_MONTHS
   */
  readonly accessLogRetention?: RetentionDays;
}

interface ProblemResponse {
  readonly type: ResponseType;
  readonly status?: number;
  readonly code: string;
  readonly title: string;
  readonly detail: string;
  readonly headers?: Readonly<Record<string, string>>;
  readonly extensions?: Readonly<Record<string, unknown>>;
}

const problemType = (code: string): string => `https://smsproj.dev/problems/${code.replaceAll('_', '-')}`;

const rateLimitedExtensions = (retryAfter: number) => ({
  retryAfter,
  // The gateway does not know the caller's plan limit or eligibility; the linked resources do.
  limit: null,
  upgrade: { href: '/v1/plans' },
  temporaryIncrease: { eligible: false, href: '/v1/me/limits/temporary-increase' },
});

/**
 * RFC 9457 bodies for responses API Gateway produces itself (before or instead of a handler).
 * DEFAULT_4XX/5XX keep the original status, which a template cannot read, so their bodies
 * carry no `status` member.
 */
export const GATEWAY_PROBLEMS: readonly ProblemResponse[] = [
  {
    type: ResponseType.UNAUTHORIZED,
    status: 401,
    code: 'unauthorized',
    title: 'Unauthorized',
    detail: 'Missing, invalid, expired or revoked credentials.',
    headers: { 'WWW-Authenticate': 'Bearer' },
  },
  {
    type: ResponseType.INVALID_API_KEY,
    status: 401,
    code: 'unauthorized',
    title: 'Unauthorized',
    detail: 'The credentials are not valid for this API.',
  },
  {
    type: ResponseType.EXPIRED_TOKEN,
    status: 401,
    code: 'unauthorized',
    title: 'Unauthorized',
    detail: 'The credentials have expired.',
  },
  {
    type: ResponseType.ACCESS_DENIED,
    status: 403,
    code: 'forbidden',
    title: 'Forbidden',
    detail: 'The credentials do not allow this request.',
  },
  {
    type: ResponseType.MISSING_AUTHENTICATION_TOKEN,
    status: 404,
    code: 'not_found',
    title: 'Not found',
    detail: 'No route matches this method and path.',
  },
  {
    type: ResponseType.RESOURCE_NOT_FOUND,
    status: 404,
    code: 'not_found',
    title: 'Not found',
    detail: 'No route matches this method and path.',
  },
  {
    type: ResponseType.THROTTLED,
    status: 429,
    code: 'rate_limited',
    title: 'Too many requests',
    detail: 'The request rate limit of your plan was exceeded.',
    headers: { 'Retry-After': String(THROTTLE_RETRY_AFTER_SECONDS) },
    extensions: rateLimitedExtensions(THROTTLE_RETRY_AFTER_SECONDS),
  },
  {
    type: ResponseType.QUOTA_EXCEEDED,
    status: 429,
    code: 'rate_limited',
    title: 'Too many requests',
    detail: 'The monthly request quota of your plan is used up.',
    headers: { 'Retry-After': String(QUOTA_RETRY_AFTER_SECONDS) },
    extensions: rateLimitedExtensions(QUOTA_RETRY_AFTER_SECONDS),
  },
  {
    type: ResponseType.BAD_REQUEST_BODY,
    status: 400,
    code: 'validation_failed',
    title: 'Validation failed',
    detail: 'The request body is not valid.',
  },
  {
    type: ResponseType.BAD_REQUEST_PARAMETERS,
    status: 400,
    code: 'validation_failed',
    title: 'Validation failed',
    detail: 'The request parameters are not valid.',
  },
  {
    type: ResponseType.REQUEST_TOO_LARGE,
    status: 413,
    code: 'payload_too_large',
    title: 'Payload too large',
    detail: 'The request is too large.',
  },
  {
    type: ResponseType.UNSUPPORTED_MEDIA_TYPE,
    status: 415,
    code: 'unsupported_media_type',
    title: 'Unsupported media type',
    detail: 'Send JSON with content-type: application/json.',
  },
  {
    type: ResponseType.INTEGRATION_TIMEOUT,
    status: 504,
    code: 'timeout',
    title: 'Timeout',
    detail: 'The request took too long. Please retry later.',
  },
  {
    type: ResponseType.DEFAULT_4XX,
    code: 'bad_request',
    title: 'Bad request',
    detail: 'The request could not be processed.',
  },
  {
    type: ResponseType.DEFAULT_5XX,
    code: 'internal_error',
    title: 'Internal error',
    detail: 'Something went wrong on our side. Please retry later.',
  },
];

/** Throws if two sibling path segments are different variables (`{id}` next to `{conversationId}`). */
export function assertNoConflictingPathVariables(paths: readonly string[]): void {
  const variablesByParent = new Map<string, Set<string>>();
  for (const path of paths) {
    const parts = path.split('/').filter(Boolean);
    parts.forEach((part, i) => {
      if (!part.startsWith('{')) return;
      const parent = `/${parts.slice(0, i).join('/')}`;
      const vars = variablesByParent.get(parent) ?? new Set<string>();
      vars.add(part);
      variablesByParent.set(parent, vars);
    });
  }
  for (const [parent, vars] of variablesByParent) {
    if (vars.size > 1) {
      throw new Error(
        `API Gateway allows one path variable per level: ${parent} has ${[...vars].join(', ')}. Use one name in shared routes.`,
      );
    }
  }
}

/**
 * The REST API, generated from the route table: one method per route on its resource path,
 * Lambda proxy integrations, the REQUEST authorizer on every non-public route (caching off so
 * logout and key revocation apply at once), API keys supplied by the authorizer
 * (`usageIdentifierKey`) and one usage plan per plan tier.
 */
export class SmsRestApi extends Construct {
  readonly api: RestApi;
  readonly authorizer: RequestAuthorizer;
  readonly usagePlans: Readonly<Record<PlanId, UsagePlan>>;
  readonly accessLogs: LogGroup;
  readonly waf: RestApiWaf;

  constructor(scope: Construct, id: string, props: RestApiProps) {
    super(scope, id);
    const routes = props.routes ?? routeTable;
    const plans = props.plans ?? PLANS;
    const stageThrottle = props.stageThrottle ?? { rateLimit: 500, burstLimit: 1000 };
    const [webOrigin] = props.webOrigins;
    if (!webOrigin) throw new Error('RestApi needs at least one web origin');

    const devRoute = routes.find((r) => r.path === '/dev' || r.path.startsWith('/dev/'));
    if (devRoute)
      throw new Error(`Development endpoints are never deployed: ${devRoute.method} ${devRoute.path}`);
    assertNoConflictingPathVariables(routes.map((r) => r.path));

    this.accessLogs = new LogGroup(this, 'AccessLogs', {
      retention: props.accessLogRetention ?? RetentionDays.THREE_MONTHS,
      removalPolicy: RemovalPolicy.DESTROY,
    });

    this.api = new RestApi(this, 'Api', {
      description: 'SMSPROJ REST API (generated from shared/routes.ts)',
      endpointTypes: [EndpointType.REGIONAL],
      apiKeySourceType: ApiKeySourceType.AUTHORIZER,
      // The account-level CloudWatch role is managed once per stack (ApiGatewayAccount).
      cloudWatchRole: false,
      deployOptions: {
        stageName: props.stageName ?? 'live',
        tracingEnabled: true,
        metricsEnabled: true,
        // Execution logs at ERROR only, never request/response bodies (passwords, tokens).
        loggingLevel: MethodLoggingLevel.ERROR,
        dataTraceEnabled: false,
        throttlingRateLimit: stageThrottle.rateLimit,
        throttlingBurstLimit: stageThrottle.burstLimit,
        accessLogDestination: new LogGroupLogDestination(this.accessLogs),
        accessLogFormat: restAccessLogFormat(),
      },
      defaultCorsPreflightOptions: {
        allowOrigins: [...props.webOrigins],
        allowMethods: Cors.ALL_METHODS,
        allowHeaders: [...CORS_ALLOW_HEADERS],
        maxAge: Duration.hours(1),
      },
    });

    this.addGatewayResponses(webOrigin);
    this.waf = new RestApiWaf(this, 'Waf', {
      stage: this.api.deploymentStage,
      stageName: props.stageName ?? 'live',
    });

    const authorizerFn = props.functions.forModule(props.authorizerHandler ?? REST_AUTHORIZER_HANDLER);
    // API Gateway invokes the authorizer through a role of this stack: a resource-based
    // permission would sit in the function's nested stack and close a dependency cycle
    // (permission → authorizer → function).
    const invokeRole = new Role(this, 'AuthorizerInvokeRole', {
      assumedBy: new ServicePrincipal('apigateway.amazonaws.com'),
    });
    this.authorizer = new RequestAuthorizer(this, 'Authorizer', {
      handler: authorizerFn,
      assumeRole: invokeRole,
      // Caching off: a revoked token or key must be rejected within a second. Without caching,
      // API Gateway allows a REQUEST authorizer without identity sources, which is required
      // here: a caller sends either Authorization or X-Api-Key, and a listed source that is
      // missing would make API Gateway answer 401 before the authorizer runs.
      identitySources: [],
      resultsCacheTtl: Duration.seconds(0),
    });
    (this.authorizer.node.defaultChild as CfnAuthorizer).addPropertyDeletionOverride('IdentitySource');
    acknowledgeWildcardResources(
      this.authorizer,
      [`${authorizerFn.functionArn}:*`],
      'lambda:InvokeFunction on the authorizer function and its versions (the L2 invoke grant adds `:*`).',
    );

    this.addRoutes(props.functions, routes);

    this.usagePlans = this.addUsagePlans(plans, props.monthlyRequestQuota ?? {});
    props.functions.bindUsagePlans(
      Object.fromEntries(
        PLAN_IDS.map((tier) => [tier, usagePlanName(Stack.of(this).stackName, tier)]),
      ) as Record<PlanId, string>,
      Object.values(this.usagePlans),
    );

    this.acknowledgeFindings(routes);
  }

  private addRoutes(functions: HandlerFunctions, routes: readonly RouteDef[]): void {
    const byModule = new Map<string, RouteDef[]>();
    for (const route of routes) byModule.set(route.handler, [...(byModule.get(route.handler) ?? []), route]);

    for (const [handlerModule, moduleRoutes] of byModule) {
      const memories = moduleRoutes.flatMap((r) => (r.memoryMb === undefined ? [] : [r.memoryMb]));
      const timeouts = moduleRoutes.flatMap((r) =>
        r.timeoutSeconds === undefined ? [] : [r.timeoutSeconds],
      );
      const fn = functions.forModule(handlerModule, {
        memoryMb: memories.length > 0 ? Math.max(...memories) : undefined,
        timeoutSeconds: timeouts.length > 0 ? Math.max(...timeouts) : undefined,
      });
      // One invoke permission per function for this API instead of one per method.
      const integration = new LambdaIntegration(fn, { proxy: true, scopePermissionToMethod: false });
      for (const route of moduleRoutes) {
        const resource = this.api.root.resourceForPath(route.path);
        const isPublic = route.auth === 'public';
        resource.addMethod(route.method, integration, {
          operationName: route.id,
          ...(isPublic
            ? { authorizationType: AuthorizationType.NONE, apiKeyRequired: false }
            : {
                authorizationType: AuthorizationType.CUSTOM,
                authorizer: this.authorizer,
                // The authorizer returns the caller's usage-plan key (usageIdentifierKey).
                apiKeyRequired: true,
              }),
        });
      }
    }
  }

  private addUsagePlans(
    plans: Readonly<Record<PlanId, Plan>>,
    quota: Partial<Readonly<Record<PlanId, number>>>,
  ): Record<PlanId, UsagePlan> {
    const stackName = Stack.of(this).stackName;
    const entries = PLAN_IDS.map((tier): [PlanId, UsagePlan] => {
      const { limits } = plans[tier];
      const monthly = quota[tier];
      const plan = this.api.addUsagePlan(`${tier}Plan`, {
        name: usagePlanName(stackName, tier),
        description: `${plans[tier].name} plan: ${limits.requestsPerSecond} requests/s, burst ${limits.burst}`,
        throttle: { rateLimit: limits.requestsPerSecond, burstLimit: limits.burst },
        ...(monthly === undefined ? {} : { quota: { limit: monthly, period: Period.MONTH } }),
        apiStages: [{ api: this.api, stage: this.api.deploymentStage }],
      });
      return [tier, plan];
    });
    return Object.fromEntries(entries) as Record<PlanId, UsagePlan>;
  }

  private addGatewayResponses(webOrigin: string): void {
    for (const problem of GATEWAY_PROBLEMS) {
      const body = {
        type: problemType(problem.code),
        title: problem.title,
        ...(problem.status === undefined ? {} : { status: problem.status }),
        detail: problem.detail,
        code: problem.code,
        ...problem.extensions,
      };
      const headers: Record<string, string> = {
        'Content-Type': 'application/problem+json',
        'Access-Control-Allow-Origin': webOrigin,
        'Access-Control-Expose-Headers': 'Retry-After',
        ...problem.headers,
      };
      this.api.addGatewayResponse(problem.type.responseType, {
        type: problem.type,
        ...(problem.status === undefined ? {} : { statusCode: String(problem.status) }),
        // Static header values are single-quoted in API Gateway response parameters.
        responseHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, `'${v}'`])),
        templates: { 'application/json': JSON.stringify(body) },
      });
    }
  }

  private acknowledgeFindings(routes: readonly RouteDef[]): void {
    acknowledge(
      this.api,
      'AwsSolutions-APIG2',
      'Handlers validate params, query and body with the zod schemas of the route table (strict objects); API Gateway models would duplicate them.',
    );
    const publicPaths = new Set(
      routes.filter((r) => r.auth === 'public').map((r) => `${r.method} ${r.path}`),
    );
    for (const method of this.api.methods) {
      const key = `${method.httpMethod} ${method.resource.path}`;
      if (method.httpMethod === 'OPTIONS') {
        acknowledge(method, 'AwsSolutions-APIG4', 'CORS preflight requests carry no credentials by design.');
        acknowledge(method, 'AwsSolutions-COG4', 'CORS preflight requests carry no credentials by design.');
      } else if (publicPaths.has(key)) {
        acknowledge(method, 'AwsSolutions-APIG4', `Public route by the API contract (${key}).`);
        acknowledge(method, 'AwsSolutions-COG4', `Public route by the API contract (${key}).`);
      } else {
        acknowledge(
          method,
          'AwsSolutions-COG4',
          'The REQUEST authorizer verifies Cognito access tokens (aws-jwt-verify) and API keys, and enforces logout/revocation; a Cognito authorizer can do neither.',
        );
      }
    }
  }
}

/** Name of a tier's usage plan; handlers resolve plan ids by these names (USAGE_PLAN_NAMES). */
export const usagePlanName = (stackName: string, tier: PlanId): string => `${stackName}-${tier}`;

/** One JSON object per request; no headers, no API key values, no bodies. */
function restAccessLogFormat(): AccessLogFormat {
  return AccessLogFormat.custom(
    JSON.stringify({
      requestId: AccessLogField.contextRequestId(),
      extendedRequestId: AccessLogField.contextExtendedRequestId(),
      requestTime: AccessLogField.contextRequestTime(),
      // Read by usage metering (shared/usage/access-log.ts): requestTimeEpoch, status, userId, keyId.
      requestTimeEpoch: AccessLogField.contextRequestTimeEpoch(),
      ip: AccessLogField.contextIdentitySourceIp(),
      userAgent: AccessLogField.contextIdentityUserAgent(),
      httpMethod: AccessLogField.contextHttpMethod(),
      resourcePath: AccessLogField.contextResourcePath(),
      status: AccessLogField.contextStatus(),
      protocol: AccessLogField.contextProtocol(),
      responseLength: AccessLogField.contextResponseLength(),
      responseLatency: AccessLogField.contextResponseLatency(),
      integrationLatency: AccessLogField.contextIntegrationLatency(),
      authorizerLatency: AccessLogField.contextAuthorizerLatency(),
      errorType: AccessLogField.contextErrorResponseType(),
      userId: AccessLogField.contextAuthorizer('userId'),
      keyId: AccessLogField.contextAuthorizer('keyId'),
      xrayTraceId: AccessLogField.contextXrayTraceId(),
    }),
  );
}
