import { creditWrites } from '../billing/service';
import type { MessageStatus } from '../conversations/views';
import { db } from './db';
import { logger } from '../platform/observability/logger';
import { pushToUsers } from '../realtime/connections';
import { releaseQuota } from '../usage/service';

/**
 * The one place an outbound SMS changes status after it was queued: the send worker (carrier
 * accepted or refused it) and delivery receipts (End User Messaging events, or the local carrier
 * simulator emitting the same events) both come here.
 *
 * Lifecycle: queued -> sent -> delivered | undelivered, or queued -> failed (refused). Statuses
 * only move forward (receipts repeat and arrive out of order): the update is conditional on the
 * current status being a predecessor. A move to `failed` refunds the message's price in the
 * SAME transaction, so the refund happens at most once whatever repeats.
 */
export type SmsStatus = 'sent' | 'delivered' | 'undelivered' | 'failed';

const PREDECESSORS: Record<SmsStatus, readonly MessageStatus[]> = {
  sent: ['queued'],
  delivered: ['queued', 'sent'],
  undelivered: ['queued', 'sent'],
  failed: ['queued', 'sent'],
};

export interface StatusDetails {
  readonly errorCode?: string;
  /** The carrier's price of the message in USD (receipt `totalMessagePrice` + `totalCarrierFee`). */
  readonly carrierPriceUsd?: number;
  readonly externalId?: string;
}

/** Applies a status change; false when the message is already as far or further (or unknown). */
export async function applySmsStatus(
  conversationId: string,
  messageId: string,
  status: SmsStatus,
  details: StatusDetails = {},
): Promise<boolean> {
  const { data: message } = await db()
    .entities.message.get({ conversationId, messageId })
    .go({ consistent: true });
  if (!message) {
    logger.warn('Status for an unknown SMS dropped', { conversationId, messageId, status });
    return false;
  }
  const from = PREDECESSORS[status];
  if (!from.includes(message.status)) return false;
  const refundCents = status === 'failed' ? (message.priceCents ?? 0) : 0;
  const payer = message.sender.userId;
  const result = await db()
    .transaction.write((tx) => [
      tx.message
        .patch({ conversationId, messageId })
        .set({
          status,
          ...(details.errorCode ? { errorCode: details.errorCode } : {}),
          ...(details.carrierPriceUsd !== undefined ? { carrierPriceUsd: details.carrierPriceUsd } : {}),
          ...(details.externalId ? { externalId: details.externalId } : {}),
        })
        .where((attr, op) => `(${from.map((s) => op.eq(attr.status, s)).join(' OR ')})`)
        .commit(),
      ...(payer && refundCents > 0
        ? creditWrites(tx, {
            userId: payer,
            type: 'refund',
            amountCents: refundCents,
            ref: messageId,
            description: 'SMS refused by the carrier',
          })
        : []),
    ])
    .go();
  // Cancelled: another event moved the message first (its condition failed).
  if (result.canceled) return false;
  if (status === 'failed' && payer && message.segments) {
    await releaseQuota(payer, 'smsSent', { amount: message.segments }).catch((error: Error) =>
      logger.warn('Could not give back the quota of a refused SMS', { messageId, error }),
    );
  }
  if (payer) {
    await pushToUsers([payer], {
      type: 'message.status',
      conversationId,
      messageId,
      status,
      ...(details.errorCode && (status === 'failed' || status === 'undelivered')
        ? { errorCode: details.errorCode }
        : {}),
    }).catch((error: Error) => logger.warn('message.status push failed', { messageId, error }));
  }
  return true;
}
