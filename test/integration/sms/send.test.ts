import { randomUUID } from 'node:crypto';
import { recordUsage } from '../../../shared/usage/service';
import { api, expectProblem } from '../helpers/api';
import type { TestUser } from '../helpers/session';
import { connectWs } from '../helpers/ws';
import { bearer, enc, eventually, ownedNumber, userWithNumber } from '../numbers/support';

interface Accepted {
  messageId: string;
  conversationId: string;
  status: string;
}
interface OutboxItem {
  messageId: string;
  from: string;
  to: string;
  body: string;
  segments: number;
  status: string;
  errorCode?: string;
  sentAt: string;
}
interface Message {
  id: string;
  body: string;
  status: string;
  segments?: number;
  errorCode?: string;
  sender: { userId?: string; phoneNumber?: string };
}

const send = (user: TestUser, body: unknown, idempotencyKey?: string) =>
  api.post<Accepted>('/v1/sms', body, { ...bearer(user), ...(idempotencyKey ? { idempotencyKey } : {}) });

const outbox = async (from: string, to: string) =>
  (await api.get<{ items: OutboxItem[] }>(`/dev/sms/outbox?from=${enc(from)}&to=${enc(to)}`)).json.items;

const messages = async (user: TestUser, conversationId: string) =>
  (await api.get<{ items: Message[] }>(`/v1/conversations/${conversationId}/messages`, bearer(user))).json
    .items;

/** A random valid US recipient, so that outbox lookups are unique to the test. */
const recipient = () => `+1415${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`;

