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
  /**
   * Lambda timeout: the job's largest batch (its per-run cap) must fit, and it stays below the
   * schedule interval (and below any claim the job holds) so runs do not overlap.
   */
  readonly timeoutSeconds: number;
  /** Lambda memory for the job's largest batch. */
  readonly memoryMb: number;
}

/** Event given to a job: `now` overrides the clock (dev endpoint and tests). */
export interface JobEvent {
  readonly now?: string;
}

export interface JobResult {
  readonly processed: number;
  /** The run stopped at its batch cap: more due work is left for the next run. */
  readonly more?: boolean;
}

export const jobs: readonly JobDef[] = [
  /** Renewal notices, renewals, expiries and quarantine releases of phone numbers (shared/numbers/renewals.ts). */
  {
    name: 'renew-numbers',
    handler: 'numbers/renew-numbers',
    schedule: 'rate(1 hour)',
    localEveryMs: 5 * 60_000,
    // RENEWAL_BATCH due numbers (a transaction, a notice email and a push each) per run.
    timeoutSeconds: 300,
    memoryMb: 1024,
  },
  /** Paid plans renew monthly from the balance; without funds the account drops to free (shared/accounts/plan-renewals.ts). */
  {
    name: 'renew-plans',
    handler: 'accounts/renew-plans',
    schedule: 'rate(1 hour)',
    localEveryMs: 5 * 60_000,
    // PLAN_RENEWAL_BATCH accounts, each one transaction plus (on a downgrade) its usage-plan key moves.
    timeoutSeconds: 120,
    memoryMb: 512,
  },
  /** Pending verifications past expiresAt expire (refunded), received ones complete (shared/verifications/expiry.ts). */
  {
    name: 'expire-verifications',
    handler: 'verifications/expire-verifications',
    schedule: 'rate(1 minute)',
    localEveryMs: 60_000,
    // EXPIRY_BATCH requests, 8 at a time, within the one-minute interval.
    timeoutSeconds: 50,
    memoryMb: 512,
  },
  /** Background verification exports into S3 (shared/verifications/exports.ts); locally they also start at once. */
  {
    name: 'verification-exports',
    handler: 'verifications/run-exports',
    schedule: 'rate(1 minute)',
    localEveryMs: 60_000,
    // EXPORTS_PER_RUN exports of up to MAX_EXPORT_ROWS (200,000) rows each, rendered in memory;
    // the timeout stays below the export claim (5 minutes) so a claim never outlives its worker.
    timeoutSeconds: 240,
    memoryMb: 2048,
  },
  /** Outbound SMS still in the outbox a few minutes after they queued are enqueued again (shared/sms/redrive.ts). */
  {
    name: 'redrive-sms',
    handler: 'sms/redrive-sms',
    schedule: 'rate(5 minutes)',
    localEveryMs: 60_000,
    // BATCH outbox rows, one SQS send each, well inside the five-minute interval.
    timeoutSeconds: 60,
    memoryMb: 256,
  },
  /** Webhook retries whose wait outgrew SQS delays, and anything a stopped worker left due (shared/webhooks/dispatcher.ts). */
  {
    name: 'deliver-webhooks',
    handler: 'webhooks/deliver-due',
    schedule: 'rate(1 minute)',
    localEveryMs: 30_000,
    // DUE_DELIVERIES_PER_RUN attempts, 10 at a time, each at most the 10 s send timeout.
    timeoutSeconds: 58,
    memoryMb: 512,
  },
  /** Deletions asked for with DELETE /v1/me, step by step and resumable (shared/accounts/deletion.ts). */
  {
    name: 'delete-accounts',
    handler: 'accounts/delete-accounts',
    schedule: 'rate(5 minutes)',
    localEveryMs: 60_000,
    // DELETIONS_PER_RUN accounts; the timeout stays below the deletion claim (5 minutes), so a
    // claim never outlives its worker, and a run that stops is resumed at its first unmarked step.
    timeoutSeconds: 240,
    memoryMb: 512,
  },
];
