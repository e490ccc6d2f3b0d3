import type { Schemas } from '../../../sdk/client';

export type Tokens = Pick<Schemas['Tokens'], 'accessToken' | 'refreshToken'>;

/**
 * The session's tokens, kept in localStorage so a reload stays logged in. Listeners hear
 * about every change (login, silent refresh, logout, failed refresh).
 */
const STORAGE_KEY = 'smsproj.session';

type Listener = (tokens: Tokens | null) => void;
const listeners = new Set<Listener>();

function read(): Tokens | null {
  try {
    const raw = window.localStorage.getItem(STORAGE_KEY);
    if (!raw) return null;
    const parsed: unknown = JSON.parse(raw);
    if (
      typeof parsed === 'object' &&
      parsed !== null &&
      'accessToken' in parsed &&
      'refreshToken' in parsed &&
      typeof parsed.accessToken === 'string' &&
      typeof parsed.refreshToken === 'string'
    ) {
      return { accessToken: parsed.accessToken, refreshToken: parsed.refreshToken };
    }
  } catch {
    // Corrupt or unavailable storage: treat as logged out.
  }
  return null;
}

let current: Tokens | null = read();

export const getTokens = (): Tokens | null => current;

export function setTokens(tokens: Tokens | null): void {
  current = tokens;
  try {
    if (tokens) window.localStorage.setItem(STORAGE_KEY, JSON.stringify(tokens));
    else window.localStorage.removeItem(STORAGE_KEY);
  } catch {
    // Private mode without storage: the session lives in memory only.
  }
  for (const listener of listeners) listener(tokens);
}

export function onTokensChange(listener: Listener): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

/** Another tab logged in or out. */
window.addEventListener('storage', (event) => {
  if (event.key !== STORAGE_KEY) return;
  current = read();
  for (const listener of listeners) listener(current);
});
