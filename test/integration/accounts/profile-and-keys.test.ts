import { api, expectProblem } from '../helpers/api';
import { signedInUser, type TestUser } from '../helpers/session';

interface KeyView {
  id: string;
  name: string;
  prefix: string;
  scopes: string[];
  createdAt: string;
  lastUsedAt: string | null;
  key?: string;
}

async function createKey(user: TestUser, scopes: string[], name = 'ci'): Promise<KeyView & { key: string }> {
  const res = await api.post<KeyView & { key: string }>(
    '/v1/me/api-keys',
    { name, scopes },
    { token: user.accessToken },
  );
  expect(res.status).toBe(201);
  return res.json;
}

describe('profile (Requirement 6)', () => {
  it('edits fullName and username only; everything else is a 400', async () => {
    const user = await signedInUser('prof');
    const renamed = `${user.username.slice(0, 20)}_new`;
    const res = await api.patch(
      '/v1/me',
      { fullName: 'Grace Hopper', username: renamed },
      { token: user.accessToken },
    );
    expect(res.status).toBe(200);
    expect(res.json).toMatchObject({ fullName: 'Grace Hopper', username: renamed });
    for (const body of [
      { email: 'x@example.test' },
      { plan: 'business' },
      { balanceCents: 10 },
      { fullName: 'A', admin: true },
      {},
    ]) {
      expectProblem(await api.patch('/v1/me', body, { token: user.accessToken }), 400, 'validation_failed');
    }
    // The old username is free again, the new one is taken.
    const other = await signedInUser('prof2');
    expectProblem(
      await api.patch('/v1/me', { username: renamed }, { token: other.accessToken }),
      409,
      'username_taken',
    );
    expect(
      (await api.patch('/v1/me', { username: user.username }, { token: other.accessToken })).status,
    ).toBe(200);
    expect((await api.post('/v1/auth/login', { email: renamed, password: user.password })).status).toBe(200);
  });

  it('lets exactly one of two concurrent renames to the same username win', async () => {
    const [a, b] = await Promise.all([signedInUser('race1'), signedInUser('race2')]);
    const wanted = `taken_${a.userId.slice(-12)}`;
    const results = await Promise.all([
      api.patch('/v1/me', { username: wanted }, { token: a.accessToken }),
      api.patch('/v1/me', { username: wanted }, { token: b.accessToken }),
    ]);
    expect(results.map((r) => r.status).sort()).toEqual([200, 409]);
  });
});

describe('password change', () => {
  it('needs the current password, enforces the policy and signs out the other sessions', async () => {
    const user = await signedInUser('pwd');
    const other = await api.post<{ accessToken: string; refreshToken: string }>('/v1/auth/login', {
      email: user.email,
      password: user.password,
    });
    expectProblem(
      await api.post(
        '/v1/me/password',
        { currentPassword: 'Wrong-pass-123', newPassword: 'Another-pass-99' },
        { token: user.accessToken },
      ),
      403,
      'invalid_credentials',
    );
    expectProblem(
      await api.post(
        '/v1/me/password',
        { currentPassword: user.password, newPassword: 'short' },
        { token: user.accessToken },
      ),
      400,
      'validation_failed',
    );
    // Let the second-granular issued-at of both sessions fall before the change.
    await new Promise((r) => setTimeout(r, 1100));
    const changed = await api.post(
      '/v1/me/password',
      { currentPassword: user.password, newPassword: 'Another-pass-99' },
      { token: user.accessToken },
    );
    expect(changed.status).toBe(204);
    expect((await api.get('/v1/me', { token: user.accessToken })).status).toBe(200);
    expectProblem(await api.get('/v1/me', { token: other.json.accessToken }), 401, 'unauthorized');
    expectProblem(
      await api.post('/v1/auth/refresh', { refreshToken: other.json.refreshToken }),
      401,
      'unauthorized',
    );
    // v1.1: no refresh token issued before the change works after it, the caller's included
    // (Cognito's global sign-out); the caller's access token lives on until it expires.
    expectProblem(
      await api.post('/v1/auth/refresh', { refreshToken: user.refreshToken }),
      401,
      'unauthorized',
    );
    expect(
      (await api.post('/v1/auth/login', { email: user.email, password: 'Another-pass-99' })).status,
    ).toBe(200);
  });
});

