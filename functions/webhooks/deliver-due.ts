import { jobNow } from '../../shared/platform/jobs/clock';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { runDueDeliveries } from '../../shared/webhooks/dispatcher';

/** Scheduled job `deliver-webhooks`: due webhook retries (waits beyond SQS's 15-minute delay). */
export const handler = async (event: JobEvent): Promise<JobResult> => runDueDeliveries(jobNow(event));
