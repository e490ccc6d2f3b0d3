import { randomUUID } from 'node:crypto';
import { db } from '../../../shared/platform/db/service';
import { countryOf, isE164 } from '../../../shared/numbers/phone';
import { SMS_PER_RECIPIENT_MINUTE } from '../../../shared/sms/send';
import { api, expectProblem } from '../helpers/api';
import type { TestUser } from '../helpers/session';
import { connectWs } from '../helpers/ws';
import { balanceOf, bearer, enc, eventually, userWithNumber } from '../numbers/support';

/**
 * shared/API.md "v1.1 Carrier-grade SMS", end to end on the local runtime: the carrier
 * simulator emits End User Messaging receipt events through the deployed receipts handler.
 */
interface Accepted {
  messageId: string;
  conversationId: string;
  status: string;
}
interface Message {
  id: string;
  body: string;
  status: string;
  segments?: number;
  encoding?: string;
  priceCents?: number;
  errorCode?: string;
  keyword?: string;
  sender: { userId?: string; phoneNumber?: string };
}
interface OutboxItem {
  messageId: string;
  to: string;
  body: string;
  status: string;
  segments: number;
  errorCode?: string;
}
interface StatusEvent {
  type: string;
  conversationId: string;
  messageId: string;
  status: string;
  errorCode?: string;
}

const send = (user: TestUser, body: { from: string; to: string; body: string }) =>
  api.post<Accepted>('/v1/sms', body, bearer(user));
const inbound = (body: { from: string; to: string; body: string; inboundMessageId?: string }) =>
  api.post<{ inboundMessageId: string }>('/dev/sms/inbound', body);
const messages = async (user: TestUser, conversationId: string) =>
  (
    await api.get<{ items: Message[] }>(
      `/v1/conversations/${conversationId}/messages?limit=100`,
      bearer(user),
    )
  ).json.items;
const outboxTo = async (to: string) =>
  (await api.get<{ items: OutboxItem[] }>(`/dev/sms/outbox?to=${enc(to)}`)).json.items;
const smsSent = async (user: TestUser) =>
  (await api.get<{ usage: { smsSent: number } }>('/v1/me/dashboard', bearer(user))).json.usage.smsSent;
const usRecipient = () => `+1415${String(2_000_000 + Math.floor(Math.random() * 7_999_999))}`;
/** A random valid GB mobile number. */
const ukRecipient = (): string => {
  for (;;) {
    const candidate = `+4479${String(10_000_000 + Math.floor(Math.random() * 89_999_999))}`;
    if (isE164(candidate) && countryOf(candidate) === 'GB') return candidate;
  }
};
const isStatus = (messageId: string, status: string) => (e: unknown) =>
  (e as StatusEvent).type === 'message.status' &&
  (e as StatusEvent).messageId === messageId &&
  (e as StatusEvent).status === status;

describe('GET /v1/sms/pricing', () => {
  it('is public and lists every allowed destination with its per-segment price', async () => {
    const response = await api.get<Array<{ country: string; perSegmentCents: number }>>('/v1/sms/pricing');

    expect(response.status).toBe(200);
    expect(response.json).toEqual([
      { country: 'US', perSegmentCents: 1 },
      { country: 'CA', perSegmentCents: 1 },
      { country: 'GB', perSegmentCents: 4 },
      { country: 'DE', perSegmentCents: 9 },
      { country: 'FR', perSegmentCents: 7 },
    ]);
  });
});

