import * as cognito from '../auth/cognito';
import type { ConversationItem } from '../conversations/entities/conversation';
import type { MessageItem } from '../conversations/entities/message';
import { indexEntries } from '../conversations/tokenizer';
import { releaseNumberNow } from '../numbers/expiry';
import { isConditionalFailure } from '../platform/db/errors';
import { db } from './lifecycle-db';
import { DomainError } from '../platform/errors';
import { failIfArmed } from '../platform/observability/faults';
import { logger } from '../platform/observability/logger';
import { scanHistory } from '../verifications/history';
import { cancelVerification } from '../verifications/service';
import { revokeCredentials } from './deletion-request';
import { type AccountDeletionItem, DELETION_STEPS, type DeletionStep } from './entities/account-deletion';

/**
 * Account deletion (GDPR article 17, shared/API.md v1.1 "Account lifecycle").
 *
 * `DELETE /v1/me { password }` (./deletion-request.ts) checks the password, then at once: the
 * user is marked `deleting` (the authorizer refuses every access token and API key of a user that
 * is not active, login refuses them too), Cognito signs the user out everywhere, refresh tokens
 * are denylisted, sockets closed, API keys revoked and webhooks removed; and an AccountDeletion
 * record queues the rest for the `delete-accounts` job.
 *
 * The job works the record's steps in order (DELETION_STEPS). Every step is idempotent and
 * marked done on the record when it finished, so a run that dies halfway is finished by the
 * next one from the first unmarked step; a failed run hands its claim back at once.
 *   numbers        owned numbers end now and go into quarantine
 *   verifications  pending requests are cancelled with their refund
 *   conversations  conversations only the user could read are deleted with their messages;
 *                  in the others the user becomes `deleted-user` and their messages stay;
 *                  the user's search index entries go either way
 *   own-data       usage, activity, preferences, limits, plan, sessions, keys, webhooks
 *   profile        the Cognito user, the email and username claims (free to register again)
 *                  and the user item
 * The ledger (and the verification records the ledger refers to) stay under the user id.
 */
export const DELETED_USERNAME = 'deleted-user';
const CLAIM_MS = 5 * 60_000;
/** Deletions one run works off (each is a few hundred writes for a typical account). */
export const DELETIONS_PER_RUN = 5;
const PAGE = 100;

type Page<T> = { data: T[]; cursor: string | null };

async function eachPage<T>(
  read: (cursor: string | null) => Promise<Page<T>>,
  work: (items: T[]) => Promise<void>,
) {
  let cursor: string | null = null;
  do {
    const page: Page<T> = await read(cursor);
    cursor = page.cursor;
    await work(page.data);
  } while (cursor);
}

/** A batch delete by key, retried while DynamoDB leaves keys unprocessed. */
async function deleteKeys<K>(
  keys: K[],
  remove: (keys: K[]) => Promise<{ unprocessed: unknown[] }>,
): Promise<void> {
  let pending = keys;
  for (let attempt = 1; pending.length > 0; attempt++) {
    const { unprocessed } = await remove(pending);
    if (unprocessed.length > 0 && attempt >= 5)
      throw new Error(`Batch delete left ${unprocessed.length} keys`);
    pending = unprocessed as K[];
  }
}

// --- the steps ---------------------------------------------------------------------------------

async function releaseNumbers(userId: string, now: Date): Promise<void> {
  await eachPage(
    (cursor) =>
      db().entities.ownedNumber.query.primary({ userId }).go({ limit: PAGE, cursor, consistent: true }),
    async (items) => {
      for (const item of items) await releaseNumberNow(item, now);
    },
  );
}

async function cancelVerifications(userId: string): Promise<void> {
  for await (const page of scanHistory(userId, { status: 'pending' })) {
    for (const item of page.items) {
      try {
        await cancelVerification(userId, item.verificationId);
      } catch (error) {
        // A code arrived or the expiry job refunded it meanwhile: nothing left to cancel.
        if (!(error instanceof DomainError && error.code === 'invalid_state')) throw error;
      }
    }
  }
}

