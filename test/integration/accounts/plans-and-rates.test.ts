import { setTimeout as sleep } from 'node:timers/promises';
import { api, expectProblem } from '../helpers/api';
import { signedInUser } from '../helpers/session';

describe('plan change (Requirement 7)', () => {
  it('charges an upgrade from the balance, applies the limits at once and records it', async () => {
    const user = await signedInUser('plan');
    const auth = { token: user.accessToken };
    expectProblem(await api.post('/v1/me/plan', { plan: 'pro' }, auth), 402, 'insufficient_funds');
    expectProblem(await api.post('/v1/me/plan', { plan: 'platinum' }, auth), 400, 'validation_failed');
    expect((await api.post('/dev/credits', { email: user.email, amountCents: 3000 })).status).toBe(200);

    const changed = await api.post(
      '/v1/me/plan',
      { plan: 'pro' },
      { ...auth, idempotencyKey: `plan-${user.userId}` },
    );
    expect(changed.status).toBe(200);
    expect(changed.json).toMatchObject({
      plan: 'pro',
      previousPlan: 'free',
      chargedCents: 2900,
      balanceCents: 100,
    });
    // Replaying the same Idempotency-Key does not charge twice.
    const replay = await api.post(
      '/v1/me/plan',
      { plan: 'pro' },
      { ...auth, idempotencyKey: `plan-${user.userId}` },
    );
    expect(replay.json).toEqual(changed.json);

    const me = await api.get<{ plan: string; balanceCents: number }>('/v1/me', auth);
    expect(me.json).toMatchObject({ plan: 'pro', balanceCents: 100 });
    // RateLimit-Limit is the token bucket's capacity (the plan's burst): pro = 100.
    expect(me.headers.get('ratelimit-limit')).toBe('100');
    const dash = await api.get<{ limits: { smsPerMonth: number } }>('/v1/me/dashboard', auth);
    expect(dash.json.limits.smsPerMonth).toBe(5000);
    const usage = await api.get<{
      billing: { chargesCents: number; ledger: Array<{ type: string; ref: string }> };
    }>('/v1/me/usage', auth);
    expect(usage.json.billing.chargesCents).toBe(2900);
    expect(usage.json.billing.ledger).toEqual(
      expect.arrayContaining([expect.objectContaining({ type: 'charge', ref: 'plan:pro' })]),
    );

    // A downgrade is free.
    const down = await api.post('/v1/me/plan', { plan: 'free' }, auth);
    expect(down.json).toMatchObject({ plan: 'free', chargedCents: 0, balanceCents: 100 });
  });

  it('cannot be changed with an API key', async () => {
    const user = await signedInUser('plankey');
    const key = await api.post<{ key: string }>(
      '/v1/me/api-keys',
      { name: 'k', scopes: ['account:read'] },
      { token: user.accessToken },
    );
    expectProblem(
      await api.post('/v1/me/plan', { plan: 'pro' }, { apiKey: key.json.key }),
      403,
      'insufficient_scope',
    );
  });
});

describe('request rate limit', () => {
  it('answers 429 with Retry-After and the upgrade path past the burst, then serves again', async () => {
    const user = await signedInUser('rate');
    // Free plan: 10 requests/s, burst 20. Fire 3x the burst at once.
    const responses = await Promise.all(
      Array.from({ length: 60 }, () => api.get('/v1/me', { token: user.accessToken })),
    );
    const limited = responses.filter((r) => r.status === 429);
    expect(responses.every((r) => r.status === 200 || r.status === 429)).toBe(true);
    expect(limited.length).toBeGreaterThan(0);
    for (const r of responses) {
      expect(r.headers.get('ratelimit-limit')).toBe('20');
      expect(r.headers.get('ratelimit-remaining')).toMatch(/^\d+$/);
      expect(r.headers.get('ratelimit-reset')).toMatch(/^\d+$/);
    }
    const first = limited[0]!;
    const retryAfter = Number(first.headers.get('retry-after'));
    expect(Number.isInteger(retryAfter) && retryAfter >= 1).toBe(true);
    expect(first.json).toMatchObject({
      code: 'rate_limited',
      retryAfter,
      limit: 10,
      upgrade: { href: '/v1/plans' },
      temporaryIncrease: { eligible: true, href: '/v1/me/limits/temporary-increase' },
    });
    await sleep(retryAfter * 1000);
    expect((await api.get('/v1/me', { token: user.accessToken })).status).toBe(200);
  });

  it('doubles the rate with a temporary increase', async () => {
    const user = await signedInUser('boost');
    expect(
      (await api.post('/v1/me/limits/temporary-increase', { reason: 'import' }, { token: user.accessToken }))
        .status,
    ).toBe(201);
    const me = await api.get('/v1/me', { token: user.accessToken });
    expect(me.headers.get('ratelimit-limit')).toBe('40');
  });
});
