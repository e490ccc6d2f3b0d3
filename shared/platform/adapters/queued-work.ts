import { port } from './port';

/**
 * Background work recorded in the table (a `queued` item) and run by a scheduled job in AWS,
 * which finds it on its next run: nothing to do at enqueue time. The local runtime installs a
 * runner that starts the work at once, after the response, as an async invocation would
 * (local/adapters/queued-work.ts).
 */
export type WorkKind = 'verification-export';

export interface QueuedWork {
  queued(kind: WorkKind, id: string): void;
}

const pickedUpByTheJob: QueuedWork = { queued() {} };

export const queuedWork = /* @__PURE__ */ port(() => pickedUpByTheJob);
