import { request as httpRequest } from 'node:http';
import { createGatewayApp } from '../../../local/gateway/app';
import { listenGateway, type GatewayServer } from '../../../local/gateway/server';
import { silentLogger } from '../../../local/log';
import type { RouteDef } from '../../../shared/platform/http/route';

/**
 * The local gateway's per-client-IP limit of the public auth routes, in-process with a fake
 * handler and an injected clock (no sleeping): 429 rate_limited with Retry-After past the
 * burst, refilled as the clock moves, per IP, only on public /v1/auth/* routes, and exempt IPs
 * pass through.
 */
const routes: RouteDef[] = [
  { id: 'login', method: 'POST', path: '/v1/auth/login', handler: 'ok', auth: 'public', summary: 'login' },
  { id: 'logout', method: 'POST', path: '/v1/auth/logout', handler: 'ok', auth: 'user', summary: 'logout' },
  { id: 'other', method: 'POST', path: '/v1/other', handler: 'ok', auth: 'public', summary: 'other' },
];

let clock = 1_000_000;
let server: GatewayServer;

beforeAll(async () => {
  server = await listenGateway(0);
  server.setApp(
    createGatewayApp({
      routes,
      wsRoutes: [],
      jobs: [],
      devEndpoints: [],
      authorize: async () => ({
        ok: true,
        auth: { userId: 'usr_1', via: 'jwt', scopes: [], plan: 'business' },
      }),
      invoke: async () => ({ statusCode: 200, body: '{}' }),
      health: async () => ({ status: 'ok', services: {} }),
      openApi: () => ({}),
      log: silentLogger,
      accessLog: false,
      now: () => clock,
      rateLimitOf: () => ({ ratePerSecond: 1000, burst: 1000 }),
      authIpLimit: { limit: { ratePerSecond: 2, burst: 3 }, exemptIps: ['127.0.0.9'] },
    }),
  );
});

afterAll(async () => {
  await server.close();
});

function post(
  path: string,
  localAddress: string,
): Promise<{ status: number; headers: Record<string, unknown>; body: string }> {
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: server.port,
        path,
        method: 'POST',
        localAddress,
        headers: { authorization: 'Bearer x' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        res.on('end', () => resolve({ status: res.statusCode ?? 0, headers: res.headers, body }));
      },
    );
    req.on('error', reject);
    req.end();
  });
}

const statuses = async (n: number, path: string, ip: string) => {
  const out: number[] = [];
  for (let i = 0; i < n; i++) out.push((await post(path, ip)).status);
  return out;
};

it('answers 429 rate_limited problem+json with Retry-After past the burst, and refills with time', async () => {
  expect(await statuses(3, '/v1/auth/login', '127.0.0.2')).toEqual([200, 200, 200]);
  const refused = await post('/v1/auth/login', '127.0.0.2');
  expect(refused.status).toBe(429);
  expect(refused.headers['content-type']).toMatch(/^application\/problem\+json/);
  expect(refused.headers['retry-after']).toBe('1');
  expect(JSON.parse(refused.body)).toMatchObject({ status: 429, code: 'rate_limited', retryAfter: 1 });
  clock += 1000;
  expect(await statuses(3, '/v1/auth/login', '127.0.0.2')).toEqual([200, 200, 429]);
});

it('keeps one bucket per client IP', async () => {
  expect(await statuses(4, '/v1/auth/login', '127.0.0.3')).toEqual([200, 200, 200, 429]);
  expect(await statuses(1, '/v1/auth/login', '127.0.0.4')).toEqual([200]);
});

it('does not limit logout, other public routes or exempt IPs', async () => {
  expect(await statuses(6, '/v1/auth/logout', '127.0.0.5')).toEqual([200, 200, 200, 200, 200, 200]);
  expect(await statuses(6, '/v1/other', '127.0.0.6')).toEqual([200, 200, 200, 200, 200, 200]);
  expect(await statuses(6, '/v1/auth/login', '127.0.0.9')).toEqual([200, 200, 200, 200, 200, 200]);
});
