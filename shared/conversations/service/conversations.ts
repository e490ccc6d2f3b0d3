import * as z from '../../platform/zod';
import { findUserIdBy, getUser } from '../../auth/users';
import { isConditionalFailure } from '../../platform/db/errors';
import { db } from '../db';
import { db as membershipDb } from '../membership-db';
import { Forbidden, NotFound, ValidationFailed } from '../../platform/errors';
import { newId } from '../../platform/ids';
import { pushToUsers } from '../../realtime/connections';
import { decodeCursor, encodeCursor, type Page } from '../cursor';
import type { ConversationItem } from '../entities/conversation';
import type { MembershipItem } from '../entities/membership';
import { CONVERSATION_ID } from '../ids';
import { isActiveOwnedNumber } from '../number-ownership';
import type { CreateConversationInput } from '../schemas';
import { type Conversation, cleanParticipant, type Participant, toConversation } from '../views';
import { membershipOf, noSuchConversation, requireParticipant, userIdsOf } from './participation';

/** Conversations: creation (chat, SMS), the per-user list rows, folders and participants. */

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
      throw new ValidationFailed([
        {
          path: 'body.participants',
          message: 'An SMS conversation has exactly one phone number participant.',
        },
      ]);
    }
    const peerNumber = phones[0]!;
    if (!input.fromNumber) {
      throw new ValidationFailed([{ path: 'body.fromNumber', message: 'Required for an SMS conversation.' }]);
    }
    if (input.fromNumber === peerNumber) {
      throw new ValidationFailed([
        { path: 'body.participants', message: 'The peer must differ from fromNumber.' },
      ]);
    }
    if (!(await isActiveOwnedNumber(userId, input.fromNumber))) {
      throw new Forbidden('number_not_owned', 'Number not owned', {
        detail: 'fromNumber must be an active number you own.',
      });
    }
    return findOrCreateSmsConversation({
      userId,
      fromNumber: input.fromNumber,
      peerNumber,
      title: input.title,
    });
  }
  if (input.fromNumber) {
    throw new ValidationFailed([
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
  if (!me) throw new NotFound('No such user.');
  const wanted = [...new Set(usernames)].filter((name) => name !== me.username.toLowerCase());
  if (wanted.length === 0) {
    throw new ValidationFailed([
      { path: 'body.participants', message: 'A conversation needs at least one participant besides you.' },
    ]);
  }
  const resolved = await Promise.all(
    wanted.map(async (username) => ({ username, userId: await findUserIdBy('username', username) })),
  );
  const unknown = resolved.filter((r) => !r.userId).map((r) => r.username);
  if (unknown.length > 0) {
    throw new NotFound(`No user named ${unknown.map((u) => `"${u}"`).join(', ')}.`, {
      extensions: { unknownUsernames: unknown },
    });
  }
  const others = resolved.filter((r) => r.userId && r.userId !== userId);
  if (others.length === 0) {
    throw new ValidationFailed([
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
  if (!owner) throw new NotFound('No such user.');
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
    c: z.string().check(z.regex(CONVERSATION_ID)),
  });
  const folder = options.archived ? 'archived' : 'inbox';
  const query = membershipDb().entities.membership.query.byUser({ userId, folder });
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
    const result = await membershipDb()
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
