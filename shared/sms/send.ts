import { effectiveLimits } from '../accounts/limits';
import { getUser } from '../auth/service';
import { findOrCreateSmsConversation, storeMessage, updateMessageStatus } from '../conversations/service';
import { insufficientScope, notFound, numberNotOwned } from '../http/errors';
import type { Scope } from '../http/route';
import { bestEffort, isActiveOwnedNumber, recordNumberUsage } from '../numbers/service';
import { consumeQuota, releaseQuota } from '../usage/service';
import { enqueueSend } from './queue';
import { segmentCount } from './segments';

export interface SendSmsResult {
  readonly messageId: string;
  readonly conversationId: string;
  readonly status: 'queued';
}

/**
 * POST /v1/sms: `from` must be a number the caller may use (403 number_not_owned, also for
 * another user's number); one unit of the monthly `smsPerMonth` quota is taken atomically (429
 * past it). The message is stored, with its segment count, in the caller's SMS conversation with
 * `to` (created if needed, `message.created` pushed), then queued; the worker sends it and moves
 * the status to sent or failed. If storing or queueing fails, the quota is given back.
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
    ...(input.keyId ? { keyId: input.keyId } : {}),
    ...(input.scopes ? { scopes: input.scopes } : {}),
  });
  let result: SendSmsResult;
  try {
    result = await storeAndQueue({ userId, from, to, body });
  } catch (error) {
    await grant.release();
    throw error;
  }
  await bestEffort('number usage', () => recordNumberUsage(userId, from, 'smsSent'));
  return result;
}

export interface SmsSendGrant {
  /** Gives the quota unit back when the SMS was not stored or queued after all. */
  release(): Promise<void>;
}

/**
 * The checks before any SMS leaves a number, for `POST /v1/sms` and for messages posted into
 * an SMS conversation: an API key caller (`keyId` set) must hold `sms:send` whatever route it
 * came through (403 insufficient_scope; a key without `scopes` holds none), `from` must be usable by `userId` (403 number_not_owned), and one unit of
 * the monthly `smsPerMonth` quota is taken atomically (429 rate_limited past it). Then store the
 * message (`status: 'queued'`, `segments: segmentCount(body)`) and call `dispatchSms`; if that
 * fails, call `release()`.
 */
export async function authorizeSmsSend(input: {
  userId: string;
  from: string;
  keyId?: string;
  /** The API key's scopes (ignored for user sessions, which hold every scope). */
  scopes?: readonly Scope[];
}): Promise<SmsSendGrant> {
  const { userId, from } = input;
  if (input.keyId && !(input.scopes ?? []).includes('sms:send')) {
    throw insufficientScope('Sending an SMS needs an API key with the scope sms:send.', {
      extensions: { requiredScope: 'sms:send' },
    });
  }
  const [owned, user] = await Promise.all([isActiveOwnedNumber(userId, from), getUser(userId)]);
  if (!user) throw notFound('No such user.');
  if (!owned) throw numberNotOwned(`${from} is not an active number of yours.`);
  const quotaOptions = input.keyId ? { keyId: input.keyId } : {};
  await consumeQuota(userId, 'smsSent', effectiveLimits(user).smsPerMonth, quotaOptions);
  return { release: () => releaseQuota(userId, 'smsSent', quotaOptions) };
}

async function storeAndQueue(sms: {
  userId: string;
  from: string;
  to: string;
  body: string;
}): Promise<SendSmsResult> {
  const conversation = await findOrCreateSmsConversation({
    userId: sms.userId,
    fromNumber: sms.from,
    peerNumber: sms.to,
  });
  const message = await storeMessage({
    conversationId: conversation.id,
    sender: { userId: sms.userId },
    body: sms.body,
    status: 'queued',
    segments: segmentCount(sms.body),
  });
  await dispatchSms({ ...sms, conversationId: conversation.id, messageId: message.id });
  return { messageId: message.id, conversationId: conversation.id, status: 'queued' };
}

/**
 * Hands an already stored, `queued` message to the outbound queue. Used by `sendSms` and by the
 * conversations context for messages posted into an SMS conversation. If the queue refuses the
 * job, the message is marked `failed` and the error rethrown.
 */
export async function dispatchSms(job: {
  userId: string;
  conversationId: string;
  messageId: string;
  from: string;
  to: string;
  body: string;
}): Promise<void> {
  try {
    await enqueueSend(job);
  } catch (error) {
    await updateMessageStatus(job.conversationId, job.messageId, 'failed');
    throw error;
  }
}
