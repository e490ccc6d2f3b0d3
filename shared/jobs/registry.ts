/**
 * Scheduled jobs: EventBridge schedules in AWS, the local scheduler and `/dev/jobs/{name}/run`
 * locally. A job handler module exports `handler(event: JobEvent)` returning `{ processed }`.
 */
export interface JobDef {
  /** URL-safe name used by /dev/jobs/{name}/run. */
  readonly name: string;
  /** Handler module below functions/, without extension. */
  readonly handler: string;
  /** EventBridge schedule expression, e.g. `rate(1 minute)`. */
  readonly schedule: string;
  /** How often the local scheduler runs it, in milliseconds. */
  readonly localEveryMs: number;
}

/** Event given to a job: `now` overrides the clock (dev endpoint and tests). */
export interface JobEvent {
  readonly now?: string;
}

export interface JobResult {
  readonly processed: number;
}

export const jobs: readonly JobDef[] = [];
