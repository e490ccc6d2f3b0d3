import type { chargeWrites } from '../../billing/service';
import type { TxEntities } from '../../platform/db/data-service';
import { db, type entities } from '../db';
import { conflicted } from '../../platform/db/transactions';
import { logger } from '../../platform/observability/logger';
import { runInlineEffects } from '../effects';
import type { ConversationItem } from '../entities/conversation';
import type { MessageItem } from '../entities/message';
import { newMessageId } from '../ids';
import { resolveMentions } from '../mentions';
import {
  cleanParticipant,
  type Message,
  type MessageStatus,
  type Participant,
  PREVIEW_CHARS,
} from '../views';
import { withAttachments } from '../attachment-media';
import { type MessageMedia, textOnly } from '../media';
import { attachmentInUse } from './attachment-slots';
import { backoff, noSuchConversation, TRANSACTION_ATTEMPTS, userIdsOf } from './participation';

/** The entities a message's transaction spans (this context's data module). */
export type MessageTx = TxEntities<typeof entities>;

/** Messages: the one write path of every message (chat, SMS, platform) and the history pages. */

export interface StoreMessageInput {
  readonly conversationId: string;
  readonly sender: { userId?: string; phoneNumber?: string };
  readonly body: string;
  readonly status?: MessageStatus;
  readonly clientMessageId?: string;
  readonly segments?: number;
  readonly externalId?: string;
  readonly encoding?: 'GSM-7' | 'UCS-2';
  readonly priceCents?: number;
  readonly keyword?: string;
  readonly extension?: MessageTxExtension;
}

/** One item another context adds to the message transaction (a charge, an outbox row). */
export type MessageTxWrite =
  | ReturnType<typeof chargeWrites>[number]
  | ReturnType<ReturnType<MessageTx['smsPendingSend']['create']>['commit']>;

/**
 * What the SMS context adds to a message's transaction: its charge and outbox row commit (or
 * fail) with the message, and `afterCommit` runs as soon as they committed, before any
 * follow-up work (indexing, pushes) that could still fail. Follow-up failures are then logged,
 * not thrown: the message is paid for and on its way.
 */
export interface MessageTxExtension {
  writes(tx: MessageTx, message: { messageId: string; createdAt: string }): MessageTxWrite[];
  /** The error for a cancelled transaction whose extension items (by index) failed their condition. */
  rejected(indexes: readonly number[]): Error | undefined;
  afterCommit(message: { messageId: string; createdAt: string }): Promise<void>;
}

interface PersistInput extends Omit<StoreMessageInput, 'conversationId' | 'sender'> {
  readonly sender: Participant;
  readonly attachmentIds?: readonly string[];
}

export interface StoredMessage {
  readonly message: Message;
  /** False when a clientMessageId retry returned the message stored the first time. */
  readonly created: boolean;
}

/**
 * A platform user's message in a chat conversation (POST /v1/conversations/{id}/messages;
 * ./send.ts routes messages of SMS conversations to the SMS pipeline instead).
 */
export async function sendChatMessage(
  userId: string,
  conv: ConversationItem,
  input: { body: string; clientMessageId?: string; attachments?: readonly string[] },
): Promise<StoredMessage> {
  const me = conv.participants.find((p) => p.userId === userId);
  return persistMessage(
    conv,
    {
      sender: { userId, ...(me?.username ? { username: me.username } : {}) },
      body: input.body,
      clientMessageId: input.clientMessageId,
      attachmentIds: input.attachments,
    },
    withAttachments,
  );
}

/**
 * Stores a message in any conversation on behalf of the platform (the SMS pipeline: outbound
 * with status 'queued', inbound with `sender.phoneNumber`). Same guarantees as a chat message:
 * one transaction, search indexing, unread counts, `message.created` pushed to every user.
 */
export async function storeMessage(input: StoreMessageInput): Promise<Message> {
  return (await storeMessageOnce(input)).message;
}

