import type { JobEvent, JobResult } from '../../shared/platform/jobs/registry';
import { runRenewalJob } from '../../shared/numbers/renewals';

/** Scheduled job `renew-numbers`: renewal notices, renewals, expiries, quarantine releases. */
export const handler = async (event: JobEvent): Promise<JobResult> => runRenewalJob(event);
