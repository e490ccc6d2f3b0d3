import * as z from 'zod';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { processPendingExports } from '../../shared/verifications/exports';

const jobEvent = z.object({ now: z.iso.datetime({ offset: true }).optional() });

/** Scheduled every minute: renders queued verification exports into S3. */
export async function handler(event: JobEvent): Promise<JobResult> {
  const { now } = jobEvent.parse(event ?? {});
  return { processed: await processPendingExports(now ? new Date(now) : new Date()) };
}
