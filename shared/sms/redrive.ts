import { db } from './db';
import { logger } from '../platform/observability/logger';
import { enqueueSend } from './queue';

/** Rows younger than this are still on their way through the queue. */
export const REDRIVE_AFTER_MS = 2 * 60_000;
/** Rows per run (the next run takes the rest). */
const BATCH = 200;

/**
 * The `redrive-sms` job: outbound SMS whose outbox row (written with the message and its charge)
 * is still there REDRIVE_AFTER_MS after it queued are enqueued again. The worker's per-message
 * marker makes a duplicate enqueue harmless; when the carrier answers, the row is deleted. So a
 * message whose enqueue or follow-up work failed after the commit is still sent, or failed and
 * refunded, never left `queued`.
 */
export async function redriveQueuedSms(now: Date = new Date()): Promise<{ processed: number }> {
  const before = new Date(now.getTime() - REDRIVE_AFTER_MS).toISOString();
  const { data } = await db()
    .entities.smsPendingSend.query.primary({ queue: 'outbound' })
    .lt({ queuedAt: before })
    .go({ limit: BATCH });
  let processed = 0;
  for (const row of data) {
    try {
      await enqueueSend({
        messageId: row.messageId,
        conversationId: row.conversationId,
        userId: row.userId,
        from: row.from,
        to: row.to,
        body: row.body,
        queuedAt: row.queuedAt,
      });
      processed++;
    } catch (error) {
      logger.warn('Redrive enqueue failed; next run retries', {
        messageId: row.messageId,
        error: error as Error,
      });
    }
  }
  return { processed };
}
