import { hashApiKey } from '../../../shared/accounts/api-key-secret';
import { revokeApiKey, rotateApiKey } from '../../../shared/accounts/api-keys';
import { requestTemporaryIncrease } from '../../../shared/accounts/limits';
import { authorize } from '../../../shared/auth/authorizer';
import { db } from '../../../shared/platform/db/service';
import { api, expectProblem } from '../helpers/api';
import { busyUser, signedInUser } from '../helpers/session';

/** Limits must not multiply with API keys: a cap on live keys, and the plan's rate per user. */
describe('API keys do not multiply limits', () => {
  it('allows at most 20 live keys per user (403 limit_reached); a revoked key frees a slot', async () => {
    const user = await signedInUser('keycap');
    const auth = { token: user.accessToken };
    const ids: string[] = [];
    for (let i = 0; i < 20; i++) {
      const res = await api.post<{ id: string }>(
        '/v1/me/api-keys',
        { name: `k${i}`, scopes: ['account:read'] },
        auth,
      );
      expect(res.status).toBe(201);
      ids.push(res.json.id);
    }
    expectProblem(
      await api.post('/v1/me/api-keys', { name: 'one too many', scopes: ['account:read'] }, auth),
      403,
      'limit_reached',
    );
    expect((await api.delete(`/v1/me/api-keys/${ids[0]}`, auth)).status).toBe(204);
    expect(
      (await api.post('/v1/me/api-keys', { name: 'again', scopes: ['account:read'] }, auth)).status,
    ).toBe(201);
  });

  it('holds the cap exactly under parallel creates: of 25 at once, exactly 20 succeed', async () => {
    const user = await busyUser('keyrush');
    const auth = { token: user.accessToken };
    const results = await Promise.all(
      Array.from({ length: 25 }, (_, i) =>
        api.post<{ id: string }>('/v1/me/api-keys', { name: `rush${i}`, scopes: ['account:read'] }, auth),
      ),
    );
    const created = results.filter((res) => res.status === 201);
    expect(created).toHaveLength(20);
    for (const res of results.filter((r) => r.status !== 201)) expectProblem(res, 403, 'limit_reached');
    const live = await api.get<{ items: Array<{ status: string }> }>('/v1/me/api-keys', auth);
    expect(live.json.items.filter((k) => k.status === 'active')).toHaveLength(20);

    expect((await api.delete(`/v1/me/api-keys/${created[0]!.json.id}`, auth)).status).toBe(204);
    expect(
      (await api.post('/v1/me/api-keys', { name: 'after revoke', scopes: ['account:read'] }, auth)).status,
    ).toBe(201);
    expectProblem(
      await api.post('/v1/me/api-keys', { name: 'over again', scopes: ['account:read'] }, auth),
      403,
      'limit_reached',
    );
  }, 120_000);

  it('counts the keys a user held before the counter existed', async () => {
    const user = await busyUser('keylegacy');
    const auth = { token: user.accessToken };
    for (let i = 0; i < 20; i++) {
      const res = await api.post('/v1/me/api-keys', { name: `old${i}`, scopes: ['account:read'] }, auth);
      expect(res.status).toBe(201);
    }
    // As for keys made before v1.1: no counter item.
    await db().entities.apiKeyCount.delete({ userId: user.userId }).go();
    expectProblem(
      await api.post('/v1/me/api-keys', { name: 'one too many', scopes: ['account:read'] }, auth),
      403,
      'limit_reached',
    );
  }, 120_000);

  // The per-user bucket itself is proven in test/unit/local/gateway.test.ts (a clock-free
  // gateway); here, the AWS side: every key of a user presents the same usage identifier.
  it("identifies every API key of a user to API Gateway by the user's usage-plan key (AWS)", async () => {
    const user = await signedInUser('keyusage');
    const created = await api.post<{ key: string }>(
      '/v1/me/api-keys',
      { name: 'usage', scopes: ['account:read'] },
      { token: user.accessToken },
    );
    // As in AWS: the user's usage-plan key, and (a key made before v1.1) one of the key's own.
    await db().entities.user.patch({ userId: user.userId }).set({ gatewayApiKeyValue: 'gw-user-value' }).go();
    await db()
      .entities.apiKeySecret.patch({ secretHash: hashApiKey(created.json.key) })
      .set({ gatewayApiKeyValue: 'gw-legacy-key-value' })
      .go();
    const result = await authorize({ apiKey: created.json.key });
    expect(result).toMatchObject({ ok: true, usageIdentifierKey: 'gw-user-value' });
  });
});

describe('revoke racing rotate', () => {
  it('leaves no working secret when a rotation lands between the revoke read and its write', async () => {
    const user = await signedInUser('keyrace');
    const created = await api.post<{ id: string; key: string }>(
      '/v1/me/api-keys',
      { name: 'race', scopes: ['account:read'] },
      { token: user.accessToken },
    );
    const keyId = created.json.id;
    const apiKeys = db().entities.apiKey;
    const original = apiKeys.get.bind(apiKeys);
    let rotated: string | undefined;
    // The revoke's read sees the old secret; a rotation then commits before the revoke writes.
    const spy = jest.spyOn(apiKeys, 'get').mockImplementationOnce(((key: {
      userId: string;
      keyId: string;
    }) => {
      const chain = original(key);
      return {
        ...chain,
        go: async (options?: { consistent?: boolean }) => {
          const read = await chain.go(options);
          rotated = (await rotateApiKey(user.userId, keyId)).key;
          return read;
        },
      };
    }) as unknown as typeof apiKeys.get);
    try {
      await revokeApiKey(user.userId, keyId);
    } finally {
      spy.mockRestore();
    }
    expect(rotated).toMatch(/^smsk_live_/);
    expect(await authorize({ apiKey: rotated ?? '' })).toMatchObject({ ok: false });
    expect(await authorize({ apiKey: created.json.key })).toMatchObject({ ok: false });
  });
});

describe('temporary increase', () => {
  it('can be taken at most once per 7 days (409 temporary_increase_unavailable)', async () => {
    const user = await signedInUser('boost7');
    const first = await api.post<{ expiresAt: string }>(
      '/v1/me/limits/temporary-increase',
      { reason: 'import' },
      { token: user.accessToken },
    );
    expect(first.status).toBe(201);
    const grantedAt = Date.parse(first.json.expiresAt) - 24 * 3600_000;
    // Two days later the first one has expired, but the week is not over.
    await expect(
      requestTemporaryIncrease(user.userId, 'again', grantedAt + 2 * 86_400_000),
    ).rejects.toMatchObject({
      name: 'Conflict',
      code: 'temporary_increase_unavailable',
    });
    const later = await requestTemporaryIncrease(
      user.userId,
      'next week',
      grantedAt + 7 * 86_400_000 + 60_000,
    );
    expect(later.factor).toBe(2);
  });
});