describe('SMS status lifecycle (carrier simulator receipts)', () => {
  let user: TestUser;
  let from: string;

  beforeAll(async () => {
    const owned = await userWithNumber(500, 'lifecycle');
    user = owned.user;
    from = owned.number.phoneNumber;
  });

  it('queued -> sent -> delivered, each pushed as message.status', async () => {
    const socket = await connectWs(user.accessToken);
    try {
      const to = usRecipient();
      const response = await send(user, { from, to, body: 'Your table is ready' });
      const { messageId, conversationId } = response.json;

      const sent = await socket.waitFor<StatusEvent>(isStatus(messageId, 'sent'));
      const delivered = await socket.waitFor<StatusEvent>(isStatus(messageId, 'delivered'));

      expect(response.json.status).toBe('queued');
      expect(sent).toEqual({ type: 'message.status', conversationId, messageId, status: 'sent' });
      expect(delivered).toEqual({ type: 'message.status', conversationId, messageId, status: 'delivered' });
      const [stored] = await messages(user, conversationId);
      expect(stored).toMatchObject({
        id: messageId,
        status: 'delivered',
        segments: 1,
        encoding: 'GSM-7',
        priceCents: 1,
      });
      expect(stored?.errorCode).toBeUndefined();
      expect(await outboxTo(to)).toEqual([
        expect.objectContaining({ messageId, status: 'delivered', segments: 1 }),
      ]);
    } finally {
      await socket.close();
    }
  });

  it('+15005550002: accepted, then undelivered with the carrier errorCode (not refunded)', async () => {
    const socket = await connectWs(user.accessToken);
    try {
      const before = await balanceOf(user);
      const response = await send(user, { from, to: '+15005550002', body: 'Are you there?' });
      const { messageId } = response.json;

      await socket.waitFor<StatusEvent>(isStatus(messageId, 'sent'));
      const undelivered = await socket.waitFor<StatusEvent>(isStatus(messageId, 'undelivered'));

      expect(undelivered.errorCode).toBe('TEXT_CARRIER_UNREACHABLE');
      const stored = (await messages(user, response.json.conversationId)).find((m) => m.id === messageId);
      expect(stored).toMatchObject({ status: 'undelivered', errorCode: 'TEXT_CARRIER_UNREACHABLE' });
      expect(await balanceOf(user)).toBe(before - 1);
    } finally {
      await socket.close();
    }
  });

  it('+15005550001: refused -> failed with errorCode, refunded exactly once', async () => {
    const socket = await connectWs(user.accessToken);
    try {
      const before = await balanceOf(user);
      const response = await send(user, { from, to: '+15005550001', body: 'x'.repeat(200) });
      const { messageId } = response.json;

      const failed = await socket.waitFor<StatusEvent>(isStatus(messageId, 'failed'));

      expect(failed.errorCode).toBe('TEXT_INVALID');
      const stored = (await messages(user, response.json.conversationId)).find((m) => m.id === messageId);
      expect(stored).toMatchObject({
        status: 'failed',
        errorCode: 'TEXT_INVALID',
        segments: 2,
        priceCents: 2,
      });
      expect(await balanceOf(user)).toBe(before);
      const ledger = await db()
        .entities.ledgerEntry.query.primary({ userId: user.userId })
        .go({ pages: 'all' });
      expect(
        ledger.data
          .filter((e) => e.ref === messageId)
          .map((e) => [e.type, e.amountCents])
          .sort(),
      ).toEqual([
        ['charge', 2],
        ['refund', 2],
      ]);
    } finally {
      await socket.close();
    }
  });
});

describe('segments are what counts and what is paid', () => {
  it('charges segments x the destination price in the queueing transaction and counts segments', async () => {
    const { user, number } = await userWithNumber(100, 'segments');
    const balance = await balanceOf(user);
    const usage = await smsSent(user);
    const gsm = 'x'.repeat(161); // 2 GSM-7 segments (153 + 8)
    const ucs = `${'é'.repeat(60)}ж${'a'.repeat(10)}`; // 71 UCS-2 units: 2 segments

    const toUk = await send(user, { from: number.phoneNumber, to: ukRecipient(), body: gsm });
    const toUs = await send(user, { from: number.phoneNumber, to: usRecipient(), body: ucs });

    expect(toUk.status).toBe(202);
    expect(toUs.status).toBe(202);
    // GB: 2 x 4c = 8c; US: 2 x 1c = 2c.
    expect(await balanceOf(user)).toBe(balance - 8 - 2);
    expect(await smsSent(user)).toBe(usage + 4);
    const uk = (await messages(user, toUk.json.conversationId))[0];
    const us = (await messages(user, toUs.json.conversationId))[0];
    expect(uk).toMatchObject({ segments: 2, encoding: 'GSM-7', priceCents: 8 });
    expect(us).toMatchObject({ segments: 2, encoding: 'UCS-2', priceCents: 2 });
  });

  it('402 insufficient_funds queues, sends and counts nothing', async () => {
    const { user, number } = await userWithNumber(3, 'broke');
    const to = ukRecipient();
    const usage = await smsSent(user);

    const response = await send(user, { from: number.phoneNumber, to, body: 'one segment to GB costs 4c' });

    expectProblem(response, 402, 'insufficient_funds');
    expect(await balanceOf(user)).toBe(3);
    expect(await smsSent(user)).toBe(usage);
    expect(await outboxTo(to)).toEqual([]);
  });
});

