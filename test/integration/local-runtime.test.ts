import {
  ApiGatewayManagementApiClient,
  DeleteConnectionCommand,
  GetConnectionCommand,
  GoneException,
  PostToConnectionCommand,
} from '@aws-sdk/client-apigatewaymanagementapi';
import { S3Client } from '@aws-sdk/client-s3';
import { createPresignedPost } from '@aws-sdk/s3-presigned-post';
import { sendEmail } from '../../shared/platform/adapters/email';
import { routes } from '../../shared/routes';
import { api, expectProblem } from './helpers/api';
import { latestEmail } from './helpers/mailbox';
import { signedInUser } from './helpers/session';
import { connectWs, WsUpgradeError } from './helpers/ws';

/**
 * The local runtime started by test/setup/global-setup.ts: gateway, emulators, dev endpoints.
 * Context behaviour is tested by each context; this is about the runtime itself.
 */
const env = (name: string): string => {
  const value = process.env[name];
  if (!value) throw new Error(`${name} is not set`);
  return value;
};

const managementClient = () =>
  new ApiGatewayManagementApiClient({
    region: env('AWS_REGION'),
    endpoint: env('WS_MANAGEMENT_ENDPOINT'),
    credentials: { accessKeyId: 'local', secretAccessKey: 'local' },
  });

/** A concrete path for a route template: every {param} becomes a syntactically plausible value. */
const concretePath = (template: string) => template.replace(/\{[^}]+\}/g, 'x_does_not_exist');

describe('local runtime', () => {
  it('reports every service healthy', async () => {
    const res = await api.get('/health');

    expect(res).toMatchObject({
      status: 200,
      json: { status: 'ok', services: { dynamodb: 'ok', cognito: 'ok', s3: 'ok' } },
    });
  });

  it('serves an OpenAPI 3.1 document listing every route of the route table', async () => {
    const res = await api.get<{
      openapi: string;
      paths: Record<string, Record<string, { operationId: string }>>;
    }>('/openapi.json');

    expect(res.status).toBe(200);
    expect(res.json.openapi).toBe('3.1.0');
    for (const route of routes) {
      expect(res.json.paths[route.path]?.[route.method.toLowerCase()]?.operationId).toBe(route.id);
    }
  });

  it('answers 404 problem+json for an unknown route', async () => {
    expectProblem(await api.get('/v1/no-such-thing'), 404, 'not_found');
  });

  it('answers 405 problem+json for a known path with a wrong method', async () => {
    const [path, methods] = [...methodsByPath()].find(([, m]) => !m.has('PUT')) ?? [];
    if (!path || !methods) throw new Error('every path takes PUT?');

    const res = await api.put(concretePath(path), {});

    expectProblem(res, 405, 'method_not_allowed');
    for (const method of methods) expect(res.headers.get('allow')).toContain(method);
  });

  it('refuses GET /v1/me without credentials with 401 problem+json', async () => {
    expectProblem(await api.get('/v1/me'), 401, 'unauthorized');
  });

  it('refuses every non-public route without credentials before its handler runs', async () => {
    const protectedRoutes = routes.filter((route) => route.auth !== 'public');

    const statuses = await Promise.all(
      protectedRoutes.map(async (route) => {
        const res = await api[lower(route.method)](concretePath(route.path), undefined);
        return `${route.method} ${route.path} ${res.status}`;
      }),
    );

    expect(statuses).toEqual(protectedRoutes.map((route) => `${route.method} ${route.path} 401`));
  });

  it('throttles a caller past the free plan burst with 429 and Retry-After', async () => {
    const user = await signedInUser('burst');

    const responses = await Promise.all(
      Array.from({ length: 40 }, () => api.get('/v1/me', { token: user.accessToken })),
    );

    const refused = responses.filter((res) => res.status === 429);
    expect(refused.length).toBeGreaterThan(0);
    expect(refused[0]?.headers.get('retry-after')).toBe('1');
    expectProblem(refused[0]!, 429, 'rate_limited');
    for (const res of responses) expect(res.headers.get('ratelimit-limit')).toBe('20');
  });

  it('shows in /dev/mailbox what sendEmail() wrote, newest first', async () => {
    const to = `mailbox-${Date.now()}@example.test`;
    await sendEmail({ to, subject: 'first', text: 'one' });
    await sendEmail({ to, subject: 'second', text: 'two' });

    const res = await api.get<{
      items: Array<{ to: string; subject: string; text: string; sentAt: string }>;
    }>(`/dev/mailbox?to=${encodeURIComponent(to)}`);

    expect(res.json.items.map((item) => item.subject)).toEqual(['second', 'first']);
    expect(await latestEmail(to)).toMatchObject({ to, subject: 'second', text: 'two' });
  });

  it('answers 404 for an unknown job and runs a known one', async () => {
    const jobs = await api.get<{ items: Array<{ name: string }> }>('/dev/jobs');

    expectProblem(await api.post('/dev/jobs/unknown/run', {}), 404, 'not_found');
    for (const { name } of jobs.json.items) {
      const res = await api.post(`/dev/jobs/${name}/run`, { now: new Date().toISOString() });
      expect({
        name,
        status: res.status,
        processed: typeof (res.json as { processed?: unknown }).processed,
      }).toEqual({
        name,
        status: 200,
        processed: 'number',
      });
    }
  });

  it('accepts a presigned POST upload to the bucket and serves the object back', async () => {
    const s3 = new S3Client({
      region: env('AWS_REGION'),
      endpoint: env('S3_PUBLIC_ENDPOINT'),
      forcePathStyle: true,
      credentials: { accessKeyId: env('AWS_ACCESS_KEY_ID'), secretAccessKey: env('AWS_SECRET_ACCESS_KEY') },
    });
    const key = `test/${Date.now()}.txt`;
    const { url, fields } = await createPresignedPost(s3, {
      Bucket: env('BUCKET_NAME'),
      Key: key,
      Conditions: [['content-length-range', 1, 1024]],
      Fields: { 'Content-Type': 'text/plain' },
    });
    const form = new FormData();
    for (const [name, value] of Object.entries(fields)) form.append(name, value);
    form.append('file', new Blob(['hello'], { type: 'text/plain' }));

    const upload = await fetch(url, {
      method: 'POST',
      body: form,
      headers: { origin: 'http://localhost:5173' },
    });
    const download = await fetch(`${env('S3_PUBLIC_ENDPOINT')}/${env('BUCKET_NAME')}/${key}`);
    s3.destroy();

    expect(upload.status).toBeLessThan(300);
    expect(upload.headers.get('access-control-allow-origin')).toBe('http://localhost:5173');
    expect(await download.text()).toBe('hello');
  });
});

