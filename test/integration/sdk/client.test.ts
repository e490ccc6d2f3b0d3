import { randomUUID } from 'node:crypto';
import { ApiProblem, createClient, paginate, type Schemas, unwrap, verifyWebhook } from '../../../sdk';
import { eventually } from '../conversations/support';
import { baseUrl } from '../helpers/api';
import { checkContract } from '../helpers/contract';
import { codeIn, latestEmail } from '../helpers/mailbox';
import { signedInUser } from '../helpers/session';
import { userWithNumber } from '../numbers/support';
import { startReceiver } from '../webhooks/receiver';

/** The SDK against the local runtime; every response it receives is contract-checked too. */
const checkedFetch: typeof fetch = async (input, init) => {
  const request = new Request(input, init);
  const response = await fetch(request);
  const text = await response.clone().text();
  let json: unknown;
  try {
    json = text ? JSON.parse(text) : undefined;
  } catch {
    json = undefined;
  }
  checkContract({
    method: request.method,
    url: new URL(request.url),
    status: response.status,
    headers: response.headers,
    text,
    json,
  });
  return response;
};

/** The outbox consumer can lag under a busy machine: a ceiling, not a timing assertion. */
const WEBHOOK_WAIT_MS = 45_000;
jest.setTimeout(120_000);

describe('SDK (sdk/index.ts) against the local runtime', () => {
  it('registers, verifies, logs in, chats, and pages through conversations and messages', async () => {
    const unique = randomUUID().replaceAll('-', '').slice(0, 12);
    const email = `sdk-${unique}@example.test`;
    const password = `Pw-${unique}-Aa1`;
    const anonymous = createClient({ baseUrl: baseUrl(), fetch: checkedFetch });
    const since = new Date();

    const registered = await unwrap(
      anonymous.POST('/v1/auth/register', { body: { email, username: `sdk_${unique}`, password } }),
    );
    const code = codeIn(await latestEmail(email, { since }));
    const verified = await unwrap(anonymous.POST('/v1/auth/verify-email', { body: { email, code } }));
    const tokens = await unwrap(anonymous.POST('/v1/auth/login', { body: { email, password } }));

    const api = createClient({ baseUrl: baseUrl(), accessToken: tokens.accessToken, fetch: checkedFetch });
    const me = await unwrap(api.GET('/v1/me'));
    const friend = await signedInUser('sdkfriend');
    const other = await signedInUser('sdkother');
    const chat = await unwrap(
      api.POST('/v1/conversations', { body: { participants: [{ username: friend.username }] } }),
    );
    await unwrap(api.POST('/v1/conversations', { body: { participants: [{ username: other.username }] } }));
    const sent: Schemas['Message'][] = [];
    for (const body of ['one', 'two', 'three']) {
      sent.push(
        await unwrap(
          api.POST('/v1/conversations/{id}/messages', { params: { path: { id: chat.id } }, body: { body } }),
        ),
      );
    }

    const conversations: string[] = [];
    for await (const conversation of paginate((cursor) =>
      api.GET('/v1/conversations', { params: { query: { limit: 1, ...(cursor ? { cursor } : {}) } } }),
    )) {
      conversations.push(conversation.id);
    }
    const bodies: string[] = [];
    for await (const message of paginate((cursor) =>
      api.GET('/v1/conversations/{id}/messages', {
        params: { path: { id: chat.id }, query: { limit: 2, ...(cursor ? { cursor } : {}) } },
      }),
    )) {
      bodies.push(message.body);
    }

    expect(registered).toMatchObject({ email, emailVerified: false });
    expect(verified).toEqual({ emailVerified: true });
    expect(tokens.tokenType).toBe('Bearer');
    expect(me).toMatchObject({ userId: registered.userId, email });
    expect(sent.map((m) => m.status)).toEqual(['sent', 'sent', 'sent']);
    expect(conversations).toHaveLength(2);
    expect(conversations).toContain(chat.id);
    expect(bodies).toEqual(['three', 'two', 'one']);
  });

  it('sends an SMS and verifies the signed webhook it triggers with verifyWebhook', async () => {
    const { user, number } = await userWithNumber(1000, 'sdksms');
    const api = createClient({ baseUrl: baseUrl(), accessToken: user.accessToken, fetch: checkedFetch });
    const receiver = await startReceiver();
    try {
      const endpoint = await unwrap(
        api.POST('/v1/webhooks', { body: { url: receiver.url, events: ['sms.status'] } }),
      );
      const accepted = await unwrap(
        api.POST('/v1/sms', {
          body: { from: number.phoneNumber, to: '+14155550123', body: `SDK ${randomUUID()}` },
        }),
      );
      const delivery = await eventually(
        async () => receiver.received.find((r) => r.event.data['messageId'] === accepted.messageId),
        WEBHOOK_WAIT_MS,
      );
      const event = verifyWebhook<{ messageId: string }>(
        endpoint.secret,
        String(delivery.headers['smsproj-signature']),
        delivery.rawBody,
      );
      const forged = (() => {
        try {
          return verifyWebhook(
            endpoint.secret,
            String(delivery.headers['smsproj-signature']),
            delivery.rawBody.replace(accepted.messageId, 'msg_forged'),
          );
        } catch (error) {
          return error;
        }
      })();

      expect(accepted.status).toBe('queued');
      expect(event).toMatchObject({ type: 'sms.status', data: { messageId: accepted.messageId } });
      expect(forged).toMatchObject({ name: 'WebhookVerificationError' });
    } finally {
      await receiver.close();
    }
  });

  it('turns problem responses into typed ApiProblem errors', async () => {
    const user = await signedInUser('sdkerr');
    const api = createClient({ baseUrl: baseUrl(), accessToken: user.accessToken, fetch: checkedFetch });
    const anonymous = createClient({ baseUrl: baseUrl(), fetch: checkedFetch });

    const missing = await unwrap(
      api.GET('/v1/conversations/{id}', { params: { path: { id: 'conv_00000000000000000000000000' } } }),
    ).catch((error: unknown) => error);
    const invalid = await unwrap(
      anonymous.POST('/v1/auth/register', {
        body: { email: 'not-an-email', username: 'x', password: 'short' },
      }),
    ).catch((error: unknown) => error);
    const unauthenticated = await unwrap(anonymous.GET('/v1/me')).catch((error: unknown) => error);

    expect(missing).toBeInstanceOf(ApiProblem);
    expect(missing).toMatchObject({ status: 404, code: 'not_found' });
    expect(invalid).toMatchObject({ status: 400, code: 'validation_failed' });
    expect((invalid as ApiProblem).errors.map((e) => e.path)).toEqual(
      expect.arrayContaining(['body.email', 'body.password']),
    );
    expect(unauthenticated).toMatchObject({ status: 401, code: 'unauthorized' });
  });

  it('sends an Idempotency-Key on creating calls: the same key replays the first result', async () => {
    const user = await signedInUser('sdkidem');
    const friend = await signedInUser('sdkidemf');
    const api = createClient({
      baseUrl: baseUrl(),
      accessToken: user.accessToken,
      fetch: checkedFetch,
      idempotencyKey: () => `sdk-fixed-${user.userId}`,
    });

    const first = await unwrap(
      api.POST('/v1/conversations', { body: { participants: [{ username: friend.username }] } }),
    );
    const again = await unwrap(
      api.POST('/v1/conversations', { body: { participants: [{ username: friend.username }] } }),
    );

    expect(again.id).toBe(first.id);
  });
});
