import { limitsOf } from '../accounts/limits';
import { recordSpend } from '../billing/service';
import { notFound, validationFailed } from '../http/errors';
import { consumeQuota, releaseQuota } from '../usage/service';
import { allocate } from './allocation';
import { findService } from './catalogue';
import type { VerificationItem } from './entities/verification';
import { historyPage } from './history';
import { afterCommit, pushUpdate, recordVerificationActivity } from './notify';
import type { HistoryFilters } from './schemas';
import { applyTransition, readOwned } from './transitions';
import { toView, type VerificationView } from './view';

/**
 * Verification requests: create (allocate + charge), read, cancel, complete, history. The race-
 * sensitive parts live in ./allocation.ts (who gets a number) and ./transitions.ts (who moves a
 * request on); this module strings them together with the quota and the side effects.
 */

export interface CreateVerificationInput {
  readonly userId: string;
  readonly keyId?: string;
  readonly service: string;
  readonly country?: string;
}

/**
 * Creates a pending verification: quota (429), allocation and charge in one transaction
 * (402 / 503), then activity and spend counters. Quota taken for a request that then fails is
 * given back.
 */
export async function createVerification(
  input: CreateVerificationInput,
  now = new Date(),
): Promise<VerificationView> {
  const service = findService(input.service);
  if (!service) throw validationFailed([{ path: 'body.service', message: 'Unknown service.' }]);
  const { verificationsPerMonth } = await limitsOf(input.userId);
  const quotaOptions = { at: now, ...(input.keyId ? { keyId: input.keyId } : {}) };
  await consumeQuota(input.userId, 'verifications', verificationsPerMonth, quotaOptions);
  let item: VerificationItem;
  try {
    item = await allocate({
      userId: input.userId,
      service,
      now,
      ...(input.country ? { country: input.country } : {}),
    });
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

export async function getVerification(userId: string, verificationId: string): Promise<VerificationView> {
  return toView(await readOwned(userId, verificationId));
}

async function finishByUser(
  userId: string,
  verificationId: string,
  action: 'cancel' | 'complete',
): Promise<VerificationView> {
  const item = await applyTransition(verificationId, action, { owner: userId });
  if (!item) throw notFound('No such verification.');
  await Promise.all([pushUpdate(item), recordVerificationActivity(item)]);
  return toView(item);
}

/** pending → cancelled, refunded in the same transaction (409 invalid_state otherwise). */
export const cancelVerification = (userId: string, verificationId: string) =>
  finishByUser(userId, verificationId, 'cancel');

/** received → completed with `finalCode` = the last code (409 invalid_state otherwise). */
export const completeVerification = (userId: string, verificationId: string) =>
  finishByUser(userId, verificationId, 'complete');

export async function listVerifications(
  userId: string,
  query: { filters: HistoryFilters; limit: number; cursor?: string | undefined },
): Promise<{ items: VerificationView[]; nextCursor: string | null }> {
  const page = await historyPage(userId, query.filters, query.limit, query.cursor);
  return { items: page.items.map(toView), nextCursor: page.nextCursor };
}
