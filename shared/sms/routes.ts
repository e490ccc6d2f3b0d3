import { defineRoute } from '../http/route';
import { sendSmsBody, smsQueuedSchema } from './schemas';

export const sendSmsRoute = defineRoute({
  id: 'sendSms',
  method: 'POST',
  path: '/v1/sms',
  handler: 'sms/send-sms',
  auth: 'user-or-key',
  scope: 'sms:send',
  summary: 'Send an SMS from an owned number; stored in the conversation with `to`, sent by a queue worker.',
  body: sendSmsBody,
  idempotent: true,
  successStatus: 202,
  responses: { 202: { schema: smsQueuedSchema } },
  problems: { 402: ['insufficient_funds'], 403: ['number_not_owned'] },
});

export const smsRoutes = [sendSmsRoute] as const;
