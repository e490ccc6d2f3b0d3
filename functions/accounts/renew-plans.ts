import { runPlanRenewalJob } from '../../shared/accounts/plan-renewals';
import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';

/** Scheduled job `renew-plans`: paid plans renew monthly from the balance, or drop to free. */
export const handler = async (event: JobEvent): Promise<JobResult> => runPlanRenewalJob(event);
