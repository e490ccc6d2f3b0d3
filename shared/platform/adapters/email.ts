import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { config, isLocal } from '../config';
import { appendJsonLine } from './local-files';

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface MailboxEntry extends OutgoingEmail {
  readonly sentAt: string;
}

export const MAILBOX_FILE = 'mailbox.jsonl';

let ses: SESv2Client | undefined;

/** Sends an email: SES in AWS, the local mailbox (`/dev/mailbox`) in the local runtime. */
export async function sendEmail(email: OutgoingEmail): Promise<void> {
  if (isLocal()) {
    await appendJsonLine(MAILBOX_FILE, { ...email, sentAt: new Date().toISOString() } satisfies MailboxEntry);
    return;
  }
  ses ??= new SESv2Client({ region: config('core').AWS_REGION });
  await ses.send(
    new SendEmailCommand({
      FromEmailAddress: config('email').EMAIL_FROM,
      Destination: { ToAddresses: [email.to] },
      Content: { Simple: { Subject: { Data: email.subject }, Body: { Text: { Data: email.text } } } },
    }),
  );
}
