import { nextPlanCharge } from './plan-renewals';
import { recentActivity } from '../activity/service';
import { getUser } from '../auth/users';
import { listLedger } from '../billing/service';
import { NotFound } from '../platform/errors';
import { db } from '../usage/db';
import { countActiveNumbers } from '../numbers/service';
import { METRICS, type Metric, monthUsage, periodEnd, periodStart } from '../usage/service';
import { UPGRADE_HREF } from './dashboard-links';
import { effectiveLimits } from './limits';
import type { PlanLimits } from './plans';

export interface Warning {
  readonly code: 'approaching_limit' | 'limit_reached';
  readonly metric: 'smsPerMonth' | 'verificationsPerMonth' | 'numbers';
  readonly used: number;
  readonly limit: number;
  readonly percent: number;
  readonly upgrade: { readonly href: string };
}

/** Warning for one metered limit: at 80 % `approaching_limit`, at 100 % `limit_reached`. */
export function warningFor(metric: Warning['metric'], used: number, limit: number): Warning | undefined {
  if (limit <= 0) return undefined;
  const percent = Math.round((used / limit) * 100);
  if (used >= limit)
    return { code: 'limit_reached', metric, used, limit, percent, upgrade: { href: UPGRADE_HREF } };
  if (used * 100 >= limit * 80) {
    return { code: 'approaching_limit', metric, used, limit, percent, upgrade: { href: UPGRADE_HREF } };
  }
  return undefined;
}

export function warningsFor(
  usage: { smsSent: number; verifications: number; owned: number },
  limits: PlanLimits,
): Warning[] {
  return [
    warningFor('smsPerMonth', usage.smsSent, limits.smsPerMonth),
    warningFor('verificationsPerMonth', usage.verifications, limits.verificationsPerMonth),
    warningFor('numbers', usage.owned, limits.numbers),
  ].filter((w): w is Warning => w !== undefined);
}

/** GET /v1/me/dashboard: independent reads, issued in parallel. */
export async function dashboard(userId: string, now: Date = new Date()) {
  const [user, usage, owned, activity, nextCharge] = await Promise.all([
    getUser(userId),
    monthUsage(userId, now),
    countActiveNumbers(userId),
    recentActivity(userId, 20),
    nextPlanCharge(userId),
  ]);
  if (!user) throw new NotFound('No such user.');
  const limits = effectiveLimits(user, now.getTime());
  return {
    account: {
      status: user.status,
      plan: user.plan,
      emailVerified: user.emailVerified,
      balanceCents: user.balanceCents,
      /** The paid plan's next monthly charge (null on free). */
      nextCharge,
    },
    usage: {
      periodStart: periodStart(now).toISOString(),
      periodEnd: periodEnd(now).toISOString(),
      smsSent: usage.smsSent,
      smsReceived: usage.smsReceived,
      verifications: usage.verifications,
      apiRequests: usage.apiRequests,
    },
    limits: {
      smsPerMonth: limits.smsPerMonth,
      verificationsPerMonth: limits.verificationsPerMonth,
      numbers: limits.numbers,
      requestsPerSecond: limits.requestsPerSecond,
    },
    warnings: warningsFor({ smsSent: usage.smsSent, verifications: usage.verifications, owned }, limits),
    numbers: { owned },
    recentActivity: activity,
  };
}

const DAY_MS = 86_400_000;
const dayOf = (d: Date) => d.toISOString().slice(0, 10);

/**
 * GET /v1/me/usage: per-day rows (zero-filled), per-key totals and the billing summary for a
 * date range (default: this month). One Query over the user's day rows (key rows sort right
 * after their day), one over the ledger, one read of the balance.
 */
export async function usageReport(
  userId: string,
  range: { from?: string; to?: string },
  now: Date = new Date(),
) {
  const from = range.from ? new Date(range.from) : periodStart(now);
  const to = range.to ? new Date(range.to) : new Date(periodEnd(now).getTime() - 1);
  const [rows, ledger, user] = await Promise.all([
    db()
      .entities.usageCounter.query.primary({ userId })
      .between({ bucket: `day#${dayOf(from)}` }, { bucket: `day#${dayOf(to)}#~` })
      .go({ pages: 'all' }),
    listLedger(userId, {
      from: new Date(Date.parse(`${dayOf(from)}T00:00:00Z`)),
      to: new Date(Date.parse(`${dayOf(to)}T23:59:59.999Z`)),
    }),
    getUser(userId),
  ]);
  if (!user) throw new NotFound('No such user.');
  const days = new Map<string, Record<Metric, number>>();
  const byKey = new Map<string, { apiRequests: number; errors: number }>();
  for (const row of rows.data) {
    const [, date = '', , keyId] = row.bucket.split('#');
    if (keyId) {
      const k = byKey.get(keyId) ?? { apiRequests: 0, errors: 0 };
      k.apiRequests += row.apiRequests ?? 0;
      k.errors += row.errors ?? 0;
      byKey.set(keyId, k);
    } else {
      days.set(date, Object.fromEntries(METRICS.map((m) => [m, row[m] ?? 0])) as Record<Metric, number>);
    }
  }
  const items = [];
  for (let t = Date.parse(`${dayOf(from)}T00:00:00Z`); t <= to.getTime(); t += DAY_MS) {
    const date = dayOf(new Date(t));
    const d = days.get(date);
    items.push({
      date,
      apiRequests: d?.apiRequests ?? 0,
      smsSent: d?.smsSent ?? 0,
      smsReceived: d?.smsReceived ?? 0,
      verifications: d?.verifications ?? 0,
      errors: d?.errors ?? 0,
      spendCents: d?.spendCents ?? 0,
    });
  }
  const sum = (type: string) => ledger.filter((e) => e.type === type).reduce((n, e) => n + e.amountCents, 0);
  return {
    from: dayOf(from),
    to: dayOf(to),
    granularity: 'day' as const,
    items,
    byKey: [...byKey].map(([keyId, k]) => ({ keyId, ...k })),
    billing: {
      balanceCents: user.balanceCents,
      chargesCents: sum('charge'),
      refundsCents: sum('refund'),
      ledger,
    },
  };
}
