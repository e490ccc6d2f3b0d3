import { type FormEvent, useEffect, useId, useRef, useState } from 'react';
import { ApiProblem, errorMessage } from '../../api/client';
import { createConversation } from '../../api/conversations';
import { listOwned } from '../../api/numbers';
import type { Conversation } from '../../api/conversations';
import type { OwnedNumber } from '../../api/numbers';
import { Link } from '../../lib/router';
import { Alert } from '../Alert';
import { Field } from '../Field';

interface Props {
  readonly open: boolean;
  readonly onClose: () => void;
  readonly onCreated: (conversation: Conversation) => void;
}

const PHONE = /^\+?[\d\s().-]{6,20}$/;

/** Start a chat (one or more usernames) or an SMS conversation (a phone number, sent from a number you own). */
export function NewConversationDialog({ open, onClose, onCreated }: Props) {
  const dialog = useRef<HTMLDialogElement>(null);
  const titleId = useId();
  const selectId = useId();
  const [to, setTo] = useState('');
  const [title, setTitle] = useState('');
  const [fromNumber, setFromNumber] = useState('');
  const [numbers, setNumbers] = useState<OwnedNumber[] | null>(null);
  const [error, setError] = useState('');
  const [fieldError, setFieldError] = useState('');
  const [busy, setBusy] = useState(false);
  const isPhone = PHONE.test(to.trim());

  useEffect(() => {
    const el = dialog.current;
    if (!el) return;
    if (open && !el.open) el.showModal();
    if (!open && el.open) el.close();
  }, [open]);

  useEffect(() => {
    if (!open || !isPhone || numbers !== null) return;
    listOwned().then(
      (page) => {
        const active = page.items.filter((n) => n.status !== 'expired');
        setNumbers(active);
        setFromNumber((current) => current || active[0]?.phoneNumber || '');
      },
      () => setNumbers([]),
    );
  }, [open, isPhone, numbers]);

  const reset = () => {
    setTo('');
    setTitle('');
    setError('');
    setFieldError('');
    setNumbers(null);
  };

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setError('');
    setFieldError('');
    const value = to.trim();
    let participants: Array<{ username: string } | { phoneNumber: string }>;
    if (isPhone) {
      const phoneNumber = value.replace(/[\s().-]/g, '');
      if (!phoneNumber.startsWith('+')) {
        setFieldError('Use the international format, e.g. +14155550123.');
        return;
      }
      if (!fromNumber) {
        setError('Choose a number to send from (buy one on the Numbers page).');
        return;
      }
      participants = [{ phoneNumber }];
    } else {
      const names = value
        .split(/[\s,]+/)
        .map((n) => n.replace(/^@/, ''))
        .filter(Boolean);
      if (names.length === 0) {
        setFieldError('Enter a username or a phone number.');
        return;
      }
      participants = names.map((username) => ({ username }));
    }
    setBusy(true);
    try {
      const created = await createConversation({
        participants,
        ...(title.trim() ? { title: title.trim() } : {}),
        ...(isPhone ? { fromNumber } : {}),
      });
      reset();
      onCreated(created);
    } catch (err) {
      if (err instanceof ApiProblem && (err.status === 404 || err.code === 'not_found')) {
        setFieldError('No user with that username.');
      } else if (err instanceof ApiProblem && err.code === 'number_not_owned') {
        setError('You can only send from a number you own.');
      } else setError(errorMessage(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <dialog
      ref={dialog}
      className="dialog"
      aria-labelledby={titleId}
      onClose={() => {
        reset();
        onClose();
      }}
    >
      <form onSubmit={submit} noValidate>
        <h2 id={titleId}>New conversation</h2>
        <Field
          label="Username or phone number"
          value={to}
          onChange={(e) => setTo(e.target.value)}
          error={fieldError || undefined}
          hint="Several usernames separated by commas start a group chat; a phone number (+1…) starts an SMS conversation."
          autoFocus
          required
        />
        <Field
          label="Title (optional)"
          value={title}
          onChange={(e) => setTitle(e.target.value)}
          maxLength={100}
        />
        {isPhone ? (
          numbers === null ? (
            <p className="muted">Loading your numbers…</p>
          ) : numbers.length === 0 ? (
            <p className="muted">
              To text a phone you need a number of your own. <Link to="/numbers">Buy one</Link>.
            </p>
          ) : (
            <div className="field">
              <label htmlFor={selectId}>Send from</label>
              <select id={selectId} value={fromNumber} onChange={(e) => setFromNumber(e.target.value)}>
                {numbers.map((n) => (
                  <option key={n.phoneNumber} value={n.phoneNumber}>
                    {n.phoneNumber}
                  </option>
                ))}
              </select>
            </div>
          )
        ) : null}
        <Alert>{error}</Alert>
        <div className="row end">
          <button type="button" className="secondary" onClick={() => dialog.current?.close()}>
            Cancel
          </button>
          <button type="submit" disabled={busy || !to.trim()}>
            Start conversation
          </button>
        </div>
      </form>
    </dialog>
  );
}
