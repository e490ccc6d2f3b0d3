import { limitsOf } from '../accounts/limits';
import { recordSpend } from '../billing/service';
import { InvalidState, NotFound, ValidationFailed } from '../platform/errors';
import { isVerificationPoolNumber } from '../numbers/inventory';
import { consumeQuota, releaseQuota } from '../usage/service';
import { type AllocationRequest, allocate } from './allocation';
import { findService } from './catalog';
import { NumberUnavailableForReuse } from './errors';
import type { VerificationItem } from './entities/verification';
import { historyPage } from './history';
import { afterCommit, pushUpdate, recordVerificationActivity } from './notify';
import type { HistoryFilters } from './schemas';
import { applyTransition, type ReportReason, readOwned } from './transitions';
import { toView, type VerificationView } from './views';

/**
 * Verification requests: create and reuse (allocate + charge), read, cancel, complete, report,
 * history. The race-
 * sensitive parts live in ./allocation.ts (who gets a number) and ./transitions.ts (who moves a
 * request on); this module strings them together with the quota and the side effects.
 */

export interface CreateVerificationInput {
  readonly userId: string;
  readonly keyId?: string;
  readonly service: string;
  readonly country?: string;
}

/** Requests can be rented again (POST /reuse) for this long after they were created. */
const REUSE_MAX_AGE_MS = 30 * 86_400_000;

/**
 * Quota (429), allocation and charge in one transaction (402 / 403 / 503), then activity and
 * spend counters. Quota taken for a request that then fails is given back.
 */
async function rent(
  input: { userId: string; keyId?: string | undefined },
  allocation: Omit<AllocationRequest, 'userId' | 'activeLimit' | 'now'>,
  now: Date,
): Promise<VerificationView> {
  const { verificationsPerMonth, activeVerifications } = await limitsOf(input.userId);
  const quotaOptions = { at: now, ...(input.keyId ? { keyId: input.keyId } : {}) };
  await consumeQuota(input.userId, 'verifications', verificationsPerMonth, quotaOptions);
  let item: VerificationItem;
  try {
    item = await allocate({ ...allocation, userId: input.userId, activeLimit: activeVerifications, now });
  } catch (error) {
    await releaseQuota(input.userId, 'verifications', quotaOptions);
    throw error;
  }
  await Promise.all([
    afterCommit('spend counters', item.verificationId, () => recordSpend(input.userId, item.priceCents, now)),
    recordVerificationActivity(item),
  ]);
  return toView(item);
}

/** Creates a pending verification on any number the user may have for the service. */
export async function createVerification(
  input: CreateVerificationInput,
  now = new Date(),
): Promise<VerificationView> {
  const service = findService(input.service);
  if (!service) throw new ValidationFailed([{ path: 'body.service', message: 'Unknown service.' }]);
  return rent(input, { service, ...(input.country ? { country: input.country } : {}) }, now);
}

/**
 * POST /reuse: a new pending request on the number and service of a completed request at most
 * 30 days old, charged like a new one. 409 invalid_state for any other request, 409
 * number_unavailable while someone else holds the number or it cools down for someone else.
 */
export async function reuseVerification(
  input: { userId: string; keyId?: string; verificationId: string },
  now = new Date(),
): Promise<VerificationView> {
  const original = await readOwned(input.userId, input.verificationId);
  if (original.status !== 'completed') {
    throw new InvalidState(`Only completed verifications can be reused; this one is ${original.status}.`);
  }
  if (now.getTime() - Date.parse(original.createdAt) > REUSE_MAX_AGE_MS) {
    throw new InvalidState('Only verifications from the last 30 days can be reused.');
  }
  const service = findService(original.service);
  if (!service) throw new InvalidState('This service is no longer offered.');
  if (!(await isVerificationPoolNumber(original.phoneNumber))) throw new NumberUnavailableForReuse();
  const reuse = { of: original.verificationId, phoneNumber: original.phoneNumber, country: original.country };
  return rent(input, { service, reuse }, now);
}

export async function getVerification(userId: string, verificationId: string): Promise<VerificationView> {
  return toView(await readOwned(userId, verificationId));
}

async function finishByUser(
  userId: string,
  verificationId: string,
  action: 'cancel' | 'complete' | 'report',
  reason?: ReportReason,
): Promise<VerificationView> {
  const item = await applyTransition(verificationId, action, {
    owner: userId,
    ...(reason ? { reason } : {}),
  });
  if (!item) throw new NotFound('No such verification.');
  await Promise.all([pushUpdate(item), recordVerificationActivity(item)]);
  return toView(item);
}

/** pending → cancelled, refunded in the same transaction (409 invalid_state otherwise). */
export const cancelVerification = (userId: string, verificationId: string) =>
  finishByUser(userId, verificationId, 'cancel');

/** received → completed with `finalCode` = the last code (409 invalid_state otherwise). */
export const completeVerification = (userId: string, verificationId: string) =>
  finishByUser(userId, verificationId, 'complete');

/**
 * pending → cancelled with `reported`, refunded in the same transaction, and the (number,
 * service) pair burnt for everyone (409 invalid_state unless pending).
 */
export const reportVerification = (userId: string, verificationId: string, reason: ReportReason) =>
  finishByUser(userId, verificationId, 'report', reason);

export async function listVerifications(
  userId: string,
  query: { filters: HistoryFilters; limit: number; cursor?: string | undefined },
): Promise<{ items: VerificationView[]; nextCursor: string | null }> {
  const page = await historyPage(userId, query.filters, query.limit, query.cursor);
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}
