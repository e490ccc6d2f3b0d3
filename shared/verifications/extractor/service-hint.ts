/** Resolves the caller's service hint, or guesses the sender from its name in the text. */
import { SERVICE_ALIASES, SERVICE_FORMATS } from './data/services';

export function resolveService(hint: string | undefined): string | undefined {
  if (!hint) return undefined;
  const key = hint.trim().toLowerCase();
  return SERVICE_ALIASES[key] ?? key;
}

/** Guess the sender from its name in the text, for the weaker auto-detected boost. */
export function detectService(folded: string): string | undefined {
  for (const name of Object.keys(SERVICE_FORMATS)) {
    if (folded.includes(name)) return name;
  }
  return undefined;
}
