import { logger } from './observability/logger';

/**
 * Runs a side effect that must not fail a request whose money already moved (activity feed,
 * usage counters, notifications): a failure is logged with its reason and the request succeeds.
 */
export async function bestEffort(what: string, work: () => Promise<unknown>): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn(`Best-effort step failed: ${what}`, { error: error as Error });
  }
}