/**
 * The user as others see them from now on: `{ username: "deleted-user" }` (shared/API.md), without
 * the user id, so nothing addresses them any more (no unread counts, pushes or search entries for
 * a member who is gone). Mentions keep the id (their shape requires one) under the new name.
 */
const renamed = <P extends { userId?: string; username?: string; phoneNumber?: string }>(
  p: P,
  userId: string,
): P => (p.userId === userId ? ({ username: DELETED_USERNAME } as P) : p);

const renamedMention = (m: { userId: string; username: string }, userId: string) =>
  m.userId === userId ? { ...m, username: DELETED_USERNAME } : m;

async function leaveConversations(userId: string): Promise<void> {
  await eachPage(
    (cursor) => db().entities.membership.query.primary({ userId }).go({ limit: PAGE, cursor }),
    async (memberships) => {
      for (const membership of memberships) {
        const { data: conversation } = await db()
          .entities.conversation.get({ conversationId: membership.conversationId })
          .go({ consistent: true });
        if (conversation) await leaveConversation(userId, conversation);
        // Last: a run that dies before this line does the conversation again (every write above is idempotent).
        await db().entities.membership.delete({ userId, conversationId: membership.conversationId }).go();
      }
    },
  );
}

async function leaveConversation(userId: string, conversation: ConversationItem): Promise<void> {
  const { conversationId } = conversation;
  const others = conversation.participants.flatMap((p) =>
    p.userId && p.userId !== userId ? [p.userId] : [],
  );
  const shared = others.length > 0;
  await db().entities.searchScope.delete({ userId, conversationId }).go({ response: 'none' });
  await eachPage(
    (cursor) => db().entities.message.query.primary({ conversationId }).go({ limit: PAGE, cursor }),
    async (messages) => {
      await dropSearchEntries(userId, messages);
      if (!shared) {
        const keys = messages.map((m) => ({ conversationId, messageId: m.messageId }));
        await deleteKeys(keys, (batch) => db().entities.message.delete(batch).go());
        return;
      }
      for (const message of messages) {
        const mentioned = (message.mentions ?? []).some(
          (m) => m.userId === userId && m.username !== DELETED_USERNAME,
        );
        if (message.sender.userId !== userId && !mentioned) continue;
        await db()
          .entities.message.patch({ conversationId, messageId: message.messageId })
          .set({
            sender: renamed(message.sender, userId),
            ...(mentioned
              ? { mentions: (message.mentions ?? []).map((m) => renamedMention(m, userId)) }
              : {}),
          })
          .go();
      }
    },
  );
  if (!shared) {
    await deleteConversationPartition(userId, conversation);
    return;
  }
  const participants = conversation.participants.map((p) => renamed(p, userId));
  await db().entities.conversation.patch({ conversationId }).set({ participants }).go();
  for (const other of others) {
    const { data: row } = await db().entities.membership.get({ userId: other, conversationId }).go();
    if (!row) continue;
    await db()
      .entities.membership.patch({ userId: other, conversationId })
      .set({
        participants,
        ...(row.lastMessage
          ? { lastMessage: { ...row.lastMessage, sender: renamed(row.lastMessage.sender ?? {}, userId) } }
          : {}),
      })
      .go();
  }
}

/** The user's own search index entries for these messages (one partition per word head). */
async function dropSearchEntries(userId: string, messages: MessageItem[]): Promise<void> {
  const keys = messages.flatMap((m) =>
    indexEntries(m.body).map(({ head }) => ({ scope: userId, token: head, messageId: m.messageId })),
  );
  await deleteKeys(keys, (batch) => db().entities.searchToken.delete(batch).go({ concurrency: 4 }));
}

