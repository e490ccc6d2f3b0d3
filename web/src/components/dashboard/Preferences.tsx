import { useEffect, useState } from 'react';
import { getPreferences, putPreferences } from '../../api/account';
import { errorMessage } from '../../api/client';
import { type NotificationPreferences, PREFERENCE_KINDS, type PreferenceKind } from '../../api/account';
import { Alert } from '../Alert';

const LABELS: Record<PreferenceKind, string> = {
  newMessage: 'New messages',
  numberRenewal: 'Number renewals',
  verificationExpired: 'Expired verifications',
  usageWarnings: 'Usage warnings',
};

/** Which notifications arrive by email and in the app. */
export function Preferences() {
  const [prefs, setPrefs] = useState<NotificationPreferences | null>(null);
  const [error, setError] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    getPreferences().then(setPrefs, (err: unknown) => setError(errorMessage(err)));
  }, []);

  const toggle = (channel: 'email' | 'inApp', kind: PreferenceKind) => {
    setSaved(false);
    setPrefs((p) => (p ? { ...p, [channel]: { ...p[channel], [kind]: !p[channel][kind] } } : p));
  };

  const save = async () => {
    if (!prefs) return;
    setError('');
    try {
      setPrefs(await putPreferences(prefs));
      setSaved(true);
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="card" aria-labelledby="prefs-title">
      <h2 id="prefs-title">Notification preferences</h2>
      {prefs ? (
        <table className="prefs">
          <thead>
            <tr>
              <th scope="col">Notification</th>
              <th scope="col">Email</th>
              <th scope="col">In app</th>
            </tr>
          </thead>
          <tbody>
            {PREFERENCE_KINDS.map((kind) => (
              <tr key={kind}>
                <th scope="row">{LABELS[kind]}</th>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${LABELS[kind]} by email`}
                    checked={prefs.email[kind]}
                    onChange={() => toggle('email', kind)}
                  />
                </td>
                <td>
                  <input
                    type="checkbox"
                    aria-label={`${LABELS[kind]} in app`}
                    checked={prefs.inApp[kind]}
                    onChange={() => toggle('inApp', kind)}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      ) : (
        <p className="muted">Loading…</p>
      )}
      <Alert>{error}</Alert>
      {saved ? (
        <p role="status" className="success">
          Preferences saved.
        </p>
      ) : null}
      <button type="button" onClick={() => void save()} disabled={!prefs}>
        Save preferences
      </button>
    </section>
  );
}
