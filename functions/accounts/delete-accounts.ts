import * as z from 'zod';
import { processPendingDeletions } from '../../shared/accounts/deletion';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';

const jobEvent = z.object({ now: z.iso.datetime({ offset: true }).optional() });

/** Scheduled job `delete-accounts`: works off accepted account deletions, resuming unfinished ones. */
export async function handler(event: JobEvent): Promise<JobResult> {
  const { now } = jobEvent.parse(event ?? {});
  return processPendingDeletions(now ? new Date(now) : new Date());
}
