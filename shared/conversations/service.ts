import * as z from 'zod';
import { findUserIdBy, getUser } from '../auth/users';
import type { chargeWrites } from '../billing/service';
import type { TxEntities } from '../platform/db/data-service';
import { isConditionalFailure } from '../platform/db/errors';
import { ttlIn } from '../platform/db/schema';
import { db, type entities } from './db';
import { conflicted } from '../platform/db/transactions';
import { AppError, conflict, notFound, numberNotOwned, validationFailed } from '../platform/http/errors';
import { newId } from '../platform/ids';
import { logger } from '../platform/observability/logger';
import { pushToUsers } from '../realtime/connections';
import {
  assertAcceptable,
  checkUploaded,
  normalizeContentType,
  objectKeyOf,
  presignUpload,
  type UploadForm,
} from './attachments';
import { decodeCursor, encodeCursor } from './cursor';
import { runInlineEffects } from './effects';
import type { AttachmentItem } from './entities/attachment';
import type { ConversationItem } from './entities/conversation';
import type { MembershipItem } from './entities/membership';
import type { MessageItem } from './entities/message';
import { CONVERSATION_ID, MESSAGE_ID, newMessageId } from './ids';
import { resolveMentions } from './mentions';
import { isActiveOwnedNumber } from './number-ownership';
import type { CreateConversationInput } from './schemas';
import {
  type Conversation,
  cleanParticipant,
  type Message,
  type MessageStatus,
  type Participant,
  PREVIEW_CHARS,
  toConversation,
  toMessage,
} from './views';

export type { Conversation, Message, MessageStatus, Participant } from './views';

/**
 * The conversations context: chat and SMS conversations, messages, read receipts, mentions and
 * attachments on the single table. Invariants kept here:
 * - Who participates is decided by the Conversation item; a non-participant gets the same 404
 *   as for a missing conversation on every route.
 * - A message, its clientMessageId claim, the conversation's "last message", every reader's
 *   list row (preview, unread count) and its attachments' binding are written in ONE
 *   transaction: no partial message can exist.
 * - Pushes happen after the write and never decide whether the write happened.
 */

export interface Page<T> {
  readonly items: T[];
  readonly nextCursor: string | null;
}

const TRANSACTION_ATTEMPTS = 4;
/** Pending attachment slots are kept this long for the uploader to send them. */
const PENDING_ATTACHMENT_SECONDS = 24 * 3600;
/** Read receipts mark at most this many earlier messages as read (and notify their senders). */
const MAX_MESSAGES_MARKED_READ = 100;
/** Unread counting after a read horizon stops after this many pages (1 MB each). */
const MAX_UNREAD_PAGES = 10;

const attachmentInUse = (id: string) =>
  conflict('attachment_in_use', 'Attachment already sent', `Attachment ${id} is already part of a message.`);
const attachmentNotUploaded = (id: string) =>
  new AppError(400, 'attachment_not_uploaded', 'Attachment not uploaded', {
    detail: `Upload the file for ${id} with the presigned form before sending it.`,
  });
const attachmentInvalid = (id: string) =>
  new AppError(400, 'attachment_invalid', 'Attachment does not match', {
    detail: `The file uploaded for ${id} does not match the declared size or content type.`,
  });
const noSuchConversation = () => notFound('No such conversation.');

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
const backoff = (attempt: number) => sleep(20 * 2 ** attempt + Math.floor(Math.random() * 20));

const userIdsOf = (conv: Pick<ConversationItem, 'participants'>): string[] =>
  conv.participants.flatMap((p) => (p.userId ? [p.userId] : []));

// ---------------------------------------------------------------------------------------------
// Conversations
// ---------------------------------------------------------------------------------------------

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

async function membershipOf(userId: string, conversationId: string): Promise<MembershipItem | undefined> {
  const { data } = await db().entities.membership.get({ userId, conversationId }).go({ consistent: true });
  return data ?? undefined;
}

