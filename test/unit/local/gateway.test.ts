import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { get } from 'node:http';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import type { APIGatewayProxyEvent } from 'aws-lambda';
import { createGatewayApp, type GatewayDeps } from '../../../local/gateway/app';
import { listenGateway, type GatewayServer } from '../../../local/gateway/server';
import type { WsEvent } from '../../../local/gateway/ws-events';
import { LambdaTimeoutError } from '../../../local/lambda/invoke';
import { silentLogger } from '../../../local/log';
import { devEndpoints } from '../../../local/dev/index';
import type { AuthorizeResult, Credentials } from '../../../shared/auth/authorizer';
import { SCOPES, type RouteDef } from '../../../shared/platform/http/route';
import { api, expectProblem } from '../../integration/helpers/api';
import { connectWs, WsUpgradeError } from '../../integration/helpers/ws';

/**
 * The local gateway in-process, with a fake authorizer and fake handler modules: everything
 * API Gateway does around a Lambda (event shape, authorizer, throttling, error mapping, the
 * WebSocket API and its @connections management API) without emulators.
 */
const routes: RouteDef[] = [
  {
    id: 'echo',
    method: 'POST',
    path: '/v1/echo/{id}',
    handler: 'test/echo',
    auth: 'user-or-key',
    summary: 'echo',
  },
  {
    id: 'publicThing',
    method: 'GET',
    path: '/v1/public',
    handler: 'test/public',
    auth: 'public',
    summary: 'public',
  },
  { id: 'crash', method: 'GET', path: '/v1/crash', handler: 'test/crash', auth: 'public', summary: 'crash' },
  {
    id: 'malformed',
    method: 'GET',
    path: '/v1/malformed',
    handler: 'test/malformed',
    auth: 'public',
    summary: 'bad',
  },
  {
    id: 'slow',
    method: 'GET',
    path: '/v1/slow',
    handler: 'test/slow',
    auth: 'public',
    summary: 'slow',
    timeoutSeconds: 0.05,
  },
  {
    id: 'limited',
    method: 'GET',
    path: '/v1/limited',
    handler: 'test/public',
    auth: 'user',
    summary: 'limited',
  },
];

const invocations: Array<{ module: string; event: unknown }> = [];
let server: GatewayServer;
let baseUrl: string;
let management: ApiGatewayManagementApiClient;
let webRoot: string;

async function fakeAuthorize(credentials: Credentials): Promise<AuthorizeResult> {
  const user = (userId: string, plan = 'free', limitFactor?: number): AuthorizeResult => ({
    ok: true,
    auth: {
      userId,
      via: 'jwt',
      scopes: [...SCOPES],
      plan,
      jti: 'jti-1',
      ...(limitFactor ? { limitFactor } : {}),
    },
  });
  if (credentials.authorization === 'Bearer good-token') return user('usr_good');
  if (credentials.authorization === 'Bearer other-token') return user('usr_other');
  if (credentials.authorization === 'Bearer limited-token') return user('usr_limited', 'tiny');
  if (credentials.authorization === 'Bearer boosted-token') return user('usr_boosted', 'tiny', 2);
  if (credentials.apiKey === 'tiny-key-1' || credentials.apiKey === 'tiny-key-2') {
    return {
      ok: true,
      auth: { userId: 'usr_keys', via: 'key', keyId: credentials.apiKey, scopes: [...SCOPES], plan: 'tiny' },
    };
  }
  if (credentials.authorization === 'Bearer keys-token') return user('usr_keys', 'tiny');
  if (credentials.apiKey === 'key-secret') {
    return {
      ok: true,
      auth: { userId: 'usr_good', via: 'key', keyId: 'key_1', scopes: ['sms:send'], plan: 'free' },
    };
  }
  return { ok: false, reason: credentials.authorization || credentials.apiKey ? 'invalid_token' : 'missing' };
}

