import { SendEmailCommand, SESv2Client } from '@aws-sdk/client-sesv2';
import { config } from '../config';
import { port } from './port';

export interface OutgoingEmail {
  readonly to: string;
  readonly subject: string;
  readonly text: string;
}

export interface EmailSender {
  send(email: OutgoingEmail): Promise<void>;
}

/** SES in AWS; the local runtime installs its mailbox (`/dev/mailbox`, local/adapters/mailbox.ts). */
let ses: SESv2Client | undefined;

const sesSender: EmailSender = {
  async send(email) {
    ses ??= new SESv2Client({ region: config('core').AWS_REGION });
    await ses.send(
      new SendEmailCommand({
        FromEmailAddress: config('email').EMAIL_FROM,
        Destination: { ToAddresses: [email.to] },
        Content: { Simple: { Subject: { Data: email.subject }, Body: { Text: { Data: email.text } } } },
      }),
    );
  },
};

export const emailSender = /* @__PURE__ */ port(() => sesSender);

export const sendEmail = (email: OutgoingEmail): Promise<void> => emailSender().send(email);
