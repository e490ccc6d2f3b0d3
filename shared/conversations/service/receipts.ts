import { isConditionalFailure } from '../../platform/db/errors';
import { db } from '../receipts-db';
import { Conflict, NotFound } from '../../platform/errors';
import { pushToUsers } from '../../realtime/connections';
import type { ConversationItem } from '../entities/conversation';
import type { MessageItem } from '../entities/message';
import type { MessageView } from '../media';
import { type Message, type MessageStatus, type Participant, toMessage } from '../views';
import {
  backoff,
  membershipOf,
  noSuchConversation,
  requireParticipant,
  TRANSACTION_ATTEMPTS,
  userIdsOf,
} from './participation';

/**
 * Receipts: a message's status (queued → sent → delivered → read, or failed), moved only
 * forward, its senders told with `message.status`, and each reader's read horizon and unread count.
 */

/** Read receipts mark at most this many earlier messages as read (and notify their senders). */
const MAX_MESSAGES_MARKED_READ = 100;
/** Unread counting after a read horizon stops after this many pages (1 MB each). */
const MAX_UNREAD_PAGES = 10;

/**
 * Pushes `message.created` to every socket of every user participant (the sender's other
 * devices included). In a chat, reaching at least one socket of a recipient makes the message
 * 'delivered', and the sender is told with `message.status`. `view` presents the message as the
 * path that stored it does (../media.ts).
 */
export async function deliverMessage(
  conv: ConversationItem,
  item: MessageItem,
  view: MessageView,
): Promise<Message> {
  const message = await view(item);
  const reached = await pushToUsers(userIdsOf(conv), {
    type: 'message.created',
    conversationId: conv.conversationId,
    message,
  });
  const reachedRecipient = [...reached].some(
    ([userId, sockets]) => userId !== item.sender.userId && sockets > 0,
  );
  if (conv.type !== 'chat' || item.status !== 'sent' || !reachedRecipient) return message;
  if (!(await advanceStatus(conv.conversationId, item.messageId, 'delivered'))) return message;
  await notifyStatus(conv.conversationId, [
    { messageId: item.messageId, sender: item.sender, status: 'delivered' },
  ]);
  return { ...message, status: 'delivered' };
}

/** Statuses a message may move to `status` from: statuses only move forward. */
const PREDECESSORS: Record<MessageStatus, readonly MessageStatus[]> = {
  queued: [],
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  read: ['queued', 'sent', 'delivered'],
  failed: ['queued', 'sent'],
  undelivered: ['queued', 'sent'],
};