/** `storeMessage`, also telling whether a retried clientMessageId returned an earlier message. */
export async function storeMessageOnce(input: StoreMessageInput): Promise<StoredMessage> {
  const { data: conv } = await db()
    .entities.conversation.get({ conversationId: input.conversationId })
    .go({ consistent: true });
  if (!conv) throw noSuchConversation();
  const userSender = input.sender.userId
    ? conv.participants.find((p) => p.userId === input.sender.userId)
    : undefined;
  if (input.sender.userId && !userSender) throw new Error('storeMessage: the sender is not a participant');
  const sender: Participant = userSender
    ? cleanParticipant(userSender)
    : { ...(input.sender.phoneNumber ? { phoneNumber: input.sender.phoneNumber } : {}) };
  return persistMessage(
    conv,
    {
      sender,
      body: input.body,
      status: input.status,
      clientMessageId: input.clientMessageId,
      segments: input.segments,
      externalId: input.externalId,
      encoding: input.encoding,
      priceCents: input.priceCents,
      keyword: input.keyword,
      extension: input.extension,
    },
    textOnly,
  );
}

async function messageByClientId(
  conversationId: string,
  senderKey: string,
  clientMessageId: string,
): Promise<MessageItem | undefined> {
  const { data: claim } = await db()
    .entities.clientMessageClaim.get({ conversationId, senderKey, clientMessageId })
    .go({ consistent: true });
  if (!claim) return undefined;
  const { data } = await db()
    .entities.message.get({ conversationId, messageId: claim.messageId })
    .go({ consistent: true });
  return data ?? undefined;
}

type TxKind = 'message' | 'claim' | 'membership' | 'attachment' | 'pendingUploads' | 'extension';

/**
 * The write path of every message. Transaction items: the message, its clientMessageId claim,
 * every user participant's list row (preview + unread +1 for everyone but the sender,
 * conditional on being newer) and the attachments' binding (conditional on owner + pending).
 * If a newer message won the "last message" race, the transaction is retried with unread
 * counters only. The list rows are the only "last message" anyone reads, so the conversation
 * item itself is not written (2 write units per message saved).
 */
