/**
 * Calls Lambda handler modules in the bench process, as API Gateway, SNS and EventBridge would:
 * the very functions CDK deploys (functions/<module>.ts, loaded once like a warm container by the
 * local runtime's invoker), so the DynamoDB meter sees everything one invocation does — middy
 * chain, validation, idempotency, service, pushes — and nothing else.
 */
import { randomUUID } from 'node:crypto';
import type { APIGatewayProxyEvent, APIGatewayProxyResult, DynamoDBRecord } from 'aws-lambda';
import type { LambdaInvoker } from '../../local/lambda/invoke';
import type { AuthContext } from '../../shared/platform/http/route';

let invoker: LambdaInvoker | undefined;

/** The bench process's invoker (one warm "container" per handler module), e.g. for the carrier simulator. */
export async function lambdaInvoker(): Promise<LambdaInvoker> {
  if (!invoker) {
    const { createInvoker } = await import('../../local/lambda/invoke');
    invoker = createInvoker();
  }
  return invoker;
}

async function invoke(module: string, event: unknown): Promise<unknown> {
  return (await lambdaInvoker())(module, event, { timeoutMs: 60_000 });
}

/** A signed-in caller with every scope (what the authorizer passes for a JWT). */
export async function jwtCaller(userId: string, plan = 'free'): Promise<AuthContext> {
  const { SCOPES } = await import('../../shared/platform/http/route');
  return { userId, via: 'jwt', scopes: [...SCOPES], plan };
}

export interface RestCall {
  /** Route id from the route table (shared/routes.ts). */
  readonly route: string;
  readonly params?: Readonly<Record<string, string>>;
  readonly query?: Readonly<Record<string, string>>;
  readonly body?: unknown;
  readonly auth?: AuthContext;
  readonly idempotencyKey?: string;
}

export interface RestAnswer {
  readonly status: number;
  readonly json: unknown;
  readonly headers: Readonly<Record<string, unknown>>;
}

/** One REST request's Lambda invocation (after the authorizer), with a v1 proxy event. */
export async function callRoute(call: RestCall): Promise<RestAnswer> {
  const { routes } = await import('../../shared/routes');
  const { authContextToRecord } = await import('../../shared/platform/http/auth-context');
  const route = routes.find((r) => r.id === call.route);
  if (!route) throw new Error(`No route ${call.route}`);
  const path = route.path.replace(/\{(\w+)\}/g, (_, name: string) =>
    encodeURIComponent(call.params?.[name] ?? ''),
  );
  const headers: Record<string, string> = {
    'content-type': 'application/json',
    accept: 'application/json',
    ...(call.idempotencyKey ? { 'idempotency-key': call.idempotencyKey } : {}),
  };
  const requestId = randomUUID();
  const event = {
    resource: route.path,
    path,
    httpMethod: route.method,
    headers,
    multiValueHeaders: Object.fromEntries(Object.entries(headers).map(([k, v]) => [k, [v]])),
    queryStringParameters: call.query && Object.keys(call.query).length > 0 ? { ...call.query } : null,
    multiValueQueryStringParameters: null,
    pathParameters: call.params ? { ...call.params } : null,
    stageVariables: null,
    body: call.body === undefined ? null : JSON.stringify(call.body),
    isBase64Encoded: false,
    requestContext: {
      authorizer: call.auth ? { ...authContextToRecord(call.auth), principalId: call.auth.userId } : null,
      requestId,
      httpMethod: route.method,
      path: `/bench${path}`,
      resourcePath: route.path,
      stage: 'bench',
      requestTimeEpoch: Date.now(),
      identity: { sourceIp: '127.0.0.1' },
    },
  } as unknown as APIGatewayProxyEvent;
  const result = (await invoke(route.handler, event)) as APIGatewayProxyResult;
  let json: unknown;
  try {
    json = result.body ? JSON.parse(result.body) : undefined;
  } catch {
    json = result.body;
  }
  return { status: result.statusCode, json, headers: result.headers ?? {} };
}

/** Like callRoute, but anything other than `expected` is an error (a broken bench must not report figures). */
export async function expectRoute(call: RestCall, ...expected: number[]): Promise<RestAnswer> {
  const answer = await callRoute(call);
  if (!expected.includes(answer.status)) {
    throw new Error(`${call.route} answered ${answer.status}: ${JSON.stringify(answer.json).slice(0, 400)}`);
  }
  return answer;
}

/** The REST REQUEST authorizer's invocation for one set of credentials. */
export async function callAuthorizer(credentials: {
  authorization?: string;
  apiKey?: string;
}): Promise<unknown> {
  const headers: Record<string, string> = {};
  if (credentials.authorization) headers.Authorization = credentials.authorization;
  if (credentials.apiKey) headers['X-Api-Key'] = credentials.apiKey;
  const { REST_AUTHORIZER_HANDLER } = await import('../../shared/realtime/ws-routes');
  return invoke(REST_AUTHORIZER_HANDLER, {
    type: 'REQUEST',
    methodArn: 'arn:aws:execute-api:us-east-1:000000000000:bench/bench/GET/v1/me',
    resource: '/v1/me',
    path: '/v1/me',
    httpMethod: 'GET',
    headers,
    multiValueHeaders: {},
    queryStringParameters: null,
    pathParameters: null,
    stageVariables: null,
    requestContext: { identity: { sourceIp: '127.0.0.1' } },
  });
}

/** The two-way SMS subscriber's invocation for one inbound SMS (the SNS event End User Messaging publishes). */
export async function callInboundSms(sms: { from: string; to: string; body: string }): Promise<unknown> {
  const { inboundSnsEvent } = await import('../../shared/sms/inbound');
  const { SMS_INBOUND_HANDLER } = await import('../../lib/constructs/sms-messaging');
  return invoke(SMS_INBOUND_HANDLER, inboundSnsEvent(sms));
}

/** A scheduled job's invocation (EventBridge), with the clock set to `now`. */
export async function callJob(name: string, now: Date): Promise<{ processed: number }> {
  const { jobs } = await import('../../shared/platform/jobs/registry');
  const job = jobs.find((j) => j.name === name);
  if (!job) throw new Error(`No job ${name}`);
  return (await invoke(job.handler, { now: now.toISOString() })) as { processed: number };
}

/** The outbox consumer's invocation for stream records (what the DynamoDB event source mapping hands it). */
export async function callStreamConsumer(records: readonly DynamoDBRecord[]): Promise<unknown> {
  const { OUTBOX_STREAM_CONSUMER_HANDLER } = await import('../../lib/constructs/webhooks');
  return invoke(OUTBOX_STREAM_CONSUMER_HANDLER, { Records: records });
}

/** The webhook delivery worker's invocation for one delivery job (the SQS event). */
export async function callDeliveryWorker(job: { endpointId: string; deliveryId: string }): Promise<unknown> {
  const { WEBHOOK_DELIVER_WORKER_HANDLER } = await import('../../lib/constructs/webhooks');
  const { sqsEventOf } = await import('../../local/adapters/in-process-queue');
  return invoke(WEBHOOK_DELIVER_WORKER_HANDLER, sqsEventOf('webhook-deliveries', job.deliveryId, job));
}
