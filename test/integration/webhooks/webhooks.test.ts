import { verifyWebhook } from '../../../sdk/webhooks';
import { api, expectProblem } from '../helpers/api';
import { busyUser, type TestUser } from '../helpers/session';
import { auth, chat, eventually, send } from '../conversations/support';
import { type Receiver, startReceiver } from './receiver';

interface Endpoint {
  id: string;
  url: string;
  events: string[];
  enabled: boolean;
  secret?: string;
}
interface Delivery {
  id: string;
  eventId: string;
  type: string;
  status: string;
  attempts: number;
  lastStatusCode: number | null;
  nextAttemptAt: string | null;
}

const deliveries = async (user: TestUser, endpointId: string, query = '') => {
  const res = await api.get<{ items: Delivery[] }>(
    `/v1/webhooks/${endpointId}/deliveries${query}`,
    auth(user),
  );
  expect(res.status).toBe(200);
  return res.json.items;
};

const runDeliveries = (now: Date) =>
  api.post<{ processed: number }>('/dev/jobs/deliver-webhooks/run', { now: now.toISOString() });

/** The outbox consumer can lag under load (or be stopped for a moment by outbox-faults.test.ts). */
// A ceiling, not a timing assertion: the local outbox poller drains the stream in order, so a
// parallel suite writing thousands of items delays deliveries.
const WAIT_MS = 45_000;
jest.setTimeout(180_000);

