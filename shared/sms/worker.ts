import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { updateMessageStatus } from '../conversations/service';
import { isConditionalFailure } from '../db/errors';
import { ttlIn } from '../db/schema';
import { db } from '../db/service';
import { logger } from '../observability/logger';
import { CarrierError, carrier } from './carrier';
import { type SendJob, sendJob } from './schemas';

/** Outbound markers are kept a week: longer than any SQS redelivery. */
const DEDUPE_SECONDS = 7 * 24 * 3600;

/**
 * The send worker (SQS consumer): each job is handed to the carrier once, then the message's
 * status moves queued -> sent, or -> failed when the carrier refuses it. Retryable carrier
 * faults (throttling) go back to the queue through `batchItemFailures`.
 */
export async function handleSendQueueEvent(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const parsed = parseJob(record.body);
    if (!parsed) {
      logger.error('Dropping a malformed SMS job', { sqsMessageId: record.messageId });
      continue;
    }
    if ((await deliver(parsed)) === 'retry') batchItemFailures.push({ itemIdentifier: record.messageId });
  }
  return { batchItemFailures };
}

function parseJob(body: string): SendJob | undefined {
  try {
    const result = sendJob.safeParse(JSON.parse(body));
    return result.success ? result.data : undefined;
  } catch {
    return undefined;
  }
}

/** Sends one job at most once: a marker per message is claimed before the carrier is called. */
export async function deliver(job: SendJob): Promise<'sent' | 'failed' | 'skipped' | 'retry'> {
  const markers = db().entities.smsDedupe;
  try {
    await markers
      .create({
        kind: 'outbound',
        id: job.messageId,
        at: new Date().toISOString(),
        outcome: 'sending',
        ttl: ttlIn(DEDUPE_SECONDS),
      })
      .go();
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
    // Redelivered: re-apply a known outcome (the status update may be what failed), never resend.
    const { data } = await markers.get({ kind: 'outbound', id: job.messageId }).go({ consistent: true });
    if (data?.outcome === 'sent' || data?.outcome === 'failed') {
      await updateMessageStatus(job.conversationId, job.messageId, data.outcome);
    }
    return 'skipped';
  }
  let outcome: 'sent' | 'failed';
  try {
    const receipt = await carrier().send(job);
    outcome = 'sent';
    logger.info('SMS handed to the carrier', {
      messageId: job.messageId,
      carrierMessageId: receipt.carrierMessageId,
    });
  } catch (error) {
    if (error instanceof CarrierError && error.retryable) {
      await markers.delete({ kind: 'outbound', id: job.messageId }).go();
      logger.warn('Carrier busy, SMS will be retried', { messageId: job.messageId, error });
      return 'retry';
    }
    outcome = 'failed';
    logger.warn('Carrier refused the SMS', { messageId: job.messageId, error: error as Error });
  }
  await markers.patch({ kind: 'outbound', id: job.messageId }).set({ outcome }).go();
  await updateMessageStatus(job.conversationId, job.messageId, outcome);
  return outcome;
}
