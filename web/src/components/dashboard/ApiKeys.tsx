import { type FormEvent, useCallback, useEffect, useRef, useState } from 'react';
import { createApiKey, listApiKeys, revokeApiKey, rotateApiKey } from '../../api/account';
import { errorMessage, newIdempotencyKey } from '../../api/client';
import { type ApiKey, type Scope, SCOPES } from '../../api/account';
import { formatDateTime } from '../../lib/format';
import { Alert } from '../Alert';
import { Field } from '../Field';
import { SecretOnce } from '../SecretOnce';

/** API keys: create with scopes (the secret is shown once), rotate, revoke. */
export function ApiKeys() {
  const [keys, setKeys] = useState<ApiKey[]>([]);
  const [name, setName] = useState('');
  const [scopes, setScopes] = useState<Set<Scope>>(new Set(['messages:read']));
  const [secret, setSecret] = useState<{ name: string; key: string } | null>(null);
  const [error, setError] = useState('');
  const intent = useRef(newIdempotencyKey());

  const reload = useCallback(
    () => listApiKeys().then(setKeys, (err: unknown) => setError(errorMessage(err))),
    [],
  );
  useEffect(() => {
    void reload();
  }, [reload]);

  const create = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    try {
      const created = await createApiKey(name.trim(), [...scopes], intent.current);
      intent.current = newIdempotencyKey();
      // A replayed creation carries no secret (it is shown once).
      if (created.key) setSecret({ name: created.name, key: created.key });
      setName('');
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const rotate = async (key: ApiKey) => {
    setError('');
    try {
      const rotated = await rotateApiKey(key.id);
      if (rotated.key) setSecret({ name: key.name, key: rotated.key });
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const revoke = async (key: ApiKey) => {
    setError('');
    try {
      await revokeApiKey(key.id);
      await reload();
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  const toggle = (scope: Scope) =>
    setScopes((all) => {
      const next = new Set(all);
      if (next.has(scope)) next.delete(scope);
      else next.add(scope);
      return next;
    });

  return (
    <section className="card" aria-labelledby="keys-title">
      <h2 id="keys-title">API keys</h2>
      {secret ? (
        <SecretOnce
          value={secret.key}
          label="New API key"
          copyLabel="Copy key"
          onDismiss={() => setSecret(null)}
        >
          Your new key <strong>{secret.name}</strong>.
        </SecretOnce>
      ) : null}
      <form onSubmit={create} noValidate>
        <Field label="Key name" value={name} onChange={(e) => setName(e.target.value)} maxLength={64} />
        <fieldset className="scopes">
          <legend>Scopes</legend>
          {SCOPES.map((scope) => (
            <label key={scope} className="check">
              <input type="checkbox" checked={scopes.has(scope)} onChange={() => toggle(scope)} />
              {scope}
            </label>
          ))}
        </fieldset>
        <Alert>{error}</Alert>
        <button type="submit" disabled={!name.trim() || scopes.size === 0}>
          Create key
        </button>
      </form>
      {keys.length > 0 ? (
        <ul className="keys">
          {keys
            .filter((k) => k.status !== 'revoked')
            .map((k) => (
              <li key={k.id} aria-labelledby={`key-${k.id}`}>
                <div>
                  <strong id={`key-${k.id}`}>{k.name}</strong> <code className="mono">{k.prefix}…</code>
                  <p className="muted small">
                    {k.scopes.join(', ')} · created {formatDateTime(k.createdAt)} ·{' '}
                    {k.lastUsedAt ? `last used ${formatDateTime(k.lastUsedAt)}` : 'never used'}
                  </p>
                </div>
                <div className="row">
                  <button type="button" className="secondary small" onClick={() => void rotate(k)}>
                    Rotate
                  </button>
                  <button type="button" className="danger small" onClick={() => void revoke(k)}>
                    Revoke
                  </button>
                </div>
              </li>
            ))}
        </ul>
      ) : null}
    </section>
  );
}
