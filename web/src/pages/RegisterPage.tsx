import { type FormEvent, useState } from 'react';
import { register, resendVerification, verifyEmail } from '../api/auth';
import { ApiProblem, errorMessage } from '../api/client';
import { Alert } from '../components/Alert';
import { Field } from '../components/Field';
import { Link, navigate, useSearchParam } from '../lib/router';

type Fields = 'email' | 'username' | 'password' | 'fullName';
type FieldErrors = Partial<Record<Fields, string>>;

const USERNAME = /^[a-z0-9_]{3,30}$/i;

/** The same rules the API applies, checked first so mistakes show up next to the field at once. */
function validate(values: Record<Fields, string>): FieldErrors {
  const errors: FieldErrors = {};
  if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(values.email)) errors.email = 'Enter a valid email address.';
  if (!USERNAME.test(values.username)) errors.username = '3–30 letters, digits or underscores.';
  const p = values.password;
  if (p.length < 10 || !/[a-z]/.test(p) || !/[A-Z]/.test(p) || !/\d/.test(p)) {
    errors.password = 'At least 10 characters with an upper-case letter, a lower-case letter and a digit.';
  }
  if (values.fullName.length > 100) errors.fullName = 'At most 100 characters.';
  return errors;
}

export function RegisterPage() {
  const [values, setValues] = useState<Record<Fields, string>>({
    email: '',
    username: '',
    password: '',
    fullName: '',
  });
  const [errors, setErrors] = useState<FieldErrors>({});
  const [serverError, setServerError] = useState('');
  const [busy, setBusy] = useState(false);
  // ?verify=<email>: back to the code step (e.g. from the login page), without registering again.
  const [registeredEmail, setRegisteredEmail] = useState<string | null>(useSearchParam('verify'));

  const set = (field: Fields) => (event: { target: { value: string } }) =>
    setValues((v) => ({ ...v, [field]: event.target.value }));

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setServerError('');
    const found = validate(values);
    setErrors(found);
    if (Object.keys(found).length > 0) return;
    setBusy(true);
    try {
      const email = values.email.trim();
      await register({
        email,
        username: values.username.trim(),
        password: values.password,
        ...(values.fullName.trim() ? { fullName: values.fullName.trim() } : {}),
      });
      setRegisteredEmail(email);
    } catch (err) {
      if (err instanceof ApiProblem && err.code === 'email_taken')
        setErrors({ email: 'This email is already registered.' });
      else if (err instanceof ApiProblem && err.code === 'username_taken')
        setErrors({ username: 'This username is taken.' });
      else if (err instanceof ApiProblem && err.errors.length > 0) {
        const fromServer: FieldErrors = {};
        for (const e of err.errors) {
          const field = e.path.replace(/^\/?(body[./])?/, '') as Fields;
          if (field in values) fromServer[field] = e.message;
        }
        setErrors(fromServer);
        if (Object.keys(fromServer).length === 0) setServerError(err.message);
      } else setServerError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  if (registeredEmail) return <VerifyStep email={registeredEmail} />;

  return (
    <main className="auth-page" id="main">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>Create your account</h1>
        <Field
          label="Email"
          type="email"
          autoComplete="email"
          value={values.email}
          onChange={set('email')}
          error={errors.email}
          required
        />
        <Field
          label="Username"
          autoComplete="username"
          value={values.username}
          onChange={set('username')}
          error={errors.username}
          hint="Others find you by it: letters, digits and underscores."
          required
        />
        <Field
          label="Password"
          type="password"
          autoComplete="new-password"
          value={values.password}
          onChange={set('password')}
          error={errors.password}
          hint="10+ characters, upper- and lower-case letters and a digit."
          required
        />
        <Field
          label="Full name"
          autoComplete="name"
          value={values.fullName}
          onChange={set('fullName')}
          error={errors.fullName}
        />
        <Alert>{serverError}</Alert>
        <button type="submit" disabled={busy}>
          Create account
        </button>
        <p className="muted">
          Already registered? <Link to="/login">Log in</Link>
        </p>
      </form>
    </main>
  );
}

function VerifyStep({ email }: { readonly email: string }) {
  const [code, setCode] = useState('');
  const [error, setError] = useState('');
  const [info, setInfo] = useState('');
  const [busy, setBusy] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setBusy(true);
    setError('');
    try {
      await verifyEmail(email, code.trim());
      navigate(`/login?verified=1&email=${encodeURIComponent(email)}`, { replace: true });
    } catch (err) {
      setError(
        err instanceof ApiProblem && err.code === 'invalid_code'
          ? 'That code is not right.'
          : errorMessage(err),
      );
      setBusy(false);
    }
  };

  const resend = async () => {
    setError('');
    try {
      await resendVerification(email);
      setInfo('We sent a new code.');
    } catch (err) {
      setError(errorMessage(err));
    }
  };

  return (
    <main className="auth-page" id="main">
      <form className="card auth-card" onSubmit={submit} noValidate>
        <h1>Check your email</h1>
        <p>
          We sent a 6-digit code to <strong>{email}</strong>.
        </p>
        <Field
          label="Verification code"
          inputMode="numeric"
          autoComplete="one-time-code"
          maxLength={6}
          value={code}
          onChange={(e) => setCode(e.target.value)}
          autoFocus
          required
        />
        <Alert>{error}</Alert>
        {info ? (
          <p role="status" className="success">
            {info}
          </p>
        ) : null}
        <button type="submit" disabled={busy || code.trim().length === 0}>
          Verify
        </button>
        <button type="button" className="link" onClick={resend}>
          Send a new code
        </button>
      </form>
    </main>
  );
}
