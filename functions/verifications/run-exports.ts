import { jobNow } from '../../shared/platform/jobs/clock';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { processPendingExports } from '../../shared/verifications/exports';

/** Scheduled every minute: renders queued verification exports into S3. */
export async function handler(event: JobEvent): Promise<JobResult> {
  return { processed: await processPendingExports(jobNow(event)) };
}
