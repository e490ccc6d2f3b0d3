import { NotFound } from '../../platform/errors';
import { sleep } from '../../platform/async';
import { db } from '../membership-db';
import type { ConversationItem } from '../entities/conversation';
import type { MembershipItem } from '../entities/membership';

/**
 * The conversations context: chat and SMS conversations, messages, read receipts, mentions and
 * attachments on the single table, one module per part (./conversations.ts, ./messages.ts,
 * ./receipts.ts, ./attachment-slots.ts). Invariants kept there:
 * - Who participates is decided by the Conversation item (this module); a non-participant gets
 *   the same 404 as for a missing conversation on every route.
 * - A message, its clientMessageId claim, the conversation's "last message", every reader's
 *   list row (preview, unread count) and its attachments' binding are written in ONE
 *   transaction: no partial message can exist.
 * - Pushes happen after the write and never decide whether the write happened.
 */

export const noSuchConversation = () => new NotFound('No such conversation.');

/** Attempts of a conditional write that lost a race before the request gives up. */
export const TRANSACTION_ATTEMPTS = 4;

export const backoff = (attempt: number) => sleep(20 * 2 ** attempt + Math.floor(Math.random() * 20));

/** The platform users of a conversation (its readers); phone-number participants are not users. */
export const userIdsOf = (conv: Pick<ConversationItem, 'participants'>): string[] =>
  conv.participants.flatMap((p) => (p.userId ? [p.userId] : []));

/** The conversation if `userId` participates in it, else undefined (callers turn that into a 404). */
export async function conversationOf(
  userId: string,
  conversationId: string,
): Promise<ConversationItem | undefined> {
  const { data } = await db().entities.conversation.get({ conversationId }).go({ consistent: true });
  return data && userIdsOf(data).includes(userId) ? data : undefined;
}

/** The conversation, or 404 when it does not exist or the caller is not a participant. */
export async function requireParticipant(userId: string, conversationId: string): Promise<ConversationItem> {
  const conv = await conversationOf(userId, conversationId);
  if (!conv) throw noSuchConversation();
  return conv;
}

/** The user's list row of the conversation (absent for a non-participant). */
export async function membershipOf(
  userId: string,
  conversationId: string,
): Promise<MembershipItem | undefined> {
  const { data } = await db().entities.membership.get({ userId, conversationId }).go({ consistent: true });
  return data ?? undefined;
}
