import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { isConditionalFailure } from '../platform/db/errors';
import { ttlIn } from '../platform/db/schema';
import { db } from './db';
import { logger } from '../platform/observability/logger';
import { CarrierError, carrier, carrierChunks } from './carrier';
import { type SendJob, sendJob } from './schemas';
import { segmentCount } from './segments';
import { applySmsStatus } from './status';

/** Outbound markers are kept a week: longer than any SQS redelivery. */
const DEDUPE_SECONDS = 7 * 24 * 3600;
/** A `sending` marker older than this belongs to a worker that died mid-send: take over. */
const STALE_SENDING_MS = 5 * 60_000;

/**
 * The send worker (SQS consumer): each job is handed to the carrier once, chunk by chunk, then
 * the message's status moves queued -> sent, or -> failed (refunded) when the carrier refuses
 * it. Retryable carrier faults (throttling) go back to the queue through `batchItemFailures`.
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

type Claim =
  | { chunksSent: number; carrierMessageId?: string }
  | { done: 'sent' | 'failed'; errorCode?: string }
  | 'busy';

/**
 * Claims the job's marker: a new one, a `retry` one (a throttled attempt), or a stale `sending`
 * one (a worker that died). Returns where to resume, the known outcome, or `busy`.
 */
async function claim(job: SendJob): Promise<Claim> {
  const markers = db().entities.smsDedupe;
  const now = new Date();
  try {
    await markers
      .create({
        kind: 'outbound',
        id: job.messageId,
        at: now.toISOString(),
        outcome: 'sending',
        chunksSent: 0,
        ttl: ttlIn(DEDUPE_SECONDS),
      })
      .go();
    return { chunksSent: 0 };
  } catch (error) {
    if (!isConditionalFailure(error)) throw error;
  }
  const { data } = await markers.get({ kind: 'outbound', id: job.messageId }).go({ consistent: true });
  if (!data) return 'busy';
  if (data.outcome === 'sent' || data.outcome === 'failed') {
    return { done: data.outcome, ...(data.errorCode ? { errorCode: data.errorCode } : {}) };
  }
  const stale = Date.now() - Date.parse(data.at) > STALE_SENDING_MS;
  if (data.outcome === 'sending' && !stale) return 'busy';
  try {
    await markers
      .patch({ kind: 'outbound', id: job.messageId })
      .set({ outcome: 'sending', at: now.toISOString() })
      .where((a, op) => `${op.eq(a.outcome, data.outcome ?? 'retry')} AND ${op.eq(a.at, data.at)}`)
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionalFailure(error)) return 'busy';
    throw error;
  }
  return {
    chunksSent: data.chunksSent ?? 0,
    ...(data.carrierMessageId ? { carrierMessageId: data.carrierMessageId } : {}),
  };
}

/**
 * Sends one job at most once per chunk: a marker per message is claimed before the carrier is
 * called, and each accepted chunk is recorded on it, so a retry (throttling, a crash) resends
 * only the chunks the carrier has not accepted.
 */
export async function deliver(job: SendJob): Promise<'sent' | 'failed' | 'skipped' | 'retry'> {
  const claimed = await claim(job);
  if (claimed === 'busy') return 'skipped';
  if ('done' in claimed) {
    // Redelivered: re-apply the known outcome (the status update may be what failed), never resend.
    await finish(job, claimed.done, claimed.errorCode);
    return 'skipped';
  }
  const markers = db().entities.smsDedupe;
  const chunks = carrierChunks(job.body);
  const segments = segmentCount(job.body);
  let carrierMessageId = claimed.carrierMessageId;
  for (let chunk = claimed.chunksSent; chunk < chunks.length; chunk++) {
    try {
      const receipt = await carrier().send({
        messageId: job.messageId,
        conversationId: job.conversationId,
        from: job.from,
        to: job.to,
        body: chunks[chunk]!,
        chunk,
        chunks: chunks.length,
        segments,
      });
      carrierMessageId ??= receipt.carrierMessageId;
      await markers
        .patch({ kind: 'outbound', id: job.messageId })
        .set({ chunksSent: chunk + 1, ...(carrierMessageId ? { carrierMessageId } : {}) })
        .go({ response: 'none' });
    } catch (error) {
      if (error instanceof CarrierError && error.retryable) {
        await markers.patch({ kind: 'outbound', id: job.messageId }).set({ outcome: 'retry' }).go();
        logger.warn('Carrier busy, SMS will be retried', { messageId: job.messageId, chunk, error });
        return 'retry';
      }
      if (!(error instanceof CarrierError)) throw error;
      logger.warn('Carrier refused the SMS', { messageId: job.messageId, chunk, error });
      // Refused after some chunks went out: the recipient got part of it; it is not refunded.
      const outcome = chunk === 0 ? 'failed' : 'sent';
      await markers
        .patch({ kind: 'outbound', id: job.messageId })
        .set({ outcome, errorCode: error.code })
        .go();
      await finish(job, outcome, error.code);
      return outcome;
    }
  }
  await markers.patch({ kind: 'outbound', id: job.messageId }).set({ outcome: 'sent' }).go();
  logger.info('SMS handed to the carrier', {
    messageId: job.messageId,
    carrierMessageId,
    chunks: chunks.length,
  });
  await finish(job, 'sent', undefined, carrierMessageId);
  return 'sent';
}

/** Status change (refund on failed) and the outbox row removed: the job is done. */
async function finish(
  job: SendJob,
  outcome: 'sent' | 'failed',
  errorCode: string | undefined,
  externalId?: string,
): Promise<void> {
  await applySmsStatus(job.conversationId, job.messageId, outcome, {
    ...(errorCode ? { errorCode } : {}),
    ...(externalId ? { externalId } : {}),
  });
  if (job.queuedAt) {
    await db()
      .entities.smsPendingSend.delete({ queue: 'outbound', queuedAt: job.queuedAt, messageId: job.messageId })
      .go({ response: 'none' });
  }
}
