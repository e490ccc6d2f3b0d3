import { db } from '../../../shared/platform/db/service';
import { type ConversationView, type MessageView, type Page, auth, chat } from '../conversations/support';
import { api, expectProblem, request } from '../helpers/api';
import { busyUser, type TestUser } from '../helpers/session';

const runDeletionJob = async () => {
  const response = await api.post<{ processed: number }>('/dev/jobs/delete-accounts/run', {});
  expect(response.status).toBe(200);
  return response.json.processed;
};

const deletionRecord = async (userId: string) =>
  (await db().entities.accountDeletion.get({ userId }).go({ consistent: true })).data;

describe('DELETE /v1/me (GDPR erasure)', () => {
  let alice: TestUser;
  let bob: TestUser;
  let apiKey: string;
  let conversationId: string;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([busyUser('del'), busyUser('del')]);
    conversationId = (await chat(alice, [bob], 'shared history')).id;
    for (const [user, body] of [
      [alice, 'hi bob, this is alice'],
      [bob, `hello @${alice.username}`],
      [alice, 'bye'],
    ] as const) {
      expect(
        (await api.post(`/v1/conversations/${conversationId}/messages`, { body }, auth(user))).status,
      ).toBe(201);
    }
    expect((await api.post('/dev/credits', { email: alice.email, amountCents: 500 })).status).toBe(200);
    const key = await api.post<{ key: string }>(
      '/v1/me/api-keys',
      { name: 'ci', scopes: ['account:read'] },
      auth(alice),
    );
    expect(key.status).toBe(201);
    apiKey = key.json.key;
    const hook = await api.post(
      '/v1/webhooks',
      { url: 'http://127.0.0.1:9/hook', events: ['message.created'] },
      auth(alice),
    );
    expect(hook.status).toBe(201);
  }, 120_000);

  it('a wrong password is a 403 and changes nothing', async () => {
    expectProblem(
      await request('DELETE', '/v1/me', { password: 'Not-the-password-1' }, auth(alice)),
      403,
      'invalid_credentials',
    );
    expect((await api.get('/v1/me', auth(alice))).status).toBe(200);
  });

  it('ends every credential at once, and a job stopped halfway is finished by the next run', async () => {
    // Armed before the request: whichever run takes the deletion first (this test's or the local
    // scheduler's) dies after the conversations step did its work, before marking it done.
    const armed = await api.post('/dev/faults', {
      name: 'account-deletion:conversations',
      count: 1,
      match: alice.userId,
    });
    expect(armed.status).toBe(200);

    const accepted = await request('DELETE', '/v1/me', { password: alice.password }, auth(alice));
    expect(accepted.status).toBe(202);

    // At once: the access token, the API key, the refresh token and the password are refused.
    expectProblem(await api.get('/v1/me', auth(alice)), 401, 'unauthorized');
    expect((await api.get('/v1/me', { apiKey })).status).toBe(401);
    expect((await api.post('/v1/auth/refresh', { refreshToken: alice.refreshToken })).status).toBe(401);
    expectProblem(
      await api.post('/v1/auth/login', { email: alice.email, password: alice.password }),
      401,
      'invalid_credentials',
    );

    const first = await runDeletionJob();
    const halfway = await deletionRecord(alice.userId);
    expect(first).toBe(0);
    expect(halfway).toEqual(expect.objectContaining({ status: 'pending', attempts: 1 }));
    expect([...(halfway?.doneSteps ?? [])].sort()).toEqual(['numbers', 'verifications']);
    // The failed run handed its claim back: the next run takes the record at once.
    expect(halfway?.claimedUntil).toBeUndefined();

    expect(await runDeletionJob()).toBe(1);
    const done = await deletionRecord(alice.userId);
    expect(done).toEqual(expect.objectContaining({ status: 'done', attempts: 2 }));
    expect([...(done?.doneSteps ?? [])].sort()).toEqual(
      ['conversations', 'numbers', 'own-data', 'profile', 'verifications'].sort(),
    );
    expect(done?.email).toBeUndefined();
    expect(await runDeletionJob()).toBe(0);

    expectProblem(
      await api.post('/v1/auth/login', { email: alice.email, password: alice.password }),
      401,
      'invalid_credentials',
    );
    expect((await db().entities.user.get({ userId: alice.userId }).go()).data).toBeNull();
  });

  it("bob's shared conversation keeps its history, with alice as deleted-user", async () => {
    const conversation = await api.get<ConversationView>(`/v1/conversations/${conversationId}`, auth(bob));
    expect(conversation.status).toBe(200);
    expect(conversation.json.participants).toEqual(expect.arrayContaining([{ username: 'deleted-user' }]));
    const messages = await api.get<Page<MessageView>>(
      `/v1/conversations/${conversationId}/messages`,
      auth(bob),
    );
    expect(messages.status).toBe(200);
    expect(messages.json.items.map((m) => [m.sender.username, m.body])).toEqual([
      ['deleted-user', 'bye'],
      [bob.username, `hello @${alice.username}`],
      ['deleted-user', 'hi bob, this is alice'],
    ]);
    expect(messages.json.items[1]?.mentions).toEqual([{ userId: alice.userId, username: 'deleted-user' }]);
    expect(messages.json.items[0]?.sender).toEqual({ username: 'deleted-user' });

    // The conversation goes on without her: nothing is addressed to the deleted member any more.
    const after = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'still here' },
      auth(bob),
    );
    expect(after.status).toBe(201);
    const listed = await api.get<Page<ConversationView>>('/v1/conversations', auth(bob));
    expect(listed.json.items.find((c) => c.id === conversationId)?.lastMessage?.body).toBe('still here');
  });

  it('keeps the ledger under the user id and frees the email and username', async () => {
    const { data: ledger } = await db().entities.ledgerEntry.query.primary({ userId: alice.userId }).go();
    expect(ledger).toEqual([expect.objectContaining({ type: 'topup', amountCents: 500 })]);
    const { data: activity } = await db().entities.activity.query.primary({ userId: alice.userId }).go();
    expect(activity).toEqual([]);

    // The same email and username register again: a new user (its code email is subject to the
    // per-address cap, one a minute, so it is not awaited here).
    const again = await api.post<{ userId: string }>('/v1/auth/register', {
      email: alice.email,
      username: alice.username,
      password: alice.password,
    });
    expect(again.status).toBe(201);
    expect(again.json.userId).not.toBe(alice.userId);
  });
});
