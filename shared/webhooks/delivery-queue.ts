import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import * as z from '../platform/zod';
import { nonEmptyString } from '../platform/http/schemas';
import { port } from '../platform/adapters/port';
import { config } from '../platform/config';

/** A delivery attempt to make: which delivery (the worker reads everything else from the table). */
export const deliveryJob = /* @__PURE__ */ z.object({
  endpointId: /* @__PURE__ */ nonEmptyString(64),
  deliveryId: /* @__PURE__ */ nonEmptyString(64),
});
export type DeliveryJob = z.infer<typeof deliveryJob>;

/** SQS delays reach 15 minutes; longer waits are left to the due-retries index and the job. */
export const MAX_QUEUE_DELAY_SECONDS = 900;

/**
 * The webhook delivery queue.
 * - AWS: SQS (`WEBHOOK_QUEUE_URL`, DelaySeconds for retries up to 15 min), consumed by the
 *   `webhooks/deliver-worker` Lambda; poison messages end in its DLQ.
 * - Local: an in-process queue handing the job, as an SQS event, to the same worker code after
 *   the delay (local/adapters/in-process-queue.ts; timers do not keep the process alive, and the
 *   `deliver-webhooks` job picks up whatever a stopped process left due, from the due-retries index).
 */
export interface DeliveryQueue {
  enqueue(job: DeliveryJob, delaySeconds: number): Promise<void>;
}

let sqs: SQSClient | undefined;

const sqsQueue: DeliveryQueue = {
  async enqueue(job, delaySeconds) {
    const queueUrl = config('webhooks').WEBHOOK_QUEUE_URL;
    if (!queueUrl) throw new Error('WEBHOOK_QUEUE_URL is not set');
    sqs ??= new SQSClient({ region: config('core').AWS_REGION });
    await sqs.send(
      new SendMessageCommand({
        QueueUrl: queueUrl,
        MessageBody: JSON.stringify(job),
        ...(delaySeconds > 0 ? { DelaySeconds: delaySeconds } : {}),
      }),
    );
  },
};

export const deliveryQueue = /* @__PURE__ */ port(() => sqsQueue);

/** Enqueues one attempt, after `delaySeconds` (capped at what SQS can delay). */
export function enqueueDelivery(job: DeliveryJob, delaySeconds = 0): Promise<void> {
  const delay = Math.max(0, Math.min(MAX_QUEUE_DELAY_SECONDS, Math.floor(delaySeconds)));
  return deliveryQueue().enqueue(job, delay);
}
