import { ulid } from 'ulid';
import { recordActivity } from '../activity/service';
import { getUser } from '../auth/users';
import { insufficientFunds, ledgerEntryItem, recordSpend } from '../billing/service';
import { db } from './db';
import { rejectedItems } from '../platform/db/transactions';
import { Conflict, NotFound } from '../platform/errors';
import { addMonths } from '../numbers/dates';
import { moveGatewayKey } from './gateway-keys';
import { effectiveLimits } from './limits';
import { PLANS, type PlanId, type PlanLimits } from './plans';

export interface PlanChange {
  readonly plan: PlanId;
  readonly previousPlan: PlanId;
  readonly chargedCents: number;
  readonly balanceCents: number;
  readonly limits: PlanLimits;
}

/**
 * Changes the plan, effective at once (the authorizer reads the plan on every request).
 * An upgrade charges the new plan's monthly price; a downgrade is free. The plan update, the
 * balance decrement (conditional on funds) and the plan's own condition (still on the plan we
 * read, so two concurrent changes cannot both charge) are one update of the user item, written
 * in one transaction with the ledger entry and the limits-ledger entry.
 */
export async function changePlan(userId: string, to: PlanId, now: Date = new Date()): Promise<PlanChange> {
  const user = await getUser(userId);
  if (!user) throw new NotFound('No such user.');
  const from = user.plan;
  if (from === to) {
    // Already on the plan (e.g. a retry after a failure once the charge was taken): make sure the
    // usage-plan keys are on it too.
    await moveUsagePlanKeys(userId, to);
    return {
      plan: to,
      previousPlan: from,
      chargedCents: 0,
      balanceCents: user.balanceCents,
      limits: effectiveLimits(user),
    };
  }
  const price = PLANS[to].priceCents > PLANS[from].priceCents ? PLANS[to].priceCents : 0;
  const result = await db()
    .transaction.write(({ user: users, ledgerEntry, limitChange, planSubscription }) => [
      users
        .patch({ userId })
        .set({ plan: to })
        .subtract({ balanceCents: price })
        .where((attr, op) => `${op.eq(attr.plan, from)} AND ${op.gte(attr.balanceCents, price)}`)
        .commit(),
      ...(price > 0
        ? [
            ledgerEntry
              .create(
                ledgerEntryItem('charge', {
                  userId,
                  amountCents: price,
                  ref: `plan:${to}`,
                  description: `${PLANS[to].name} plan, first month`,
                  at: now,
                }),
              )
              .commit(),
          ]
        : []),
      limitChange
        .create({
          userId,
          changeId: ulid(now.getTime()),
          type: 'plan_change',
          fromPlan: from,
          toPlan: to,
          at: now.toISOString(),
        })
        .commit(),
      // A paid plan renews monthly from the balance (./plan-renewals.ts); free has no period.
      PLANS[to].priceCents > 0
        ? planSubscription
            .put({ userId, plan: to, renewsAt: addMonths(now, 1).toISOString(), dueShard: '0' })
            .commit()
        : planSubscription.delete({ userId }).commit(),
    ])
    .go();
  if (result.canceled) {
    if (rejectedItems(result).includes(0)) {
      const fresh = await getUser(userId);
      if (fresh && fresh.plan !== from) {
        throw new Conflict('conflict', 'Plan changed meanwhile', {
          detail: 'The plan changed meanwhile; retry.',
        });
      }
      throw insufficientFunds(`The ${PLANS[to].name} plan costs ${price} cents; top up and retry.`);
    }
    throw new Error('Plan change transaction cancelled');
  }
  await recordSpend(userId, price, now);
  await moveUsagePlanKeys(userId, to);
  await recordActivity(
    userId,
    'plan',
    `Plan changed from ${PLANS[from].name} to ${PLANS[to].name}`,
    `plan:${to}`,
  );
  const updated = await getUser(userId);
  if (!updated) throw new NotFound('No such user.');
  return {
    plan: to,
    previousPlan: from,
    chargedCents: price,
    balanceCents: updated.balanceCents,
    limits: effectiveLimits(updated),
  };
}

/**
 * AWS: the user's usage-plan key (and keys made per API key before v1.1) follow the user to the
 * new tier's usage plan, leaving every other one. Idempotent: a failure here after the charge is
 * repaired by retrying the change (same plan: no new charge, keys moved).
 */
export async function moveUsagePlanKeys(userId: string, to: PlanId): Promise<void> {
  const user = await getUser(userId);
  const { data: keys } = await db().entities.apiKey.query.primary({ userId }).go({ pages: 'all' });
  const ids = [
    user?.gatewayApiKeyId,
    ...keys.filter((k) => k.status === 'active').map((k) => k.gatewayKeyId),
  ];
  await Promise.all(ids.map((id) => moveGatewayKey(id, to)));
}
