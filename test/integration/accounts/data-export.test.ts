import { setTimeout as sleep } from 'node:timers/promises';
import { api, expectProblem } from '../helpers/api';
import { latestEmail } from '../helpers/mailbox';
import { busyUser, type TestUser } from '../helpers/session';
import { auth, chat } from '../conversations/support';

interface ExportStatus {
  exportId: string;
  status: 'pending' | 'ready' | 'failed';
  downloadUrl?: string;
  downloadUrlExpiresAt?: string;
}

async function exportReady(user: TestUser, exportId: string): Promise<ExportStatus> {
  for (let i = 0; i < 200; i++) {
    const response = await api.get<ExportStatus>(`/v1/me/exports/${exportId}`, auth(user));
    expect(response.status).toBe(200);
    if (response.json.status !== 'pending') return response.json;
    await sleep(100);
  }
  throw new Error('export did not finish');
}

describe('POST /v1/me/export (GDPR access and portability)', () => {
  let alice: TestUser;
  let bob: TestUser;
  let conversationId: string;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([busyUser('exp'), busyUser('exp')]);
    conversationId = (await chat(alice, [bob], 'export me')).id;
    for (const body of ['first', 'second', `hello @${bob.username}`]) {
      const sent = await api.post(`/v1/conversations/${conversationId}/messages`, { body }, auth(alice));
      expect(sent.status).toBe(201);
    }
    expect(
      (await api.post(`/v1/conversations/${conversationId}/messages`, { body: 'reply' }, auth(bob))).status,
    ).toBe(201);
    expect((await api.post('/dev/credits', { email: alice.email, amountCents: 700 })).status).toBe(200);
    const key = await api.post('/v1/me/api-keys', { name: 'ci', scopes: ['account:read'] }, auth(alice));
    expect(key.status).toBe(201);
    const hook = await api.post(
      '/v1/webhooks',
      { url: 'http://127.0.0.1:9/hook', events: ['message.created'] },
      auth(alice),
    );
    expect(hook.status).toBe(201);
  }, 120_000);

  it('writes one JSON document with every section, without secrets, and emails the user', async () => {
    const since = new Date();
    const started = await api.post<{ exportId: string; status: string }>(
      '/v1/me/export',
      undefined,
      auth(alice),
    );
    expect(started.status).toBe(202);
    expect(started.json).toEqual({ exportId: expect.stringMatching(/^exp_/), status: 'pending' });
    expect(started.headers.get('location')).toBe(`/v1/me/exports/${started.json.exportId}`);

    const done = await exportReady(alice, started.json.exportId);
    expect(done.status).toBe('ready');
    // A presigned GET that expires (15 minutes), not a public URL.
    expect(new URL(done.downloadUrl ?? '').searchParams.get('X-Amz-Expires')).toBe('900');
    const file = await fetch(done.downloadUrl ?? '');
    expect(file.status).toBe(200);
    const text = await file.text();
    const doc = JSON.parse(text) as Record<string, unknown> & {
      conversations: Array<{ id: string; messages: Array<{ body: string; sender: { userId?: string } }> }>;
      apiKeys: Array<Record<string, unknown>>;
      webhooks: Array<Record<string, unknown>>;
      ledger: Array<{ type: string; amountCents: number }>;
      profile: { userId: string; email: string };
    };

    expect(Object.keys(doc)).toEqual([
      'format',
      'version',
      'exportedAt',
      'userId',
      'profile',
      'preferences',
      'apiKeys',
      'webhooks',
      'numbers',
      'verifications',
      'ledger',
      'conversations',
    ]);
    expect(doc.profile).toEqual(expect.objectContaining({ userId: alice.userId, email: alice.email }));
    expect(doc.conversations).toHaveLength(1);
    expect(doc.conversations[0]?.id).toBe(conversationId);
    expect(doc.conversations[0]?.messages.map((m) => m.body)).toEqual([
      'first',
      'second',
      `hello @${bob.username}`,
      'reply',
    ]);
    expect(doc.ledger).toEqual([expect.objectContaining({ type: 'topup', amountCents: 700 })]);
    expect(doc.apiKeys).toHaveLength(1);
    expect(doc.webhooks).toHaveLength(1);
    expect(doc.apiKeys[0]).not.toHaveProperty('key');
    expect(doc.webhooks[0]).not.toHaveProperty('secret');
    expect(text).not.toMatch(/"(key|secret|secretHash|hash|encryptedSecret)"\s*:/);

    const email = await latestEmail(alice.email, { since, timeoutMs: 10_000 });
    expect(email.subject).toMatch(/export is ready/i);
  });

  it("another user's export is a 404, and so is an unknown one", async () => {
    const started = await api.post<{ exportId: string }>('/v1/me/export', undefined, auth(alice));
    expect(started.status).toBe(202);
    expectProblem(await api.get(`/v1/me/exports/${started.json.exportId}`, auth(bob)), 404, 'not_found');
    expectProblem(
      await api.get('/v1/me/exports/exp_01ARZ3NDEKTSV4RRFFQ69G5FAV', auth(alice)),
      404,
      'not_found',
    );
    await exportReady(alice, started.json.exportId);
  });
});
