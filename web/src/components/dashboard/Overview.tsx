import type { Dashboard } from '../../api/account';
import { formatDate, formatDateTime, formatMoney } from '../../lib/format';
import { UsageCard } from './UsageCard';

const METRIC_NAMES: Record<string, string> = {
  smsSent: 'SMS sent',
  smsPerMonth: 'SMS sent',
  smsReceived: 'SMS received',
  verifications: 'Verifications',
  verificationsPerMonth: 'Verifications',
  numbers: 'Numbers',
  apiRequests: 'API requests',
  requestsPerSecond: 'API requests',
};

/** Usage against limits, warnings with an upgrade link, balance and recent activity. */
export function Overview({ data }: { readonly data: Dashboard }) {
  const { usage, limits, account } = data;
  return (
    <>
      <p className="muted">
        This period: {formatDate(usage.periodStart)} – {formatDate(usage.periodEnd)}
      </p>
      {data.warnings.length > 0 ? (
        <ul className="warnings" aria-label="Warnings">
          {data.warnings.map((w) => (
            <li key={`${w.code}-${w.metric}`} className={`warning ${w.code}`}>
              <strong>
                {w.code === 'limit_reached' ? 'Limit reached' : 'Approaching your limit'}:{' '}
                {METRIC_NAMES[w.metric] ?? w.metric}
              </strong>{' '}
              — {w.used} of {w.limit} ({Math.round(w.percent)}%). <a href="#plans">Upgrade your plan</a>
            </li>
          ))}
        </ul>
      ) : null}
      <div className="cards">
        <UsageCard label="SMS sent" used={usage.smsSent} limit={limits.smsPerMonth} />
        <UsageCard label="SMS received" used={usage.smsReceived} />
        <UsageCard label="Verifications" used={usage.verifications} limit={limits.verificationsPerMonth} />
        <UsageCard
          label="API requests"
          used={usage.apiRequests}
          note={`Rate limit: ${limits.requestsPerSecond} requests per second`}
        />
      </div>
      <div className="cards two">
        <section className="card" aria-labelledby="balance-title">
          <h3 id="balance-title">Balance</h3>
          <p className="figure">
            <span className="value">{formatMoney(account.balanceCents)}</span>
          </p>
          <p className="muted small">
            Plan <strong>{account.plan}</strong> · {data.numbers.owned} of {limits.numbers} numbers · account{' '}
            {account.status}
          </p>
        </section>
        <section className="card" aria-labelledby="activity-title">
          <h3 id="activity-title">Recent activity</h3>
          {data.recentActivity.length === 0 ? <p className="muted">Nothing yet.</p> : null}
          <ul className="plain activity">
            {data.recentActivity.slice(0, 8).map((a) => (
              <li key={`${a.at}-${a.type}-${a.ref ?? ''}`}>
                <time dateTime={a.at} className="muted small">
                  {formatDateTime(a.at)}
                </time>{' '}
                {a.summary}
              </li>
            ))}
          </ul>
        </section>
      </div>
    </>
  );
}
