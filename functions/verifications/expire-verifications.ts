import { jobNow } from '../../shared/platform/jobs/clock';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { expireDueVerifications } from '../../shared/verifications/expiry';

/** Scheduled every minute: pending requests past expiresAt expire (refunded), received ones complete. */
export async function handler(event: JobEvent): Promise<JobResult> {
  const { processed } = await expireDueVerifications(jobNow(event));
  return { processed };
}
