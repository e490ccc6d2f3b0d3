import { handler as defaultHandler } from '../../../functions/realtime/default';
import { connectionsOf } from '../../../shared/realtime/connections';
import { busyUser } from '../helpers/session';
import { connectWs, type WsClient } from '../helpers/ws';

/**
 * WebSocket floods (../shared/API.md v1.1, issue 13): at most 10 frames per second per
 * connection (then the socket is closed: 1008 by the local gateway, DeleteConnection by the
 * shared $default handler as in AWS), and at most 10 sockets per user (an 11th closes the oldest).
 */
const bounded = <T>(promise: Promise<T>, what: string): Promise<T> =>
  Promise.race([
    promise,
    new Promise<never>((_, reject) => setTimeout(() => reject(new Error(`${what}: still open`)), 10_000)),
  ]);

it('closes a connection that sends more than 10 frames a second with the policy code 1008', async () => {
  const user = await busyUser('flood');
  const socket = await connectWs(user.accessToken);
  for (let i = 0; i < 30; i++) socket.send({ action: 'ping' });
  const closed = await bounded(socket.closed(), 'flooding socket');
  expect(closed.code).toBe(1008);
});

it('the shared $default handler closes a flooding connection itself (DeleteConnection, as in AWS)', async () => {
  const user = await busyUser('floodaws');
  const socket = await connectWs(user.accessToken);
  const [connectionId] = await connectionsOf(user.userId);
  if (!connectionId) throw new Error('no connection record');
  const event = {
    requestContext: { connectionId, authorizer: { userId: user.userId } },
    body: JSON.stringify({ action: 'ping' }),
    isBase64Encoded: false,
  };
  // Concurrent, so that they all fall into one 1-second window however slow the machine is.
  await Promise.all(Array.from({ length: 20 }, () => defaultHandler(event)));
  await bounded(socket.closed(), 'socket over the frame limit');
  expect(await connectionsOf(user.userId)).toEqual([]);
});

it('keeps at most 10 sockets per user: the 11th closes the oldest', async () => {
  const user = await busyUser('sockets');
  const sockets: WsClient[] = [];
  for (let i = 0; i < 10; i++) sockets.push(await connectWs(user.accessToken));
  const eleventh = await connectWs(user.accessToken);
  await bounded(sockets[0]?.closed() ?? Promise.reject(new Error('no socket')), 'oldest socket');
  expect((await connectionsOf(user.userId)).length).toBe(10);
  const before = eleventh.events.length;
  eleventh.send({ action: 'ping' });
  await eleventh.waitFor(
    (e) => eleventh.events.indexOf(e) >= before && (e as { type?: string }).type === 'pong',
  );
  await Promise.all([...sockets.slice(1), eleventh].map((s) => s.close()));
});
