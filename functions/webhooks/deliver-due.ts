import * as z from 'zod';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { runDueDeliveries } from '../../shared/webhooks/dispatcher';

const jobEvent = z.object({ now: z.iso.datetime({ offset: true }).optional() });

/** Scheduled job `deliver-webhooks`: due webhook retries (waits beyond SQS's 15-minute delay). */
export const handler = async (event: JobEvent): Promise<JobResult> => {
  const parsed = jobEvent.parse(event ?? {});
  return runDueDeliveries(parsed.now ? new Date(parsed.now) : new Date());
};
