import { db } from '../../../shared/platform/db/service';
import { openConnection } from '../../../shared/realtime/connections';
import { relayTyping, TYPING_WINDOW_MS } from '../../../shared/realtime/typing';
import { api } from '../helpers/api';
import { busyUser, type TestUser } from '../helpers/session';
import { connectWs, WsUpgradeError, type WsClient } from '../helpers/ws';
import { auth, chat, eventually, type MessageView, send } from '../conversations/support';

type Event = { type?: string; [key: string]: unknown };
const ofType =
  (type: string, extra: (e: Event) => boolean = () => true) =>
  (event: unknown) =>
    (event as Event).type === type && extra(event as Event);

describe('real-time chat over the WebSocket', () => {
  let alice: TestUser;
  let bob: TestUser;
  let carol: TestUser;
  const sockets: WsClient[] = [];
  const open = async (user: TestUser) => {
    const socket = await connectWs(user.accessToken);
    sockets.push(socket);
    return socket;
  };

  beforeAll(async () => {
    [alice, bob, carol] = await Promise.all([busyUser('alice'), busyUser('bob'), busyUser('carol')]);
  });

  afterAll(async () => {
    await Promise.all(sockets.map((s) => s.close()));
  });

  it('refuses a connection without a valid token', async () => {
    await expect(connectWs(undefined)).rejects.toBeInstanceOf(WsUpgradeError);
    await expect(connectWs('not-a-token')).rejects.toMatchObject({ status: 401 });
  });

  it('answers ping with pong and a bad frame with an error event', async () => {
    const socket = await open(alice);
    socket.send({ action: 'ping' });
    await socket.waitFor(ofType('pong'));
    socket.send({ action: 'typing', conversationId: 'nope', isTyping: true });
    await socket.waitFor(ofType('error', (e) => e.code === 'validation_failed'));
    socket.send('not json');
    await socket.waitFor(ofType('error', (e) => e.code === 'invalid_json'));
  });

  it('delivers a message to every socket of every participant and tells the sender it was delivered', async () => {
    const [alicePhone, aliceLaptop, bobSocket, carolSocket] = await Promise.all([
      open(alice),
      open(alice),
      open(bob),
      open(carol),
    ]);
    const conv = await chat(alice, [bob]);
    await bobSocket.waitFor(
      ofType('conversation.updated', (e) => (e.conversation as { id: string }).id === conv.id),
    );

    const sent = await api.post<MessageView>(
      `/v1/conversations/${conv.id}/messages`,
      { body: 'ping from the phone' },
      auth(alice),
    );
    expect(sent.status).toBe(201);
    const isThis = (e: Event) => (e.message as MessageView).id === sent.json.id;
    for (const socket of [alicePhone, aliceLaptop, bobSocket]) {
      const event = await socket.waitFor<Event>(ofType('message.created', isThis));
      expect(event).toMatchObject({ conversationId: conv.id, message: { body: 'ping from the phone' } });
    }
    await alicePhone.waitFor(
      ofType('message.status', (e) => e.messageId === sent.json.id && e.status === 'delivered'),
    );
    expect(sent.json.status).toBe('delivered');

    // Bob reads it: Alice is told.
    await api.post(`/v1/conversations/${conv.id}/read`, { messageId: sent.json.id }, auth(bob));
    await aliceLaptop.waitFor(
      ofType('message.status', (e) => e.messageId === sent.json.id && e.status === 'read'),
    );

    // Carol is not a participant: she got nothing about this conversation.
    carolSocket.send({ action: 'ping' });
    await carolSocket.waitFor(ofType('pong'));
    expect(carolSocket.events.filter((e) => JSON.stringify(e).includes(conv.id))).toEqual([]);
  });

  it('relays typing to the other participants only, and throttles it', async () => {
    const [aliceSocket, bobSocket, carolSocket] = await Promise.all([open(alice), open(bob), open(carol)]);
    const conv = await chat(alice, [bob]);
    const typingHere = (e: Event) => e.conversationId === conv.id;

    const started = Date.now();
    for (let i = 0; i < 3; i++)
      aliceSocket.send({ action: 'typing', conversationId: conv.id, isTyping: true });
    const relayed = await bobSocket.waitFor<Event>(ofType('typing', typingHere));
    expect(relayed).toMatchObject({
      conversationId: conv.id,
      userId: alice.userId,
      username: alice.username,
      isTyping: true,
    });

    // A round trip on the same socket after the burst; then count what Bob got.
    aliceSocket.send({ action: 'ping' });
    await aliceSocket.waitFor(ofType('pong'));
    aliceSocket.send({ action: 'typing', conversationId: conv.id, isTyping: false });
    await bobSocket.waitFor(ofType('typing', (e) => typingHere(e) && e.isTyping === false));
    const starts = bobSocket.events.filter(ofType('typing', (e) => typingHere(e) && e.isTyping === true));
    const windows = Math.floor((Date.now() - started) / 2000) + 1;
    expect(starts.length).toBeGreaterThanOrEqual(1);
    expect(starts.length).toBeLessThanOrEqual(Math.min(3, windows));

    // Never echoed to the typist, never seen by an outsider.
    expect(aliceSocket.events.filter(ofType('typing'))).toEqual([]);
    expect(carolSocket.events.filter(ofType('typing'))).toEqual([]);
  });

  it('throttles typing relays per user and conversation (one per window)', async () => {
    const conv = await chat(alice, [bob]);
    const windowStart = Date.now();
    expect(await relayTyping(alice.userId, conv.id, true)).toBe('relayed');
    const second = await relayTyping(alice.userId, conv.id, true);
    // The slot was claimed after windowStart, so it is certainly still closed within the window.
    if (Date.now() - windowStart < TYPING_WINDOW_MS) expect(second).toBe('throttled');
    // Another user, or the stop signal, has its own slot.
    expect(await relayTyping(bob.userId, conv.id, true)).toBe('relayed');
    expect(await relayTyping(alice.userId, conv.id, false)).toBe('relayed');
  });

  it('answers a typing frame for a foreign conversation with an error and relays nothing', async () => {
    const [carolSocket, aliceSocket] = await Promise.all([open(carol), open(alice)]);
    const conv = await chat(alice, [bob]);
    carolSocket.send({ action: 'typing', conversationId: conv.id, isTyping: true });
    await carolSocket.waitFor(ofType('error', (e) => e.code === 'not_found' && e.action === 'typing'));
    aliceSocket.send({ action: 'ping' });
    await aliceSocket.waitFor(ofType('pong'));
    expect(aliceSocket.events.filter(ofType('typing', (e) => e.conversationId === conv.id))).toEqual([]);
  });

  it('tells the affected user about archive and restore', async () => {
    const [aliceSocket, bobSocket] = await Promise.all([open(alice), open(bob)]);
    const conv = await chat(alice, [bob]);
    const about = (archived: boolean) =>
      ofType('conversation.updated', (e) => {
        const c = e.conversation as { id: string; archived: boolean };
        return c.id === conv.id && c.archived === archived;
      });
    await api.delete(`/v1/conversations/${conv.id}`, auth(alice));
    await aliceSocket.waitFor(about(true));
    await api.post(`/v1/conversations/${conv.id}/restore`, undefined, auth(alice));
    await aliceSocket.waitFor(about(false));
    bobSocket.send({ action: 'ping' });
    await bobSocket.waitFor(ofType('pong'));
    expect(bobSocket.events.filter(about(true))).toEqual([]);
  });

  it('deletes a stale connection when the gateway answers 410, and only that one', async () => {
    const [aliceSocket, bobSocket] = await Promise.all([open(alice), open(bob)]);
    const conv = await chat(alice, [bob]);
    // A record for a connection the gateway does not know: postToConnection answers 410.
    const stale = 'staleConnectionId0=';
    await openConnection(stale, bob.userId);

    const message = await send(alice, conv.id, 'anyone there?');
    await bobSocket.waitFor(ofType('message.created', (e) => (e.message as MessageView).id === message.id));
    await eventually(async () => {
      const { data } = await db().entities.connection.get({ connectionId: stale }).go({ consistent: true });
      return data ? undefined : true;
    });
    // The live sockets' records (the sender's included) are still there: both keep receiving.
    const next = await send(alice, conv.id, 'still there?');
    for (const socket of [aliceSocket, bobSocket]) {
      await socket.waitFor(ofType('message.created', (e) => (e.message as MessageView).id === next.id));
    }
  });

  it('removes the connection record on disconnect', async () => {
    const socket = await connectWs(carol.accessToken);
    const { data: before } = await db().entities.connection.query.byUser({ userId: carol.userId }).go();
    expect(before.length).toBeGreaterThan(0);
    const ids = new Set(before.map((c) => c.connectionId));
    await socket.close();
    await eventually(async () => {
      const { data } = await db().entities.connection.query.byUser({ userId: carol.userId }).go();
      return data.filter((c) => ids.has(c.connectionId)).length < ids.size ? true : undefined;
    });
  });
});