const handlers: Record<string, (event: unknown) => Promise<unknown>> = {
  'test/echo': async (event) => {
    const e = event as APIGatewayProxyEvent;
    return {
      statusCode: 201,
      headers: { 'content-type': 'application/json', 'x-single': 'one' },
      multiValueHeaders: { 'set-cookie': ['a=1', 'b=2'] },
      body: JSON.stringify({ id: e.pathParameters?.id, body: e.body }),
    };
  },
  'test/public': async () => ({ statusCode: 200, body: JSON.stringify({ ok: true }) }),
  'test/crash': async () => {
    throw new Error('secret internal detail');
  },
  'test/malformed': async () => ({ status: 200 }),
  'test/slow': () => new Promise((resolve) => setTimeout(() => resolve({ statusCode: 200, body: '' }), 200)),
  'ws/connect': async (event) => {
    const query = (event as WsEvent).queryStringParameters ?? {};
    return { statusCode: query.deny ? 403 : 200, body: '' };
  },
  'ws/disconnect': async () => ({ statusCode: 200, body: '' }),
  'ws/default': async () => ({ statusCode: 200, body: '' }),
  // Answers through the management API, as the realtime handlers do in AWS.
  'ws/ping': async (event) => {
    const { connectionId } = (event as WsEvent).requestContext;
    await management.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode('{"type":"pong"}'),
      }),
    );
    return { statusCode: 200, body: '' };
  },
  'ws/fail': async () => {
    throw new Error('boom');
  },
  'jobs/tick': async (event) => ({ processed: (event as { now?: string }).now ? 3 : 1 }),
};

function deps(): GatewayDeps {
  return {
    routes,
    wsRoutes: [
      { routeKey: '$connect', handler: 'ws/connect' },
      { routeKey: '$disconnect', handler: 'ws/disconnect' },
      { routeKey: '$default', handler: 'ws/default' },
      { routeKey: 'ping', handler: 'ws/ping' },
      { routeKey: 'fail', handler: 'ws/fail' },
    ],
    jobs: [
      {
        name: 'tick',
        handler: 'jobs/tick',
        schedule: 'rate(1 minute)',
        localEveryMs: 60_000,
        timeoutSeconds: 30,
        memoryMb: 256,
      },
    ],
    devEndpoints,
    authorize: fakeAuthorize,
    invoke: async (module, event, options) => {
      invocations.push({ module, event });
      const handler = handlers[module];
      if (!handler) throw new Error(`no fake handler ${module}`);
      const timeoutMs = options?.timeoutMs ?? 29_000;
      let timer: NodeJS.Timeout | undefined;
      const timeout = new Promise((_, reject) => {
        timer = setTimeout(() => reject(new LambdaTimeoutError(module, timeoutMs)), timeoutMs);
      });
      try {
        return await Promise.race([handler(event), timeout]);
      } finally {
        clearTimeout(timer);
      }
    },
    health: async () => ({ status: 'ok', services: { dynamodb: 'ok' } }),
    openApi: () => ({ openapi: '3.1.0' }),
    log: silentLogger,
    accessLog: false,
    webRoot,
    wsLimits: { idleTimeoutMs: 1500, maxFrameBytes: 1024 },
    rateLimitOf: (plan) =>
      plan === 'tiny' ? { ratePerSecond: 0.5, burst: 2 } : { ratePerSecond: 10, burst: 20 },
  };
}

const lastEvent = (module: string) =>
  [...invocations].reverse().find((invocation) => invocation.module === module)?.event;

beforeAll(async () => {
  webRoot = mkdtempSync(join(tmpdir(), 'smsproj-web-'));
  writeFileSync(join(webRoot, 'index.html'), '<!doctype html><title>SMSPROJ</title>');
  writeFileSync(join(webRoot, 'app.js'), 'console.log(1)');
  mkdirSync(join(webRoot, 'docs'));
  writeFileSync(join(webRoot, 'docs', 'index.html'), '<!doctype html><title>API reference</title>');
  server = await listenGateway(0);
  server.setApp(createGatewayApp(deps()));
  baseUrl = `http://localhost:${server.port}`;
  process.env.SMSPROJ_URL = baseUrl;
  management = new ApiGatewayManagementApiClient({
    region: 'us-east-1',
    endpoint: baseUrl,
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });
});

afterAll(async () => {
  management.destroy();
  await server.close();
  rmSync(webRoot, { recursive: true, force: true });
});

beforeEach(() => {
  invocations.length = 0;
});