function membershipFor(conv: ConversationItem, userId: string): MembershipItem {
  return {
    userId,
    conversationId: conv.conversationId,
    folder: 'inbox',
    type: conv.type,
    ...(conv.title ? { title: conv.title } : {}),
    ...(conv.fromNumber ? { fromNumber: conv.fromNumber } : {}),
    participants: conv.participants,
    createdAt: conv.createdAt,
    lastActivityAt: conv.createdAt,
    unreadCount: 0,
  };
}

/** Writes a new conversation with one list row per user participant, atomically. */
async function insertConversation(
  conv: ConversationItem,
  smsKey?: { fromNumber: string; peerNumber: string },
) {
  const memberships = userIdsOf(conv).map((userId) => membershipFor(conv, userId));
  const result = await db()
    .transaction.write(({ conversation, membership, smsThread }) => [
      ...(smsKey
        ? [
            smsThread
              .create({ userId: conv.createdBy, ...smsKey, conversationId: conv.conversationId })
              .commit(),
          ]
        : []),
      conversation.create(conv).commit(),
      ...memberships.map((m) => membership.create(m).commit()),
    ])
    .go();
  return { result, memberships };
}

async function announceConversation(memberships: readonly MembershipItem[]): Promise<void> {
  const byUser = new Map(memberships.map((m) => [m.userId, toConversation(m)]));
  await pushToUsers([...byUser.keys()], (userId) => ({
    type: 'conversation.updated',
    conversation: byUser.get(userId),
  }));
}

/**
 * POST /v1/conversations. Chat: the caller plus the named users (unknown username → 404, only
 * yourself → 400). A phone-number participant makes it the caller's SMS conversation with
 * that number, sent from `fromNumber`, which the caller must own (403 number_not_owned); that
 * conversation is unique per (owner, fromNumber, peer), so creating it again returns it.
 */
export async function createConversation(
  userId: string,
  input: CreateConversationInput,
): Promise<Conversation> {
  const phones = input.participants.flatMap((p) => ('phoneNumber' in p ? [p.phoneNumber] : []));
  const usernames = input.participants.flatMap((p) => ('username' in p ? [p.username] : []));
  if (phones.length > 0) {
    if (phones.length > 1 || usernames.length > 0) {
      throw validationFailed([
        {
          path: 'body.participants',
          message: 'An SMS conversation has exactly one phone number participant.',
        },
      ]);
    }
    const peerNumber = phones[0]!;
    if (!input.fromNumber) {
      throw validationFailed([{ path: 'body.fromNumber', message: 'Required for an SMS conversation.' }]);
    }
    if (input.fromNumber === peerNumber) {
      throw validationFailed([
        { path: 'body.participants', message: 'The peer must differ from fromNumber.' },
      ]);
    }
    if (!(await isActiveOwnedNumber(userId, input.fromNumber))) {
      throw numberNotOwned('fromNumber must be an active number you own.');
    }
    return findOrCreateSmsConversation({
      userId,
      fromNumber: input.fromNumber,
      peerNumber,
      title: input.title,
    });
  }
  if (input.fromNumber) {
    throw validationFailed([
      { path: 'body.fromNumber', message: 'Only SMS conversations have a fromNumber.' },
    ]);
  }
  return createChat(userId, usernames, input.title);
}

async function createChat(
  userId: string,
  usernames: readonly string[],
  title?: string,
): Promise<Conversation> {
  const me = await getUser(userId);
  if (!me) throw notFound('No such user.');
  const wanted = [...new Set(usernames)].filter((name) => name !== me.username.toLowerCase());
  if (wanted.length === 0) {
    throw validationFailed([
      { path: 'body.participants', message: 'A conversation needs at least one participant besides you.' },
    ]);
  }
  const resolved = await Promise.all(
    wanted.map(async (username) => ({ username, userId: await findUserIdBy('username', username) })),
  );
  const unknown = resolved.filter((r) => !r.userId).map((r) => r.username);
  if (unknown.length > 0) {
    throw notFound(`No user named ${unknown.map((u) => `"${u}"`).join(', ')}.`, {
      extensions: { unknownUsernames: unknown },
    });
  }
  const others = resolved.filter((r) => r.userId && r.userId !== userId);
  if (others.length === 0) {
    throw validationFailed([
      { path: 'body.participants', message: 'A conversation needs at least one participant besides you.' },
    ]);
  }
  const conv: ConversationItem = {
    conversationId: newId('conv'),
    type: 'chat',
    ...(title ? { title } : {}),
    participants: [
      { userId, username: me.username },
      ...others.map((o) => ({ userId: o.userId!, username: o.username })),
    ],
    createdBy: userId,
    createdAt: new Date().toISOString(),
  };
  const { result, memberships } = await insertConversation(conv);
  if (result.canceled) throw new Error('Conversation transaction cancelled');
  await announceConversation(memberships);
  return toConversation(memberships.find((m) => m.userId === userId)!);
}

