import { setTimeout as sleep } from 'node:timers/promises';
import { isConditionalFailure } from '../platform/db/errors';
import { ttlIn } from '../platform/db/schema';
import { db } from './db';
import { logger } from '../platform/observability/logger';
import type { ConversationItem } from './entities/conversation';
import type { MessageItem } from './entities/message';
import { indexMessage } from './search-index';
import { deliverMessage } from './service/receipts';
import type { MessageView } from './media';
import { type Message, toMessage } from './views';

/**
 * A message's post-commit effects: its search index entries (./search-index.ts), `message.created`
 * to every participant's sockets and, in a chat, the `delivered` receipt. They run after the
 * message transaction committed, so they can fail on their own: the request tries them at once
 * (read-your-writes for search, `delivered` in the 201) but a failure no longer turns the 201
 * into a 500; the outbox consumer (../outbox/router.ts) runs them from the table's stream
 * whenever the request did not finish them. Both are idempotent (index entries are puts of
 * the same keys; a repeated push is the same event), and a claim item makes them run once in
 * the common case.
 */

/** A claim older than this is abandoned (its request died): the consumer takes over. */
const CLAIM_LEASE_MS = 30_000;
const MARKER_SECONDS = 24 * 3600;

export class EffectsInFlight extends Error {
  constructor(messageId: string) {
    super(`Effects of ${messageId} are running in the request; retry later`);
    this.name = 'EffectsInFlight';
  }
}

async function perform(conv: ConversationItem, item: MessageItem, view: MessageView): Promise<Message> {
  const [indexed, delivered] = await Promise.allSettled([
    indexMessage(conv, item.messageId, item.body),
    deliverMessage(conv, item, view),
  ]);
  if (indexed.status === 'rejected') throw indexed.reason;
  if (delivered.status === 'rejected') throw delivered.reason;
  return delivered.value;
}

const markDone = (messageId: string) =>
  db().entities.messageEffects.patch({ messageId }).set({ state: 'done' }).go({ response: 'none' });

/** The request's fast path: effects now when nobody else claimed them; never throws. */
export async function runInlineEffects(
  conv: ConversationItem,
  item: MessageItem,
  view: MessageView,
): Promise<Message> {
  try {
    await db()
      .entities.messageEffects.create({
        messageId: item.messageId,
        state: 'inline',
        claimedAt: Date.now(),
        ttl: ttlIn(MARKER_SECONDS),
      })
      .go({ response: 'none' });
  } catch (error) {
    if (!isConditionalFailure(error))
      logger.warn('Could not claim message effects', { error: error as Error });
    return view(item);
  }
  try {
    const message = await perform(conv, item, view);
    await markDone(item.messageId);
    return message;
  } catch (error) {
    // Stored but not (fully) indexed or pushed: hand it to the outbox consumer.
    logger.warn('Message effects failed after commit; the outbox consumer will redo them', {
      messageId: item.messageId,
      error: error as Error,
    });
    await db()
      .entities.messageEffects.delete({ messageId: item.messageId })
      .go({ response: 'none' })
      .catch(() => undefined);
    return view(item);
  }
}

/** Pauses between looks at a claim the request holds (the last one repeats until the lease ends). */
const WAIT_STEPS_MS = [50, 100, 200, 400, 800, 1000];

const readMarker = async (messageId: string) =>
  (await db().entities.messageEffects.get({ messageId }).go({ consistent: true })).data;

/**
 * The consumer's side (message INSERT in the stream): nothing when done; while the request is
 * still at it (its claim within the lease), waits for its outcome — done, given back after a
 * failure, or abandoned — instead of failing the record: the stream retries a failed record only
 * a few times before setting it aside, and a request indexing a large message on a busy machine
 * outlasts them, which lost the message's webhook events. Otherwise claims and runs the effects
 * (throws on failure so the record is retried).
 */
export async function runMessageEffects(conv: ConversationItem, item: MessageItem): Promise<void> {
  const { messageId } = item;
  let marker = await readMarker(messageId);
  for (let step = 0; marker?.state === 'inline' && Date.now() - marker.claimedAt < CLAIM_LEASE_MS; step++) {
    await sleep(WAIT_STEPS_MS[Math.min(step, WAIT_STEPS_MS.length - 1)]!);
    marker = await readMarker(messageId);
  }
  if (marker?.state === 'done') return;
  const now = Date.now();
  try {
    if (marker) {
      await db()
        .entities.messageEffects.patch({ messageId })
        .set({ state: 'consumer', claimedAt: now })
        .where((attr, op) => op.eq(attr.claimedAt, marker.claimedAt))
        .go({ response: 'none' });
    } else {
      await db()
        .entities.messageEffects.create({
          messageId,
          state: 'consumer',
          claimedAt: now,
          ttl: ttlIn(MARKER_SECONDS),
        })
        .go({ response: 'none' });
    }
  } catch (error) {
    if (isConditionalFailure(error)) throw new EffectsInFlight(messageId);
    throw error;
  }
  try {
    await perform(conv, item, toMessage);
  } catch (error) {
    // Let the next try claim it again at once.
    await db()
      .entities.messageEffects.delete({ messageId })
      .go({ response: 'none' })
      .catch(() => undefined);
    throw error;
  }
  await markDone(messageId);
}
