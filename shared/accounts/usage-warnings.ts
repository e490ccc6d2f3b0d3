import { recordActivity } from '../activity/service';
import { queueNotification } from '../notifications/queue';
import { UPGRADE_HREF } from './dashboard-links';

export type QuotaMetric = 'smsSent' | 'verifications';
const LIMIT_NAME: Record<QuotaMetric, string> = {
  smsSent: 'smsPerMonth',
  verifications: 'verificationsPerMonth',
};
const LABEL: Record<QuotaMetric, string> = { smsSent: 'SMS', verifications: 'verifications' };

/**
 * Notifies (in-app and email, per the usageWarnings preference, through the outbox) when an increment crosses 80 %
 * or 100 % of a monthly limit. Called with the counter's value before and after an atomic ADD,
 * so exactly one request — the one that crossed — sends each warning in a period.
 */
export async function warnOnThresholdCrossing(
  userId: string,
  metric: QuotaMetric,
  before: number,
  after: number,
  limit: number,
): Promise<void> {
  if (limit <= 0) return;
  const reached = before < limit && after >= limit;
  const approaching = !reached && before * 100 < limit * 80 && after * 100 >= limit * 80;
  if (!reached && !approaching) return;
  const code = reached ? 'limit_reached' : 'approaching_limit';
  const title = reached
    ? `You have used all ${limit} ${LABEL[metric]} of this month`
    : `You have used ${Math.round((after / limit) * 100)} % of this month's ${LABEL[metric]}`;
  const body =
    `${after} of ${limit} ${LABEL[metric]} used this month on your plan. ` +
    `Upgrade for higher limits: ${UPGRADE_HREF}, or request a temporary increase.`;
  await Promise.all([
    queueNotification(userId, 'usageWarnings', {
      kind: `usage.${code}`,
      title,
      body,
      ref: LIMIT_NAME[metric],
    }),
    recordActivity(userId, 'warning', title, LIMIT_NAME[metric]),
  ]);
}
