import { type FormEvent, useEffect, useRef, useState } from 'react';
import { changePlan, listPlans, requestTemporaryIncrease } from '../../api/account';
import { ApiProblem, errorMessage, newIdempotencyKey } from '../../api/client';
import type { Plan, PlanId } from '../../api/account';
import { formatDateTime, formatMoney, formatNumber } from '../../lib/format';
import { Alert } from '../Alert';
import { Field } from '../Field';

/** Plans side by side; switching charges the balance. */
export function Plans({ current, onChanged }: { readonly current: PlanId; readonly onChanged: () => void }) {
  const [plans, setPlans] = useState<Plan[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const intent = useRef(newIdempotencyKey());

  useEffect(() => {
    listPlans().then(setPlans, (err: unknown) => setError(errorMessage(err)));
  }, []);

  const choose = async (plan: PlanId) => {
    setBusy(true);
    setError('');
    try {
      await changePlan(plan, intent.current);
      intent.current = newIdempotencyKey();
      onChanged();
    } catch (err) {
      setError(
        err instanceof ApiProblem && err.code === 'insufficient_funds'
          ? 'Your balance is too low for this plan.'
          : errorMessage(err),
      );
    } finally {
      setBusy(false);
    }
  };

  return (
    <section id="plans" className="card" aria-labelledby="plans-title">
      <h2 id="plans-title">Plans</h2>
      <Alert>{error}</Alert>
      <div className="cards three">
        {plans.map((p) => (
          <div key={p.id} className={`plan${p.id === current ? ' current' : ''}`}>
            <h3>{p.id[0]?.toUpperCase() + p.id.slice(1)}</h3>
            <p className="figure">
              <span className="value">{formatMoney(p.priceCents)}</span>
              <span className="muted">/month</span>
            </p>
            <ul className="plain small">
              <li>{formatNumber(p.limits.smsPerMonth)} SMS / month</li>
              <li>{formatNumber(p.limits.verificationsPerMonth)} verifications / month</li>
              {p.limits.activeVerifications !== undefined ? (
                <li>{formatNumber(p.limits.activeVerifications)} verifications active at once</li>
              ) : null}
              <li>{formatNumber(p.limits.numbers)} numbers</li>
              <li>{formatNumber(p.limits.requestsPerSecond)} requests / second</li>
            </ul>
            {p.id === current ? (
              <p className="pill active">Current plan</p>
            ) : (
              <button
                type="button"
                className="secondary small"
                disabled={busy}
                onClick={() => void choose(p.id)}
              >
                Switch to {p.id}
              </button>
            )}
          </div>
        ))}
      </div>
      <TemporaryIncrease />
    </section>
  );
}

const INCREASE_PROBLEMS: Record<string, string> = {
  not_eligible: 'A temporary increase needs a verified email address.',
  conflict: 'You already have a temporary increase running.',
};

/** A short-lived raise of the limits, for a peak, without changing plan. */
function TemporaryIncrease() {
  const [reason, setReason] = useState('');
  const [result, setResult] = useState<{ factor: number; expiresAt: string } | null>(null);
  const [error, setError] = useState('');
  const intent = useRef(newIdempotencyKey());

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      setResult(await requestTemporaryIncrease(reason.trim(), intent.current));
      intent.current = newIdempotencyKey();
      setReason('');
    } catch (err) {
      const code = err instanceof ApiProblem ? (err.status === 409 ? 'conflict' : err.code) : '';
      setError(INCREASE_PROBLEMS[code] ?? errorMessage(err));
    }
  };

  return (
    <form onSubmit={submit} className="increase" noValidate>
      <h3>Need more for a few days?</h3>
      <Field
        label="Reason for a temporary increase"
        value={reason}
        onChange={(e) => setReason(e.target.value)}
      />
      <Alert>{error}</Alert>
      {result ? (
        <p role="status" className="success">
          Limits ×{result.factor} until {formatDateTime(result.expiresAt)}.
        </p>
      ) : null}
      <button type="submit" className="secondary" disabled={!reason.trim()}>
        Request temporary increase
      </button>
    </form>
  );
}
