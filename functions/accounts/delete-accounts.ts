import { processPendingDeletions } from '../../shared/accounts/deletion';
import { jobNow } from '../../shared/platform/jobs/clock';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';

/** Scheduled job `delete-accounts`: works off accepted account deletions, resuming unfinished ones. */
export async function handler(event: JobEvent): Promise<JobResult> {
  return processPendingDeletions(jobNow(event));
}