describe('WebSocket API and @connections management API', () => {
  it('refuses the upgrade with 401 without a token or with an invalid one', async () => {
    await expect(connectWs(undefined)).rejects.toMatchObject({ status: 401 });
    await expect(connectWs('not-a-real-token')).rejects.toBeInstanceOf(WsUpgradeError);
  });

  it('answers PostToConnection for an unknown connection with GoneException (410)', async () => {
    const client = managementClient();

    const post = client.send(
      new PostToConnectionCommand({
        ConnectionId: 'bm90LWEtY29ubmVjdGlvbg==',
        Data: new TextEncoder().encode('{}'),
      }),
    );

    await expect(post).rejects.toBeInstanceOf(GoneException);
    client.destroy();
  });

  it("delivers management API posts to a signed-in user's socket until the connection is deleted", async () => {
    const user = await signedInUser('ws');
    const client = await connectWs(user.accessToken);
    const connections = await api.get<{ items: Array<{ connectionId: string; userId: string }> }>(
      '/dev/ws/connections',
    );
    const connectionId = connections.json.items.find((item) => item.userId === user.userId)?.connectionId;
    if (!connectionId) throw new Error('the new connection is not listed');
    const management = managementClient();

    await management.send(
      new PostToConnectionCommand({
        ConnectionId: connectionId,
        Data: new TextEncoder().encode('{"type":"hello"}'),
      }),
    );
    const hello = await client.waitFor((event) => (event as { type?: string }).type === 'hello');
    const info = await management.send(new GetConnectionCommand({ ConnectionId: connectionId }));
    await management.send(new DeleteConnectionCommand({ ConnectionId: connectionId }));
    const closed = await client.closed();
    const afterDelete = management.send(
      new PostToConnectionCommand({ ConnectionId: connectionId, Data: new TextEncoder().encode('{}') }),
    );

    expect(hello).toEqual({ type: 'hello' });
    expect(info.ConnectedAt).toBeInstanceOf(Date);
    expect(closed.code).toBe(1000);
    await expect(afterDelete).rejects.toBeInstanceOf(GoneException);
    management.destroy();
  });
});

function methodsByPath(): Map<string, Set<string>> {
  const byPath = new Map<string, Set<string>>();
  for (const route of routes)
    byPath.set(route.path, new Set([...(byPath.get(route.path) ?? []), route.method]));
  return byPath;
}

function lower(method: string): 'get' | 'post' | 'put' | 'patch' | 'delete' {
  return method.toLowerCase() as 'get' | 'post' | 'put' | 'patch' | 'delete';
}
