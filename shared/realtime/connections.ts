import { deleteConnection, postToConnection } from '../platform/adapters/realtime';
import { ttlIn } from '../platform/db/schema';
import { db } from './connections-db';
import { consume } from '../auth/abuse-limits';
import { logger } from '../platform/observability/logger';
import type { ServerEvent } from './events';
import { MAX_SOCKETS_PER_USER, WS_FRAME_LIMIT } from './limits';

/** API Gateway closes WebSocket connections after 2 h; records outlive that by a little. */
const CONNECTION_TTL_SECONDS = 2 * 3600 + 300;

export async function openConnection(
  connectionId: string,
  userId: string,
  sessionKey?: string,
): Promise<void> {
  await db()
    .entities.connection.put({
      connectionId,
      userId,
      connectedAt: new Date().toISOString(),
      ...(sessionKey ? { sessionKey } : {}),
      ttl: ttlIn(CONNECTION_TTL_SECONDS),
    })
    .go();
}

/**
 * Closes connections through the management API (DeleteConnection; the local gateway serves
 * it too) and forgets them, without waiting for a $disconnect that API Gateway may not send.
 */
async function closeConnections(connectionIds: readonly string[]): Promise<number> {
  const outcomes = await Promise.allSettled(
    connectionIds.map(async (connectionId) => {
      await deleteConnection(connectionId);
      await closeConnection(connectionId);
    }),
  );
  for (const outcome of outcomes) {
    if (outcome.status === 'rejected')
      logger.warn('WebSocket close failed', { error: outcome.reason as Error });
  }
  return outcomes.filter((o) => o.status === 'fulfilled').length;
}

/** Keeps at most MAX_SOCKETS_PER_USER sockets per user: the oldest beyond it are closed. */
export async function enforceSocketCap(userId: string): Promise<number> {
  const { data } = await db()
    .entities.connection.query.byUser({ userId })
    .go({ pages: 'all', attributes: ['connectionId', 'connectedAt', 'ttl'] });
  const now = Math.floor(Date.now() / 1000);
  const live = data
    .filter((c) => c.ttl > now)
    .sort(
      (a, b) => a.connectedAt.localeCompare(b.connectedAt) || a.connectionId.localeCompare(b.connectionId),
    );
  const excess = live.slice(0, Math.max(0, live.length - MAX_SOCKETS_PER_USER));
  return excess.length > 0 ? closeConnections(excess.map((c) => c.connectionId)) : 0;
}

/**
 * Counts one client frame of a connection; past WS_FRAME_LIMIT the connection is closed
 * (DeleteConnection) and false is returned: the frame is not handled.
 */
export async function admitFrame(connectionId: string): Promise<boolean> {
  const counted = await consume('ws-frames', connectionId, WS_FRAME_LIMIT);
  if (counted.ok) return true;
  logger.warn('WebSocket frame flood: closing the connection', { connectionId });
  await closeConnections([connectionId]);
  return false;
}

/** Closes every socket of a user: password reset or change, account deletion. */
export async function closeAllConnections(userId: string): Promise<number> {
  return closeConnections(await connectionsOf(userId));
}

/** Closes the sockets opened with one login session's tokens (logout). */
export async function closeSessionConnections(userId: string, sessionKey: string): Promise<number> {
  const { data } = await db()
    .entities.connection.query.byUser({ userId })
    .go({ pages: 'all', attributes: ['connectionId', 'sessionKey'] });
  return closeConnections(data.filter((c) => c.sessionKey === sessionKey).map((c) => c.connectionId));
}

export async function closeConnection(connectionId: string): Promise<void> {
  await db().entities.connection.delete({ connectionId }).go();
}

/** Owner of a connection (for frames whose event lacks the authorizer context). */
export async function connectionOwner(connectionId: string): Promise<string | undefined> {
  const { data } = await db().entities.connection.get({ connectionId }).go();
  return data?.userId;
}

/** Every live connection id of a user (one Query on gsi1). */
export async function connectionsOf(userId: string): Promise<string[]> {
  const { data } = await db()
    .entities.connection.query.byUser({ userId })
    .go({ pages: 'all', attributes: ['connectionId', 'ttl'] });
  const now = Math.floor(Date.now() / 1000);
  // TTL deletion is lazy: an expired record is as good as gone.
  return data.filter((c) => c.ttl > now).map((c) => c.connectionId);
}

/**
 * Sends one event to one connection. A 410 means the socket is gone without a $disconnect:
 * exactly that connection's record is deleted, nothing else.
 */
export async function sendToConnection(connectionId: string, event: ServerEvent): Promise<'sent' | 'gone'> {
  const outcome = await postToConnection(connectionId, event);
  if (outcome === 'gone') await closeConnection(connectionId);
  return outcome;
}

/**
 * Fans an event out to every socket of every user in `userIds` (the event may differ per
 * user). Returns how many sockets of each user received it. A failure to reach one socket
 * is logged and does not stop the others: the data is already stored, push is a courtesy.
 */
export async function pushToUsers(
  userIds: readonly string[],
  event: ServerEvent | ((userId: string) => ServerEvent),
): Promise<Map<string, number>> {
  const delivered = new Map<string, number>();
  await Promise.all(
    [...new Set(userIds)].map(async (userId) => {
      const payload = typeof event === 'function' ? event(userId) : event;
      const connections = await connectionsOf(userId);
      const outcomes = await Promise.allSettled(connections.map((id) => sendToConnection(id, payload)));
      let sent = 0;
      for (const outcome of outcomes) {
        if (outcome.status === 'fulfilled') {
          if (outcome.value === 'sent') sent++;
        } else {
          logger.warn('WebSocket push failed', {
            userId,
            eventType: payload.type,
            error: outcome.reason as Error,
          });
        }
      }
      delivered.set(userId, sent);
    }),
  );
  return delivered;
}
