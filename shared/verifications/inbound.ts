import { createHash } from 'node:crypto';
import { isConditionalFailure } from '../db/errors';
import { db } from '../db/service';
import { logger } from '../observability/logger';
import type { VerificationItem } from './entities/verification';
import { extractCode } from './extractor';
import { pushUpdate } from './notify';
import { allowedFrom } from './state';
import { expiryShardOf } from './view';

/**
 * Inbound SMS to a verification pool number (called by functions/sms/inbound.ts).
 *
 * Contract:
 * - `to` is the pool number (E.164), `from` the sender, `body` the text, `receivedAt` ISO-8601,
 *   `inboundMessageId` the carrier's id (dedupe key).
 * - The request holding `to` is found with one GetItem on its pool lease. No active request: the
 *   message is logged and dropped (`{ outcome: 'no_active_request' }`).
 * - Otherwise the code is extracted and `{ code, sms, from, receivedAt }` is appended in one
 *   conditional update: status pending or received (a cancelled, expired or completed request takes
 *   no more codes, whatever the race with cancel or the expiry job) and `inboundMessageId` not yet
 *   appended (a redelivery is a no-op, `{ outcome: 'duplicate' }`). The status becomes `received`
 *   and `verification.updated` is pushed to the owner.
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
  | { readonly outcome: 'not_active'; readonly verificationId: string }
  | { readonly outcome: 'no_active_request' };

/** At most this many messages are kept per request (an item stays far below DynamoDB's 400 KB). */
export const MAX_CODES = 50;
/** Longer bodies are truncated when stored (a concatenated SMS is at most ~10 parts). */
const MAX_STORED_BODY = 2000;

/** A stable id for a message that came without one, so a redelivery still dedupes. */
const fallbackId = (sms: VerificationSms) =>
  createHash('sha256')
    .update(`${sms.to}\u0000${sms.from}\u0000${sms.receivedAt}\u0000${sms.body}`)
    .digest('hex');

export async function handleVerificationSms(sms: VerificationSms): Promise<VerificationSmsOutcome> {
  const { data: lease } = await db().entities.poolLease.get({ phoneNumber: sms.to }).go({ consistent: true });
  if (!lease) {
    logger.info('SMS to a verification number with no active request: dropped', { to: sms.to });
    return { outcome: 'no_active_request' };
  }
  const messageId = sms.inboundMessageId ?? fallbackId(sms);
  const extraction = extractCode(sms.body, { service: lease.service });
  const entry = {
    sms: sms.body.slice(0, MAX_STORED_BODY),
    from: sms.from,
    receivedAt: sms.receivedAt,
    confidence: Math.round(extraction.confidence * 1000) / 1000,
    ...(extraction.code ? { code: extraction.code } : {}),
  };
  const { verificationId } = lease;
  const active = allowedFrom('receive');
  let updated: VerificationItem;
  try {
    const { data } = await db()
      .entities.verification.patch({ verificationId })
      .append({ codes: [entry] })
      .add({ inboundIds: [messageId], codeCount: 1 })
      .set({ status: 'received', expiryShard: expiryShardOf(verificationId), expiresAt: lease.expiresAt })
      .where(
        (attr, op) =>
          `(${active.map((status) => op.eq(attr.status, status)).join(' OR ')}) AND ` +
          `${op.lt(attr.codeCount, MAX_CODES)} AND ` +
          `(${op.notExists(attr.inboundIds)} OR NOT ${op.contains(attr.inboundIds, messageId)})`,
      )
      .go({ response: 'all_new' });
    updated = data as VerificationItem;
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
    return explainRejection(verificationId, messageId);
  }
  logger.info('Verification code received', {
    verificationId,
    found: extraction.code !== null,
    confidence: extraction.confidence,
  });
  await pushUpdate(updated);
  return { outcome: 'appended', verificationId, code: extraction.code };
}

/** Why the append was refused: a redelivered message, or a request no longer taking codes. */
async function explainRejection(verificationId: string, messageId: string): Promise<VerificationSmsOutcome> {
  const { data } = await db().entities.verification.get({ verificationId }).go({ consistent: true });
  if (data?.inboundIds?.includes(messageId)) return { outcome: 'duplicate', verificationId };
  logger.info('SMS to a verification that no longer takes codes: dropped', {
    verificationId,
    status: data?.status,
  });
  return { outcome: 'not_active', verificationId };
}
