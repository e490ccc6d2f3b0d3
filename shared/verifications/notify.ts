import { recordActivity } from '../activity/service';
import { notify } from '../notifications/service';
import { logger } from '../platform/observability/logger';
import { pushToUsers } from '../realtime/connections';
import { findService } from './catalog';
import type { VerificationItem } from './entities/verification';
import { toView } from './views';

/**
 * Side effects after a committed change. They never undo the change and never fail the request
 * (a 500 after the commit would invite a retry that charges twice): a failure is logged, and the
 * stored verification stays the truth (clients re-read it).
 */
export async function afterCommit(
  what: string,
  verificationId: string,
  work: () => Promise<unknown>,
): Promise<void> {
  try {
    await work();
  } catch (error) {
    logger.warn(`Verification ${what} failed`, { verificationId, error: error as Error });
  }
}

const courtesy = (what: string, item: VerificationItem, work: () => Promise<unknown>) =>
  afterCommit(what, item.verificationId, work);

/** `verification.updated { verification }` to every socket of the owner. */
export const pushUpdate = (item: VerificationItem): Promise<void> =>
  courtesy('push', item, () =>
    pushToUsers([item.userId], { type: 'verification.updated', verification: toView(item) }),
  );

const serviceName = (item: VerificationItem) => findService(item.service)?.name ?? item.service;

const SUMMARIES: Partial<Record<VerificationItem['status'], (item: VerificationItem) => string>> = {
  pending: (item) => `Verification number ${item.phoneNumber} for ${serviceName(item)}`,
  completed: (item) => `Verification for ${serviceName(item)} completed`,
  cancelled: (item) =>
    item.reportedAt
      ? `Number ${item.phoneNumber} reported for ${serviceName(item)}; request cancelled and refunded`
      : `Verification for ${serviceName(item)} cancelled and refunded`,
  expired: (item) => `Verification for ${serviceName(item)} expired without a code and was refunded`,
};

/** One line in the owner's activity feed (never the code itself). */
export async function recordVerificationActivity(item: VerificationItem): Promise<void> {
  const summary = SUMMARIES[item.status]?.(item);
  if (summary) {
    await courtesy('activity', item, () =>
      recordActivity(item.userId, 'verification', summary, item.verificationId),
    );
  }
}

/**
 * The expiry notice for a request that expired without a code (refunded): an in-app
 * `notification` event and/or an email, each per the owner's `verificationExpired` preference.
 */
export async function notifyExpired(item: VerificationItem): Promise<void> {
  const title = `${serviceName(item)} verification expired`;
  const body =
    `No code arrived at ${item.phoneNumber} before ${item.expiresAt}. ` +
    `The request was closed and ${formatCents(item.priceCents)} refunded to your balance.`;
  await courtesy('expiry notice', item, () =>
    notify(item.userId, 'verificationExpired', {
      kind: 'verificationExpired',
      title,
      body,
      ref: item.verificationId,
      emailText: `${body}\n\nRequest: ${item.verificationId}`,
    }),
  );
}

export const formatCents = (cents: number): string => `$${(cents / 100).toFixed(2)}`;
