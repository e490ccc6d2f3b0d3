import { useState } from 'react';

/** Copies `value`; falls back to selecting nothing but saying so when the clipboard is unavailable. */
export function CopyButton({ value, label }: { readonly value: string; readonly label: string }) {
  const [state, setState] = useState<'idle' | 'copied' | 'failed'>('idle');
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(value);
      setState('copied');
    } catch {
      setState('failed');
    }
    window.setTimeout(() => setState('idle'), 2000);
  };
  return (
    <button type="button" className="secondary small" onClick={copy}>
      {label}
      <span aria-live="polite" className="copy-state">
        {state === 'copied' ? ' ✓ Copied' : state === 'failed' ? ' (copy it by hand)' : ''}
      </span>
    </button>
  );
}
