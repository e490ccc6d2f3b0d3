import type { EmailSender, OutgoingEmail } from '../../shared/platform/adapters/email';
import { appendJsonLine } from './files';

export interface MailboxEntry extends OutgoingEmail {
  readonly sentAt: string;
}

export const MAILBOX_FILE = 'mailbox.jsonl';

/** Email locally: one line per message in the data directory's mailbox (`GET /dev/mailbox`). */
export const mailbox: EmailSender = {
  async send(email) {
    await appendJsonLine(MAILBOX_FILE, { ...email, sentAt: new Date().toISOString() } satisfies MailboxEntry);
  },
};
