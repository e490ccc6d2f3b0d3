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

export const jobs: readonly JobDef[] = [
  /** Renewal notices, renewals, expiries and quarantine releases of phone numbers (shared/numbers/renewals.ts). */
  {
    name: 'renew-numbers',
    handler: 'jobs/renew-numbers',
    schedule: 'rate(1 hour)',
    localEveryMs: 5 * 60_000,
  },
  /** Pending verifications past expiresAt expire (refunded), received ones complete (shared/verifications/expiry.ts). */
  {
    name: 'expire-verifications',
    handler: 'jobs/expire-verifications',
    schedule: 'rate(1 minute)',
    localEveryMs: 60_000,
  },
  /** Background verification exports into S3 (shared/verifications/exports.ts); locally they also start at once. */
  {
    name: 'verification-exports',
    handler: 'jobs/verification-exports',
    schedule: 'rate(1 minute)',
    localEveryMs: 60_000,
  },
  /** Webhook retries whose wait outgrew SQS delays, and anything a stopped worker left due (shared/webhooks/dispatcher.ts). */
  {
    name: 'deliver-webhooks',
    handler: 'jobs/deliver-webhooks',
    schedule: 'rate(1 minute)',
    localEveryMs: 30_000,
  },
];
