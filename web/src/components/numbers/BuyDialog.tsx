import { useEffect, useId, useRef, useState } from 'react';
import { ApiProblem, errorMessage, newIdempotencyKey } from '../../api/client';
import { availableDetail, buyNumber } from '../../api/numbers';
import type { AvailableNumber } from '../../api/numbers';
import { useSession } from '../../auth/session';
import { formatMoney } from '../../lib/format';
import { Link } from '../../lib/router';
import { Alert } from '../Alert';

interface Props {
  readonly phoneNumber: string | null;
  readonly onClose: () => void;
  readonly onBought: () => void;
}

const MESSAGES: Record<string, string> = {
  insufficient_funds: 'Your balance is too low for this number. Top up and try again.',
  number_unavailable: 'Someone else just bought this number. Pick another one.',
  limit_reached: 'Your plan allows no more numbers. Upgrade your plan to buy more.',
};

/** Number details and the purchase confirmation; one Idempotency-Key per confirmation, so a double click buys once. */
export function BuyDialog({ phoneNumber, onClose, onBought }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const { me, reloadMe } = useSession();
  const [detail, setDetail] = useState<AvailableNumber | null>(null);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const key = useRef('');

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (phoneNumber) {
      key.current = newIdempotencyKey();
      setDetail(null);
      setError('');
      if (!el.open) el.showModal();
      availableDetail(phoneNumber).then(setDetail, (err: unknown) => setError(errorMessage(err)));
    } else if (el.open) el.close();
  }, [phoneNumber]);

  const confirm = async () => {
    if (!phoneNumber) return;
    setBusy(true);
    setError('');
    try {
      await buyNumber(phoneNumber, key.current);
      await reloadMe().catch(() => {});
      onBought();
    } catch (err) {
      setError(err instanceof ApiProblem ? (MESSAGES[err.code] ?? err.message) : errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const total = detail ? detail.monthlyPriceCents + detail.setupPriceCents : 0;
  return (
    <dialog ref={dialog} className="dialog" aria-labelledby={titleId} onClose={onClose}>
      <h2 id={titleId}>Buy {phoneNumber}</h2>
      {detail ? (
        <dl className="details">
          <dt>Country</dt>
          <dd>
            {detail.country}
            {detail.region ? ` · ${detail.region}` : ''}
          </dd>
          <dt>Type</dt>
          <dd>{detail.type}</dd>
          <dt>Capabilities</dt>
          <dd>{detail.capabilities.join(', ').toUpperCase()}</dd>
          <dt>Monthly price</dt>
          <dd>{formatMoney(detail.monthlyPriceCents)}</dd>
          <dt>Setup fee</dt>
          <dd>{formatMoney(detail.setupPriceCents)}</dd>
          <dt>Charged now</dt>
          <dd>
            <strong>{formatMoney(total)}</strong>
            {me ? <span className="muted"> (balance {formatMoney(me.balanceCents)})</span> : null}
          </dd>
        </dl>
      ) : error ? null : (
        <p className="muted">Loading details…</p>
      )}
      <p className="muted small">Renews monthly; you can turn auto-renew off or cancel at any time.</p>
      <Alert>{error}</Alert>
      {error && error === MESSAGES['insufficient_funds'] ? (
        <p>
          <Link to="/dashboard">See your balance and plan</Link>
        </p>
      ) : null}
      <div className="row end">
        <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
          Cancel
        </button>
        <button type="button" onClick={confirm} disabled={busy || !detail}>
          Confirm purchase
        </button>
      </div>
    </dialog>
  );
}
