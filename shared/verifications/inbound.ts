import { createHash } from 'node:crypto';
import { isConditionalFailure } from '../platform/db/errors';
import { db } from './db';
import { logger } from '../platform/observability/logger';
import type { VerificationItem } from './entities/verification';
import { extractCode } from './extractor';
import { pushUpdate } from './notify';
import { blocksAllocation } from './entities/pool-lease';
import { allowedFrom } from './state';
import { expiryShardOf } from './views';

/**
 * Inbound SMS to a verification pool number (called by functions/sms/inbound.ts).
 *
 * Contract:
 * - `to` is the pool number (E.164), `from` the sender, `body` the text, `receivedAt` ISO-8601,
 *   `inboundMessageId` the carrier's id (dedupe key).
 * - The request holding `to` is found with one GetItem on its pool lease. No active request: the
 *   message is logged and dropped (`{ outcome: 'no_active_request' }`). A released number still
 *   cooling down: the message reaches no one either; it is logged and counted on the lease
 *   (`droppedSms`), `{ outcome: 'cooling_down' }`.
 * - Otherwise the code is extracted. With a code, `{ code, sms, from, receivedAt }` is appended to
 *   `codes` in one conditional update: status pending or received (a cancelled, expired or
 *   completed request takes no more codes, whatever the race with cancel, report or the expiry
 *   job) and `inboundMessageId` not yet appended (a redelivery is a no-op, `{ outcome:
 *   'duplicate' }`). The status becomes `received`.
 * - Without a code (v1.1) the SMS goes to `messages` instead and the status does not change: a
 *   pending request stays cancellable and refundable. `messages` holds at most MAX_MESSAGES and
 *   `codes` at most MAX_CODES, each list with its own bound, so a flood of noise can never push a
 *   code out: once a list is full, further SMS of that kind are dropped (`{ outcome: 'full' }`).
 * - Either way `verification.updated` is pushed to the owner.
 * - Never throws for a message it cannot use; it throws only for infrastructure failures, so the
 *   caller's retry (SNS / Lambda) is meaningful.
 */
export interface VerificationSms {
  readonly to: string;
  readonly from: string;
  readonly body: string;
  readonly receivedAt: string;
  readonly inboundMessageId?: string;
}

export type VerificationSmsOutcome =
  | { readonly outcome: 'appended'; readonly verificationId: string; readonly code: string | null }
  | { readonly outcome: 'duplicate'; readonly verificationId: string }
  | { readonly outcome: 'full'; readonly verificationId: string }
  | { readonly outcome: 'cooling_down' }
  | { readonly outcome: 'not_active'; readonly verificationId: string }
  | { readonly outcome: 'no_active_request' };

/** At most this many codes are kept per request (an item stays far below DynamoDB's 400 KB). */
export const MAX_CODES = 50;
/** At most this many SMS without a code are kept per request. */
export const MAX_MESSAGES = 20;
/** Longer bodies are truncated when stored (a concatenated SMS is at most ~10 parts). */
const MAX_STORED_BODY = 2000;

/** A stable id for a message that came without one, so a redelivery still dedupes. */
const fallbackId = (sms: VerificationSms) =>
  createHash('sha256')
    .update(`${sms.to}\u0000${sms.from}\u0000${sms.receivedAt}\u0000${sms.body}`)
    .digest('hex');

export async function handleVerificationSms(sms: VerificationSms): Promise<VerificationSmsOutcome> {
  const { data: lease } = await db().entities.poolLease.get({ phoneNumber: sms.to }).go({ consistent: true });
  if (lease?.releasedAt) {
    if (blocksAllocation(lease, new Date()))
      return dropDuringCooldown(lease.phoneNumber, lease.verificationId);
  }
  if (!lease || lease.releasedAt) {
    logger.info('SMS to a verification number with no active request: dropped', { to: sms.to });
    return { outcome: 'no_active_request' };
  }
  const messageId = sms.inboundMessageId ?? fallbackId(sms);
  const extraction = extractCode(sms.body, { service: lease.service });
  const { verificationId } = lease;
  const active = allowedFrom('receive');
  const stored = { sms: sms.body.slice(0, MAX_STORED_BODY), from: sms.from, receivedAt: sms.receivedAt };
  const isActive = (attr: { status: unknown }, op: { eq: (a: unknown, v: unknown) => string }) =>
    `(${active.map((status) => op.eq(attr.status, status)).join(' OR ')})`;
  let updated: VerificationItem;
  try {
    const patch = db().entities.verification.patch({ verificationId });
    const { data } = extraction.code
      ? await patch
          .append({
            codes: [
              {
                ...stored,
                code: extraction.code,
                confidence: Math.round(extraction.confidence * 1000) / 1000,
              },
            ],
          })
          .add({ inboundIds: [messageId], codeCount: 1 })
          .set({ status: 'received', expiryShard: expiryShardOf(verificationId), expiresAt: lease.expiresAt })
          .where(
            (attr, op) =>
              `${isActive(attr, op)} AND ${op.lt(attr.codeCount, MAX_CODES)} AND ` +
              `(${op.notExists(attr.inboundIds)} OR NOT ${op.contains(attr.inboundIds, messageId)})`,
          )
          .go({ response: 'all_new' })
      : await patch
          .append({ messages: [stored] })
          .add({ inboundIds: [messageId], messageCount: 1 })
          .where(
            (attr, op) =>
              `${isActive(attr, op)} AND ` +
              `(${op.notExists(attr.messageCount)} OR ${op.lt(attr.messageCount, MAX_MESSAGES)}) AND ` +
              `(${op.notExists(attr.inboundIds)} OR NOT ${op.contains(attr.inboundIds, messageId)})`,
          )
          .go({ response: 'all_new' });
    updated = data as VerificationItem;
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
    return explainRejection(verificationId, messageId);
  }
  logger.info(extraction.code ? 'Verification code received' : 'Verification SMS without a code kept', {
    verificationId,
    found: extraction.code !== null,
    confidence: extraction.confidence,
  });
  await pushUpdate(updated);
  return { outcome: 'appended', verificationId, code: extraction.code };
}

/** An SMS to a number in its cool-down reaches no one: logged, and counted on the lease. */
async function dropDuringCooldown(
  phoneNumber: string,
  verificationId: string,
): Promise<VerificationSmsOutcome> {
  logger.info('SMS to a verification number cooling down: dropped', { to: phoneNumber, verificationId });
  try {
    await db()
      .entities.poolLease.patch({ phoneNumber })
      .add({ droppedSms: 1 })
      .where((attr, op) => op.eq(attr.verificationId, verificationId))
      .go();
  } catch (error) {
    // The number was leased again meanwhile: the count belonged to the previous lease.
    if (!isConditionalFailure(error)) throw error;
  }
  return { outcome: 'cooling_down' };
}

/** Why the append was refused: a redelivered message, or a request no longer taking codes. */
async function explainRejection(verificationId: string, messageId: string): Promise<VerificationSmsOutcome> {
  const { data } = await db().entities.verification.get({ verificationId }).go({ consistent: true });
  if (data?.inboundIds?.includes(messageId)) return { outcome: 'duplicate', verificationId };
  if (data && (data.status === 'pending' || data.status === 'received')) {
    logger.warn('SMS to a verification whose message list is full: dropped', { verificationId });
    return { outcome: 'full', verificationId };
  }
  logger.info('SMS to a verification that no longer takes codes: dropped', {
    verificationId,
    status: data?.status,
  });
  return { outcome: 'not_active', verificationId };
}
