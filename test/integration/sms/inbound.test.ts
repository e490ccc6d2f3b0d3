import { randomUUID } from 'node:crypto';
import { listVerificationPool } from '../../../shared/numbers/inventory';
import { api, expectProblem } from '../helpers/api';
import { connectWs } from '../helpers/ws';
import { bearer, enc, ownedNumber, userWithNumber } from '../numbers/support';

interface Conversation {
  id: string;
  type: string;
  fromNumber?: string;
  participants: Array<{ userId?: string; phoneNumber?: string }>;
}
interface Message {
  id: string;
  body: string;
  sender: { phoneNumber?: string };
}

const deliver = (body: { from: string; to: string; body: string; inboundMessageId?: string }) =>
  api.post<{ inboundMessageId: string }>('/dev/sms/inbound', body);

const sender = () => `+1212${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`;

describe('inbound SMS', () => {
  it("lands in the owner's conversation with the sender, is pushed over the WebSocket and counted", async () => {
    const { user, number } = await userWithNumber(0, 'inbound');
    const from = sender();
    const socket = await connectWs(user.accessToken);

    try {
      const response = await deliver({ from, to: number.phoneNumber, body: 'Hi, is this the bakery?' });
      const pushed = await socket.waitFor<{ conversationId: string; message: Message }>(
        (e) => (e as { type?: string }).type === 'message.created',
      );

      expect(response.status).toBe(202);
      expect(pushed.message).toMatchObject({
        body: 'Hi, is this the bakery?',
        sender: { phoneNumber: from },
      });
      const conversation = await api.get<Conversation>(
        `/v1/conversations/${pushed.conversationId}`,
        bearer(user),
      );
      expect(conversation.json).toMatchObject({ type: 'sms', fromNumber: number.phoneNumber });
      expect(conversation.json.participants).toContainEqual({ phoneNumber: from });
      expect((await ownedNumber(user, number.phoneNumber)).usage.smsReceived).toBe(1);
    } finally {
      await socket.close();
    }
  });

  it("goes to the same conversation as the owner's outbound SMS to that sender", async () => {
    const { user, number } = await userWithNumber(100, 'thread');
    const peer = sender();
    const sent = await api.post<{ conversationId: string }>(
      '/v1/sms',
      { from: number.phoneNumber, to: peer, body: 'Your table is ready' },
      bearer(user),
    );

    await deliver({ from: peer, to: number.phoneNumber, body: 'On my way' });

    const listed = await api.get<{ items: Message[] }>(
      `/v1/conversations/${sent.json.conversationId}/messages`,
      bearer(user),
    );
    expect(listed.json.items.map((m) => m.body)).toEqual(
      expect.arrayContaining(['On my way', 'Your table is ready']),
    );
  });

  it('dedupes on inboundMessageId', async () => {
    const { user, number } = await userWithNumber(0, 'dedupe');
    const from = sender();
    const inboundMessageId = randomUUID();

    const first = await deliver({ from, to: number.phoneNumber, body: 'once', inboundMessageId });
    const again = await deliver({ from, to: number.phoneNumber, body: 'once', inboundMessageId });

    expect([first.status, again.status]).toEqual([202, 202]);
    const conversations = await api.get<{ items: Conversation[] }>('/v1/conversations', bearer(user));
    const thread = conversations.json.items.find((c) => c.participants.some((p) => p.phoneNumber === from));
    const listed = await api.get<{ items: Message[] }>(
      `/v1/conversations/${thread!.id}/messages`,
      bearer(user),
    );
    expect(listed.json.items.map((m) => m.body)).toEqual(['once']);
    expect((await ownedNumber(user, number.phoneNumber)).usage.smsReceived).toBe(1);
  });

  it('drops SMS to numbers nobody owns and to expired numbers', async () => {
    const { user, number } = await userWithNumber(0, 'dropped');
    await api.delete(`/v1/numbers/${enc(number.phoneNumber)}`, bearer(user));
    await api.post('/dev/numbers/renewals/run', {
      now: new Date(Date.parse(number.renewsAt) + 60_000).toISOString(),
      userIds: [user.userId],
    });

    const unknown = await deliver({ from: sender(), to: '+14155550123', body: 'anyone?' });
    const expired = await deliver({ from: sender(), to: number.phoneNumber, body: 'still there?' });

    expect([unknown.status, expired.status]).toEqual([202, 202]);
    const conversations = await api.get<{ items: Conversation[] }>('/v1/conversations', bearer(user));
    expect(conversations.json.items).toEqual([]);
  });

  it('hands SMS to a verification-pool number to the verifications module', async () => {
    const [poolNumber] = (await listVerificationPool({ country: 'US', limit: 1 })).items;

    const response = await deliver({
      from: 'Google',
      to: poolNumber!.phoneNumber,
      body: 'G-123456 is your code',
    });

    expect(response.status).toBe(202);
  });

  it.each([
    ['a missing body', { from: '+12125550100', to: '+14155550123' }],
    ['a destination that is not E.164', { from: '+12125550100', to: '4155550123', body: 'x' }],
    ['an unknown field', { from: '+12125550100', to: '+14155550123', body: 'x', extra: true }],
  ])('rejects %s with 400', async (_name, body) => {
    expectProblem(await api.post('/dev/sms/inbound', body), 400, 'validation_failed');
  });
});
