import { useState } from 'react';
import { errorMessage } from '../../api/client';
import { cancelNumber, setAutoRenew } from '../../api/numbers';
import type { OwnedNumber } from '../../api/numbers';
import { formatDate, formatMoney } from '../../lib/format';
import { Alert } from '../Alert';

interface Props {
  readonly numbers: readonly OwnedNumber[];
  readonly loading: boolean;
  readonly onChanged: (number: OwnedNumber) => void;
}

/** Owned numbers with usage, renewal, the auto-renew switch and cancellation. */
export function OwnedNumbers({ numbers, loading, onChanged }: Props) {
  const [error, setError] = useState('');
  const [confirming, setConfirming] = useState<string | null>(null);

  const toggle = async (n: OwnedNumber) => {
    setError('');
    try {
      onChanged({ ...n, ...(await setAutoRenew(n.phoneNumber, !n.autoRenew)), autoRenew: !n.autoRenew });
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const cancel = async (n: OwnedNumber) => {
    setError('');
    try {
      await cancelNumber(n.phoneNumber);
      onChanged({ ...n, status: 'cancelled', autoRenew: false });
      setConfirming(null);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section aria-labelledby="owned-title" className="card">
      <h2 id="owned-title">Your numbers</h2>
      <Alert>{error}</Alert>
      {loading ? <p className="muted">Loading…</p> : null}
      {!loading && numbers.length === 0 ? (
        <p className="muted">You have no numbers yet. Buy one below to send and receive SMS.</p>
      ) : null}
      <ul className="owned">
        {numbers.map((n) => (
          <li key={n.phoneNumber} className="owned-item" aria-labelledby={`owned-${n.phoneNumber}`}>
            <div className="owned-head">
              <strong className="mono" id={`owned-${n.phoneNumber}`}>
                {n.phoneNumber}
              </strong>
              <span className={`pill ${n.status}`}>{n.status}</span>
            </div>
            <p className="muted small">
              {n.country} · {n.type} · {n.capabilities.join(', ').toUpperCase()} ·{' '}
              {formatMoney(n.monthlyPriceCents)}
              /month
            </p>
            <p className="small">
              {n.status === 'active' && n.autoRenew ? 'Renews' : 'Usable until'}{' '}
              <time dateTime={n.renewsAt}>{formatDate(n.renewsAt)}</time>
              {n.usage ? (
                <>
                  {' '}
                  · {n.usage.smsSent} sent · {n.usage.smsReceived} received this period
                </>
              ) : null}
            </p>
            {n.status === 'active' ? (
              <div className="row">
                <label className="switch">
                  <input type="checkbox" checked={n.autoRenew} onChange={() => void toggle(n)} />
                  Auto-renew
                </label>
                {confirming === n.phoneNumber ? (
                  <>
                    <button type="button" className="danger small" onClick={() => void cancel(n)}>
                      Yes, cancel {n.phoneNumber}
                    </button>
                    <button type="button" className="secondary small" onClick={() => setConfirming(null)}>
                      Keep it
                    </button>
                  </>
                ) : (
                  <button
                    type="button"
                    className="secondary small"
                    onClick={() => setConfirming(n.phoneNumber)}
                  >
                    Cancel number
                  </button>
                )}
              </div>
            ) : null}
          </li>
        ))}
      </ul>
    </section>
  );
}
