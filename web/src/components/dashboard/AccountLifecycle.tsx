import { type FormEvent, useEffect, useState } from 'react';
import { type AccountExport, deleteAccount, getAccountExport, requestAccountExport } from '../../api/account';
import { ApiProblem, errorMessage } from '../../api/client';
import { setTokens } from '../../api/tokens';
import { navigate } from '../../lib/router';
import { realtime } from '../../realtime/socket';
import { Alert } from '../Alert';
import { Field } from '../Field';

const POLL_MS = 1500;

/** What the request answers (id and status), then what polling adds (the download link). */
type ExportJob = Pick<AccountExport, 'exportId' | 'status'> & Partial<AccountExport>;

/** "Export my data": asks for the export, polls until it is ready, then offers the download link. */
export function ExportData() {
  const [job, setJob] = useState<ExportJob | null>(null);
  const [error, setError] = useState('');

  useEffect(() => {
    if (job?.status !== 'pending') return;
    const timer = setTimeout(() => {
      getAccountExport(job.exportId).then(setJob, (err: unknown) => setError(errorMessage(err)));
    }, POLL_MS);
    return () => clearTimeout(timer);
  }, [job]);

  const start = async () => {
    setError('');
    try {
      setJob(await requestAccountExport());
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <section className="card" aria-labelledby="export-title">
      <h2 id="export-title">Export my data</h2>
      <p className="muted small">
        One JSON file with your profile, conversations and messages, numbers, verifications, billing ledger,
        API keys and webhooks (without their secrets) and preferences. We also email you when it is ready.
      </p>
      <Alert>{error}</Alert>
      {job?.status === 'pending' ? (
        <p role="status">Preparing your export…</p>
      ) : job?.status === 'ready' && job.downloadUrl ? (
        <p role="status" className="success">
          Your export is ready: <a href={job.downloadUrl}>Download my data</a> (the link works for 15 minutes;
          reload the page for a fresh one).
        </p>
      ) : job?.status === 'failed' ? (
        <p role="alert">The export could not be written. Please try again.</p>
      ) : null}
      <button type="button" onClick={start} disabled={job?.status === 'pending'}>
        Export my data
      </button>
    </section>
  );
}

/** "Delete account": the consequences spelt out, confirmed with the password. */
export function DeleteAccount() {
  const [password, setPassword] = useState('');
  const [understood, setUnderstood] = useState(false);
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setBusy(true);
    try {
      await deleteAccount(password);
      realtime.stop();
      setTokens(null);
      navigate('/login?deleted=1', { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiProblem && err.code === 'invalid_credentials'
          ? 'That password is not right.'
          : errorMessage(err),
      );
      setBusy(false);
    }
  };

  return (
    <section className="card" aria-labelledby="delete-title">
      <h2 id="delete-title">Delete account</h2>
      <p>Deleting your account cannot be undone. At once:</p>
      <ul className="small">
        <li>you are signed out everywhere, and your API keys and webhooks stop working.</li>
        <li>your phone numbers are cancelled and released (they cannot be bought back by you).</li>
        <li>pending verifications are cancelled and refunded to the balance.</li>
        <li>
          your profile, messages only you could see, search index, usage and activity are erased. In
          conversations with others your messages stay, shown from <strong>deleted-user</strong>.
        </li>
        <li>
          the billing ledger is kept for accounting; any remaining balance is not paid out. Your email and
          username become free to register again.
        </li>
      </ul>
      <p className="muted small">Export your data first if you want a copy.</p>
      <form onSubmit={submit} noValidate>
        <Field
          label="Password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
        />
        <label>
          <input type="checkbox" checked={understood} onChange={(e) => setUnderstood(e.target.checked)} /> I
          understand that my account and data will be deleted
        </label>
        <Alert>{error}</Alert>
        <button type="submit" className="danger" disabled={!password || !understood || busy}>
          Delete my account
        </button>
      </form>
    </section>
  );
}