/** A conversation nobody else can read: everything in its partition, and an SMS thread's key. */
async function deleteConversationPartition(userId: string, conversation: ConversationItem): Promise<void> {
  const { conversationId } = conversation;
  const { attachment, clientMessageClaim } = db().entities;
  await eachPage(
    (cursor) => attachment.query.primary({ conversationId }).go({ limit: PAGE, cursor }),
    (items) =>
      deleteKeys(
        items.map((a) => ({ conversationId, attachmentId: a.attachmentId })),
        (batch) => attachment.delete(batch).go(),
      ),
  );
  await eachPage(
    (cursor) => clientMessageClaim.query.primary({ conversationId }).go({ limit: PAGE, cursor }),
    (items) =>
      deleteKeys(
        items.map((c) => ({ conversationId, senderKey: c.senderKey, clientMessageId: c.clientMessageId })),
        (batch) => clientMessageClaim.delete(batch).go(),
      ),
  );
  const peer = conversation.participants.find((p) => p.phoneNumber)?.phoneNumber;
  if (conversation.type === 'sms' && conversation.fromNumber && peer) {
    await db()
      .entities.smsThread.delete({ userId, fromNumber: conversation.fromNumber, peerNumber: peer })
      .go();
  }
  await db().entities.conversation.delete({ conversationId }).go();
}

/** Every item of the user's own partitions but the ledger, verifications and the user item. */
async function deleteOwnData(userId: string): Promise<void> {
  await revokeCredentials(userId);
  const e = db().entities;
  const wipe = <T, K>(
    read: (cursor: string | null) => Promise<Page<T>>,
    key: (item: T) => K,
    remove: (keys: K[]) => Promise<{ unprocessed: unknown[] }>,
  ) => eachPage(read, (items) => deleteKeys(items.map(key), remove));
  await wipe(
    (cursor) => e.usageCounter.query.primary({ userId }).go({ limit: PAGE, cursor }),
    (i) => ({ userId, bucket: i.bucket }),
    (keys) => e.usageCounter.delete(keys).go(),
  );
  await wipe(
    (cursor) => e.activity.query.primary({ userId }).go({ limit: PAGE, cursor }),
    (i) => ({ userId, activityId: i.activityId }),
    (keys) => e.activity.delete(keys).go(),
  );
  await wipe(
    (cursor) => e.limitChange.query.primary({ userId }).go({ limit: PAGE, cursor }),
    (i) => ({ userId, changeId: i.changeId }),
    (keys) => e.limitChange.delete(keys).go(),
  );
  await wipe(
    (cursor) => e.session.query.primary({ userId }).go({ limit: PAGE, cursor }),
    (i) => ({ userId, sessionId: i.sessionId }),
    (keys) => e.session.delete(keys).go(),
  );
  await wipe(
    (cursor) => e.apiKey.query.primary({ userId }).go({ limit: PAGE, cursor }),
    (i) => ({ userId, keyId: i.keyId }),
    (keys) => e.apiKey.delete(keys).go(),
  );
  await e.preferences.delete({ userId }).go();
  await e.planSubscription.delete({ userId }).go();
  await e.webhookEndpointCount.delete({ userId }).go();
}

async function eraseProfile(deletion: AccountDeletionItem): Promise<void> {
  const { userId, email, username } = deletion;
  if (email) {
    try {
      await cognito.deleteUser(email);
    } catch (error) {
      if ((error as Error).name !== 'UserNotFoundException') throw error;
    }
  }
  const claims = [
    ...(email ? [{ kind: 'email' as const, value: email }] : []),
    ...(username ? [{ kind: 'username' as const, value: username }] : []),
  ];
  for (const claim of claims) {
    try {
      // Only while the claim is still ours: someone may already have registered the freed name.
      await db()
        .entities.uniqueClaim.delete(claim)
        .where((attr, op) => op.eq(attr.userId, userId))
        .go();
    } catch (error) {
      if (!isConditionalFailure(error)) throw error;
    }
  }
  await db().entities.user.delete({ userId }).go();
  await db().entities.accountDeletion.patch({ userId }).remove(['email', 'username']).go();
}