describe('destination guard', () => {
  it('403 destination_not_allowed outside the allowed countries, nothing charged', async () => {
    const { user, number } = await userWithNumber(100, 'dest');
    const balance = await balanceOf(user);

    const response = await send(user, { from: number.phoneNumber, to: '+81312345678', body: 'hello Tokyo' });

    expectProblem(response, 403, 'destination_not_allowed');
    expect(await balanceOf(user)).toBe(balance);
  });

  it(`429 rate_limited with Retry-After past ${SMS_PER_RECIPIENT_MINUTE} messages a minute to one recipient`, async () => {
    const { user, number } = await userWithNumber(100, 'loop');
    const to = usRecipient();
    const now = Date.now();
    // The current and the next minute are full (the request may cross a minute boundary).
    for (const at of [now, now + 60_000]) {
      await db()
        .entities.smsSendWindow.put({
          from: number.phoneNumber,
          to,
          minute: new Date(at).toISOString().slice(0, 16),
          count: SMS_PER_RECIPIENT_MINUTE,
        })
        .go();
    }
    const balance = await balanceOf(user);

    const response = await send(user, { from: number.phoneNumber, to, body: 'again' });

    const problem = expectProblem(response, 429, 'rate_limited');
    expect(Number(response.headers.get('retry-after'))).toBeGreaterThan(0);
    expect(problem).toMatchObject({ limit: SMS_PER_RECIPIENT_MINUTE });
    expect(await balanceOf(user)).toBe(balance);
    const other = await send(user, { from: number.phoneNumber, to: usRecipient(), body: 'someone else' });
    expect(other.status).toBe(202);
  });
});

describe('opt-out (CTIA keywords)', () => {
  it('STOP opts out with one confirmation; every send path is 403 with nothing charged; START opts back in', async () => {
    const { user, number } = await userWithNumber(200, 'optout');
    const from = number.phoneNumber;
    const peer = usRecipient();
    const first = await send(user, { from, to: peer, body: 'Weekly specials inside' });
    const conversationId = first.json.conversationId;

    await inbound({ from: peer, to: from, body: '  stop ' });
    await inbound({ from: peer, to: from, body: 'STOP' });
    const list = await api.get<{
      items: Array<{ phoneNumber: string; keyword: string; optedOutAt: string }>;
    }>(`/v1/numbers/${enc(from)}/opt-outs`, bearer(user));
    const balance = await balanceOf(user);
    const viaRest = await send(user, { from, to: peer, body: 'still there?' });
    const viaConversation = await api.post(
      `/v1/conversations/${conversationId}/messages`,
      { body: 'hello?' },
      bearer(user),
    );
    const key = await api.post<{ key: string }>(
      '/v1/me/api-keys',
      { name: 'sender', scopes: ['sms:send'] },
      bearer(user),
    );
    const viaKey = await api.post('/v1/sms', { from, to: peer, body: 'key?' }, { apiKey: key.json.key });

    expect(list.status).toBe(200);
    expect(list.json.items).toEqual([{ phoneNumber: peer, keyword: 'STOP', optedOutAt: expect.any(String) }]);
    expectProblem(viaRest, 403, 'recipient_opted_out');
    expectProblem(viaConversation, 403, 'recipient_opted_out');
    expectProblem(viaKey, 403, 'recipient_opted_out');
    expect(await balanceOf(user)).toBe(balance);
    const replies = await eventually(
      () => outboxTo(peer),
      (items) => items.some((i) => i.body.includes('unsubscribed')),
    );
    expect(replies.filter((i) => i.body.includes('unsubscribed'))).toHaveLength(1);
    const thread = await messages(user, conversationId);
    expect(thread.filter((m) => m.keyword === 'STOP')).toHaveLength(2);

    await inbound({ from: peer, to: from, body: 'Start' });
    const again = await send(user, { from, to: peer, body: 'Welcome back' });
    const after = await api.get<{ items: unknown[] }>(`/v1/numbers/${enc(from)}/opt-outs`, bearer(user));

    expect(again.status).toBe(202);
    expect(after.json.items).toEqual([]);
    await eventually(
      () => outboxTo(peer),
      (items) => items.some((i) => i.body.includes('resubscribed')),
    );
  });

  it('HELP gets a help reply and opts nobody out', async () => {
    const { user, number } = await userWithNumber(0, 'help');
    const peer = usRecipient();

    await inbound({ from: peer, to: number.phoneNumber, body: 'help' });

    const replies = await eventually(
      () => outboxTo(peer),
      (items) => items.length > 0,
    );
    expect(replies[0]?.body).toContain('Reply STOP to unsubscribe');
    const list = await api.get<{ items: unknown[] }>(
      `/v1/numbers/${enc(number.phoneNumber)}/opt-outs`,
      bearer(user),
    );
    expect(list.json.items).toEqual([]);
  });

  it("another user's number is 404", async () => {
    const mine = await userWithNumber(0, 'optmine');
    const theirs = await userWithNumber(0, 'opttheirs');

    const response = await api.get(
      `/v1/numbers/${enc(theirs.number.phoneNumber)}/opt-outs`,
      bearer(mine.user),
    );

    expectProblem(response, 404, 'not_found');
  });
});

