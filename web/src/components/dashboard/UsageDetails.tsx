import { useEffect, useState } from 'react';
import { getUsage } from '../../api/account';
import { errorMessage } from '../../api/client';
import type { Dashboard, Usage } from '../../api/account';
import { formatDate, formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { Alert } from '../Alert';
import { UsageCharts } from './UsageCharts';

/** Day-by-day usage this month (charts, then the exact figures) and the billing ledger. */
export function UsageDetails({ limits }: { readonly limits?: Dashboard['limits'] }) {
  const [usage, setUsage] = useState<Usage | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    getUsage().then(setUsage, (err: unknown) => setError(errorMessage(err)));
  }, []);

  const days = (usage?.items ?? []).filter(
    (d) => d.apiRequests + d.smsSent + d.smsReceived + d.verifications + d.errors + d.spendCents > 0,
  );
  return (
    <section className="card" aria-labelledby="usage-title">
      <h2 id="usage-title">Usage and billing</h2>
      <Alert>{error}</Alert>
      {usage ? (
        <>
          <p className="muted small">
            Charges {formatMoney(usage.billing.chargesCents)} · refunds{' '}
            {formatMoney(usage.billing.refundsCents)} · balance {formatMoney(usage.billing.balanceCents)}
          </p>
          <UsageCharts days={usage.items} limits={limits} />
          <div className="table-wrap">
            <table className="stack-table">
              <caption className="sr-only">Usage per day</caption>
              <thead>
                <tr>
                  <th scope="col">Day</th>
                  <th scope="col">API requests</th>
                  <th scope="col">SMS sent</th>
                  <th scope="col">SMS received</th>
                  <th scope="col">Verifications</th>
                  <th scope="col">Errors</th>
                  <th scope="col">Spend</th>
                </tr>
              </thead>
              <tbody>
                {days.map((d) => (
                  <tr key={d.date}>
                    <th scope="row">{formatDate(d.date)}</th>
                    <td data-label="API requests">{formatNumber(d.apiRequests)}</td>
                    <td data-label="SMS sent">{formatNumber(d.smsSent)}</td>
                    <td data-label="SMS received">{formatNumber(d.smsReceived)}</td>
                    <td data-label="Verifications">{formatNumber(d.verifications)}</td>
                    <td data-label="Errors">{formatNumber(d.errors)}</td>
                    <td data-label="Spend">{formatMoney(d.spendCents)}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          </div>
          {days.length === 0 ? <p className="muted">No usage yet this month.</p> : null}
          {usage.billing.ledger.length > 0 ? (
            <details>
              <summary>
                Ledger ({usage.billing.ledger.length}{' '}
                {usage.billing.ledger.length === 1 ? 'entry' : 'entries'})
              </summary>
              <ul className="plain activity">
                {usage.billing.ledger.map((e) => (
                  <li key={e.id}>
                    <time dateTime={e.at} className="muted small">
                      {formatDateTime(e.at)}
                    </time>{' '}
                    {e.type} {formatMoney(e.amountCents)}
                    {e.description ? ` — ${e.description}` : ''}
                  </li>
                ))}
              </ul>
            </details>
          ) : null}
        </>
      ) : error ? null : (
        <p className="muted">Loading…</p>
      )}
    </section>
  );
}
