import type { QueuedWork, WorkKind } from '../../shared/platform/adapters/queued-work';
import { logger } from '../../shared/platform/observability/logger';
import { runExport } from '../../shared/verifications/exports';

const runners: Readonly<Record<WorkKind, (id: string) => Promise<unknown>>> = {
  'verification-export': runExport,
};

/** Locally queued work starts at once, after the response, as an async invocation would. */
export const inProcessWork: QueuedWork = {
  queued(kind, id) {
    setImmediate(() => {
      runners[kind](id).catch((error: unknown) =>
        logger.error('Queued work failed', { kind, id, error: error as Error }),
      );
    });
  },
};