/**
 * The owner's SMS conversation between one of their numbers and a peer number, created on
 * first use. Idempotent and race-safe: the SmsThread claim is part of the creating
 * transaction, so two concurrent first messages end up in the same conversation.
 */
export async function findOrCreateSmsConversation(input: {
  userId: string;
  fromNumber: string;
  peerNumber: string;
  title?: string;
}): Promise<Conversation> {
  const { userId, fromNumber, peerNumber } = input;
  const existing = await existingSmsConversation(userId, fromNumber, peerNumber);
  if (existing) return existing;
  const owner = await getUser(userId);
  if (!owner) throw notFound('No such user.');
  const conv: ConversationItem = {
    conversationId: newId('conv'),
    type: 'sms',
    ...(input.title ? { title: input.title } : {}),
    fromNumber,
    participants: [{ userId, username: owner.username }, { phoneNumber: peerNumber }],
    createdBy: userId,
    createdAt: new Date().toISOString(),
  };
  const { result, memberships } = await insertConversation(conv, { fromNumber, peerNumber });
  if (result.canceled) {
    // Lost the race to a concurrent creation: that one is the conversation.
    const winner = await existingSmsConversation(userId, fromNumber, peerNumber);
    if (winner) return winner;
    throw new Error('SMS conversation transaction cancelled');
  }
  await announceConversation(memberships);
  return toConversation(memberships[0]!);
}

async function existingSmsConversation(
  userId: string,
  fromNumber: string,
  peerNumber: string,
): Promise<Conversation | undefined> {
  const { data: thread } = await db()
    .entities.smsThread.get({ userId, fromNumber, peerNumber })
    .go({ consistent: true });
  if (!thread) return undefined;
  const membership = await membershipOf(userId, thread.conversationId);
  return membership ? toConversation(membership) : undefined;
}

/** GET /v1/conversations: the caller's list rows of one folder, newest activity first. */
export async function listConversations(
  userId: string,
  options: { archived: boolean; limit: number; cursor?: string },
): Promise<Page<Conversation>> {
  const position = decodeCursor('conversations', options.cursor, {
    a: z.iso.datetime(),
    c: z.string().regex(CONVERSATION_ID),
  });
  const folder = options.archived ? 'archived' : 'inbox';
  const query = db().entities.membership.query.byUser({ userId, folder });
  const ranged = position ? query.lt({ lastActivityAt: position.a, conversationId: position.c }) : query;
  const { data } = await ranged.go({ order: 'desc', limit: options.limit + 1, count: options.limit + 1 });
  const page = data.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: page.map(toConversation),
    nextCursor:
      data.length > options.limit && last
        ? encodeCursor('conversations', { a: last.lastActivityAt, c: last.conversationId })
        : null,
  };
}

export async function getConversation(userId: string, conversationId: string): Promise<Conversation> {
  const membership = await membershipOf(userId, conversationId);
  if (!membership) throw noSuchConversation();
  return toConversation(membership);
}

/** Moves the caller's list row to another folder; other participants are not affected. */
async function moveToFolder(
  userId: string,
  conversationId: string,
  folder: 'inbox' | 'archived',
): Promise<Conversation> {
  let updated: Partial<MembershipItem>;
  try {
    const result = await db()
      .entities.membership.patch({ userId, conversationId })
      .set({ folder })
      .go({ response: 'all_new' });
    updated = result.data;
  } catch (error) {
    if (isConditionalFailure(error)) throw noSuchConversation();
    throw error;
  }
  const conversation = toConversation(updated as MembershipItem);
  await pushToUsers([userId], { type: 'conversation.updated', conversation });
  return conversation;
}