describe('REST proxy integration', () => {
  it('builds the API Gateway proxy event and writes the proxy result back', async () => {
    const res = await api.post(
      '/v1/echo/a%2Bb?x=1&x=2&y=z',
      { hello: 'world' },
      {
        token: 'good-token',
        headers: { 'X-Custom-Header': 'kept' },
      },
    );

    expect(res.status).toBe(201);
    expect(res.json).toEqual({ id: 'a+b', body: '{"hello":"world"}' });
    expect(res.headers.get('x-single')).toBe('one');
    expect(res.headers.get('set-cookie')).toBe('a=1, b=2');
    const event = lastEvent('test/echo') as APIGatewayProxyEvent;
    expect(event).toMatchObject({
      resource: '/v1/echo/{id}',
      path: '/v1/echo/a%2Bb',
      httpMethod: 'POST',
      pathParameters: { id: 'a+b' },
      queryStringParameters: { x: '2', y: 'z' },
      multiValueQueryStringParameters: { x: ['1', '2'], y: ['z'] },
      isBase64Encoded: false,
      stageVariables: null,
      requestContext: {
        stage: 'local',
        httpMethod: 'POST',
        resourcePath: '/v1/echo/{id}',
        identity: { sourceIp: '127.0.0.1' },
        authorizer: { userId: 'usr_good', via: 'jwt', plan: 'free', jti: 'jti-1', principalId: 'usr_good' },
      },
    });
    expect(event.headers['X-Custom-Header']).toBe('kept');
    expect(event.multiValueHeaders['X-Custom-Header']).toEqual(['kept']);
    expect(event.requestContext.requestId).toBe(res.headers.get('x-amzn-requestid'));
  });

  it('passes null query parameters and body when there are none', async () => {
    await api.get('/v1/public');

    expect(lastEvent('test/public')).toMatchObject({
      queryStringParameters: null,
      multiValueQueryStringParameters: null,
      pathParameters: null,
      body: null,
    });
  });

  it('refuses a protected route without valid credentials before any handler runs', async () => {
    const res = await api.post('/v1/echo/x', {}, { token: 'forged' });

    expectProblem(res, 401, 'unauthorized');
    expect(invocations).toEqual([]);
  });

  it('accepts an API key and throttles per key with the rate-limit headers', async () => {
    const res = await api.post('/v1/echo/x', {}, { apiKey: 'key-secret' });

    expect(res.status).toBe(201);
    expect((lastEvent('test/echo') as APIGatewayProxyEvent).requestContext.authorizer).toMatchObject({
      via: 'key',
      keyId: 'key_1',
      scopes: 'sms:send',
    });
    expect(res.headers.get('ratelimit-limit')).toBe('20');
    expect(Number(res.headers.get('ratelimit-remaining'))).toBeLessThan(20);
    expect(Number(res.headers.get('ratelimit-reset'))).toBeGreaterThanOrEqual(1);
  });

  it('answers 429 rate_limited with Retry-After and the upgrade links past the burst', async () => {
    const first = await api.get('/v1/limited', { token: 'limited-token' });
    await api.get('/v1/limited', { token: 'limited-token' });
    const refused = await api.get('/v1/limited', { token: 'limited-token' });

    expect(first.status).toBe(200);
    const problem = expectProblem(refused, 429, 'rate_limited');
    expect(refused.headers.get('retry-after')).toBe('2');
    expect(refused.headers.get('ratelimit-remaining')).toBe('0');
    expect(problem).toMatchObject({
      retryAfter: 2,
      limit: 0.5,
      upgrade: { href: '/v1/plans' },
      temporaryIncrease: { eligible: true, href: '/v1/me/limits/temporary-increase' },
    });
  });

  it('offers no temporary increase while one is active', async () => {
    let refused = await api.get('/v1/limited', { token: 'boosted-token' });
    for (let i = 0; i < 5 && refused.status !== 429; i++)
      refused = await api.get('/v1/limited', { token: 'boosted-token' });
    const problem = expectProblem(refused, 429, 'rate_limited');
    expect(problem).toMatchObject({ limit: 1, temporaryIncrease: { eligible: false } });
  });

  it('throttles per user: more API keys do not multiply the plan rate (as usageIdentifierKey in AWS)', async () => {
    // tiny: burst 2 for the user, whatever mix of keys and sessions makes the requests.
    expect((await api.post('/v1/echo/a', {}, { apiKey: 'tiny-key-1' })).status).toBe(201);
    expect((await api.post('/v1/echo/b', {}, { apiKey: 'tiny-key-2' })).status).toBe(201);
    expectProblem(await api.post('/v1/echo/c', {}, { token: 'keys-token' }), 429, 'rate_limited');
  });

  it('throttles each caller separately', async () => {
    const other = await api.get('/v1/limited', { token: 'other-token' });

    expect(other.status).toBe(200);
  });

  it('refuses bodies over 1 MB with 413 before invoking the handler', async () => {
    const res = await api.post('/v1/echo/x', 'x'.repeat(1024 * 1024 + 1), { token: 'good-token' });

    expectProblem(res, 413, 'payload_too_large');
    expect(invocations).toEqual([]);
  });

  it('maps a crashing handler to 502 without internals', async () => {
    const res = await api.get('/v1/crash');

    expectProblem(res, 502, 'bad_gateway');
    expect(res.text).not.toContain('secret internal detail');
  });

  it('maps a malformed handler result to 502', async () => {
    expectProblem(await api.get('/v1/malformed'), 502, 'bad_gateway');
  });

  it('maps a handler timeout to 504', async () => {
    expectProblem(await api.get('/v1/slow'), 504, 'gateway_timeout');
  });

  it('answers 404 for unknown paths and 405 with Allow for a wrong method', async () => {
    expectProblem(await api.get('/v1/nothing-here'), 404, 'not_found');
    const wrongMethod = await api.delete('/v1/public');

    expectProblem(wrongMethod, 405, 'method_not_allowed');
    expect(wrongMethod.headers.get('allow')).toBe('GET');
  });

  it('allows CORS from localhost origins only', async () => {
    const local = await api.get('/v1/public', { headers: { origin: 'http://localhost:5173' } });
    const foreign = await api.get('/v1/public', { headers: { origin: 'https://evil.example' } });
    const preflight = await fetch(`${baseUrl}/v1/echo/x`, {
      method: 'OPTIONS',
      headers: {
        origin: 'http://localhost:5173',
        'access-control-request-method': 'POST',
        'access-control-request-headers': 'authorization, content-type',
      },
    });

    expect(local.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(foreign.headers.get('access-control-allow-origin')).toBeNull();
    expect(preflight.status).toBe(204);
    expect(preflight.headers.get('access-control-allow-headers')).toContain('authorization');
  });
});

describe('gateway endpoints', () => {
  it('serves /health and /openapi.json', async () => {
    expect((await api.get('/health')).json).toEqual({ status: 'ok', services: { dynamodb: 'ok' } });
    expect((await api.get('/openapi.json')).json).toEqual({ openapi: '3.1.0' });
  });

  it('runs a job through POST /dev/jobs/{name}/run with the given clock', async () => {
    const res = await api.post('/dev/jobs/tick/run', { now: '2030-01-01T00:00:00Z' });

    expect(res).toMatchObject({ status: 200, json: { processed: 3 } });
    expect(lastEvent('jobs/tick')).toEqual({ now: '2030-01-01T00:00:00Z' });
  });

  it('runs a job without a body and refuses an unknown job or a bad clock', async () => {
    expect((await api.post('/dev/jobs/tick/run')).json).toEqual({ processed: 1 });
    expectProblem(await api.post('/dev/jobs/nope/run', {}), 404, 'not_found');
    expectProblem(await api.post('/dev/jobs/tick/run', { now: 'yesterday' }), 400, 'validation_failed');
  });

  it('serves the web client with a single-page-app fallback, never outside its root', async () => {
    const index = await api.get('/conversations/123');
    const script = await api.get('/app.js');
    const traversal = await rawGet('/..%2F..%2F..%2Fetc%2Fpasswd');

    expect(index.text).toContain('<title>SMSPROJ</title>');
    expect(script.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(traversal).toContain('<title>SMSPROJ</title>');
    expectProblem(await api.get('/v1/unknown-route'), 404, 'not_found');
  });

  it('serves a directory with its own index.html (the API reference at /docs)', async () => {
    const docs = await api.get('/docs');
    const slash = await api.get('/docs/');

    expect(docs.text).toContain('<title>API reference</title>');
    expect(slash.text).toContain('<title>API reference</title>');
    expect(docs.headers.get('content-type')).toMatch(/^text\/html/);
  });
});

describe('WebSocket API', () => {
  it('refuses the upgrade with 401 without a valid token', async () => {
    const missing = connectWs(undefined, `ws://localhost:${server.port}/ws`);
    const forged = connectWs('forged', `ws://localhost:${server.port}/ws`);

    await expect(missing).rejects.toMatchObject({ status: 401 });
    await expect(forged).rejects.toBeInstanceOf(WsUpgradeError);
  });

  it('refuses the upgrade when $connect answers an error status', async () => {
    await expect(connectWs('good-token', `ws://localhost:${server.port}/ws?deny=1`)).rejects.toMatchObject({
      status: 403,
    });
  });

  it('round-trips through $connect, an action route, the management API and $disconnect', async () => {
    const client = await connectWs('good-token', `ws://localhost:${server.port}/ws`);
    const connect = lastEvent('ws/connect') as WsEvent;
    const { connectionId } = connect.requestContext;

    client.send({ action: 'ping' });
    await client.waitFor((event) => (event as { type?: string }).type === 'pong');
    await management.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode('{"type":"hello"}'),
      }),
    );
    await client.waitFor((event) => (event as { type?: string }).type === 'hello');
    const info = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    const listed = await api.get<{ items: Array<{ connectionId: string; userId: string }> }>(
      '/dev/ws/connections',
    );
    await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    const closed = await client.closed();
    const afterDelete = management.send(
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode('{}') }),
    );

    expect(connect.requestContext).toMatchObject({
      eventType: 'CONNECT',
      routeKey: '$connect',
      stage: 'local',
      authorizer: { userId: 'usr_good', via: 'jwt' },
    });
    expect(connectionId).toMatch(/^[A-Za-z0-9+/]{15}=$/);
    expect(lastEvent('ws/ping')).toMatchObject({
      body: '{"action":"ping"}',
      requestContext: {
        routeKey: 'ping',
        eventType: 'MESSAGE',
        connectionId,
        authorizer: { userId: 'usr_good' },
      },
    });
    expect(info.Identity?.SourceIp).toBe('127.0.0.1');
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    expect(listed.json.items).toContainEqual(expect.objectContaining({ connectionId, userId: 'usr_good' }));
    expect(closed.code).toBe(1000);
    await expect(afterDelete).rejects.toBeInstanceOf(GoneException);
    await waitUntil(() => lastEvent('ws/disconnect') !== undefined);
    expect(lastEvent('ws/disconnect')).toMatchObject({
      requestContext: { eventType: 'DISCONNECT', connectionId, disconnectStatusCode: 1000 },
    });
  });

  it('routes frames without a known action to $default and reports failing routes to the client', async () => {
    const client = await connectWs('good-token', `ws://localhost:${server.port}/ws`);

    client.send('not json');
    client.send({ action: 'fail' });
    const failure = await client.waitFor<{ message: string }>(
      (event) => typeof event === 'object' && event !== null && 'message' in event,
    );
    await client.close();

    expect(lastEvent('ws/default')).toMatchObject({
      body: 'not json',
      requestContext: { routeKey: '$default' },
    });
    expect(failure.message).toBe('Internal server error');
  });

  it('answers 410 GoneException for an unknown connection id', async () => {
    const post = management.send(
      new PostToConnectionCommand({ ConnectionId: 'bm9ub25zZW5zZQ==', Data: new TextEncoder().encode('{}') }),
    );

    await expect(post).rejects.toBeInstanceOf(GoneException);
  });

  it('closes a connection whose frame is over the size limit', async () => {
    const client = await connectWs('good-token', `ws://localhost:${server.port}/ws`);

    client.send('x'.repeat(2048));

    expect((await client.closed()).code).toBe(1009);
  });

  it('closes idle connections with 1001', async () => {
    const client = await connectWs('good-token', `ws://localhost:${server.port}/ws`);

    expect((await client.closed()).code).toBe(1001);
  });
});

/** A GET with the path sent exactly as given (fetch would normalise dot segments). */
function rawGet(path: string): Promise<string> {
  return new Promise((resolveBody, reject) => {
    get({ host: '127.0.0.1', port: server.port, path }, (res) => {
      let body = '';
      res.on('data', (chunk: Buffer) => {
        body += chunk.toString('utf8');
      });
      res.on('end', () => resolveBody(body));
    }).on('error', reject);
  });
}

async function waitUntil(condition: () => boolean, timeoutMs = 2000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('condition not met in time');
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

describe('idle keep-alive sockets', () => {
  // A client reuses a pooled socket until its own idle timer fires. Under load that timer fires
  // late (a test worker compiling the next file blocks its event loop for seconds), so a server
  // that drops idle sockets after Node's default 5 s makes the next request fail with "other side
  // closed". The gateway keeps idle sockets far longer than any client does, as API Gateway and
  // load balancers do.
  it('advertises a keep-alive timeout of at least a minute', async () => {
    const res = await fetch(`${baseUrl}/health`);
    await res.arrayBuffer();
    const timeout = Number(/timeout=(\d+)/.exec(res.headers.get('keep-alive') ?? '')?.[1]);
    expect(timeout).toBeGreaterThanOrEqual(60);
  });
});
