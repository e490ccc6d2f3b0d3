import { type FormEvent, useState } from 'react';
import { login } from '../api/auth';
import { ApiProblem, errorMessage } from '../api/client';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Link, navigate, useSearchParam } from '../lib/router';

export function LoginPage() {
  const verified = useSearchParam('verified') === '1';
  const deleted = useSearchParam('deleted') === '1';
  const [identifier, setIdentifier] = useState(useSearchParam('email') ?? '');
  const [password, setPassword] = useState('');
  const [error, setError] = useState('');
  const [unverified, setUnverified] = useState(false);
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    setUnverified(false);
    try {
      await login(identifier.trim(), password);
      navigate('/chat', { replace: true });
    } catch (err) {
      if (err instanceof ApiProblem && err.code === 'invalid_credentials') {
        setError('Wrong email, username or password.');
      } else if (err instanceof ApiProblem && err.code === 'email_not_verified') {
        setError('Please verify your email first: we sent you a code when you registered.');
        setUnverified(true);
      } else {
        setError(errorMessage(err));
      }
      setBusy(false);
    }
  };

  return (
    <main className="auth-page" id="main">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>Log in</h1>
        {verified ? (
          <p role="status" className="success">
            Your email is verified. Log in to continue.
          </p>
        ) : null}
        {deleted ? (
          <p role="status" className="success">
            Your account is being deleted. You have been signed out everywhere.
          </p>
        ) : null}
        <Field
          label="Email or username"
          name="username"
          autoComplete="username"
          value={identifier}
          onChange={(e) => setIdentifier(e.target.value)}
          required
        />
        <Field
          label="Password"
          name="password"
          type="password"
          autoComplete="current-password"
          value={password}
          onChange={(e) => setPassword(e.target.value)}
          required
        />
        <Alert>{error}</Alert>
        {unverified && identifier.includes('@') ? (
          <p>
            <Link to={`/register?verify=${encodeURIComponent(identifier.trim())}`}>
              Enter your verification code
            </Link>
          </p>
        ) : null}
        <button type="submit" disabled={busy || !identifier || !password}>
          Log in
        </button>
        <p className="muted">
          <Link to="/forgot-password">Forgot your password?</Link>
        </p>
        <p className="muted">
          New here? <Link to="/register">Create an account</Link>
        </p>
      </form>
    </main>
  );
}