describe('POST /v1/sms', () => {
  let user: TestUser;
  let from: string;

  beforeAll(async () => {
    const owned = await userWithNumber(1000, 'sender');
    user = owned.user;
    from = owned.number.phoneNumber;
  });

  it('queues, stores in the conversation with `to`, sends through the carrier, then marks it delivered', async () => {
    const to = recipient();
    const body = `Hello from SMSPROJ ${randomUUID()}`;

    const response = await send(user, { from, to, body });

    expect(response.status).toBe(202);
    expect(response.json).toEqual({
      messageId: expect.any(String),
      conversationId: expect.any(String),
      status: 'queued',
    });
    const sent = await eventually(
      () => outbox(from, to),
      (items) => items.length > 0,
    );
    expect(sent).toEqual([
      {
        messageId: response.json.messageId,
        from,
        to,
        body,
        segments: 1,
        status: expect.any(String),
        sentAt: expect.any(String),
      },
    ]);
    const stored = await eventually(
      () => messages(user, response.json.conversationId),
      (items) => items[0]?.status === 'delivered',
    );
    expect(stored[0]).toMatchObject({
      id: response.json.messageId,
      body,
      status: 'delivered',
      segments: 1,
      encoding: 'GSM-7',
      priceCents: 1,
    });
    const conversation = await api.get<{
      type: string;
      fromNumber: string;
      participants: Array<{ phoneNumber?: string }>;
    }>(`/v1/conversations/${response.json.conversationId}`, bearer(user));
    expect(conversation.json).toMatchObject({ type: 'sms', fromNumber: from });
    expect(conversation.json.participants).toContainEqual({ phoneNumber: to });
    expect((await ownedNumber(user, from)).usage.smsSent).toBeGreaterThanOrEqual(1);
  });

  it('reuses the conversation with the same recipient and records the segment count', async () => {
    const to = recipient();
    const first = await send(user, { from, to, body: 'one' });
    const long = 'x'.repeat(161);

    const second = await send(user, { from, to, body: long });

    expect(second.json.conversationId).toBe(first.json.conversationId);
    const stored = await eventually(
      () => messages(user, first.json.conversationId),
      (items) => items.length === 2,
    );
    expect(stored.find((m) => m.id === second.json.messageId)?.segments).toBe(2);
  });

  it('pushes message.created, then message.status sent, to the sender', async () => {
    const socket = await connectWs(user.accessToken);
    try {
      const response = await send(user, { from, to: recipient(), body: 'pushed' });
      const messageId = response.json.messageId;

      // The file's user is shared: an earlier test's SMS may still be reported on this socket,
      // so wait for this message's events (waitFor also sees events that arrived before).
      const createdEvent = await socket.waitFor<{ message: { id: string; status: string } }>(
        (e) =>
          (e as { type?: string }).type === 'message.created' &&
          (e as { message?: { id?: string } }).message?.id === messageId,
      );
      const statusEvent = await socket.waitFor<{ messageId: string; status: string }>(
        (e) =>
          (e as { type?: string }).type === 'message.status' &&
          (e as { messageId?: string }).messageId === messageId &&
          (e as { status?: string }).status === 'sent',
      );

      expect(createdEvent.message).toMatchObject({ id: response.json.messageId, status: 'queued' });
      expect(statusEvent.messageId).toBe(response.json.messageId);
    } finally {
      await socket.close();
    }
  });

  it('marks the message failed when the carrier refuses it', async () => {
    const response = await send(user, { from, to: '+15005550001', body: 'unreachable' });

    expect(response.status).toBe(202);
    const stored = await eventually(
      () => messages(user, response.json.conversationId),
      (items) => items.some((m) => m.id === response.json.messageId && m.status === 'failed'),
    );
    expect(stored.find((m) => m.id === response.json.messageId)).toMatchObject({
      status: 'failed',
      errorCode: 'TEXT_INVALID',
    });
    expect(await outbox(from, '+15005550001')).toContainEqual(
      expect.objectContaining({
        messageId: response.json.messageId,
        status: 'failed',
        errorCode: 'TEXT_INVALID',
      }),
    );
  });

  it('replays an Idempotency-Key without sending twice; another body is 422', async () => {
    const to = recipient();
    const key = randomUUID();

    const first = await send(user, { from, to, body: 'once' }, key);
    const replay = await send(user, { from, to, body: 'once' }, key);
    const reused = await send(user, { from, to, body: 'twice' }, key);

    expect(first.status).toBe(202);
    expect(replay.status).toBe(202);
    expect(replay.json).toEqual(first.json);
    expectProblem(reused, 422, 'idempotency_key_reused');
    await eventually(
      () => outbox(from, to),
      (items) => items.length === 1,
    );
    expect(await messages(user, first.json.conversationId)).toHaveLength(1);
  });

  it("is 403 number_not_owned for another user's number and for a number nobody owns", async () => {
    const other = await userWithNumber(0, 'othersms');

    const theirs = await send(user, { from: other.number.phoneNumber, to: recipient(), body: 'hi' });
    const nobodys = await send(user, { from: '+14155550123', to: recipient(), body: 'hi' });

    expectProblem(theirs, 403, 'number_not_owned');
    expectProblem(nobodys, 403, 'number_not_owned');
    expect(await outbox(other.number.phoneNumber, recipient())).toEqual([]);
  });

  it.each([
    ['an invalid recipient', { to: '+1415', body: 'hi' }],
    ['a recipient without plus', { to: '14155550123', body: 'hi' }],
    ['an empty body', { to: '+14155550123', body: '' }],
    ['a body over 1600 characters', { to: '+14155550123', body: 'x'.repeat(1601) }],
    ['an unknown field', { to: '+14155550123', body: 'hi', priority: 'high' }],
  ])('rejects %s with 400', async (_name, fields) => {
    expectProblem(await send(user, { from, ...fields }), 400, 'validation_failed');
  });

  it('is 429 rate_limited past the monthly SMS quota, with Retry-After', async () => {
    const { user: heavy, number } = await userWithNumber(0, 'quota');
    await recordUsage(heavy.userId, 'smsSent', 100);

    const response = await send(heavy, { from: number.phoneNumber, to: recipient(), body: 'one too many' });

    const problem = expectProblem(response, 429, 'rate_limited');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(problem).toMatchObject({ limit: 100, upgrade: { href: '/v1/plans' } });
  });

  it('needs the sms:send scope for API keys', async () => {
    const created = await api.post<{ key: string }>(
      '/v1/me/api-keys',
      { name: 'reader', scopes: ['numbers:read'] },
      bearer(user),
    );
    expect(created.status).toBe(201);

    const response = await api.post(
      '/v1/sms',
      { from, to: recipient(), body: 'hi' },
      { apiKey: created.json.key },
    );

    expectProblem(response, 403, 'insufficient_scope');
  });
});
