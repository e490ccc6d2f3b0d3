import { useEffect, useState } from 'react';
import { errorMessage } from '../../api/client';
import type { Verification } from '../../api/types';
import { cancelVerification, completeVerification } from '../../api/verifications';
import { formatCountdown, formatTime } from '../../lib/format';
import { Alert } from '../Alert';
import { CopyButton } from '../CopyButton';

interface Props {
  readonly verification: Verification;
  readonly serviceName: string;
  readonly onChange: (v: Verification) => void;
}

function useNow(active: boolean): number {
  const [now, setNow] = useState(Date.now());
  useEffect(() => {
    if (!active) return;
    const timer = window.setInterval(() => setNow(Date.now()), 1000);
    return () => window.clearInterval(timer);
  }, [active]);
  return now;
}

/** A running request: the number to enter in the other service, a countdown, and the code when it arrives. */
export function ActiveVerification({ verification: v, serviceName, onChange }: Props) {
  const live = v.status === 'pending' || v.status === 'received';
  const now = useNow(live);
  const [error, setError] = useState('');
  const left = Date.parse(v.expiresAt) - now;
  const latest = v.codes.at(-1);

  const act = async (action: typeof cancelVerification) => {
    setError('');
    try {
      onChange(await action(v.id));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="card verification" aria-labelledby={`v-${v.id}`}>
      <div className="row spread">
        <h2 id={`v-${v.id}`}>{serviceName}</h2>
        <span className={`pill ${v.status}`}>{v.status}</span>
      </div>
      <p className="muted small">
        Enter this number in {serviceName}; the code appears here as soon as the SMS arrives.
      </p>
      <div className="row">
        <output className="big mono strong" aria-label="Phone number">
          {v.phoneNumber}
        </output>
        <CopyButton value={v.phoneNumber} label="Copy number" />
      </div>
      {live ? (
        <p>
          Expires in{' '}
          <time role="timer" aria-live="off" dateTime={v.expiresAt}>
            {formatCountdown(left)}
          </time>
        </p>
      ) : null}
      <div aria-live="polite">
        {latest ? (
          <div className="code-box">
            <span className="muted small">Code</span>
            <output className="code" aria-label="Verification code received">
              {v.finalCode ?? latest.code ?? ''}
            </output>
            <CopyButton value={v.finalCode ?? latest.code ?? ''} label="Copy code" />
          </div>
        ) : live ? (
          <p className="muted waiting">Waiting for the SMS…</p>
        ) : null}
      </div>
      {v.codes.length > 0 ? (
        <details>
          <summary>Messages received ({v.codes.length})</summary>
          <ul className="plain">
            {v.codes.map((c) => (
              <li key={`${c.receivedAt}-${c.code}`}>
                <time dateTime={c.receivedAt}>{formatTime(c.receivedAt)}</time> from {c.from}: “{c.sms}”
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      <Alert>{error}</Alert>
      <div className="row">
        {v.status === 'pending' ? (
          <button type="button" className="secondary" onClick={() => void act(cancelVerification)}>
            Cancel verification
          </button>
        ) : null}
        {v.status === 'received' ? (
          <button type="button" onClick={() => void act(completeVerification)}>
            Complete
          </button>
        ) : null}
      </div>
    </section>
  );
}
