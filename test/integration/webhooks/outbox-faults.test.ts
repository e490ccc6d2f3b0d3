import { setTimeout as sleep } from 'node:timers/promises';
import { db } from '../../../shared/platform/db/service';
import { api } from '../helpers/api';
import { busyUser, type TestUser } from '../helpers/session';
import { auth, chat, eventually, send } from '../conversations/support';
import { type Receiver, startReceiver } from './receiver';

/**
 * Fault injection on the transactional outbox (local runtime): the consumer is down between the
 * commit and the delivery, or a post-commit step fails; the write still answers 201 and its
 * effects still happen, once.
 */
jest.setTimeout(180_000);

describe('outbox fault injection', () => {
  let alice: TestUser;
  let bob: TestUser;
  let r: Receiver;

  beforeAll(async () => {
    [alice, bob] = await Promise.all([busyUser('fialice'), busyUser('fibob')]);
    r = await startReceiver();
  });
  afterAll(async () => {
    await api.post('/dev/outbox/start');
    await r.close();
  });

  it('delivers an event committed while the consumer was stopped, once, when it is back', async () => {
    const endpoint = await api.post<{ id: string }>(
      '/v1/webhooks',
      { url: r.url, events: ['message.created'] },
      auth(bob),
    );
    expect(endpoint.status).toBe(201);
    const conv = await chat(alice, [bob]);
    expect((await api.post<{ running: boolean }>('/dev/outbox/stop')).json.running).toBe(false);
    const message = await send(alice, conv.id, 'written while the consumer is down');
    const isOurs = (x: Receiver['received'][number]) =>
      (x.event.data.message as { id?: string } | undefined)?.id === message.id;
    // Consumer down: a ping through the delivery queue (not the stream) proves the receiver works.
    await api.post(`/v1/webhooks/${endpoint.json.id}/test`, {}, auth(bob));
    await eventually(async () => r.received.find((x) => x.event.type === 'ping'), 45_000);
    expect(r.received.filter(isOurs)).toHaveLength(0);

    expect((await api.post<{ running: boolean }>('/dev/outbox/start')).json.running).toBe(true);
    const got = await eventually(async () => r.received.find(isOurs), 45_000);
    expect(got.event.type).toBe('message.created');
    // A later message arriving proves the consumer moved past ours; ours is still there once.
    const later = await send(alice, conv.id, 'after the restart');
    await eventually(
      async () =>
        r.received.find((x) => (x.event.data.message as { id?: string } | undefined)?.id === later.id),
      45_000,
    );
    expect(r.received.filter(isOurs)).toHaveLength(1);
  });

  it('delivers an event whose message effects the request was still running when the consumer read it', async () => {
    // The request runs a message's effects (search index, pushes) itself and holds a claim
    // meanwhile; the consumer reading the record then must wait for that run, not fail the
    // record until the poller sets it aside (the event was lost: no webhook, ever).
    const own = await startReceiver();
    const endpoint = await api.post<{ id: string }>(
      '/v1/webhooks',
      { url: own.url, events: ['message.created'] },
      auth(bob),
    );
    expect(endpoint.status).toBe(201);
    const conv = await chat(alice, [bob]);
    expect((await api.post<{ running: boolean }>('/dev/outbox/stop')).json.running).toBe(false);
    const message = await send(alice, conv.id, 'effects still running in the request');
    const effects = db().entities.messageEffects;
    // The request's claim, as while it is still indexing: the consumer finds it when it starts.
    await effects.patch({ messageId: message.id }).set({ state: 'inline', claimedAt: Date.now() }).go();
    expect((await api.post<{ running: boolean }>('/dev/outbox/start')).json.running).toBe(true);
    // A slow request (a busy machine): its effects finish a few seconds later.
    await sleep(3000);
    await effects.patch({ messageId: message.id }).set({ state: 'done' }).go();
    const isOurs = (x: Receiver['received'][number]) =>
      (x.event.data.message as { id?: string } | undefined)?.id === message.id;
    const got = await eventually(async () => own.received.find(isOurs), 45_000);
    expect(got.event.type).toBe('message.created');
    expect(own.received.filter(isOurs)).toHaveLength(1);
    await own.close();
  });

  it('a failing search index after the commit answers 201 and the message becomes searchable', async () => {
    const conv = await chat(alice, [bob]);
    const marker = `fi${Date.now().toString(36)}`;
    expect((await api.post('/dev/faults', { name: 'search-index', count: 1, match: marker })).status).toBe(
      200,
    );
    const res = await api.post<{ id: string }>(
      `/v1/conversations/${conv.id}/messages`,
      { body: `indexed later ${marker}` },
      auth(alice),
    );
    expect(res.status).toBe(201);
    const hit = await eventually(async () => {
      const found = await api.get<{ items: Array<{ message: { id: string } }> }>(
        `/v1/messages/search?q=${marker}`,
        auth(bob),
      );
      return found.json.items.find((h) => h.message.id === res.json.id);
    }, 45_000);
    expect(hit.message.id).toBe(res.json.id);
  });
});