async function persistMessage(
  conv: ConversationItem,
  input: PersistInput,
  media: MessageMedia,
): Promise<StoredMessage> {
  const { conversationId } = conv;
  const senderKey = input.sender.userId ?? input.sender.phoneNumber ?? 'platform';
  if (input.clientMessageId) {
    const existing = await messageByClientId(conversationId, senderKey, input.clientMessageId);
    if (existing) return { message: await media.view(existing), created: false };
  }
  const attachments = await media.bind(conversationId, input.sender.userId, input.attachmentIds ?? []);
  const now = Date.now();
  const messageId = newMessageId(now);
  const createdAt = new Date(now).toISOString();
  const item: MessageItem = {
    conversationId,
    messageId,
    sender: input.sender,
    body: input.body,
    mentions: resolveMentions(input.body, conv.participants),
    attachments: attachments.map((a) => ({
      id: a.attachmentId,
      fileName: a.fileName,
      contentType: a.contentType,
      size: a.size,
      objectKey: a.objectKey,
    })),
    status: input.status ?? (input.sender.userId ? 'sent' : 'delivered'),
    ...(input.clientMessageId ? { clientMessageId: input.clientMessageId } : {}),
    ...(input.segments !== undefined ? { segments: input.segments } : {}),
    ...(input.externalId ? { externalId: input.externalId } : {}),
    ...(input.encoding ? { encoding: input.encoding } : {}),
    ...(input.priceCents !== undefined ? { priceCents: input.priceCents } : {}),
    ...(input.keyword ? { keyword: input.keyword } : {}),
    createdAt,
  };
  const preview = {
    id: messageId,
    body: input.body.slice(0, PREVIEW_CHARS),
    sender: input.sender,
    createdAt,
    ...(attachments.length > 0 ? { attachmentCount: attachments.length } : {}),
  };
  const readers = userIdsOf(conv);
  let updateLast = true;

  for (let attempt = 0; ; attempt++) {
    const kinds: TxKind[] = [];
    const result = await db()
      .transaction.write((tx) => {
        const { message, clientMessageClaim, membership, attachment, pendingUploads } = tx;
        const ops = [];
        if (input.extension) {
          for (const write of input.extension.writes(tx, { messageId, createdAt })) {
            ops.push(write);
            kinds.push('extension');
          }
        }
        ops.push(message.create(item).commit());
        kinds.push('message');
        if (input.clientMessageId) {
          ops.push(
            clientMessageClaim
              .create({ conversationId, senderKey, clientMessageId: input.clientMessageId, messageId })
              .commit(),
          );
          kinds.push('claim');
        }
        for (const userId of readers) {
          const unread = userId === input.sender.userId ? 0 : 1;
          if (updateLast) {
            ops.push(
              membership
                .patch({ userId, conversationId })
                .set({ lastActivityAt: createdAt, lastMessageId: messageId, lastMessage: preview })
                .add({ unreadCount: unread })
                .where(
                  (a, op) => `(${op.notExists(a.lastMessageId)} OR ${op.lt(a.lastMessageId, messageId)})`,
                )
                .commit(),
            );
            kinds.push('membership');
          } else if (unread > 0) {
            ops.push(membership.patch({ userId, conversationId }).add({ unreadCount: unread }).commit());
            kinds.push('membership');
          }
        }
        if (attachments.length > 0 && input.sender.userId) {
          ops.push(
            pendingUploads
              .update({ userId: input.sender.userId })
              .delete({ attachmentIds: attachments.map((a) => a.attachmentId) })
              .commit(),
          );
          kinds.push('pendingUploads');
        }
        for (const a of attachments) {
          ops.push(
            attachment
              .patch({ conversationId, attachmentId: a.attachmentId })
              .set({ state: 'attached', messageId })
              .remove(['ttl'])
              .where(
                (attr, op) => `${op.eq(attr.state, 'pending')} AND ${op.eq(attr.ownerUserId, a.ownerUserId)}`,
              )
              .commit(),
          );
          kinds.push('attachment');
        }
        return ops;
      })
      .go();
    if (!result.canceled) break;

    // Only failed conditions count here: a TransactionConflict (also "rejected") is just retried.
    const outcomes: ReadonlyArray<{ code?: string }> = result.data;
    const rejected = new Set(
      outcomes.flatMap((entry, i) => (entry.code === 'ConditionalCheckFailed' ? [kinds[i]] : [])),
    );
    if (rejected.has('claim') && input.clientMessageId) {
      const existing = await messageByClientId(conversationId, senderKey, input.clientMessageId);
      if (existing) return { message: await media.view(existing), created: false };
    }
    if (rejected.has('attachment')) {
      throw attachmentInUse(attachments.map((a) => a.attachmentId).join(', '));
    }
    if (rejected.has('extension') && input.extension) {
      const failed = outcomes.flatMap((entry, i) => (entry.code === 'ConditionalCheckFailed' ? [i] : []));
      const error = input.extension.rejected(failed.filter((i) => kinds[i] === 'extension'));
      if (error) throw error;
    }
    if (attempt + 1 >= TRANSACTION_ATTEMPTS) throw new Error('Message transaction kept being cancelled');
    if (updateLast && rejected.has('membership')) {
      updateLast = false;
      continue;
    }
    if (conflicted(result) || rejected.size === 0) {
      await backoff(attempt);
      continue;
    }
    throw new Error(`Message transaction cancelled (${[...rejected].join(', ')})`);
  }

  if (input.extension) {
    // Committed and paid for: a failed follow-up (enqueue) is left to the redrive job, never
    // answered with an error the client would retry (and be charged for) again.
    await input.extension
      .afterCommit({ messageId, createdAt })
      .catch((error: unknown) =>
        logger.warn('Follow-up work of a queued SMS failed', { messageId, error: error as Error }),
      );
  }
  // Indexing, pushes and receipts run after the commit and cannot undo it: a failure there is
  // left to the outbox consumer (./effects.ts), never answered with a 500.
  return { message: await runInlineEffects(conv, item, media.view), created: true };
}
