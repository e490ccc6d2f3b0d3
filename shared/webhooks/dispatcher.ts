import type { SQSBatchResponse, SQSEvent } from 'aws-lambda';
import { sendEmail } from '../platform/adapters/email';
import { getUser } from '../auth/users';
import { isConditionalFailure } from '../platform/db/errors';
import { db } from './db';
import type { JobResult } from '../platform/jobs/registry';
import { logger } from '../platform/observability/logger';
import { pushToUsers } from '../realtime/connections';
import { type DeliveryJob, deliveryJob, enqueueDelivery, MAX_QUEUE_DELAY_SECONDS } from './delivery-queue';
import { DISABLE_AFTER_MS, DUE_SHARDS, dueShardOf, MAX_ATTEMPTS, retryDelayMs } from './due';
import type { WebhookDeliveryItem } from './entities/webhook-delivery';
import type { WebhookEndpointItem } from './entities/webhook-endpoint';
import { secretCipher } from './secret-cipher';
import { postWebhook, type SendResult } from './sender';
import { guardMode } from './service';
import { signatureHeader } from './signing';

/** An attempt in flight holds the delivery this long; a crashed worker's attempt is retried after. */
const LEASE_MS = 60_000;

/**
 * The delivery worker (SQS consumer in AWS, the in-process queue and the `deliver-webhooks` job
 * locally). One attempt per job: claim it (a conditional write on the attempt count, so a
 * duplicate SQS message or a concurrent job run cannot make the same attempt twice), sign, POST,
 * record the outcome, and schedule the retry: SQS DelaySeconds when it is due within 15 min,
 * always the due-retries index as well.
 */
export async function handleDeliveryQueueEvent(event: SQSEvent): Promise<SQSBatchResponse> {
  const batchItemFailures: SQSBatchResponse['batchItemFailures'] = [];
  for (const record of event.Records) {
    const job = parseJob(record.body);
    if (!job) {
      logger.error('Dropping a malformed webhook job', { sqsMessageId: record.messageId });
      continue;
    }
    try {
      await attemptDelivery(job, new Date());
    } catch (error) {
      logger.error('Webhook attempt failed unexpectedly', {
        deliveryId: job.deliveryId,
        error: error as Error,
      });
      batchItemFailures.push({ itemIdentifier: record.messageId });
    }
  }
  return { batchItemFailures };
}

