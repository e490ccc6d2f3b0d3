import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { errorMessage, newIdempotencyKey } from '../api/client';
import type { Verification, VerificationService } from '../api/verifications';
import { createVerification, getVerification, listServices, listVerifications } from '../api/verifications';
import { Alert } from '../components/Alert';
import { ActiveVerification } from '../components/verifications/ActiveVerification';
import { History } from '../components/verifications/History';
import { useSession } from '../auth/session';
import { COUNTRIES, formatMoney } from '../lib/format';
import { verificationProblem } from '../lib/verification-problems';
import { useConnectionState, useRealtimeEvent } from '../realtime/hooks';

export function VerificationsPage() {
  const { reloadMe } = useSession();
  const ids = { service: useId(), country: useId() };
  const [services, setServices] = useState<VerificationService[]>([]);
  const [service, setService] = useState('');
  const [country, setCountry] = useState('');
  const [active, setActive] = useState<Verification[]>([]);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);
  const [historyKey, setHistoryKey] = useState(0);
  const intent = useRef(newIdempotencyKey());

  useEffect(() => {
    listServices().then(
      (list) => {
        setServices(list);
        setService((current) => current || list[0]?.id || '');
      },
      (err: unknown) => setError(errorMessage(err)),
    );
  }, []);

  const loadActive = async () => {
    try {
      const [pending, received] = await Promise.all([
        listVerifications({ status: 'pending' }),
        listVerifications({ status: 'received' }),
      ]);
      setActive([...received.items, ...pending.items].sort((a, b) => b.createdAt.localeCompare(a.createdAt)));
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  // biome-ignore lint/correctness/useExhaustiveDependencies: load once on mount
  useEffect(() => {
    void loadActive();
  }, []);

  const upsert = (v: Verification) => {
    setActive((all) =>
      all.some((a) => a.id === v.id) ? all.map((a) => (a.id === v.id ? v : a)) : [v, ...all],
    );
    if (v.status !== 'pending') setHistoryKey((k) => k + 1);
  };

  useRealtimeEvent('verification.updated', ({ verification }) => upsert(verification));

  // After a reconnect, fetch the live requests again in case an update was missed.
  useConnectionState(() => {
    for (const v of active) {
      if (v.status === 'pending' || v.status === 'received') getVerification(v.id).then(upsert, () => {});
    }
  });

  const start = async (event: FormEvent) => {
    event.preventDefault();
    if (!service) return;
    setBusy(true);
    setError('');
    try {
      const created = await createVerification(service, country || undefined, intent.current);
      intent.current = newIdempotencyKey();
      upsert(created);
      setHistoryKey((k) => k + 1);
      void reloadMe().catch(() => {});
    } catch (err) {
      setError(verificationProblem(err));
    } finally {
      setBusy(false);
    }
  };

  const nameOf = (id: string) => services.find((s) => s.id === id)?.name ?? id;
  const chosen = services.find((s) => s.id === service);
  return (
    <div className="page">
      <h1>Verifications</h1>
      <form className="card filters" onSubmit={start} aria-label="New verification">
        <div className="field">
          <label htmlFor={ids.service}>Service</label>
          <select id={ids.service} value={service} onChange={(e) => setService(e.target.value)}>
            {services.map((s) => (
              <option key={s.id} value={s.id}>
                {s.name} — {formatMoney(s.priceCents)}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor={ids.country}>Number country</label>
          <select id={ids.country} value={country} onChange={(e) => setCountry(e.target.value)}>
            <option value="">Any</option>
            {COUNTRIES.map((c) => (
              <option key={c.code} value={c.code}>
                {c.name}
              </option>
            ))}
          </select>
        </div>
        <button type="submit" disabled={busy || !service}>
          Get a number{chosen ? ` (${formatMoney(chosen.priceCents)})` : ''}
        </button>
      </form>
      <Alert>{error}</Alert>
      <div className="grid">
        {active.map((v) => (
          <ActiveVerification
            key={v.id}
            verification={v}
            serviceName={nameOf(v.service)}
            onChange={upsert}
            onReused={(next) => {
              upsert(next);
              void reloadMe().catch(() => {});
            }}
          />
        ))}
      </div>
      <History
        services={services}
        refreshKey={historyKey}
        onReused={(next) => {
          upsert(next);
          void reloadMe().catch(() => {});
        }}
      />
    </div>
  );
}