describe('API keys', () => {
  it('shows the secret once, stores no secret, and authenticates with it', async () => {
    const user = await signedInUser('keys');
    const key = await createKey(user, ['account:read']);
    expect(key.key).toMatch(/^smsk_live_[A-Za-z0-9_-]{43}$/);
    expect(key.key.startsWith(key.prefix)).toBe(true);
    const list = await api.get<{ items: KeyView[] }>('/v1/me/api-keys', { token: user.accessToken });
    expect(list.json.items).toHaveLength(1);
    expect(JSON.stringify(list.json)).not.toContain(key.key);
    expect(list.json.items[0]).toMatchObject({
      id: key.id,
      name: 'ci',
      prefix: key.prefix,
      scopes: ['account:read'],
    });

    const me = await api.get('/v1/me', { apiKey: key.key });
    expect(me.status).toBe(200);
    expect(me.json).toMatchObject({ userId: user.userId });
  });

  it('rejects unknown scopes and enforces scopes per route', async () => {
    const user = await signedInUser('scope');
    expectProblem(
      await api.post('/v1/me/api-keys', { name: 'x', scopes: ['admin:*'] }, { token: user.accessToken }),
      400,
      'validation_failed',
    );
    const key = await createKey(user, ['sms:send']);
    expectProblem(await api.get('/v1/me', { apiKey: key.key }), 403, 'insufficient_scope');
    // Keys cannot manage keys, change the password or take a temporary increase.
    expectProblem(await api.get('/v1/me/api-keys', { apiKey: key.key }), 403, 'insufficient_scope');
    expectProblem(
      await api.post('/v1/me/api-keys', { name: 'y', scopes: ['sms:send'] }, { apiKey: key.key }),
      403,
      'insufficient_scope',
    );
    expectProblem(
      await api.post(
        '/v1/me/password',
        { currentPassword: user.password, newPassword: 'Another-pass-99' },
        { apiKey: key.key },
      ),
      403,
      'insufficient_scope',
    );
  });

  it('rotation and revocation take effect at once', async () => {
    const user = await signedInUser('rot');
    const key = await createKey(user, ['account:read']);
    const rotated = await api.post<KeyView & { key: string }>(`/v1/me/api-keys/${key.id}/rotate`, undefined, {
      token: user.accessToken,
    });
    expect(rotated.status).toBe(200);
    expect(rotated.json.key).not.toBe(key.key);
    expectProblem(await api.get('/v1/me', { apiKey: key.key }), 401, 'unauthorized');
    expect((await api.get('/v1/me', { apiKey: rotated.json.key })).status).toBe(200);

    expect((await api.delete(`/v1/me/api-keys/${key.id}`, { token: user.accessToken })).status).toBe(204);
    expectProblem(await api.get('/v1/me', { apiKey: rotated.json.key }), 401, 'unauthorized');
    expectProblem(
      await api.delete(`/v1/me/api-keys/${key.id}`, { token: user.accessToken }),
      404,
      'not_found',
    );
  });

  it("treats another user's key id as not found", async () => {
    const [owner, intruder] = await Promise.all([signedInUser('own'), signedInUser('intr')]);
    const key = await createKey(owner, ['account:read']);
    expectProblem(
      await api.post(`/v1/me/api-keys/${key.id}/rotate`, undefined, { token: intruder.accessToken }),
      404,
      'not_found',
    );
    expectProblem(
      await api.delete(`/v1/me/api-keys/${key.id}`, { token: intruder.accessToken }),
      404,
      'not_found',
    );
    expect((await api.get('/v1/me', { apiKey: key.key })).status).toBe(200);
  });
});

describe('notification preferences', () => {
  const all = (v: boolean) => ({ numberRenewal: v, verificationExpired: v, usageWarnings: v, newMessage: v });

  it('defaults to all true and replaces strictly', async () => {
    const user = await signedInUser('prefs');
    const initial = await api.get('/v1/me/notification-preferences', { token: user.accessToken });
    expect(initial.json).toEqual({ email: all(true), inApp: all(true) });
    const next = { email: { ...all(true), newMessage: false }, inApp: all(false) };
    const put = await api.put('/v1/me/notification-preferences', next, { token: user.accessToken });
    expect(put.status).toBe(200);
    expect((await api.get('/v1/me/notification-preferences', { token: user.accessToken })).json).toEqual(
      next,
    );
    for (const bad of [
      { email: all(true) },
      { email: { ...all(true), newMessage: 'no' }, inApp: all(true) },
      { email: all(true), inApp: all(true), sms: all(true) },
    ]) {
      expectProblem(
        await api.put('/v1/me/notification-preferences', bad, { token: user.accessToken }),
        400,
        'validation_failed',
      );
    }
  });
});

describe('plans and temporary increase', () => {
  it('lists the plans publicly', async () => {
    const res =
      await api.get<Array<{ id: string; priceCents: number; limits: Record<string, number> }>>('/v1/plans');
    expect(res.status).toBe(200);
    expect(res.json.map((p) => p.id)).toEqual(['free', 'pro', 'business']);
    expect(res.json[0]).toMatchObject({
      priceCents: 0,
      limits: { smsPerMonth: 100, verificationsPerMonth: 500, numbers: 3, requestsPerSecond: 10, burst: 20 },
    });
  });

  it('grants one temporary increase at a time', async () => {
    const user = await signedInUser('tmp');
    const first = await api.post<{ factor: number; expiresAt: string }>(
      '/v1/me/limits/temporary-increase',
      { reason: 'launch day' },
      { token: user.accessToken },
    );
    expect(first.status).toBe(201);
    expect(first.json.factor).toBe(2);
    expect(Date.parse(first.json.expiresAt)).toBeGreaterThan(Date.now());
    expectProblem(
      await api.post('/v1/me/limits/temporary-increase', { reason: 'again' }, { token: user.accessToken }),
      409,
      'temporary_increase_active',
    );
  });
});
