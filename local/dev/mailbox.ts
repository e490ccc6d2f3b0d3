import * as z from 'zod';
import { readJsonLines } from '../adapters/files';
import { MAILBOX_FILE, type MailboxEntry } from '../adapters/mailbox';
import { defineDevEndpoint } from './registry';

/** GET /dev/mailbox?to= : every email the platform sent locally (verification codes included), newest first. */
export const mailboxEndpoint = defineDevEndpoint({
  method: 'GET',
  path: '/dev/mailbox',
  summary: 'Emails sent by the platform, newest first; ?to= filters by recipient.',
  query: z.object({ to: z.string().trim().min(1).max(254).optional() }),
  async handle({ query }) {
    const to = query.to?.toLowerCase();
    const entries = await readJsonLines<MailboxEntry>(MAILBOX_FILE);
    const items = entries
      .map((entry, index) => ({ entry, index }))
      .filter(({ entry }) => !to || entry.to.toLowerCase() === to)
      // Newest first; lines of equal time keep their reverse file order.
      .sort((a, b) => b.entry.sentAt.localeCompare(a.entry.sentAt) || b.index - a.index)
      .map(({ entry }) => ({ to: entry.to, subject: entry.subject, text: entry.text, sentAt: entry.sentAt }));
    return { status: 200, body: { items } };
  },
});
