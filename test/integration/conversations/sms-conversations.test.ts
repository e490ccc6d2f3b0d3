import { api, expectProblem } from '../helpers/api';
import { busyUser } from '../helpers/session';
import { eventually, userWithNumber } from '../numbers/support';
import { auth, type ConversationView, conversation, history, type MessageView } from './support';

const peerNumber = () => `+1212${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`;

describe('SMS conversations', () => {
  it('creates the owner’s SMS conversation once, sends its messages as SMS and threads replies', async () => {
    const { user, number } = await userWithNumber(100, 'smsconv');
    const peer = peerNumber();
    const body = { participants: [{ phoneNumber: peer }], fromNumber: number.phoneNumber, title: 'Bakery' };

    const created = await api.post<ConversationView>('/v1/conversations', body, auth(user));
    expect(created.status).toBe(201);
    expect(created.json).toMatchObject({
      type: 'sms',
      fromNumber: number.phoneNumber,
      title: 'Bakery',
      unreadCount: 0,
    });
    expect(created.json.participants).toEqual([
      { userId: user.userId, username: user.username },
      { phoneNumber: peer },
    ]);
    const again = await api.post<ConversationView>('/v1/conversations', body, auth(user));
    expect(again.json.id).toBe(created.json.id);

    const sent = await api.post<MessageView>(
      `/v1/conversations/${created.json.id}/messages`,
      { body: 'Two croissants please', clientMessageId: 'order-1' },
      auth(user),
    );
    expect(sent.status).toBe(201);
    expect(sent.json).toMatchObject({ status: 'queued', sender: { userId: user.userId } });

    const outbox = await eventually(
      () =>
        api.get<{ items: Array<{ from: string; to: string; body: string }> }>(
          `/dev/sms/outbox?from=${encodeURIComponent(number.phoneNumber)}&to=${encodeURIComponent(peer)}`,
        ),
      (r) => r.json.items.length > 0,
    );
    expect(outbox.json.items).toEqual([expect.objectContaining({ body: 'Two croissants please' })]);
    await eventually(
      () => history(user, created.json.id),
      (items) => items[0]?.status === 'sent' || items[0]?.status === 'delivered',
    );

    // A retried clientMessageId sends nothing twice.
    const retried = await api.post<MessageView>(
      `/v1/conversations/${created.json.id}/messages`,
      { body: 'Two croissants please', clientMessageId: 'order-1' },
      auth(user),
    );
    expect(retried.json.id).toBe(sent.json.id);

    const inbound = await api.post('/dev/sms/inbound', {
      from: peer,
      to: number.phoneNumber,
      body: 'Ready at 9',
    });
    expect(inbound.status).toBe(202);
    const thread = await eventually(
      () => conversation(user, created.json.id),
      (c) => c.unreadCount === 1,
    );
    expect(thread.lastMessage).toMatchObject({ body: 'Ready at 9', sender: { phoneNumber: peer } });
    const outbound = await api.get<{ items: unknown[] }>(
      `/dev/sms/outbox?from=${encodeURIComponent(number.phoneNumber)}&to=${encodeURIComponent(peer)}`,
    );
    expect(outbound.json.items).toHaveLength(1);
  });

  it('refuses attachments in SMS conversations', async () => {
    const { user, number } = await userWithNumber(0, 'smsatt');
    const created = await api.post<ConversationView>(
      '/v1/conversations',
      { participants: [{ phoneNumber: peerNumber() }], fromNumber: number.phoneNumber },
      auth(user),
    );
    const sent = await api.post(
      `/v1/conversations/${created.json.id}/messages`,
      { body: 'see file', attachments: ['att_01J00000000000000000000000'] },
      auth(user),
    );
    expectProblem(sent, 400, 'validation_failed');
  });

  it("refuses another user's number as fromNumber with 403", async () => {
    const { number } = await userWithNumber(0, 'owner');
    const intruder = await busyUser('intruder');
    const response = await api.post(
      '/v1/conversations',
      { participants: [{ phoneNumber: peerNumber() }], fromNumber: number.phoneNumber },
      auth(intruder),
    );
    expectProblem(response, 403, 'number_not_owned');
  });
});

describe('SMS conversations and API key scopes', () => {
  it('needs sms:send to post into an SMS conversation; messages:write alone is a 403', async () => {
    const { user, number } = await userWithNumber(500, 'smsscope');
    const created = await api.post<ConversationView>(
      '/v1/conversations',
      { participants: [{ phoneNumber: peerNumber() }], fromNumber: number.phoneNumber },
      auth(user),
    );
    expect(created.status).toBe(201);
    const keyWith = async (scopes: string[]) =>
      (await api.post<{ key: string }>('/v1/me/api-keys', { name: scopes.join(' '), scopes }, auth(user)))
        .json.key;
    const writeOnly = await keyWith(['messages:write', 'messages:read']);
    const refused = await api.post(
      `/v1/conversations/${created.json.id}/messages`,
      { body: 'Sent with the wrong key' },
      { apiKey: writeOnly },
    );
    expectProblem(refused, 403, 'insufficient_scope');
    expect(await history(user, created.json.id)).toEqual([]);

    const both = await keyWith(['messages:write', 'sms:send']);
    const sent = await api.post<MessageView>(
      `/v1/conversations/${created.json.id}/messages`,
      { body: 'Sent with the right key' },
      { apiKey: both },
    );
    expect(sent.status).toBe(201);
  });
});
