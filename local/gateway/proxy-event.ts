import type { IncomingMessage } from 'node:http';
import type { APIGatewayEventIdentity, APIGatewayProxyEvent } from 'aws-lambda';
import { sourceIpOf } from './http-io';

/** Stage name of the local API (API Gateway's `requestContext.stage`). */
export const LOCAL_STAGE = 'local';
export const LOCAL_API_ID = 'local';
export const LOCAL_ACCOUNT_ID = '000000000000';

export interface ProxyEventInput {
  readonly req: IncomingMessage;
  readonly url: URL;
  /** The route template, e.g. /v1/conversations/{id}. */
  readonly resource: string;
  readonly pathParameters: Readonly<Record<string, string>>;
  readonly body: Buffer;
  readonly requestId: string;
  /** Flat string values from the authorizer, or null on public routes. */
  readonly authorizer: Record<string, string> | null;
  readonly now: number;
}

/**
 * The REST API (v1 payload) Lambda proxy event exactly as API Gateway builds it: original header
 * casing with the last value in `headers` and all values in `multiValueHeaders`, decoded query
 * parameters (null when there are none), decoded path parameters, the body as a string (null
 * when empty) and the request context, including the authorizer's context.
 */
export function buildProxyEvent(input: ProxyEventInput): APIGatewayProxyEvent {
  const { req, url } = input;
  const sourceIp = sourceIpOf(req);
  const { headers, multiValueHeaders } = collectHeaders(req, sourceIp);
  const { single, multi } = collectQuery(url);
  const method = (req.method ?? 'GET').toUpperCase();
  const host = req.headers.host ?? 'localhost';
  return {
    resource: input.resource,
    path: url.pathname,
    httpMethod: method,
    headers,
    multiValueHeaders,
    queryStringParameters: single,
    multiValueQueryStringParameters: multi,
    pathParameters: Object.keys(input.pathParameters).length > 0 ? { ...input.pathParameters } : null,
    stageVariables: null,
    body: input.body.length > 0 ? input.body.toString('utf8') : null,
    isBase64Encoded: false,
    requestContext: {
      accountId: LOCAL_ACCOUNT_ID,
      apiId: LOCAL_API_ID,
      authorizer: input.authorizer,
      domainName: host,
      domainPrefix: host.split('.')[0] ?? host,
      extendedRequestId: input.requestId,
      httpMethod: method,
      identity: identityOf(sourceIp, req.headers['user-agent']),
      path: `/${LOCAL_STAGE}${url.pathname}`,
      protocol: `HTTP/${req.httpVersion}`,
      requestId: input.requestId,
      requestTime: formatRequestTime(new Date(input.now)),
      requestTimeEpoch: input.now,
      resourceId: LOCAL_API_ID,
      resourcePath: input.resource,
      stage: LOCAL_STAGE,
    },
  };
}

function collectHeaders(
  req: IncomingMessage,
  sourceIp: string,
): { headers: Record<string, string>; multiValueHeaders: Record<string, string[]> } {
  const headers: Record<string, string> = {};
  const multiValueHeaders: Record<string, string[]> = {};
  const add = (name: string, value: string) => {
    // Keep the casing the client used, merging names that differ only in case.
    const existing = Object.keys(headers).find((key) => key.toLowerCase() === name.toLowerCase()) ?? name;
    headers[existing] = value;
    multiValueHeaders[existing] = [...(multiValueHeaders[existing] ?? []), value];
  };
  for (let i = 0; i + 1 < req.rawHeaders.length; i += 2) add(req.rawHeaders[i]!, req.rawHeaders[i + 1]!);
  // What API Gateway adds in front of the integration.
  const forwardedFor = req.headers['x-forwarded-for'];
  add('X-Forwarded-For', forwardedFor ? `${forwardedFor}, ${sourceIp}` : sourceIp);
  add('X-Forwarded-Port', String(req.socket.localPort ?? 80));
  add('X-Forwarded-Proto', 'http');
  return { headers, multiValueHeaders };
}

function collectQuery(url: URL): {
  single: Record<string, string> | null;
  multi: Record<string, string[]> | null;
} {
  if ([...url.searchParams.keys()].length === 0) return { single: null, multi: null };
  const single: Record<string, string> = {};
  const multi: Record<string, string[]> = {};
  for (const [name, value] of url.searchParams) {
    single[name] = value;
    multi[name] = [...(multi[name] ?? []), value];
  }
  return { single, multi };
}

function identityOf(sourceIp: string, userAgent: string | undefined): APIGatewayEventIdentity {
  return {
    accessKey: null,
    accountId: null,
    apiKey: null,
    apiKeyId: null,
    caller: null,
    clientCert: null,
    cognitoAuthenticationProvider: null,
    cognitoAuthenticationType: null,
    cognitoIdentityId: null,
    cognitoIdentityPoolId: null,
    principalOrgId: null,
    sourceIp,
    user: null,
    userAgent: userAgent ?? null,
    userArn: null,
  };
}

const MONTHS = ['Jan', 'Feb', 'Mar', 'Apr', 'May', 'Jun', 'Jul', 'Aug', 'Sep', 'Oct', 'Nov', 'Dec'];

/** API Gateway's `requestTime` format: 09/Apr/2015:12:34:56 +0000. */
export function formatRequestTime(date: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${pad(date.getUTCDate())}/${MONTHS[date.getUTCMonth()]}/${date.getUTCFullYear()}:${pad(
    date.getUTCHours(),
  )}:${pad(date.getUTCMinutes())}:${pad(date.getUTCSeconds())} +0000`;
}
