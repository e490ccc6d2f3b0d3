import type { SQSEvent } from 'aws-lambda';
import { logger } from '../../shared/platform/observability/logger';

/**
 * A local stand-in for an SQS queue and its consumer Lambda: each job is handed, as the SQS
 * event Lambda would receive, to the same worker code, after the response has been sent (and
 * after its delay). Delayed jobs do not keep the process alive; the platform's jobs pick up
 * whatever a stopped process left behind, as they do in AWS.
 */
export interface InProcessQueue<Job> {
  enqueue(job: Job, delaySeconds?: number): Promise<void>;
  /** Resolves when no job without a delay is in flight (tests, the bench, shutdown). */
  drain(): Promise<void>;
}

export function inProcessQueue<Job>(
  name: string,
  worker: (event: SQSEvent) => Promise<unknown>,
  idOf: (job: Job) => string,
): InProcessQueue<Job> {
  const pending = new Set<Promise<unknown>>();
  return {
    async enqueue(job, delaySeconds = 0) {
      const run = new Promise<void>((resolve) => {
        if (delaySeconds > 0) setTimeout(resolve, delaySeconds * 1000).unref();
        else setImmediate(resolve);
      })
        .then(() => worker(sqsEventOf(name, idOf(job), job)))
        .catch((error: unknown) =>
          logger.error(`Local ${name} queue: worker failed`, { error: error as Error }),
        )
        .finally(() => pending.delete(run));
      if (delaySeconds === 0) pending.add(run);
    },
    async drain() {
      while (pending.size > 0) await Promise.allSettled([...pending]);
    },
  };
}

/** The SQS event Lambda would receive for one job of `queue`. */
export function sqsEventOf(queue: string, id: string, job: unknown): SQSEvent {
  const now = String(Date.now());
  return {
    Records: [
      {
        messageId: `local-${id}`,
        receiptHandle: `local-${id}`,
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
        eventSourceARN: `arn:aws:sqs:local:000000000000:${queue}`,
        awsRegion: 'local',
      },
    ],
  };
}