/** Conditional status change; false when the message is already further along (or gone). */
async function advanceStatus(
  conversationId: string,
  messageId: string,
  status: MessageStatus,
): Promise<boolean> {
  const from = PREDECESSORS[status];
  if (from.length === 0) return false;
  try {
    await db()
      .entities.message.patch({ conversationId, messageId })
      .set({ status })
      .where((attr, op) => `(${from.map((s) => op.eq(attr.status, s)).join(' OR ')})`)
      .go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

/** `message.status` to the senders (platform users) of the given messages. */
async function notifyStatus(
  conversationId: string,
  changes: ReadonlyArray<{ messageId: string; sender: Participant; status: MessageStatus }>,
): Promise<void> {
  const bySender = new Map<string, Array<{ messageId: string; status: MessageStatus }>>();
  for (const change of changes) {
    if (!change.sender.userId) continue;
    bySender.set(change.sender.userId, [...(bySender.get(change.sender.userId) ?? []), change]);
  }
  for (const [senderId, list] of bySender) {
    for (const change of list) {
      await pushToUsers([senderId], {
        type: 'message.status',
        conversationId,
        messageId: change.messageId,
        status: change.status,
      });
    }
  }
}

/**
 * SMS delivery reports (queued → sent → delivered / failed). Out-of-order or repeated
 * reports never move a status backwards; the sender is told with `message.status`.
 */
export async function updateMessageStatus(
  conversationId: string,
  messageId: string,
  status: MessageStatus,
): Promise<Message> {
  const changed = await advanceStatus(conversationId, messageId, status);
  const { data } = await db().entities.message.get({ conversationId, messageId }).go({ consistent: true });
  if (!data) throw new NotFound('No such message.');
  if (changed) await notifyStatus(conversationId, [{ messageId, sender: data.sender, status }]);
  return toMessage(data);
}

/** Messages of others after `afterId` (exclusive), counted up to MAX_UNREAD_PAGES pages. */
async function countUnreadAfter(conversationId: string, afterId: string, readerId: string): Promise<number> {
  const { data } = await db()
    .entities.message.query.primary({ conversationId })
    .between({ messageId: afterId }, { messageId: 'msg_~' })
    .go({ pages: MAX_UNREAD_PAGES, attributes: ['messageId', 'sender'] });
  return data.filter((m) => m.messageId !== afterId && m.sender?.userId !== readerId).length;
}

/**
 * POST /v1/conversations/{id}/read: moves the caller's read horizon to `messageId` (never
 * backwards), recomputes their unread count as the messages of others after it, and marks
 * the newly read messages of others 'read', telling their senders. The unread count is set
 * conditionally on being unchanged since it was read, so a message arriving meanwhile is
 * never lost from the count.
 */
export async function markRead(userId: string, conversationId: string, messageId: string): Promise<void> {
  await requireParticipant(userId, conversationId);
  const { data: target } = await db()
    .entities.message.get({ conversationId, messageId })
    .go({ consistent: true });
  if (!target) throw new NotFound('No such message in this conversation.');
  for (let attempt = 0; attempt < TRANSACTION_ATTEMPTS; attempt++) {
    const me = await membershipOf(userId, conversationId);
    if (!me) throw noSuchConversation();
    const previous = me.lastReadMessageId;
    if (previous && previous >= messageId) return;
    const unread =
      me.lastMessageId === messageId ? 0 : await countUnreadAfter(conversationId, messageId, userId);
    try {
      await db()
        .entities.membership.patch({ userId, conversationId })
        .set({ lastReadMessageId: messageId, unreadCount: unread })
        .where(
          (attr, op) =>
            `(${op.notExists(attr.lastReadMessageId)} OR ${op.lt(attr.lastReadMessageId, messageId)}) AND ${op.eq(attr.unreadCount, me.unreadCount)}`,
        )
        .go({ response: 'none' });
    } catch (error) {
      if (isConditionalFailure(error)) {
        await backoff(attempt);
        continue;
      }
      throw error;
    }
    await markMessagesRead(conversationId, userId, previous, messageId);
    return;
  }
  throw new Conflict('read_conflict', 'Concurrent update', {
    detail: 'The conversation changed meanwhile; retry.',
  });
}

/** Marks the newest (up to 100) messages of others in (previous, upTo] as read and notifies their senders. */
async function markMessagesRead(
  conversationId: string,
  readerId: string,
  previous: string | undefined,
  upTo: string,
): Promise<void> {
  const { data } = await db()
    .entities.message.query.primary({ conversationId })
    .between({ messageId: previous ?? '' }, { messageId: upTo })
    .go({ order: 'desc', limit: MAX_MESSAGES_MARKED_READ, attributes: ['messageId', 'sender', 'status'] });
  const candidates = data.filter(
    (m) =>
      m.messageId !== previous &&
      m.sender?.userId &&
      m.sender.userId !== readerId &&
      (m.status === 'sent' || m.status === 'delivered'),
  );
  const changed = await Promise.all(
    candidates.map(async (m) =>
      (await advanceStatus(conversationId, m.messageId!, 'read')) ? m : undefined,
    ),
  );
  await notifyStatus(
    conversationId,
    changed.flatMap((m) =>
      m ? [{ messageId: m.messageId!, sender: m.sender!, status: 'read' as const }] : [],
    ),
  );
}
