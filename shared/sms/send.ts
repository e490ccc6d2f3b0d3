import { effectiveLimits } from '../accounts/limits';
import { getUser } from '../auth/users';
import { chargeWrites, insufficientFunds, recordSpend } from '../billing/service';
import { findOrCreateSmsConversation } from '../conversations/service/conversations';
import { type MessageTxExtension, storeMessage, storeMessageOnce } from '../conversations/service/messages';
import { isConditionalFailure } from '../platform/db/errors';
import { ttlIn } from '../platform/db/schema';
import { type DomainError, Forbidden, NotFound, RateLimited } from '../platform/errors';
import { db } from './db';
import type { Scope } from '../platform/http/route';
import { isActiveOwnedNumber, recordNumberUsage } from '../numbers/ownership';
import { bestEffort } from '../platform/best-effort';
import { logger } from '../platform/observability/logger';
import { consumeQuota, releaseQuota } from '../usage/service';
import { isOptedOut } from './opt-outs';
import { destinationPrice } from './pricing';
import { enqueueSend } from './queue';
import type { SendJob } from './schemas';
import { type SmsEncoding, segmentSms } from './segments';

export interface SendSmsResult {
  readonly messageId: string;
  readonly conversationId: string;
  readonly status: 'queued';
}

/** At most this many SMS from one number to one recipient per minute (bot loops). */
export const SMS_PER_RECIPIENT_MINUTE = 30;

export const destinationNotAllowed = (country: string | undefined) =>
  new Forbidden('destination_not_allowed', 'Destination not allowed', {
    detail: `This deployment does not send SMS to ${country ?? 'that destination'}. See GET /v1/sms/pricing.`,
  });

export const recipientOptedOut = () =>
  new Forbidden('recipient_opted_out', 'Recipient opted out', {
    detail: 'The recipient texted STOP to this number. Nothing was sent or charged; they can text START.',
  });

function perRecipientRateLimited(now: Date): DomainError {
  const retryAfter = Math.max(1, 60 - now.getUTCSeconds());
  return new RateLimited('rate_limited', 'Too many messages to this recipient', {
    detail: `At most ${SMS_PER_RECIPIENT_MINUTE} messages per minute from one number to one recipient.`,
    retryAfterSeconds: retryAfter,
    extensions: {
      retryAfter,
      limit: SMS_PER_RECIPIENT_MINUTE,
      upgrade: { href: '/v1/plans' },
      temporaryIncrease: { eligible: false, href: '/v1/me/limits/temporary-increase' },
    },
  });
}

/**
 * POST /v1/sms: every check of `authorizeSmsSend`, then the message is stored `queued` in the
 * caller's SMS conversation with `to` (created if needed, `message.created` pushed) in ONE
 * transaction with its charge and its outbox row, and handed to the send queue.
 */
export async function sendSms(input: {
  userId: string;
  keyId?: string;
  scopes?: readonly Scope[];
  from: string;
  to: string;
  body: string;
}): Promise<SendSmsResult> {
  const { userId, from, to, body } = input;
  const grant = await authorizeSmsSend({
    userId,
    from,
    to,
    body,
    ...(input.keyId ? { keyId: input.keyId } : {}),
    ...(input.scopes ? { scopes: input.scopes } : {}),
  });
  let messageId: string;
  let conversationId: string;
  try {
    const conversation = await findOrCreateSmsConversation({ userId, fromNumber: from, peerNumber: to });
    conversationId = conversation.id;
    const message = await storeMessage({
      conversationId,
      sender: { userId },
      body,
      status: 'queued',
      ...grant.messageFields,
      extension: grant.extension({ userId, conversationId, from, to, body }),
    });
    messageId = message.id;
  } catch (error) {
    await grant.release();
    throw error;
  }
  return { messageId, conversationId, status: 'queued' };
}

export interface SmsSendGrant {
  /** Stored on the message: segments, encoding and what it costs. */
  readonly messageFields: {
    readonly segments: number;
    readonly encoding: SmsEncoding;
    readonly priceCents: number;
  };
  /** The charge and outbox row to commit with the message, and the enqueue right after. */
  extension(job: Omit<SendJob, 'messageId'>): MessageTxExtension;
  /** Gives the quota back when the message was not stored after all (402, or a failure). */
  release(): Promise<void>;
}

/**
 * THE checks before any SMS leaves a number, for `POST /v1/sms` and for messages posted into an
 * SMS conversation (API key or user alike), in this order:
 * 0. an API key caller (`keyId` set) holds `sms:send` whatever route it came through
 *    (403 insufficient_scope; a key without `scopes` holds none);
 * 1. `from` is an active number of `userId` (403 number_not_owned, also for another user's);
 * 2. `to` is in an allowed destination country (403 destination_not_allowed);
 * 3. `to` has not opted out of `from` (403 recipient_opted_out);
 * 4. at most SMS_PER_RECIPIENT_MINUTE per minute from `from` to `to` (429 rate_limited);
 * 5. the monthly `smsPerMonth` quota has room for the body's segments (429 rate_limited);
 * 6. funds: the charge (segments x the destination's per-segment price) is an item of the
 *    message's own transaction (`extension`), so 402 insufficient_funds stores nothing.
 * Nothing is queued or charged when any check fails.
 */