describe('reliability', () => {
  it('an inbound SMS redelivered after its handler failed (marker released) is stored once', async () => {
    const { user, number } = await userWithNumber(0, 'redeliver');
    const peer = usRecipient();
    const inboundMessageId = randomUUID();

    await inbound({ from: peer, to: number.phoneNumber, body: 'only once', inboundMessageId });
    // What the handler does when it fails after storing: release the marker and re-throw.
    await db().entities.smsDedupe.delete({ kind: 'inbound', id: inboundMessageId }).go();
    await inbound({ from: peer, to: number.phoneNumber, body: 'only once', inboundMessageId });

    const conversations = await api.get<{ items: Array<{ id: string }> }>('/v1/conversations', bearer(user));
    const thread = await messages(user, conversations.json.items[0]!.id);
    expect(thread.filter((m) => m.body === 'only once')).toHaveLength(1);
  });

  it('a committed, charged SMS whose enqueue never happened is sent by the redrive-sms job', async () => {
    const { user, number } = await userWithNumber(100, 'redrive');
    const to = usRecipient();
    const { findOrCreateSmsConversation } = await import(
      '../../../shared/conversations/service/conversations'
    );
    const { storeMessage } = await import('../../../shared/conversations/service/messages');
    const { authorizeSmsSend } = await import('../../../shared/sms/send');
    const grant = await authorizeSmsSend({ userId: user.userId, from: number.phoneNumber, to, body: 'lost' });
    const conversation = await findOrCreateSmsConversation({
      userId: user.userId,
      fromNumber: number.phoneNumber,
      peerNumber: to,
    });
    const job = {
      userId: user.userId,
      conversationId: conversation.id,
      from: number.phoneNumber,
      to,
      body: 'lost',
    };
    // The request "crashed" right after the commit: nothing was enqueued.
    const stored = await storeMessage({
      conversationId: conversation.id,
      sender: { userId: user.userId },
      body: 'lost',
      status: 'queued',
      ...grant.messageFields,
      extension: { ...grant.extension(job), afterCommit: async () => {} },
    });

    const run = await api.post<{ processed: number }>('/dev/jobs/redrive-sms/run', {
      now: new Date(Date.now() + 10 * 60_000).toISOString(),
    });

    expect(run.status).toBe(200);
    expect(run.json.processed).toBeGreaterThanOrEqual(1);
    const delivered = await eventually(
      () => messages(user, conversation.id),
      (items) => items.some((m) => m.id === stored.id && m.status === 'delivered'),
    );
    expect(delivered.length).toBe(1);
    expect(await outboxTo(to)).toHaveLength(1);
  });

  it('a long message retried after a throttled chunk resends only the chunks the carrier has not accepted', async () => {
    const { CarrierError, carrier } = await import('../../../shared/sms/carrier');
    const { deliver } = await import('../../../shared/sms/worker');
    const calls: number[] = [];
    let throttleOnce = true;
    const previous = carrier.install({
      async send(sms) {
        calls.push(sms.chunk);
        if (sms.chunk === 1 && throttleOnce) {
          throttleOnce = false;
          throw new CarrierError('slow down', true, 'ThrottlingException');
        }
        return { carrierMessageId: `fake-${sms.chunk}` };
      },
    });
    try {
      const job = {
        messageId: `msg_${randomUUID()}`,
        conversationId: `conv_${randomUUID()}`,
        userId: 'usr_test',
        from: '+14155550100',
        to: usRecipient(),
        body: 'x'.repeat(4000), // 27 segments, 3 chunks of at most 1600 characters
      };

      const first = await deliver(job);
      const second = await deliver(job);
      const third = await deliver(job);

      expect([first, second, third]).toEqual(['retry', 'sent', 'skipped']);
      expect(calls).toEqual([0, 1, 1, 2]);
    } finally {
      carrier.install(previous);
    }
  });
});
