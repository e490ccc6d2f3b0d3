import { type FormEvent, useCallback, useEffect, useState } from 'react';
import { errorMessage } from '../api/client';
import {
  createWebhook,
  deleteWebhook,
  listDeliveries,
  listWebhooks,
  redeliver,
  rotateWebhookSecret,
  testWebhook,
  updateWebhook,
  WEBHOOK_EVENT_TYPES,
  type Webhook,
  type WebhookDelivery,
  type WebhookEventType,
} from '../api/webhooks';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { SecretOnce } from '../components/SecretOnce';
import { formatDateTime } from '../lib/format';

/** Developers: webhook endpoints (secret shown once), test ping, delivery log, redeliver. */
export function DevelopersPage() {
  const [hooks, setHooks] = useState<Webhook[]>([]);
  const [url, setUrl] = useState('');
  const [events, setEvents] = useState<Set<WebhookEventType>>(new Set(['sms.received']));
  const [secret, setSecret] = useState<{ url: string; secret: string } | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const [log, setLog] = useState<WebhookDelivery[]>([]);
  const [error, setError] = useState('');

  const reload = useCallback(
    () => listWebhooks().then(setHooks, (err: unknown) => setError(errorMessage(err))),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  const act = async (work: () => Promise<unknown>) => {
    setError('');
    try {
      await work();
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const showLog = async (id: string) => {
    setOpen(id);
    await act(async () => setLog(await listDeliveries(id)));
  };

  const create = (event: FormEvent) => {
    event.preventDefault();
    void act(async () => {
      const created = await createWebhook(url.trim(), [...events]);
      setSecret({ url: created.url, secret: created.secret });
      setUrl('');
    });
  };

  const toggle = (type: WebhookEventType) =>
    setEvents((all) => {
      const next = new Set(all);
      if (next.has(type)) next.delete(type);
      else next.add(type);
      return next;
    });

  return (
    <div className="page">
      <h1>Developers</h1>
      <section className="card" aria-labelledby="webhooks-title">
        <h2 id="webhooks-title">Webhooks</h2>
        <p className="muted small">
          Events are POSTed to your URL, signed with <code>SmsProj-Signature</code> (see the README for a
          receiver).
        </p>
        {secret ? (
          <SecretOnce
            value={secret.secret}
            label="Webhook signing secret"
            copyLabel="Copy secret"
            onDismiss={() => setSecret(null)}
          >
            Signing secret for <strong>{secret.url}</strong>.
          </SecretOnce>
        ) : null}
        <form onSubmit={create} noValidate>
          <Field label="Endpoint URL" value={url} onChange={(e) => setUrl(e.target.value)} maxLength={2048} />
          <fieldset className="scopes">
            <legend>Events</legend>
            {WEBHOOK_EVENT_TYPES.map((type) => (
              <label key={type} className="check">
                <input type="checkbox" checked={events.has(type)} onChange={() => toggle(type)} />
                {type}
              </label>
            ))}
          </fieldset>
          <Alert>{error}</Alert>
          <button type="submit" disabled={!url.trim() || events.size === 0}>
            Add endpoint
          </button>
        </form>
        <ul className="keys">
          {hooks.map((h) => (
            <li key={h.id} aria-labelledby={`hook-${h.id}`}>
              <div>
                <strong id={`hook-${h.id}`} className="mono break">
                  {h.url}
                </strong>
                <p className="muted small">
                  {h.events.join(', ')} ·{' '}
                  {h.enabled ? 'enabled' : `disabled${h.disabledReason ? ` (${h.disabledReason})` : ''}`} ·
                  created {formatDateTime(h.createdAt)}
                </p>
              </div>
              <div className="row">
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => void act(() => testWebhook(h.id))}
                >
                  Send test
                </button>
                <button type="button" className="secondary small" onClick={() => void showLog(h.id)}>
                  Deliveries
                </button>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() =>
                    void act(async () =>
                      setSecret({ url: h.url, secret: (await rotateWebhookSecret(h.id)).secret }),
                    )
                  }
                >
                  Rotate secret
                </button>
                <button
                  type="button"
                  className="secondary small"
                  onClick={() => void act(() => updateWebhook(h.id, { enabled: !h.enabled }))}
                >
                  {h.enabled ? 'Disable' : 'Enable'}
                </button>
                <button
                  type="button"
                  className="danger small"
                  onClick={() => void act(() => deleteWebhook(h.id))}
                >
                  Delete
                </button>
              </div>
            </li>
          ))}
        </ul>
      </section>
      {open ? (
        <section className="card" aria-labelledby="deliveries-title">
          <h2 id="deliveries-title">Deliveries</h2>
          <button type="button" className="secondary small" onClick={() => void showLog(open)}>
            Refresh
          </button>
          <table>
            <thead>
              <tr>
                <th>Event</th>
                <th>Status</th>
                <th>Attempts</th>
                <th>Last code</th>
                <th>Next attempt</th>
                <th />
              </tr>
            </thead>
            <tbody>
              {log.map((d) => (
                <tr key={d.id}>
                  <td>
                    {d.type} <code className="mono small">{d.eventId}</code>
                  </td>
                  <td>{d.status}</td>
                  <td>{d.attempts}</td>
                  <td>{d.lastStatusCode ?? d.lastError ?? '—'}</td>
                  <td>{d.nextAttemptAt ? formatDateTime(d.nextAttemptAt) : '—'}</td>
                  <td>
                    <button
                      type="button"
                      className="secondary small"
                      onClick={() =>
                        void act(async () => {
                          await redeliver(open, d.id);
                          setLog(await listDeliveries(open));
                        })
                      }
                    >
                      Redeliver
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </section>
      ) : null}
    </div>
  );
}
