import * as z from 'zod';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { expireDueVerifications } from '../../shared/verifications/expiry';

const jobEvent = z.object({ now: z.iso.datetime({ offset: true }).optional() });

/** Scheduled every minute: pending requests past expiresAt expire (refunded), received ones complete. */
export async function handler(event: JobEvent): Promise<JobResult> {
  const { now } = jobEvent.parse(event ?? {});
  const { processed } = await expireDueVerifications(now ? new Date(now) : new Date());
  return { processed };
}
