import { isConditionalFailure } from '../platform/db/errors';
import { ttlIn } from '../platform/db/schema';
import { conversationOf } from '../conversations/service/participation';
import { db } from './db';
import { pushToUsers } from './connections';

/** At most one relayed start (and one stop) per user per conversation in this window. */
export const TYPING_WINDOW_MS = 2000;

/**
 * Claims the relay slot of (user, conversation, signal) for the next window. A conditional
 * put decides, so several Lambdas handling frames of the same user agree without locks.
 */
async function claimRelaySlot(
  userId: string,
  conversationId: string,
  signal: 'start' | 'stop',
): Promise<boolean> {
  const now = Date.now();
  try {
    await db()
      .entities.typingThrottle.put({
        userId,
        conversationId,
        signal,
        until: now + TYPING_WINDOW_MS,
        ttl: ttlIn(60, now),
      })
      .where((attr, op) => `${op.notExists(attr.until)} OR ${op.lte(attr.until, now)}`)
      .go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

export type TypingOutcome = 'relayed' | 'throttled' | 'not_found';

/**
 * Relays a typing signal to the conversation's OTHER users (all their sockets), never back to
 * the typist. A non-participant learns nothing ('not_found', same as a missing conversation).
 */
export async function relayTyping(
  userId: string,
  conversationId: string,
  isTyping: boolean,
): Promise<TypingOutcome> {
  const conv = await conversationOf(userId, conversationId);
  if (!conv) return 'not_found';
  if (!(await claimRelaySlot(userId, conversationId, isTyping ? 'start' : 'stop'))) return 'throttled';
  const me = conv.participants.find((p) => p.userId === userId);
  const others = conv.participants.flatMap((p) => (p.userId && p.userId !== userId ? [p.userId] : []));
  await pushToUsers(others, {
    type: 'typing',
    conversationId,
    userId,
    username: me?.username ?? '',
    isTyping,
  });
  return 'relayed';
}
