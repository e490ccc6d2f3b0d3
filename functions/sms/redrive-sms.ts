import * as z from 'zod';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { redriveQueuedSms } from '../../shared/sms/redrive';

const jobEvent = z.object({ now: z.iso.datetime({ offset: true }).optional() });

/** Scheduled every 5 minutes: outbound SMS still in the outbox are enqueued again. */
export async function handler(event: JobEvent): Promise<JobResult> {
  const { now } = jobEvent.parse(event ?? {});
  return redriveQueuedSms(now ? new Date(now) : new Date());
}
