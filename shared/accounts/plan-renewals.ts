import { ulid } from 'ulid';
import { recordActivity } from '../activity/service';
import { getUser } from '../auth/users';
import { ledgerEntryItem, recordSpend } from '../billing/service';
import { db } from './db';
import { rejectedItems } from '../platform/db/transactions';
import type { JobEvent, JobResult } from '../platform/jobs/registry';
import { notify } from '../notifications/service';
import { addMonths } from '../numbers/dates';
import { moveUsagePlanKeys } from './change-plan';
import type { PlanSubscriptionItem } from './entities/plan-subscription';
import { PLANS, type PlanId } from './plans';

/** Due subscriptions handled per run (the schedule runs again for the rest). */
export const PLAN_RENEWAL_BATCH = 100;

/**
 * The monthly plan renewal (job `renew-plans`): every paid plan whose period ended is charged
 * its monthly price from the balance, once per period — the charge, the ledger entry and the
 * move of `renewsAt` to the next period are one transaction conditional on `renewsAt` still
 * being the period read, so a re-run or a concurrent run cannot charge it twice. Without the
 * funds the account drops to `free` (keys move to the free usage plan) with a notice.
 */
export async function runPlanRenewalJob(event: JobEvent = {}): Promise<JobResult> {
  const now = event.now ? new Date(event.now) : new Date();
  const { data: due } = await db()
    .entities.planSubscription.query.byDue({ dueShard: '0' })
    .lte({ renewsAt: now.toISOString() })
    .go({ limit: PLAN_RENEWAL_BATCH });
  let processed = 0;
  for (const subscription of due) {
    if (await renewPlan(subscription, now)) processed += 1;
  }
  return { processed };
}

async function renewPlan(sub: PlanSubscriptionItem, now: Date): Promise<boolean> {
  const plan = PLANS[sub.plan as PlanId];
  const user = await getUser(sub.userId);
  if (!user || !plan || user.plan !== sub.plan) {
    // Stale (the plan changed without this record being replaced): nothing to charge.
    await db()
      .entities.planSubscription.delete({ userId: sub.userId })
      .where((attr, op) => op.eq(attr.renewsAt, sub.renewsAt))
      .go()
      .catch(() => undefined);
    return false;
  }
  const price = plan.priceCents;
  const period = sub.renewsAt;
  const next = addMonths(new Date(period), 1).toISOString();
  const result = await db()
    .transaction.write(({ user: users, ledgerEntry, planSubscription }) => [
      users
        .patch({ userId: sub.userId })
        .subtract({ balanceCents: price })
        .where((attr, op) => `${op.eq(attr.plan, sub.plan)} AND ${op.gte(attr.balanceCents, price)}`)
        .commit(),
      planSubscription
        .patch({ userId: sub.userId })
        .set({ renewsAt: next })
        .where((attr, op) => op.eq(attr.renewsAt, period))
        .commit(),
      ledgerEntry
        .create(
          ledgerEntryItem('charge', {
            userId: sub.userId,
            amountCents: price,
            ref: `plan:${sub.plan}:${period}`,
            description: `${plan.name} plan, month from ${period.slice(0, 10)}`,
            at: now,
          }),
        )
        .commit(),
    ])
    .go();
  if (!result.canceled) {
    await recordSpend(sub.userId, price, now);
    await recordActivity(sub.userId, 'plan', `${plan.name} plan renewed until ${next}`, `plan:${sub.plan}`);
    return true;
  }
  const rejected = rejectedItems(result);
  if (rejected.includes(1)) return false; // This period was renewed (or changed) meanwhile.
  return downgradeForFunds(sub, price, now);
}

async function downgradeForFunds(sub: PlanSubscriptionItem, price: number, now: Date): Promise<boolean> {
  const result = await db()
    .transaction.write(({ user: users, planSubscription, limitChange }) => [
      users
        .patch({ userId: sub.userId })
        .set({ plan: 'free' })
        .where((attr, op) => `${op.eq(attr.plan, sub.plan)} AND ${op.lt(attr.balanceCents, price)}`)
        .commit(),
      planSubscription
        .delete({ userId: sub.userId })
        .where((attr, op) => op.eq(attr.renewsAt, sub.renewsAt))
        .commit(),
      limitChange
        .create({
          userId: sub.userId,
          changeId: ulid(now.getTime()),
          type: 'plan_change',
          fromPlan: sub.plan,
          toPlan: 'free',
          at: now.toISOString(),
        })
        .commit(),
    ])
    .go();
  if (result.canceled) return false; // Topped up or changed meanwhile: the next run decides.
  await moveUsagePlanKeys(sub.userId, 'free');
  const name = PLANS[sub.plan as PlanId]?.name ?? sub.plan;
  await recordActivity(
    sub.userId,
    'plan',
    `${name} plan not renewed (balance too low): now Free`,
    'plan:free',
  );
  await notify(sub.userId, 'usageWarnings', {
    kind: 'plan.downgraded',
    title: `Your ${name} plan was not renewed`,
    body: `The balance did not cover the ${name} plan's monthly price (${price} cents): the account is on the Free plan now. Top up and choose a plan again at any time.`,
    ref: 'plan:free',
  });
  return true;
}

/** The dashboard's next charge: when and how much, or null on the free plan. */
export async function nextPlanCharge(userId: string): Promise<{ date: string; amountCents: number } | null> {
  const { data } = await db().entities.planSubscription.get({ userId }).go();
  const plan = data ? PLANS[data.plan as PlanId] : undefined;
  if (!data || !plan) return null;
  return { date: data.renewsAt, amountCents: plan.priceCents };
}
