import { type FormEvent, useState } from 'react';
import { forgotPassword, resetPassword } from '../api/auth';
import { ApiProblem, errorMessage } from '../api/client';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Link, navigate } from '../lib/router';

const STRONG = (p: string) => p.length >= 10 && /[a-z]/.test(p) && /[A-Z]/.test(p) && /\d/.test(p);

/** Forgotten password: a code by email, then a new password. */
export function ForgotPasswordPage() {
  const [email, setEmail] = useState('');
  const [sent, setSent] = useState(false);
  const [code, setCode] = useState('');
  const [password, setPassword] = useState('');
  const [passwordError, setPasswordError] = useState('');
  const [error, setError] = useState('');
  const [busy, setBusy] = useState(false);

  const request = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await forgotPassword(email.trim());
      setSent(true);
    } catch (err) {
      setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  const reset = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setPasswordError('');
    if (!STRONG(password)) {
      setPasswordError('At least 10 characters with an upper-case letter, a lower-case letter and a digit.');
      return;
    }
    setBusy(true);
    try {
      await resetPassword(email.trim(), code.trim(), password);
      navigate(`/login?email=${encodeURIComponent(email.trim())}`, { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiProblem && err.code === 'invalid_code'
          ? 'That code is not right.'
          : errorMessage(err),
      );
      setBusy(false);
    }
  };

  return (
    <main className="auth-page" id="main">
      {sent ? (
        <form className="card auth-card" onSubmit={reset} noValidate>
          <h1>Choose a new password</h1>
          <p>
            If <strong>{email}</strong> has an account, we emailed it a code.
          </p>
          <Field
            label="Reset code"
            inputMode="numeric"
            autoComplete="one-time-code"
            value={code}
            onChange={(e) => setCode(e.target.value)}
          />
          <Field
            label="New password"
            type="password"
            autoComplete="new-password"
            value={password}
            onChange={(e) => setPassword(e.target.value)}
            error={passwordError || undefined}
          />
          <Alert>{error}</Alert>
          <button type="submit" disabled={busy || !code || !password}>
            Set new password
          </button>
        </form>
      ) : (
        <form className="card auth-card" onSubmit={request} noValidate>
          <h1>Forgot your password?</h1>
          <Field
            label="Email"
            type="email"
            autoComplete="email"
            value={email}
            onChange={(e) => setEmail(e.target.value)}
          />
          <Alert>{error}</Alert>
          <button type="submit" disabled={busy || !email.includes('@')}>
            Send reset code
          </button>
          <p className="muted">
            <Link to="/login">Back to log in</Link>
          </p>
        </form>
      )}
    </main>
  );
}