export async function authorizeSmsSend(input: {
  userId: string;
  from: string;
  to: string;
  body: string;
  keyId?: string;
  /** The API key's scopes (ignored for user sessions, which hold every scope). */
  scopes?: readonly Scope[];
  now?: Date;
}): Promise<SmsSendGrant> {
  const { userId, from, to } = input;
  if (input.keyId && !(input.scopes ?? []).includes('sms:send')) {
    throw new Forbidden('insufficient_scope', 'Insufficient scope', {
      detail: 'Sending an SMS needs an API key with the scope sms:send.',
      extensions: { requiredScope: 'sms:send' },
    });
  }
  const now = input.now ?? new Date();
  const [owned, user] = await Promise.all([isActiveOwnedNumber(userId, from, now), getUser(userId)]);
  if (!user) throw new NotFound('No such user.');
  if (!owned)
    throw new Forbidden('number_not_owned', 'Number not owned', {
      detail: `${from} is not an active number of yours.`,
    });
  const price = destinationPrice(to);
  if (!price) throw destinationNotAllowed(undefined);
  if (await isOptedOut(from, to)) throw recipientOptedOut();
  await takeRecipientSlot(from, to, now);
  const { segments, encoding } = segmentSms(input.body);
  const priceCents = segments * price.perSegmentCents;
  const quotaOptions = { amount: segments, ...(input.keyId ? { keyId: input.keyId } : {}) };
  await consumeQuota(userId, 'smsSent', effectiveLimits(user).smsPerMonth, quotaOptions);
  return {
    messageFields: { segments, encoding, priceCents },
    release: () => releaseQuota(userId, 'smsSent', quotaOptions),
    extension: (job) =>
      outboundExtension(job, {
        priceCents,
        description: `SMS to ${price.country}: ${segments} segment(s) x ${price.perSegmentCents}c`,
        onCommitted: () =>
          bestEffort('SMS spend and number usage', () =>
            Promise.all([
              recordSpend(userId, priceCents),
              recordNumberUsage(userId, from, 'smsSent', segments),
            ]),
          ),
      }),
  };
}

/** One slot of the per-(number, recipient) minute window: a conditional ADD. */
async function takeRecipientSlot(from: string, to: string, now: Date): Promise<void> {
  const minute = now.toISOString().slice(0, 16);
  try {
    await db()
      .entities.smsSendWindow.update({ from, to, minute })
      .add({ count: 1 })
      .set({ ttl: ttlIn(180, now.getTime()) })
      .where((a, op) => `${op.notExists(a.count)} OR ${op.lt(a.count, SMS_PER_RECIPIENT_MINUTE)}`)
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionalFailure(error)) throw perRecipientRateLimited(now);
    throw error;
  }
}

/**
 * The items an outbound SMS adds to its message's transaction: [0] the outbox row
 * (`smsPendingSend`), then the charge (`chargeWrites`: [1] balance, conditional on funds,
 * [2] ledger entry). After the commit the job is enqueued; if that fails the `redrive-sms` job
 * enqueues it from the outbox row.
 */
export function outboundExtension(
  job: Omit<SendJob, 'messageId'>,
  money: { priceCents: number; description: string; onCommitted?: () => Promise<void> },
): MessageTxExtension {
  return {
    writes: (tx, { messageId, createdAt }) => [
      tx.smsPendingSend.create({ ...job, messageId, queuedAt: createdAt }).commit(),
      ...chargeWrites(tx, {
        userId: job.userId,
        amountCents: money.priceCents,
        ref: messageId,
        description: money.description,
      }),
    ],
    rejected: (indexes) => (indexes.includes(1) ? insufficientFunds() : undefined),
    async afterCommit({ messageId, createdAt }) {
      await money.onCommitted?.();
      try {
        await enqueueSend({ ...job, messageId, queuedAt: createdAt });
      } catch (error) {
        logger.warn('Enqueue after commit failed; the redrive job will send it', {
          messageId,
          error: error as Error,
        });
      }
    },
  };
}

/**
 * A reply the platform itself sends on a number (opt-out confirmation, HELP): stored in the
 * conversation as a platform message, never charged, never counted, not subject to opt-outs
 * (a STOP confirmation goes to a recipient who has just opted out).
 */
export async function sendPlatformReply(reply: {
  userId: string;
  conversationId: string;
  from: string;
  to: string;
  body: string;
  /** Keeps a retried reply to one message. */
  clientMessageId?: string;
}): Promise<string> {
  const { segments, encoding } = segmentSms(reply.body);
  const { message } = await storeMessageOnce({
    conversationId: reply.conversationId,
    sender: {},
    body: reply.body,
    status: 'queued',
    segments,
    encoding,
    priceCents: 0,
    ...(reply.clientMessageId ? { clientMessageId: reply.clientMessageId } : {}),
    extension: outboundExtension(
      {
        userId: reply.userId,
        conversationId: reply.conversationId,
        from: reply.from,
        to: reply.to,
        body: reply.body,
      },
      { priceCents: 0, description: 'Platform reply' },
    ),
  });
  return message.id;
}
