import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import { port } from '../platform/adapters/port';
import { config } from '../platform/config';
import type { SendJob } from './schemas';

/**
 * The outbound SMS queue. Origination numbers send slowly (US 10DLC 1 MPS, toll-free 3 MPS), so a
 * request never talks to the carrier: it stores the message and enqueues a job.
 * - AWS: SQS (`SMS_QUEUE_URL`); the `sms/send-worker` Lambda consumes it.
 * - Local: an in-process queue that hands the job, as an SQS event, to the same worker code
 *   (local/adapters/in-process-queue.ts).
 */
export interface SmsQueue {
  enqueue(job: SendJob): Promise<void>;
}

let sqs: SQSClient | undefined;

const sqsQueue: SmsQueue = {
  async enqueue(job) {
    const queueUrl = config('sms').SMS_QUEUE_URL;
    if (!queueUrl) throw new Error('SMS_QUEUE_URL is not set');
    sqs ??= new SQSClient({ region: config('core').AWS_REGION });
    await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));
  },
};

export const smsQueue = /* @__PURE__ */ port(() => sqsQueue);

export const enqueueSend = (job: SendJob): Promise<void> => smsQueue().enqueue(job);
