import { jobNow } from '../../shared/platform/jobs/clock';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { redriveQueuedSms } from '../../shared/sms/redrive';

/** Scheduled every 5 minutes: outbound SMS still in the outbox are enqueued again. */
export async function handler(event: JobEvent): Promise<JobResult> {
  return redriveQueuedSms(jobNow(event));
}
