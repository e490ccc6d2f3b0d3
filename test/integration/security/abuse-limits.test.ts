import { randomUUID } from 'node:crypto';
import type { RouteDef } from '../../../shared/http/route';
import { routes } from '../../../shared/routes';
import { expectProblem, request } from '../helpers/api';

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
