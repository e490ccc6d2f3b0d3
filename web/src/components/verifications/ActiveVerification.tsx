import { useEffect, useId, useRef, useState } from 'react';
import { newIdempotencyKey } from '../../api/client';
import type { ReportReason, Verification } from '../../api/verifications';
import {
  cancelVerification,
  completeVerification,
  reportVerification,
  reuseVerification,
} from '../../api/verifications';
import { formatCountdown, formatTime } from '../../lib/format';
import { verificationProblem } from '../../lib/verification-problems';
import { Alert } from '../Alert';
import { CopyButton } from '../CopyButton';

interface Props {
  readonly verification: Verification;
  readonly serviceName: string;
  readonly onChange: (v: Verification) => void;
  /** A new request on this number (POST /reuse). */
  readonly onReused: (v: Verification) => void;
}

/** A completed request can be rented again for this long (../shared/API.md "v1.1 Verification integrity"). */
const REUSE_WINDOW_MS = 30 * 86_400_000;

const REASONS: ReadonlyArray<readonly [ReportReason, string]> = [
  ['number_used', 'The service says this number is already used'],
  ['no_code', 'The service never sends the code'],
  ['other', 'Something else'],
];

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
export function ActiveVerification({ verification: v, serviceName, onChange, onReused }: Props) {
  const live = v.status === 'pending' || v.status === 'received';
  const now = useNow(live);
  const [error, setError] = useState('');
  const [reporting, setReporting] = useState(false);
  const [reason, setReason] = useState<ReportReason>('number_used');
  const reasonId = useId();
  const reuseKey = useRef(newIdempotencyKey());
  const left = Date.parse(v.expiresAt) - now;
  const latest = v.codes.filter((c) => c.code).at(-1);
  const messages = v.messages ?? [];
  const reusable = v.status === 'completed' && Date.now() - Date.parse(v.createdAt) <= REUSE_WINDOW_MS;

  const act = async (action: (id: string) => Promise<Verification>, then = onChange) => {
    setError('');
    try {
      then(await action(v.id));
    } catch (err) {
      setError(verificationProblem(err));
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
      {messages.length > 0 ? (
        <details open={v.status === 'pending'}>
          <summary>SMS without a code ({messages.length})</summary>
          <p className="muted small">
            These messages held no code, so the request is still waiting; you can still cancel it for a
            refund.
          </p>
          <ul className="plain">
            {messages.map((m) => (
              <li key={`${m.receivedAt}-${m.from}-${m.sms}`}>
                <time dateTime={m.receivedAt}>{formatTime(m.receivedAt)}</time> from {m.from}: “{m.sms}”
              </li>
            ))}
          </ul>
        </details>
      ) : null}
      {v.reported ? (
        <p className="muted small">
          You reported this number: the request was cancelled and refunded, and the number will not be offered
          for {serviceName} again.
        </p>
      ) : null}
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
      {reporting && v.status === 'pending' ? (
        <form
          className="report"
          aria-label="Report number"
          onSubmit={(event) => {
            event.preventDefault();
            void act((id) => reportVerification(id, reason)).then(() => setReporting(false));
          }}
        >
          <p className="muted small">
            Reporting cancels this request with a full refund, and this number is never offered for{' '}
            {serviceName} again, to anyone.
          </p>
          <label htmlFor={reasonId}>Why?</label>
          <select id={reasonId} value={reason} onChange={(e) => setReason(e.target.value as ReportReason)}>
            {REASONS.map(([value, label]) => (
              <option key={value} value={value}>
                {label}
              </option>
            ))}
          </select>
          <button type="submit">Report and refund</button>
        </form>
      ) : null}
      <div className="row">
        {v.status === 'pending' ? (
          <button type="button" className="secondary" onClick={() => void act(cancelVerification)}>
            Cancel verification
          </button>
        ) : null}
        {v.status === 'pending' && !reporting ? (
          <button type="button" className="secondary" onClick={() => setReporting(true)}>
            Report number
          </button>
        ) : null}
        {reusable ? (
          <button
            type="button"
            className="secondary"
            onClick={() =>
              void act(
                (id) => reuseVerification(id, reuseKey.current),
                (next) => {
                  reuseKey.current = newIdempotencyKey();
                  onReused(next);
                },
              )
            }
          >
            Use this number again
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
