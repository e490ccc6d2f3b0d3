import type { ReactNode } from 'react';
import { CopyButton } from './CopyButton';

/**
 * A secret the API shows once (a new API key, a webhook signing secret): the value, a copy
 * button, and "I saved it" to dismiss it.
 */
export function SecretOnce({
  children,
  value,
  label,
  copyLabel,
  onDismiss,
}: {
  /** What the secret is for, e.g. "Your new key <strong>ci</strong>." */
  readonly children: ReactNode;
  readonly value: string;
  /** Accessible name of the value, e.g. "New API key". */
  readonly label: string;
  readonly copyLabel: string;
  readonly onDismiss: () => void;
}) {
  return (
    <div className="secret" role="status">
      <p>{children} Copy it now: it will not be shown again.</p>
      <output className="mono break secret-value" aria-label={label}>
        {value}
      </output>
      <div className="row">
        <CopyButton value={value} label={copyLabel} />
        <button type="button" className="link" onClick={onDismiss}>
          I saved it
        </button>
      </div>
    </div>
  );
}
