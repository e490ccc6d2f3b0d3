import { type FormEvent, useEffect, useState } from 'react';
import { changePassword, updateMe } from '../../api/account';
import { ApiProblem, errorMessage } from '../../api/client';
import type { Profile } from '../../api/account';
import { Alert } from '../Alert';
import { Field } from '../Field';

export function ProfileForm({
  me,
  onSaved,
}: {
  readonly me: Profile;
  readonly onSaved: (p: Profile) => void;
}) {
  const [fullName, setFullName] = useState(me.fullName ?? '');
  const [username, setUsername] = useState(me.username);
  const [error, setError] = useState('');
  const [usernameError, setUsernameError] = useState('');
  const [saved, setSaved] = useState(false);

  useEffect(() => {
    setFullName(me.fullName ?? '');
    setUsername(me.username);
  }, [me]);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setUsernameError('');
    setSaved(false);
    const changes: { fullName?: string; username?: string } = {};
    if (fullName !== (me.fullName ?? '')) changes.fullName = fullName;
    if (username !== me.username) changes.username = username;
    if (Object.keys(changes).length === 0) return;
    try {
      onSaved(await updateMe(changes));
      setSaved(true);
    } catch (err) {
      if (err instanceof ApiProblem && err.code === 'username_taken')
        setUsernameError('This username is taken.');
      else setError(errorMessage(err));
    }
  };

  return (
    <section className="card" aria-labelledby="profile-title">
      <h2 id="profile-title">Profile</h2>
      <form onSubmit={submit} noValidate>
        <p className="muted small">Email: {me.email}</p>
        <Field
          label="Full name"
          value={fullName}
          onChange={(e) => setFullName(e.target.value)}
          maxLength={100}
        />
        <Field
          label="Username"
          value={username}
          onChange={(e) => setUsername(e.target.value)}
          error={usernameError || undefined}
        />
        <Alert>{error}</Alert>
        {saved ? (
          <p role="status" className="success">
            Profile saved.
          </p>
        ) : null}
        <button type="submit">Save profile</button>
      </form>
    </section>
  );
}

export function PasswordForm() {
  const [current, setCurrent] = useState('');
  const [next, setNext] = useState('');
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [done, setDone] = useState(false);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setFieldError('');
    setDone(false);
    if (next.length < 10 || !/[a-z]/.test(next) || !/[A-Z]/.test(next) || !/\d/.test(next)) {
      setFieldError('At least 10 characters with an upper-case letter, a lower-case letter and a digit.');
      return;
    }
    try {
      await changePassword(current, next);
      setCurrent('');
      setNext('');
      setDone(true);
    } catch (err) {
      setError(
        err instanceof ApiProblem && err.code === 'invalid_credentials'
          ? 'Your current password is not right.'
          : errorMessage(err),
      );
    }
  };

  return (
    <section className="card" aria-labelledby="password-title">
      <h2 id="password-title">Password</h2>
      <form onSubmit={submit} noValidate>
        <Field
          label="Current password"
          type="password"
          autoComplete="current-password"
          value={current}
          onChange={(e) => setCurrent(e.target.value)}
        />
        <Field
          label="New password"
          type="password"
          autoComplete="new-password"
          value={next}
          onChange={(e) => setNext(e.target.value)}
          error={fieldError || undefined}
        />
        <Alert>{error}</Alert>
        {done ? (
          <p role="status" className="success">
            Password changed. Your other sessions were signed out.
          </p>
        ) : null}
        <button type="submit" disabled={!current || !next}>
          Change password
        </button>
      </form>
    </section>
  );
}