describe('webhooks', () => {
  let alice: TestUser;
  let bob: TestUser;
  const receivers: Receiver[] = [];
  const receiver = async (status = 200) => {
    const r = await startReceiver(status);
    receivers.push(r);
    return r;
  };

  beforeAll(async () => {
    [alice, bob] = await Promise.all([busyUser('whalice'), busyUser('whbob')]);
  });
  afterAll(async () => {
    await Promise.all(receivers.map((r) => r.close()));
  });

  const createEndpoint = async (user: TestUser, url: string, events: string[]) => {
    const res = await api.post<Endpoint>('/v1/webhooks', { url, events }, auth(user));
    expect(res.status).toBe(201);
    return res.json;
  };

  it('creates an endpoint, shows the secret once, and keeps it out of reads', async () => {
    const r = await receiver();
    const created = await createEndpoint(alice, r.url, ['message.created']);
    expect(created).toMatchObject({ url: r.url, events: ['message.created'], enabled: true });
    expect(created.secret).toMatch(/^whsec_/);
    const read = await api.get<Endpoint>(`/v1/webhooks/${created.id}`, auth(alice));
    expect(read.status).toBe(200);
    expect(read.text).not.toContain('whsec_');
    const list = await api.get<{ items: Endpoint[] }>('/v1/webhooks', auth(alice));
    expect(list.json.items.map((e) => e.id)).toContain(created.id);
    expect(list.text).not.toContain('whsec_');
    // Another user's endpoint is a 404 on every route.
    expectProblem(await api.get(`/v1/webhooks/${created.id}`, auth(bob)), 404, 'not_found');
    expectProblem(
      await api.patch(`/v1/webhooks/${created.id}`, { enabled: false }, auth(bob)),
      404,
      'not_found',
    );
    expectProblem(await api.post(`/v1/webhooks/${created.id}/test`, {}, auth(bob)), 404, 'not_found');
    expectProblem(await api.delete(`/v1/webhooks/${created.id}`, auth(bob)), 404, 'not_found');
  });

  it('refuses unsafe URLs with 400 invalid_url', async () => {
    for (const url of [
      'ftp://127.0.0.1/x',
      'http://user:pw@127.0.0.1/x',
      'http://169.254.169.254/latest/meta-data/',
      'http://example.com/hook',
      'https://[fe80::1]/x',
    ]) {
      expectProblem(
        await api.post('/v1/webhooks', { url, events: ['ping'] }, auth(alice)),
        400,
        'invalid_url',
      );
    }
    expectProblem(
      await api.post('/v1/webhooks', { url: 'http://127.0.0.1:1/x', events: ['nope'] }, auth(alice)),
      400,
      'validation_failed',
    );
  });

  it('limits a user to 10 endpoints (403 limit_reached) and frees a slot on delete', async () => {
    const user = await busyUser('whlimit');
    const ids: string[] = [];
    for (let i = 0; i < 10; i++)
      ids.push((await createEndpoint(user, `http://127.0.0.1:9/h${i}`, ['ping'])).id);
    expectProblem(
      await api.post('/v1/webhooks', { url: 'http://127.0.0.1:9/x', events: ['ping'] }, auth(user)),
      403,
      'limit_reached',
    );
    expect((await api.delete(`/v1/webhooks/${ids[0]}`, auth(user))).status).toBe(204);
    expectProblem(await api.get(`/v1/webhooks/${ids[0]}`, auth(user)), 404, 'not_found');
    await createEndpoint(user, 'http://127.0.0.1:9/again', ['ping']);
  });

  it('delivers a signed message.created event from the outbox', async () => {
    const r = await receiver();
    const endpoint = await createEndpoint(bob, r.url, ['message.created']);
    const conv = await chat(alice, [bob]);
    const message = await send(alice, conv.id, 'hello webhook');
    const got = await eventually(
      async () =>
        r.received.find(
          (x) => x.event.data.message && (x.event.data.message as { id: string }).id === message.id,
        ),
      WAIT_MS,
    );
    expect(got.event).toMatchObject({ type: 'message.created', data: { conversationId: conv.id } });
    expect(got.event.id).toMatch(/^evt_/);
    expect(got.headers['smsproj-event-id']).toBe(got.event.id);
    expect(got.headers['smsproj-event-type']).toBe('message.created');
    const verified = verifyWebhook(endpoint.secret!, String(got.headers['smsproj-signature']), got.rawBody);
    expect(verified.id).toBe(got.event.id);
    const log = await eventually(async () => {
      const items = await deliveries(bob, endpoint.id, '?status=succeeded');
      return items.find((d) => d.eventId === got.event.id);
    }, WAIT_MS);
    expect(log).toMatchObject({
      status: 'succeeded',
      attempts: 1,
      lastStatusCode: 200,
      type: 'message.created',
    });
  });

  it('pings, retries a failing receiver with the same event id, and redelivers', async () => {
    const r = await receiver(500);
    const endpoint = await createEndpoint(alice, r.url, ['ping']);
    expect((await api.post(`/v1/webhooks/${endpoint.id}/test`, {}, auth(alice))).status).toBe(202);
    const first = await eventually(async () => r.received[0], WAIT_MS);
    expect(first.event.type).toBe('ping');
    const pending = await eventually(async () => {
      const [d] = await deliveries(alice, endpoint.id);
      return d && d.attempts === 1 && d.status === 'pending' ? d : undefined;
    }, WAIT_MS);
    expect(pending.lastStatusCode).toBe(500);
    const wait = Date.parse(pending.nextAttemptAt!) - Date.now();
    expect(wait).toBeGreaterThan(20_000);
    expect(wait).toBeLessThan(80_000);
    // The retry, as if two minutes had passed: same event id, now answered 200.
    r.respondWith(200);
    await runDeliveries(new Date(Date.now() + 120_000));
    const retried = await eventually(
      async () => (r.received.length >= 2 ? r.received[1] : undefined),
      WAIT_MS,
    );
    expect(retried.event.id).toBe(first.event.id);
    const [done] = await deliveries(alice, endpoint.id);
    expect(done).toMatchObject({
      status: 'succeeded',
      attempts: 2,
      lastStatusCode: 200,
      nextAttemptAt: null,
    });
    expect(
      (await api.post(`/v1/webhooks/${endpoint.id}/deliveries/${done!.id}/redeliver`, {}, auth(alice)))
        .status,
    ).toBe(202);
    const again = await eventually(async () => (r.received.length >= 3 ? r.received[2] : undefined), WAIT_MS);
    expect(again.event.id).toBe(first.event.id);
  });

  it('signs with both secrets for a day after a rotation', async () => {
    const r = await receiver();
    const endpoint = await createEndpoint(alice, r.url, ['ping']);
    const rotated = await api.post<{ secret: string }>(
      `/v1/webhooks/${endpoint.id}/rotate-secret`,
      {},
      auth(alice),
    );
    expect(rotated.status).toBe(200);
    expect(rotated.json.secret).not.toBe(endpoint.secret);
    await api.post(`/v1/webhooks/${endpoint.id}/test`, {}, auth(alice));
    const got = await eventually(async () => r.received[0], WAIT_MS);
    const header = String(got.headers['smsproj-signature']);
    expect(header.match(/v1=/g)).toHaveLength(2);
    expect(verifyWebhook(endpoint.secret!, header, got.rawBody).type).toBe('ping');
    expect(verifyWebhook(rotated.json.secret, header, got.rawBody).type).toBe('ping');
  });

  it('gives up after 8 attempts and disables an endpoint failing for 3 days, with an email', async () => {
    const user = await busyUser('whdown');
    const r = await receiver(503);
    const endpoint = await createEndpoint(user, r.url, ['ping']);
    await api.post(`/v1/webhooks/${endpoint.id}/test`, {}, auth(user));
    await eventually(async () => {
      const [d] = await deliveries(user, endpoint.id);
      return d?.attempts === 1 && d.status === 'pending' ? d : undefined;
    }, WAIT_MS);
    let clock = Date.now();
    for (let i = 0; i < 12; i++) {
      const [d] = await deliveries(user, endpoint.id);
      if (!d || d.status !== 'pending') break;
      clock = Math.max(clock, Date.parse(d.nextAttemptAt!)) + 1000;
      await runDeliveries(new Date(clock));
    }
    const [final] = await deliveries(user, endpoint.id);
    expect(final).toMatchObject({ status: 'failed', attempts: 8, lastStatusCode: 503 });
    const ids = new Set(r.received.map((x) => x.event.id));
    expect(ids.size).toBe(1);
    expect(clock - Date.now()).toBeGreaterThan(24 * 3600 * 1000);
    // Still failing three days after the first failure: the next failure disables it.
    await api.post(`/v1/webhooks/${endpoint.id}/test`, {}, auth(user));
    await eventually(async () => {
      const items = await deliveries(user, endpoint.id, '?status=pending');
      return items[0];
    }, WAIT_MS);
    await runDeliveries(new Date(Date.now() + 3 * 24 * 3600 * 1000 + 60_000 * 5));
    const after = await api.get<Endpoint>(`/v1/webhooks/${endpoint.id}`, auth(user));
    expect(after.json.enabled).toBe(false);
    const mail = await api.get<{ items: Array<{ subject: string }> }>(
      `/dev/mailbox?to=${encodeURIComponent(user.email)}`,
    );
    expect(mail.json.items.map((m) => m.subject)).toContain('Webhook endpoint disabled');
  });
});
