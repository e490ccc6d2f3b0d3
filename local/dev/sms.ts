import * as z from 'zod';
import { inboundSnsEvent } from '../../shared/sms/inbound';
import { readOutbox } from '../adapters/sms-outbox';
import { devInboundBody } from '../../shared/sms/schemas';
import { defineDevEndpoint } from './registry';

/** A query-string phone number: a `+` sent unencoded arrives as a space. */
const queryNumber = z
  .string()
  .max(32)
  .transform((v) => v.trim().replace(/^(?=\d)/, '+'))
  .optional();

/** GET /dev/sms/outbox?from=&to= : SMS handed to the (local) carrier, newest first. */
export const smsOutboxEndpoint = defineDevEndpoint({
  method: 'GET',
  path: '/dev/sms/outbox',
  summary: 'SMS sent to carriers, newest first; ?from= and ?to= filter.',
  query: z.object({ from: queryNumber, to: queryNumber }),
  async handle({ query }) {
    const items = await readOutbox({
      ...(query.from ? { from: query.from } : {}),
      ...(query.to ? { to: query.to } : {}),
    });
    return { status: 200, body: { items } };
  },
});

/**
 * POST /dev/sms/inbound { from, to, body, inboundMessageId? } : a carrier delivering an SMS to a
 * platform number. Builds the SNS event End User Messaging publishes and invokes the deployed
 * inbound handler (`sms/inbound`) with it; answers 202 once the handler has run.
 */
export const smsInboundEndpoint = defineDevEndpoint({
  method: 'POST',
  path: '/dev/sms/inbound',
  summary: 'Deliver an SMS to a platform number through the inbound handler (same SNS event as AWS).',
  body: devInboundBody,
  async handle({ body }, context) {
    const event = inboundSnsEvent(body);
    await context.invoke('sms/inbound', event);
    const inboundMessageId = (JSON.parse(event.Records[0]!.Sns.Message) as { inboundMessageId: string })
      .inboundMessageId;
    return { status: 202, body: { inboundMessageId } };
  },
});
