import { setTimeout as sleep } from 'node:timers/promises';
import { api } from './api';

export interface Email {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
  readonly sentAt: string;
}

/**
 * The newest email to `to` from /dev/mailbox, polling until one arrives (emails are written by
 * handlers, possibly a moment after the response). `since` skips older mail, e.g. a previous code.
 */
export async function latestEmail(
  to: string,
  options: { timeoutMs?: number; since?: Date } = {},
): Promise<Email> {
  const deadline = Date.now() + (options.timeoutMs ?? 5000);
  for (;;) {
    const response = await api.get<{ items: Email[] }>(`/dev/mailbox?to=${encodeURIComponent(to)}`);
    if (response.status !== 200)
      throw new Error(`GET /dev/mailbox answered ${response.status}: ${response.text}`);
    const newest = response.json.items.find(
      (email) => !options.since || new Date(email.sentAt) >= options.since,
    );
    if (newest) return newest;
    if (Date.now() > deadline)
      throw new Error(`No email to ${to} arrived within ${options.timeoutMs ?? 5000} ms`);
    await sleep(100);
  }
}

/** The first 6-digit code in an email's text (verification and reset emails). */
export function codeIn(email: Email): string {
  const code = /\b(\d{6})\b/.exec(email.text)?.[1];
  if (!code) throw new Error(`No 6-digit code in the email "${email.subject}"`);
  return code;
}
