import { SendMessageCommand, SQSClient } from '@aws-sdk/client-sqs';
import type { SQSEvent } from 'aws-lambda';
import { config, isLocal } from '../platform/config';
import { logger } from '../platform/observability/logger';
import type { SendJob } from './schemas';
import { handleSendQueueEvent } from './worker';

/**
 * The outbound SMS queue. Origination numbers send slowly (US 10DLC 1 MPS, toll-free 3 MPS), so a
 * request never talks to the carrier: it stores the message and enqueues a job.
 * - AWS: SQS (`SMS_QUEUE_URL`); the `sms/send-worker` Lambda consumes it.
 * - Local: an in-process queue that hands the job, as an SQS event, to the same worker code
 *   (`handleSendQueueEvent`) asynchronously, after the request has answered.
 */
let sqs: SQSClient | undefined;
const pending = new Set<Promise<unknown>>();

export async function enqueueSend(job: SendJob): Promise<void> {
  if (isLocal()) {
    const run = new Promise<void>((resolve) => setImmediate(resolve))
      .then(() => handleSendQueueEvent(sqsEventOf([job])))
      .catch((error: unknown) => logger.error('Local SMS queue: worker failed', { error: error as Error }))
      .finally(() => pending.delete(run));
    pending.add(run);
    return;
  }
  const queueUrl = config('sms').SMS_QUEUE_URL;
  if (!queueUrl) throw new Error('SMS_QUEUE_URL is not set');
  sqs ??= new SQSClient({ region: config('core').AWS_REGION });
  await sqs.send(new SendMessageCommand({ QueueUrl: queueUrl, MessageBody: JSON.stringify(job) }));
}

/** Resolves when the local queue is empty (tests, graceful shutdown). */
export async function drainLocalQueue(): Promise<void> {
  while (pending.size > 0) await Promise.allSettled([...pending]);
}

/** The SQS event Lambda would receive for these jobs. */
export function sqsEventOf(jobs: readonly SendJob[]): SQSEvent {
  const now = String(Date.now());
  return {
    Records: jobs.map((job) => ({
      messageId: `local-${job.messageId}`,
      receiptHandle: `local-${job.messageId}`,
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
      eventSourceARN: 'arn:aws:sqs:local:000000000000:sms-send',
      awsRegion: 'local',
    })),
  };
}
