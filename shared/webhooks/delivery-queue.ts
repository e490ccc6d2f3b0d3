import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import * as z from 'zod';
import { config, isLocal } from '../platform/config';
import { logger } from '../platform/observability/logger';
import { handleDeliveryQueueEvent } from './dispatcher';

/** A delivery attempt to make: which delivery (the worker reads everything else from the table). */
export const deliveryJob = z.object({
  endpointId: z.string().min(1).max(64),
  deliveryId: z.string().min(1).max(64),
});
export type DeliveryJob = z.infer<typeof deliveryJob>;

/** SQS delays reach 15 minutes; longer waits are left to the due-retries index and the job. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/**
 * The webhook delivery queue.
 * - AWS: SQS (`WEBHOOK_QUEUE_URL`, DelaySeconds for retries up to 15 min), consumed by the
 *   `webhooks/deliver-worker` Lambda; poison messages end in its DLQ.
 * - Local: an in-process queue handing the job, as an SQS event, to the same worker code after
 *   the delay (timers do not keep the process alive; the `deliver-webhooks` job picks up
 *   whatever a stopped process left due, from the due-retries index).
 */
let sqs: SQSClient | undefined;
const pending = new Set<Promise<unknown>>();

export async function enqueueDelivery(job: DeliveryJob, delaySeconds = 0): Promise<void> {
  const delay = Math.max(0, Math.min(MAX_QUEUE_DELAY_SECONDS, Math.floor(delaySeconds)));
  if (isLocal()) {
    const run = new Promise<void>((resolve) => {
      const timer = setTimeout(resolve, delay * 1000);
      if (delay > 0) timer.unref();
    })
      .then(() => handleDeliveryQueueEvent(sqsEventOf([job])))
      .catch((error: unknown) =>
        logger.error('Local webhook queue: worker failed', { error: error as Error }),
      )
      .finally(() => pending.delete(run));
    if (delay === 0) pending.add(run);
    return;
  }
  const queueUrl = config('webhooks').WEBHOOK_QUEUE_URL;
  if (!queueUrl) throw new Error('WEBHOOK_QUEUE_URL is not set');
  sqs ??= new SQSClient({ region: config('core').AWS_REGION });
  await sqs.send(
    new SendMessageCommand({
      QueueUrl: queueUrl,
      MessageBody: JSON.stringify(job),
      ...(delay > 0 ? { DelaySeconds: delay } : {}),
    }),
  );
}

/** Resolves when no immediate local delivery is in flight (tests, shutdown). */
export async function drainLocalDeliveries(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

export function sqsEventOf(jobs: readonly DeliveryJob[]): SQSEvent {
  const now = String(Date.now());
  return {
    Records: jobs.map((job) => ({
      messageId: `local-${job.deliveryId}`,
      receiptHandle: `local-${job.deliveryId}`,
      body: JSON.stringify(job),
      attributes: {
        ApproximateReceiveCount: '1',
        SentTimestamp: now,
        SenderId: 'local',
        ApproximateFirstReceiveTimestamp: now,
      },
      messageAttributes: {},
      md5OfBody: '',
      eventSource: 'aws:sqs',
      eventSourceARN: 'arn:aws:sqs:local:000000000000:webhook-deliveries',
      awsRegion: 'local',
    })),
  };
}