const STEP_WORK: Readonly<Record<DeletionStep, (deletion: AccountDeletionItem, now: Date) => Promise<void>>> =
  {
    numbers: (d, now) => releaseNumbers(d.userId, now),
    verifications: (d) => cancelVerifications(d.userId),
    conversations: (d) => leaveConversations(d.userId),
    'own-data': (d) => deleteOwnData(d.userId),
    profile: (d) => eraseProfile(d),
  };

// --- the job -----------------------------------------------------------------------------------

/** Takes the deletion for this run: pending, or running with an expired claim. */
async function claim(item: AccountDeletionItem, now: Date): Promise<boolean> {
  try {
    await db()
      .entities.accountDeletion.patch({ userId: item.userId })
      .set({ status: 'running', claimedUntil: now.getTime() + CLAIM_MS, queuedAt: item.queuedAt })
      .add({ attempts: 1 })
      .where(
        (attr, op) =>
          `(${op.eq(attr.status, 'pending')} OR (${op.eq(attr.status, 'running')} AND ${op.lt(attr.claimedUntil, now.getTime())}))`,
      )
      .go();
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

/**
 * Works one deletion from its first unfinished step to the end. On a failure the claim is handed
 * back (pending, no claim) so the next run takes it up at once, from the step that failed.
 * Returns the steps this run finished.
 */
export async function runDeletion(userId: string, now: Date = new Date()): Promise<DeletionStep[]> {
  const { data: item } = await db().entities.accountDeletion.get({ userId }).go({ consistent: true });
  if (!item || item.status === 'done' || !(await claim(item, now))) return [];
  const finished: DeletionStep[] = [];
  try {
    for (const step of DELETION_STEPS) {
      if (item.doneSteps?.includes(step)) continue;
      await STEP_WORK[step](item, now);
      failIfArmed(`account-deletion:${step}`, userId);
      await db()
        .entities.accountDeletion.patch({ userId })
        .add({ doneSteps: [step] })
        .go();
      finished.push(step);
      logger.info('Account deletion step done', { userId, step });
    }
  } catch (error) {
    await db()
      .entities.accountDeletion.patch({ userId })
      .set({ status: 'pending', queuedAt: item.queuedAt })
      .remove(['claimedUntil'])
      .go();
    logger.error('Account deletion stopped; the next run resumes it', {
      userId,
      finished,
      error: error as Error,
    });
    throw error;
  }
  await db()
    .entities.accountDeletion.patch({ userId })
    .set({ status: 'done', finishedAt: new Date().toISOString(), queuedAt: item.queuedAt })
    .remove(['claimedUntil'])
    .go();
  logger.info('Account deleted', { userId, finished });
  return finished;
}

/** The scheduled job: pending (or abandoned) deletions, oldest first, at most `batch` per run. */
export async function processPendingDeletions(
  now: Date = new Date(),
  batch: number = DELETIONS_PER_RUN,
): Promise<{ processed: number; more: boolean }> {
  const { data } = await db()
    .entities.accountDeletion.query.byPending({})
    .go({ count: batch + 10 });
  let processed = 0;
  let started = 0;
  for (const item of data) {
    if (item.status === 'running' && (item.claimedUntil ?? 0) >= now.getTime()) continue;
    if (started >= batch) return { processed, more: true };
    started++;
    try {
      if ((await runDeletion(item.userId, now)).length > 0) processed++;
    } catch {
      // Logged by runDeletion; the record is pending again for the next run.
    }
  }
  return { processed, more: false };
}

/** The deletion record as the job left it (dev/test view of the step log). */
export async function deletionOf(userId: string): Promise<AccountDeletionItem | undefined> {
  const { data } = await db().entities.accountDeletion.get({ userId }).go({ consistent: true });
  return data ?? undefined;
}