/** DELETE /v1/conversations/{id}: archived for the caller only, nothing deleted. */
export const archiveConversation = (userId: string, conversationId: string) =>
  moveToFolder(userId, conversationId, 'archived');

/** POST /v1/conversations/{id}/restore. */
export const restoreConversation = (userId: string, conversationId: string) =>
  moveToFolder(userId, conversationId, 'inbox');

/** Mention autocomplete: the conversation's other users whose username starts with `prefix`. */
export async function listParticipants(
  userId: string,
  conversationId: string,
  options: { prefix?: string; limit: number },
): Promise<{ items: Participant[] }> {
  const conv = await requireParticipant(userId, conversationId);
  const prefix = options.prefix ?? '';
  const items = conv.participants
    .filter(
      (p) => p.userId && p.username && p.userId !== userId && p.username.toLowerCase().startsWith(prefix),
    )
    .map(cleanParticipant)
    .sort((a, b) => (a.username ?? '').localeCompare(b.username ?? ''))
    .slice(0, options.limit);
  return { items };
}

// ---------------------------------------------------------------------------------------------
// Messages
// ---------------------------------------------------------------------------------------------

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

/** The entities a message's transaction spans (this context's data module). */
export type MessageTx = TxEntities<typeof entities>;

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

interface PersistInput {
  readonly sender: Participant;
  readonly body: string;
  readonly status?: MessageStatus;
  readonly clientMessageId?: string;
  readonly segments?: number;
  readonly externalId?: string;
  readonly encoding?: 'GSM-7' | 'UCS-2';
  readonly priceCents?: number;
  readonly keyword?: string;
  readonly extension?: MessageTxExtension;
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
  return persistMessage(conv, {
    sender: { userId, ...(me?.username ? { username: me.username } : {}) },
    body: input.body,
    clientMessageId: input.clientMessageId,
    attachmentIds: input.attachments,
  });
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
  return persistMessage(conv, {
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
  });
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

/** The attachments a message may bind: the sender's own, pending, uploaded slots of this conversation. */
async function bindableAttachments(
  conversationId: string,
  senderUserId: string | undefined,
  ids: readonly string[],
): Promise<AttachmentItem[]> {
  if (ids.length === 0) return [];
  const { data, unprocessed } = await db()
    .entities.attachment.get(ids.map((attachmentId) => ({ conversationId, attachmentId })))
    .go({ consistent: true });
  if (unprocessed.length > 0) throw new Error('Attachment lookup left keys unprocessed');
  const byId = new Map(data.map((a) => [a.attachmentId, a]));
  const items = ids.map((id) => {
    const item = byId.get(id);
    // Someone else's upload is indistinguishable from a missing one.
    if (!item || !senderUserId || item.ownerUserId !== senderUserId) {
      throw notFound(`No attachment ${id} of yours in this conversation.`);
    }
    if (item.state !== 'pending') throw attachmentInUse(id);
    return item;
  });
  const checks = await Promise.all(items.map((a) => checkUploaded(a.objectKey, a.size, a.contentType)));
  checks.forEach((check, i) => {
    const id = items[i]!.attachmentId;
    if (check === 'missing') throw attachmentNotUploaded(id);
    if (check === 'mismatch') throw attachmentInvalid(id);
  });
  return items;
}

type TxKind = 'message' | 'claim' | 'conversation' | 'membership' | 'attachment' | 'extension';

/**
 * The write path of every message. Transaction items: the message, its clientMessageId claim,
 * the conversation's last message (conditional on being newer), every user participant's
 * list row (preview + unread +1 for everyone but the sender, conditional on being newer) and
 * the attachments' binding (conditional on owner + pending). If a newer message won the
 * "last message" race, the transaction is retried with unread counters only.
 */
async function persistMessage(conv: ConversationItem, input: PersistInput): Promise<StoredMessage> {
  const { conversationId } = conv;
  const senderKey = input.sender.userId ?? input.sender.phoneNumber ?? 'platform';
  if (input.clientMessageId) {
    const existing = await messageByClientId(conversationId, senderKey, input.clientMessageId);
    if (existing) return { message: await toMessage(existing), created: false };
  }
  const attachments = await bindableAttachments(
    conversationId,
    input.sender.userId,
    input.attachmentIds ?? [],
  );
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
        const { message, clientMessageClaim, conversation, membership, attachment } = tx;
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
        if (updateLast) {
          ops.push(
            conversation
              .patch({ conversationId })
              .set({ lastMessageId: messageId, lastMessageAt: createdAt })
              .where((a, op) => `(${op.notExists(a.lastMessageId)} OR ${op.lt(a.lastMessageId, messageId)})`)
              .commit(),
          );
          kinds.push('conversation');
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
      if (existing) return { message: await toMessage(existing), created: false };
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
    if (updateLast && (rejected.has('conversation') || rejected.has('membership'))) {
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
  return { message: await runInlineEffects(conv, item), created: true };
}

/**
 * Pushes `message.created` to every socket of every user participant (the sender's other
 * devices included). In a chat, reaching at least one socket of a recipient makes the message
 * 'delivered', and the sender is told with `message.status`.
 */
export async function deliverMessage(conv: ConversationItem, item: MessageItem): Promise<Message> {
  const message = await toMessage(item);
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
  if (!data) throw notFound('No such message.');
  if (changed) await notifyStatus(conversationId, [{ messageId, sender: data.sender, status }]);
  return toMessage(data);
}

/** GET /v1/conversations/{id}/messages: newest first, keyset pagination on the message id. */
export async function listMessages(
  userId: string,
  conversationId: string,
  options: { limit: number; cursor?: string },
): Promise<Page<Message>> {
  await requireParticipant(userId, conversationId);
  const position = decodeCursor('messages', options.cursor, { m: z.string().regex(MESSAGE_ID) });
  const query = db().entities.message.query.primary({ conversationId });
  // BETWEEN (not <) keeps the key range inside the message items of the partition.
  const ranged = position ? query.between({ messageId: '' }, { messageId: position.m }) : query;
  const { data } = await ranged.go({ order: 'desc', limit: options.limit + 2 });
  const older = data.filter((m) => m.messageId !== position?.m);
  const page = older.slice(0, options.limit);
  const last = page.at(-1);
  return {
    items: await Promise.all(page.map(toMessage)),
    nextCursor: older.length > options.limit && last ? encodeCursor('messages', { m: last.messageId }) : null,
  };
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
  if (!target) throw notFound('No such message in this conversation.');
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
  throw conflict('read_conflict', 'Concurrent update', 'The conversation changed meanwhile; retry.');
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

// ---------------------------------------------------------------------------------------------
// Attachments
// ---------------------------------------------------------------------------------------------

/**
 * POST /v1/conversations/{id}/attachments: reserves an attachment slot and returns the
 * presigned POST for it. Size (413) and type (415) are checked here and again by S3's policy.
 */
export async function createAttachment(
  userId: string,
  conversationId: string,
  input: { fileName: string; contentType: string; size: number },
): Promise<{ attachmentId: string; upload: UploadForm }> {
  await requireParticipant(userId, conversationId);
  const contentType = normalizeContentType(input.contentType);
  assertAcceptable(contentType, input.size);
  const attachmentId = newId('att');
  const objectKey = objectKeyOf(conversationId, attachmentId);
  await db()
    .entities.attachment.create({
      conversationId,
      attachmentId,
      ownerUserId: userId,
      fileName: input.fileName,
      contentType,
      size: input.size,
      objectKey,
      state: 'pending',
      createdAt: new Date().toISOString(),
      ttl: ttlIn(PENDING_ATTACHMENT_SECONDS),
    })
    .go();
  return { attachmentId, upload: await presignUpload(objectKey, contentType, input.size) };
}