function parseJob(body: string): DeliveryJob | undefined {
  try {
    const parsed = deliveryJob.safeParse(JSON.parse(body));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export type AttemptOutcome = 'succeeded' | 'retry' | 'failed' | 'skipped';

/** One attempt of one delivery, as if the clock read `now` (scheduling only; signatures use real time). */
export async function attemptDelivery(job: DeliveryJob, now: Date): Promise<AttemptOutcome> {
  const { data: delivery } = await db()
    .entities.webhookDelivery.get({ endpointId: job.endpointId, deliveryId: job.deliveryId })
    .go({ consistent: true });
  if (!delivery || delivery.status !== 'pending') return 'skipped';
  if (delivery.nextAttemptAt && Date.parse(delivery.nextAttemptAt) > now.getTime() + 1000) return 'skipped';
  const { data: endpoint } = await db()
    .entities.webhookEndpoint.get({ userId: delivery.userId, endpointId: delivery.endpointId })
    .go({ consistent: true });
  if (!endpoint) {
    await finish(delivery, 'failed', { error: 'endpoint deleted' }, now);
    return 'failed';
  }
  if (!endpoint.enabled && delivery.type !== 'ping') {
    await finish(delivery, 'failed', { error: 'endpoint disabled' }, now);
    return 'failed';
  }
  const attempt = delivery.attempts + 1;
  if (!(await claim(delivery, attempt, now))) return 'skipped';

  const result = await send(endpoint, delivery, now);
  const ok = result.statusCode !== undefined && result.statusCode >= 200 && result.statusCode < 300;
  if (ok) {
    await finish(delivery, 'succeeded', result, now, attempt);
    if (endpoint.failingSince) await markEndpointHealthy(endpoint);
    return 'succeeded';
  }
  const delay = retryDelayMs(attempt);
  if (delay === undefined || attempt >= MAX_ATTEMPTS) {
    await finish(delivery, 'failed', result, now, attempt);
  } else {
    const nextAttemptAt = new Date(now.getTime() + delay);
    await db()
      .entities.webhookDelivery.patch({ endpointId: delivery.endpointId, deliveryId: delivery.deliveryId })
      .set({
        status: 'pending',
        dueShard: dueShardOf(delivery.endpointId),
        nextAttemptAt: nextAttemptAt.toISOString(),
        ...outcomeFields(result, now),
      })
      .go({ response: 'none' });
    if (delay / 1000 <= MAX_QUEUE_DELAY_SECONDS) {
      await enqueueDelivery(job, Math.ceil(delay / 1000));
    }
  }
  await noteEndpointFailure(endpoint, now);
  return delay === undefined ? 'failed' : 'retry';
}

/** Takes the attempt: attempts+1 and a lease, conditional on nobody having taken it first. */
async function claim(delivery: WebhookDeliveryItem, attempt: number, now: Date): Promise<boolean> {
  try {
    await db()
      .entities.webhookDelivery.patch({ endpointId: delivery.endpointId, deliveryId: delivery.deliveryId })
      .set({
        attempts: attempt,
        status: 'pending',
        dueShard: dueShardOf(delivery.endpointId),
        nextAttemptAt: new Date(now.getTime() + LEASE_MS).toISOString(),
      })
      .where((attr, op) => `${op.eq(attr.attempts, delivery.attempts)} AND ${op.eq(attr.status, 'pending')}`)
      .go({ response: 'none' });
    return true;
  } catch (error) {
    if (isConditionalFailure(error)) return false;
    throw error;
  }
}

async function send(
  endpoint: WebhookEndpointItem,
  delivery: WebhookDeliveryItem,
  now: Date,
): Promise<SendResult> {
  const cipher = secretCipher();
  const secrets = [await cipher.decrypt(endpoint.secretCiphertext)];
  if (
    endpoint.previousSecretCiphertext &&
    endpoint.previousSecretExpiresAt &&
    Date.parse(endpoint.previousSecretExpiresAt) > now.getTime()
  ) {
    secrets.push(await cipher.decrypt(endpoint.previousSecretCiphertext));
  }
  const timestamp = Math.floor(Date.now() / 1000);
  return postWebhook(
    endpoint.url,
    delivery.payload,
    {
      'smsproj-signature': signatureHeader(secrets, timestamp, delivery.payload),
      'smsproj-event-id': delivery.eventId,
      'smsproj-event-type': delivery.type,
    },
    guardMode(),
  );
}

const outcomeFields = (result: SendResult, now: Date) => ({
  lastAttemptAt: now.toISOString(),
  ...(result.statusCode !== undefined ? { lastStatusCode: result.statusCode } : {}),
  lastError: result.error ?? (result.statusCode !== undefined ? `HTTP ${result.statusCode}` : 'no response'),
});

async function finish(
  delivery: WebhookDeliveryItem,
  status: 'succeeded' | 'failed',
  result: SendResult,
  now: Date,
  attempts?: number,
): Promise<void> {
  const fields = outcomeFields(result, now);
  await db()
    .entities.webhookDelivery.patch({ endpointId: delivery.endpointId, deliveryId: delivery.deliveryId })
    .set({
      status,
      dueShard: dueShardOf(delivery.endpointId),
      nextAttemptAt: now.toISOString(),
      ...(attempts !== undefined ? { attempts } : {}),
      ...fields,
      ...(status === 'succeeded' ? { lastError: '' } : {}),
    })
    .go({ response: 'none' });
}

async function markEndpointHealthy(endpoint: WebhookEndpointItem): Promise<void> {
  await db()
    .entities.webhookEndpoint.patch({ userId: endpoint.userId, endpointId: endpoint.endpointId })
    .remove(['failingSince'])
    .go({ response: 'none' })
    .catch((error: unknown) => {
      if (!isConditionalFailure(error)) throw error;
    });
}

/**
 * Starts the endpoint's failure clock on its first failure; once it has failed for 3 days
 * without a success it is disabled (once: conditional on still enabled) and the owner is told
 * by email and in-app notice.
 */
async function noteEndpointFailure(endpoint: WebhookEndpointItem, now: Date): Promise<void> {
  const key = { userId: endpoint.userId, endpointId: endpoint.endpointId };
  if (!endpoint.failingSince) {
    await db()
      .entities.webhookEndpoint.patch(key)
      .set({ failingSince: now.toISOString() })
      .where((attr, op) => op.notExists(attr.failingSince))
      .go({ response: 'none' })
      .catch((error: unknown) => {
        if (!isConditionalFailure(error)) throw error;
      });
    return;
  }
  if (!endpoint.enabled || now.getTime() - Date.parse(endpoint.failingSince) < DISABLE_AFTER_MS) return;
  const reason = `Disabled after failing since ${endpoint.failingSince}.`;
  try {
    await db()
      .entities.webhookEndpoint.patch(key)
      .set({ enabled: false, disabledReason: reason })
      .where(
        (attr, op) =>
          `${op.eq(attr.enabled, true)} AND ${op.eq(attr.failingSince, endpoint.failingSince ?? '')}`,
      )
      .go({ response: 'none' });
  } catch (error) {
    if (isConditionalFailure(error)) return;
    throw error;
  }
  logger.warn('Webhook endpoint disabled', { endpointId: endpoint.endpointId });
  const title = 'Webhook endpoint disabled';
  const body = `Your webhook endpoint ${endpoint.url} has failed every delivery for 3 days and was disabled. Fix it and re-enable it on the Developers page (PATCH /v1/webhooks/${endpoint.endpointId} {"enabled":true}).`;
  await pushToUsers([endpoint.userId], {
    type: 'notification',
    kind: 'webhook.disabled',
    title,
    body,
    ref: endpoint.endpointId,
  });
  const user = await getUser(endpoint.userId);
  if (user) await sendEmail({ to: user.email, subject: title, text: body });
}

/** Due deliveries one `deliver-webhooks` run attempts; the rest stay due for the next run. */
export const DUE_DELIVERIES_PER_RUN = 50;
/** Attempts in flight at once: with the 10 s send timeout a full run stays under a minute. */
const DUE_CONCURRENCY = 10;

/**
 * The `deliver-webhooks` job: pending deliveries whose next attempt is due (`byDue` index, one
 * Query per shard), attempted as if the clock read `now`, at most DUE_DELIVERIES_PER_RUN a run.
 */
export async function runDueDeliveries(now: Date): Promise<JobResult> {
  const due: { endpointId: string; deliveryId: string }[] = [];
  let more = false;
  for (let shard = 0; shard < DUE_SHARDS && !more; shard += 1) {
    const room = DUE_DELIVERIES_PER_RUN - due.length;
    const { data, cursor } = await db()
      .entities.webhookDelivery.query.byDue({ dueShard: String(shard) })
      .lte({ nextAttemptAt: now.toISOString() })
      .go({ limit: room });
    for (const item of data) {
      if (item.status === 'pending') due.push({ endpointId: item.endpointId, deliveryId: item.deliveryId });
    }
    more = cursor !== null && due.length >= DUE_DELIVERIES_PER_RUN;
  }
  let processed = 0;
  for (let i = 0; i < due.length; i += DUE_CONCURRENCY) {
    const outcomes = await Promise.all(
      due.slice(i, i + DUE_CONCURRENCY).map((job) => attemptDelivery(job, now)),
    );
    processed += outcomes.filter((outcome) => outcome !== 'skipped').length;
  }
  return more ? { processed, more } : { processed };
}
