import * as z from 'zod';
import type { JobDef, JobEvent, JobResult } from '../shared/platform/jobs/registry';
import type { LambdaInvoker } from './lambda/invoke';

const jobResult = z.object({ processed: z.number().int().nonnegative() });

/**
 * Runs one scheduled job the way its EventBridge schedule would, through the same handler
 * module. Shared by the scheduler and POST /dev/jobs/{name}/run, which passes `now` to run the
 * job as if the clock read that time.
 */
export async function runJob(job: JobDef, invoke: LambdaInvoker, now?: string): Promise<JobResult> {
  const event: JobEvent = now ? { now } : {};
  const result = jobResult.safeParse(await invoke(job.handler, event, { timeoutMs: 5 * 60_000 }));
  if (!result.success) throw new Error(`Job ${job.name} did not return { processed }`);
  return result.data;
}
