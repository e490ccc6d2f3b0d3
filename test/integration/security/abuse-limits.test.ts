import { randomUUID } from 'node:crypto';
import { request as httpRequest } from 'node:http';
import { AUTH_IP_RATE_LIMIT, isIpRateLimited } from '../../../shared/auth/ip-limit';
import type { RouteDef } from '../../../shared/platform/http/route';
import { routes } from '../../../shared/routes';
import { baseUrl, expectProblem, request } from '../helpers/api';

/**
 * Abuse limits of the public auth surface, generated from the route table so that a new route
 * of the same kind is covered the day it is added (../shared/API.md "v1.1 Security and abuse
 * limits").
 */
const label = (r: RouteDef) => `${r.method} ${r.path}`;
const bodyKeys = (route: RouteDef): string[] => {
  const shape = (route.body as unknown as { shape?: Record<string, unknown> } | undefined)?.shape;
  return shape ? Object.keys(shape) : [];
};

/** Every public route that takes an emailed code. */
const codeRoutes = routes.filter((r) => r.auth === 'public' && bodyKeys(r).includes('code'));

/** A body that passes validation, for a route whose fields this suite knows. */
function validBody(route: RouteDef, email: string): Record<string, string> {
  const known: Record<string, string> = { email, code: '000000', newPassword: 'Brand-new-pass-7' };
  return Object.fromEntries(
    bodyKeys(route).map((key) => {
      const value = known[key];
      if (value === undefined) throw new Error(`${label(route)}: add a valid value for "${key}" here`);
      return [key, value];
    }),
  );
}

it('finds the code-consuming routes', () => {
  expect(codeRoutes.map((r) => r.path).sort()).toEqual(['/v1/auth/reset-password', '/v1/auth/verify-email']);
});

describe('code attempts: every code-consuming route allows 10 guesses per address per hour, then 429', () => {
  it.each(codeRoutes.map((r) => [label(r), r] as const))('%s', async (_name, route) => {
    const email = `guess-${randomUUID().slice(0, 8)}@example.test`;
    const body = validBody(route, email);
    for (let i = 0; i < 10; i++) {
      expectProblem(await request(route.method, route.path, body), 400, 'invalid_code');
    }
    const limited = await request(route.method, route.path, body);
    expectProblem(limited, 429, 'too_many_attempts');
    expect(Number(limited.headers.get('retry-after'))).toBeGreaterThan(0);
  });
});

/** Every public auth route: the per-client-IP limit applies before anything else. */
const ipLimited = routes.filter(isIpRateLimited);

/**
 * POSTs from a given loopback source address (the test runtime exempts 127.0.0.1 and ::1, so
 * that suites registering many users are not throttled; 127.0.0.0/8 is all loopback).
 */
function postFrom(
  localAddress: string,
  path: string,
): Promise<{ status: number; retryAfter?: string; body: string }> {
  const target = new URL(path, baseUrl());
  return new Promise((resolve, reject) => {
    const req = httpRequest(
      {
        host: '127.0.0.1',
        port: target.port,
        path: target.pathname,
        method: 'POST',
        localAddress,
        headers: { 'content-type': 'application/json' },
      },
      (res) => {
        let body = '';
        res.on('data', (chunk: Buffer) => {
          body += chunk.toString('utf8');
        });
        res.on('end', () =>
          resolve({
            status: res.statusCode ?? 0,
            body,
            ...(typeof res.headers['retry-after'] === 'string'
              ? { retryAfter: res.headers['retry-after'] }
              : {}),
          }),
        );
      },
    );
    req.on('error', reject);
    req.end('{}');
  });
}

it('rate-limits every public auth route, and only those, per client IP', () => {
  expect(ipLimited.map((r) => r.path)).toContain('/v1/auth/login');
  expect(ipLimited.map((r) => r.path)).not.toContain('/v1/auth/logout');
  expect(ipLimited.every((r) => r.auth === 'public')).toBe(true);
});

describe('per-IP limit: every public auth route answers 429 rate_limited past the burst', () => {
  it.each(ipLimited.map((r, i) => [label(r), r, `127.0.0.${20 + i}`] as const))(
    '%s',
    async (_name, route, ip) => {
      const answers: Array<{ status: number; retryAfter?: string; body: string }> = [];
      // Bursts well above the bucket: at 20/s refill, a burst of 3x40 cannot be absorbed.
      for (let round = 0; round < 5 && !answers.some((a) => a.status === 429); round++) {
        answers.push(
          ...(await Promise.all(
            Array.from({ length: AUTH_IP_RATE_LIMIT.burst * 3 }, () => postFrom(ip, route.path)),
          )),
        );
      }
      // The bucket's burst always gets through (as validation errors of the empty body).
      expect(answers.slice(0, AUTH_IP_RATE_LIMIT.burst).every((a) => a.status === 400)).toBe(true);
      const limited = answers.find((a) => a.status === 429);
      expect(limited).toBeDefined();
      expect(JSON.parse(limited?.body ?? '{}')).toMatchObject({ status: 429, code: 'rate_limited' });
      expect(Number(limited?.retryAfter)).toBeGreaterThan(0);
      // Another address is not affected.
      expect((await postFrom(`127.0.1.${20 + ipLimited.indexOf(route)}`, route.path)).status).toBe(400);
    },
  );
});

/**
 * Routes that create resources (201) without a documented cap, each with the reason it needs
 * none. A new creating route either documents its cap (403 limit_reached or a 429 code of its
 * own in `problems`) or is listed here with a reason: unbounded creation is a finding
 * ("missing limit", as unused upload slots and API keys were).
 */
const CAP_EXEMPT: ReadonlyMap<string, string> = new Map([
  [
    'POST /v1/auth/register',
    'one account per email address, which must be verified; rate-limited per client IP',
  ],
  [
    'POST /v1/me/limits/temporary-increase',
    'at most one per 7 days (409 temporary_increase_unavailable) and one active at a time',
  ],
  [
    'POST /v1/conversations',
    "an SMS conversation is found or created once per (number, peer); chats are a few items of the creator's own data, bounded by the per-user request rate",
  ],
  [
    'POST /v1/conversations/{id}/messages',
    'messages are bounded by the per-user request rate; SMS sends are paid per segment and counted against smsPerMonth',
  ],
]);

const createsResources = (r: RouteDef): boolean =>
  r.method === 'POST' && (r.responses ? 201 in r.responses : r.successStatus === 201);
const documentsCap = (r: RouteDef): boolean =>
  (r.problems?.[403] ?? []).includes('limit_reached') || (r.problems?.[429] ?? []).length > 0;

describe('missing limit: every route that creates resources documents a cap or says why it needs none', () => {
  it.each(routes.filter(createsResources).map((r) => [label(r), r] as const))('%s', (name, route) => {
    // Fails for a route with neither: document its cap, or add it to CAP_EXEMPT with a reason.
    expect({ documentsCap: documentsCap(route), exemptBecause: CAP_EXEMPT.get(name) }).toEqual(
      documentsCap(route)
        ? { documentsCap: true, exemptBecause: undefined }
        : { documentsCap: false, exemptBecause: expect.stringMatching(/\w/) },
    );
  });

  it('lists no route in CAP_EXEMPT that has a cap or creates nothing', () => {
    const stale = [...CAP_EXEMPT.keys()].filter((name) => {
      const route = routes.find((r) => label(r) === name);
      return !route || !createsResources(route) || documentsCap(route);
    });
    expect(stale).toEqual([]);
  });
});
