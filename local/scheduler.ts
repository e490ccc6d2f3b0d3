import type { JobDef, JobResult } from '../shared/platform/jobs/registry';
import type { LocalLogger } from './log';

export interface SchedulerOptions {
  readonly jobs: readonly JobDef[];
  readonly run: (job: JobDef) => Promise<JobResult>;
  readonly log: LocalLogger;
}

export interface Scheduler {
  /** Stops scheduling and waits for runs in progress to finish. */
  stop(): Promise<void>;
}

/**
 * The local stand-in for EventBridge schedules: each job runs every `localEveryMs`, counted from
 * the end of its previous run, so a slow run never overlaps the next one of the same job.
 * A failing run is logged and the schedule goes on, like a failed scheduled Lambda invocation.
 */
export function startScheduler(options: SchedulerOptions): Scheduler {
  let stopped = false;
  const timers = new Map<string, NodeJS.Timeout>();
  const running = new Map<string, Promise<void>>();

  const schedule = (job: JobDef) => {
    if (stopped) return;
    const timer = setTimeout(() => {
      timers.delete(job.name);
      const run = runOnce(job).finally(() => {
        running.delete(job.name);
        schedule(job);
      });
      running.set(job.name, run);
    }, job.localEveryMs);
    timer.unref();
    timers.set(job.name, timer);
  };

  const runOnce = async (job: JobDef) => {
    const startedAt = Date.now();
    try {
      const { processed } = await options.run(job);
      if (processed > 0)
        options.log.info('job run', { job: job.name, processed, ms: Date.now() - startedAt });
    } catch (error) {
      options.log.error('job failed', { job: job.name, error: describeError(error) });
    }
  };

  for (const job of options.jobs) {
    if (!(job.localEveryMs > 0)) throw new Error(`Job ${job.name} needs a positive localEveryMs`);
    schedule(job);
  }

  return {
    async stop() {
      stopped = true;
      for (const timer of timers.values()) clearTimeout(timer);
      timers.clear();
      await Promise.allSettled([...running.values()]);
    },
  };
}

function describeError(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
